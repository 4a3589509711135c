//! Reading a PDF file on the command line: every character with its
//! position and size, and the lines and rectangles drawn, from the
//! `pdf-extract` crate (fonts' `ToUnicode` maps, CID fonts as Word, WPS and
//! `LibreOffice` embed them), handed to [`super::pages_to_text`].

use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

use pdf_extract::{MediaBox, OutputDev, OutputError, Path, PathOp, Transform};

use super::{PdfPage, TextItem};

/// Why a PDF file gave no text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PdfError {
    /// Not a PDF that can be read: damaged, cut short, or made in a way
    /// this reader does not follow.
    Damaged,
    /// Protected by a password.
    Encrypted,
    /// No text on its pages: a scan.
    NoText,
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PdfError::Damaged => {
                "PDF 文件已损坏或不完整（可能没有下载完），无法读取。请重新下载，或在网页版中打开，或复制文字粘贴"
            }
            PdfError::Encrypted => {
                "PDF 文件有密码保护，无法读取。请先去除密码保护或复制文字粘贴"
            }
            PdfError::NoText => {
                "PDF 中没有可读的文字：扫描件没有文字层，请用原始 Word 文件或复制文字粘贴"
            }
        })
    }
}

impl std::error::Error for PdfError {}

/// Collects each page's characters and lines.
#[derive(Default)]
struct Collect {
    pages: Vec<PdfPage>,
    page: Option<PdfPage>,
    chars: usize,
}

/// Most characters read from one file (a report has some tens of thousands).
const MAX_CHARS: usize = 2_000_000;

impl Collect {
    fn add_path(&mut self, ctm: &Transform, path: &Path) {
        let Some(page) = self.page.as_mut() else {
            return;
        };
        if page.segments.len() > 20_000 {
            return;
        }
        let at = |x: f64, y: f64| {
            (
                x * ctm.m11 + y * ctm.m21 + ctm.m31,
                x * ctm.m12 + y * ctm.m22 + ctm.m32,
            )
        };
        let mut current: Option<(f64, f64)> = None;
        let mut start: Option<(f64, f64)> = None;
        for op in &path.ops {
            match *op {
                PathOp::MoveTo(x, y) => {
                    current = Some(at(x, y));
                    start = current;
                }
                PathOp::LineTo(x, y) => {
                    let p = at(x, y);
                    if let Some(c) = current {
                        page.segments.push(super::Segment {
                            x0: c.0,
                            y0: c.1,
                            x1: p.0,
                            y1: p.1,
                        });
                    }
                    current = Some(p);
                }
                PathOp::CurveTo(_, _, _, _, x, y) => current = Some(at(x, y)),
                PathOp::Rect(x, y, w, h) => {
                    let (a, b) = (at(x, y), at(x + w, y + h));
                    page.add_rect(a.0, a.1, b.0 - a.0, b.1 - a.1);
                }
                PathOp::Close => {
                    if let (Some(c), Some(s)) = (current, start) {
                        page.segments.push(super::Segment {
                            x0: c.0,
                            y0: c.1,
                            x1: s.0,
                            y1: s.1,
                        });
                    }
                    current = start;
                }
            }
        }
    }
}

impl OutputDev for Collect {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        if let Some(p) = self.page.take() {
            self.pages.push(p);
        }
        self.page = Some(PdfPage {
            width: media_box.urx - media_box.llx,
            height: media_box.ury - media_box.lly,
            ..PdfPage::default()
        });
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        if let Some(p) = self.page.take() {
            self.pages.push(p);
        }
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        if self.chars >= MAX_CHARS {
            return Ok(());
        }
        let Some(page) = self.page.as_mut() else {
            return Ok(());
        };
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = font_size * scale;
        let text: String = char.chars().filter(|c| !c.is_control()).collect();
        if text.is_empty() {
            return Ok(());
        }
        self.chars += 1;
        page.items.push(TextItem {
            text,
            x: trm.m31,
            y: trm.m32,
            width: width * font_size * scale,
            height: size,
            font_size: size,
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn stroke(
        &mut self,
        ctm: &Transform,
        _colorspace: &pdf_extract::ColorSpace,
        _color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        self.add_path(ctm, path);
        Ok(())
    }

    fn fill(
        &mut self,
        ctm: &Transform,
        colorspace: &pdf_extract::ColorSpace,
        color: &[f64],
        path: &Path,
    ) -> Result<(), OutputError> {
        // A filled thin rectangle is a ruling line as much as a stroked one.
        self.stroke(ctm, colorspace, color, path)
    }
}

/// The pages of a PDF file: characters and lines, as [`super::pages_to_text`]
/// takes them.
///
/// # Errors
///
/// [`PdfError::Damaged`] when the file cannot be parsed, [`PdfError::Encrypted`]
/// when it needs a password.
pub fn read_pages(bytes: &[u8]) -> Result<Vec<PdfPage>, PdfError> {
    // The parser is not free of panics on broken files: a panic is a damaged file.
    let result = catch_unwind(AssertUnwindSafe(|| {
        let mut doc = match lopdf::Document::load_mem(bytes) {
            Ok(doc) => doc,
            Err(_) if contains(bytes, b"/Encrypt") => return Err(PdfError::Encrypted),
            Err(_) => return Err(PdfError::Damaged),
        };
        if doc.is_encrypted() && doc.decrypt("").is_err() {
            return Err(PdfError::Encrypted);
        }
        let mut out = Collect::default();
        let done = pdf_extract::output_doc(&doc, &mut out);
        if let Some(p) = out.page.take() {
            out.pages.push(p);
        }
        if done.is_err() && out.pages.iter().all(|p| p.items.is_empty()) {
            return Err(PdfError::Damaged);
        }
        Ok(out.pages)
    }));
    result.unwrap_or(Err(PdfError::Damaged))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The text of a PDF file, as the checker reads it.
///
/// # Errors
///
/// A [`PdfError`] when the file cannot be read or holds no text.
pub fn pdf_to_text(bytes: &[u8]) -> Result<String, PdfError> {
    let pages = read_pages(bytes)?;
    let chars: usize = pages.iter().map(|p| p.items.len()).sum();
    if chars < 20.max(10 * pages.len()) / 2 {
        return Err(PdfError::NoText);
    }
    let text = super::pages_to_text(&pages);
    if text.trim().is_empty() {
        return Err(PdfError::NoText);
    }
    Ok(text)
}
