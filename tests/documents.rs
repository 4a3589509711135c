//! Word documents and web pages read as the text fixtures they are made from.
//!
//! Every `tests/fixtures/*.txt` is turned, during the test, into a `.docx`
//! (paragraphs for narrative lines, a `w:tbl` for each run of tab-separated
//! lines, with `w:gridSpan` for header cells and `w:vMerge` for group labels
//! such as （三）不予公开) and into web pages (tables with `rowspan` and
//! `colspan`; a GBK page with `<meta charset="gbk">`; the report inside a
//! government site's navigation). Reading each with `read_document` and
//! checking it must give exactly what checking the `.txt` gives: the same
//! tables (every cell's text, value and unit), the same findings (code,
//! severity, cell, expected, actual) and the same title, year, sections and
//! signature. Then every error path.

use std::fmt::Write as _;
use std::io::Write as _;

use xxgk::docx::{docx_to_text, Container, DocxError};
use xxgk::input::{read_document, DocKind, InputError};
use xxgk::{check, Cell, Options, Report};

mod common;
use common::pages::{
    fixtures, html_body, html_page, html_text, merges, parts, xml_escape, Part, Pos,
};

/// Everything a reader must keep: the report without spans and messages.
fn summary(r: &Report) -> String {
    let mut s = String::new();
    let cell = |c: &Cell| format!("{:?}={:?}{:?}", c.text, c.value, c.unit);
    writeln!(
        s,
        "template {:?} year {:?} agency {:?} date {:?} period {:?}",
        r.template,
        r.year,
        r.agency,
        r.date,
        r.period.as_ref().map(|p| (&p.start, &p.end))
    )
    .unwrap();
    for sec in &r.sections {
        writeln!(s, "section {} {}", sec.number, sec.title).unwrap();
    }
    for (name, rows) in [
        ("active", &r.tables.active),
        ("applications", &r.tables.applications),
    ] {
        if let Some(rows) = rows {
            for (key, cells) in &rows.0 {
                let cells: Vec<String> = cells.iter().map(cell).collect();
                writeln!(s, "{name}.{key}: {}", cells.join(" ")).unwrap();
            }
        }
    }
    if let Some(cells) = &r.tables.review {
        let cells: Vec<String> = cells.iter().map(cell).collect();
        writeln!(s, "review: {}", cells.join(" ")).unwrap();
    }
    for d in &r.diagnostics {
        writeln!(
            s,
            "{} {:?} {:?} expected {:?} actual {:?}",
            d.code, d.severity, d.cell, d.expected, d.actual
        )
        .unwrap();
    }
    s
}

fn checked(text: &str) -> String {
    summary(&check(text, &Options::default()))
}

/// Compare every fixture's conversion; report all differences at once.
fn assert_all_same(what: &str, convert: impl Fn(&str, &str) -> Vec<u8>, file: &str, kind: DocKind) {
    let mut failures = String::new();
    for (name, text) in fixtures() {
        let bytes = convert(&name, &text);
        let doc = match read_document(&bytes, file) {
            Ok(doc) => doc,
            Err(e) => {
                writeln!(failures, "{name}: {what} not read: {e}").unwrap();
                continue;
            }
        };
        assert_eq!(doc.kind, kind, "{name}");
        let want = checked(&text);
        let got = checked(&doc.text);
        if want != got {
            writeln!(
                failures,
                "== {name} ({what}) ==\n-- from .txt:\n{want}\n-- from {what}:\n{got}\n-- text read:\n{}",
                doc.text
            )
            .unwrap();
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

// ---- .docx ----------------------------------------------------------------------

fn w_p(text: &str) -> String {
    if text.is_empty() {
        return "<w:p/>".to_string();
    }
    // Split into two runs, as Word does at formatting changes.
    let cut = text
        .char_indices()
        .nth(text.chars().count() / 2)
        .map_or(0, |(i, _)| i);
    format!(
        "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        xml_escape(&text[..cut]),
        xml_escape(&text[cut..])
    )
}

fn w_tbl(rows: &[Vec<String>]) -> String {
    let pos = merges(rows);
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut x =
        String::from("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>");
    for _ in 0..width {
        x.push_str("<w:gridCol w:w=\"900\"/>");
    }
    x.push_str("</w:tblGrid>");
    for (r, row) in rows.iter().enumerate() {
        x.push_str("<w:tr>");
        for (i, p) in pos[r].iter().enumerate() {
            let (cols, merge, text) = match *p {
                Pos::Left => continue,
                Pos::Anchor { cols, rows } => (
                    cols,
                    if rows > 1 {
                        "<w:vMerge w:val=\"restart\"/>"
                    } else {
                        ""
                    },
                    row[i].as_str(),
                ),
                Pos::Above { cols } => (cols, "<w:vMerge/>", ""),
            };
            let span = if cols > 1 {
                format!("<w:gridSpan w:val=\"{cols}\"/>")
            } else {
                String::new()
            };
            write!(
                x,
                "<w:tc><w:tcPr><w:tcW w:w=\"900\" w:type=\"dxa\"/>{span}{merge}</w:tcPr>{}</w:tc>",
                w_p(text.trim())
            )
            .unwrap();
        }
        x.push_str("</w:tr>");
    }
    x.push_str("</w:tbl>");
    x
}

fn document_xml(text: &str) -> String {
    let mut body = String::new();
    for part in parts(text) {
        match part {
            Part::Line(l) => body.push_str(&w_p(&l)),
            Part::Table(rows) => body.push_str(&w_tbl(&rows)),
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>{body}<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId9\"/><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

fn rels(target: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{target}"/></Relationships>"#
    )
}

const HEADER: &str = r#"<?xml version="1.0" encoding="UTF-8"?><w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>页眉：2099年政府信息公开工作年度报告 第1页</w:t></w:r></w:p></w:hdr>"#;

/// A ZIP archive of the given entries (deflated unless `stored`).
fn zip_of(entries: &[(&str, &[u8])], stored: bool) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let method = if stored {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        let opts = zip::write::SimpleFileOptions::default().compression_method(method);
        for (name, data) in entries {
            z.start_file(*name, opts).unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

fn docx_with(document: &str, main: &str, stored: bool) -> Vec<u8> {
    let rels = rels(main);
    zip_of(
        &[
            ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
            ("_rels/.rels", rels.as_bytes()),
            (main, document.as_bytes()),
            ("word/header1.xml", HEADER.as_bytes()),
        ],
        stored,
    )
}

fn docx(text: &str) -> Vec<u8> {
    docx_with(&document_xml(text), "word/document.xml", false)
}

#[test]
fn docx_reads_as_the_text_fixture() {
    assert_all_same("docx", |_, t| docx(t), "报告.docx", DocKind::Docx);
}

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="3"><w:multiLevelType w:val="multilevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num></w:numbering>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style></w:styles>"#;

/// The body with the headings 一、… and items （一）… numbered by Word
/// (a heading style with a list, and direct list paragraphs) wherever they
/// follow in order, as Word and WPS do when one types 一、 and presses Enter.
fn numbered_document_xml(text: &str) -> String {
    const NUMS: &str = "一二三四五六七八九";
    let mut body = String::new();
    let (mut heading, mut item) = (0, 0);
    for part in parts(text) {
        let line = match part {
            Part::Table(rows) => {
                body.push_str(&w_tbl(&rows));
                continue;
            }
            Part::Line(l) => l,
        };
        let mut chars = line.chars();
        let first = chars.next().and_then(|c| NUMS.find(c)).map(|i| i / 3 + 1);
        if first == Some(heading + 1) && chars.next() == Some('、') {
            heading += 1;
            item = 0;
            let rest: String = line.chars().skip(2).collect();
            let p = w_p(&rest).replacen("<w:pPr>", "<w:pPr><w:pStyle w:val=\"1\"/>", 1);
            body.push_str(&p);
            continue;
        }
        let mut chars = line.chars();
        let open = chars.next() == Some('（');
        let n = chars.next().and_then(|c| NUMS.find(c)).map(|i| i / 3 + 1);
        if open && heading > 0 && n == Some(item + 1) && chars.next() == Some('）') {
            item += 1;
            let rest: String = line.chars().skip(3).collect();
            let p = w_p(&rest).replacen(
                "<w:pPr>",
                "<w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"7\"/></w:numPr>",
                1,
            );
            body.push_str(&p);
            continue;
        }
        body.push_str(&w_p(&line));
    }
    document_xml("").replace("<w:body>", &format!("<w:body>{body}"))
}

#[test]
fn docx_automatic_numbering_reads_as_typed() {
    let mut numbered = 0;
    assert_all_same(
        "numbered docx",
        |_, t| {
            let xml = numbered_document_xml(t);
            let rels = rels("word/document.xml");
            zip_of(
                &[
                    ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
                    ("_rels/.rels", rels.as_bytes()),
                    ("word/document.xml", xml.as_bytes()),
                    ("word/numbering.xml", NUMBERING.as_bytes()),
                    ("word/styles.xml", STYLES.as_bytes()),
                ],
                false,
            )
        },
        "报告.docx",
        DocKind::Docx,
    );
    for (_, text) in fixtures() {
        numbered += numbered_document_xml(&text).matches("<w:pStyle").count();
    }
    assert!(numbered > 50, "headings numbered: {numbered}");
}

#[test]
fn docx_stored_and_renamed_main_part() {
    // Stored (not deflated), the main part under another name, a .wps name.
    let (_, text) = fixtures()
        .into_iter()
        .find(|(n, _)| n == "clean_2021_tabs")
        .unwrap();
    let bytes = docx_with(&document_xml(&text), "word/document2.xml", true);
    let doc = read_document(&bytes, "报告.wps").unwrap();
    assert_eq!(doc.kind, DocKind::Docx);
    assert_eq!(checked(&doc.text), checked(&text));
    assert!(!doc.text.contains("页眉"), "header parts are not read");
}

#[test]
fn docx_table_split_over_pages() {
    // Table 2 cut in two by a page break, as when a table is split by hand.
    let (_, text) = fixtures()
        .into_iter()
        .find(|(n, _)| n == "clean_2021_tabs")
        .unwrap();
    let xml = document_xml(&text);
    let rows: Vec<usize> = xml.match_indices("<w:tr>").map(|(i, _)| i).collect();
    let cut = rows
        .iter()
        .copied()
        .find(|&i| xml[i..].starts_with("<w:tr><w:tc><w:tcPr><w:tcW w:w=\"900\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr><w:t xml:space=\"preserve\">四、结"))
        .or_else(|| rows.get(rows.len() / 2).copied())
        .unwrap();
    let split = format!(
        "{}</w:tbl><w:p><w:r><w:br w:type=\"page\"/></w:r></w:p><w:p/><w:tbl>{}",
        &xml[..cut],
        &xml[cut..]
    );
    let bytes = docx_with(&split, "word/document.xml", false);
    let doc = read_document(&bytes, "a.docx").unwrap();
    assert_eq!(checked(&doc.text), checked(&text));
}

#[test]
fn html_reads_as_the_text_fixture() {
    assert_all_same(
        "html",
        |_, t| html_page(t).into_bytes(),
        "报告.html",
        DocKind::Html,
    );
}

#[test]
fn gbk_html_reads_as_the_text_fixture() {
    assert_all_same(
        "gbk html",
        |_, t| {
            let page = format!(
                "<html><head><meta charset=\"gbk\"><style>td {{ border: 1px }}</style></head><body>{}</body></html>",
                html_body(t.trim_start_matches('\u{feff}'))
            );
            // Characters outside GBK become &#NNNN; as browsers write them.
            let (bytes, _, _) = encoding_rs::GBK.encode(&page);
            bytes.into_owned()
        },
        "报告.htm",
        DocKind::Html,
    );
}

/// The report inside a saved government site page: banner, menus, a
/// breadcrumb naming the column 政府信息公开年度报告, a list of other years'
/// reports, a share bar, page tools and a footer with dates.
fn site_page(text: &str) -> String {
    let title = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim_start_matches('\u{feff}');
    format!(
        r#"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<title>{title}_示例县人民政府</title>
<script type="text/javascript">var nav = "<div>首页</div>"; if (a < b) {{ document.write('<p>脚本</p>'); }}</script>
<style>.nav li {{ float: left }}</style>
</head><body>
<div class="top-bar">欢迎访问示例县人民政府网站 | 无障碍浏览 | 长者模式 2023年3月1日 星期三</div>
<div class="header"><div class="logo">示例县人民政府</div>
<ul class="mainNav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/bsfw/">办事服务</a></li><li><a href="/hdjl/">互动交流</a></li></ul></div>
<div class="container">
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/ndbg/">政府信息公开年度报告</a></div>
<div class="left-column"><h3>年度报告</h3><ul>
<li><a href="/2021.html">2021年政府信息公开工作年度报告</a></li>
<li><a href="/2020.html">2020年政府信息公开工作年度报告</a></li></ul></div>
<div class="article">
<h1 class="article-title">{h1}</h1>
<div class="article-info">来源：示例县教育局　　字号：<a>大</a> <a>中</a> <a>小</a></div>
<div class="bdshare_t"><span>分享到：</span><a class="weixin">微信</a><a class="weibo">微博</a></div>
<div class="article-content" id="zoom">
{body}</div>
<div class="article-tools">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</div>
<div class="related"><h4>相关阅读</h4><ul><li><a>2019年政府信息公开工作年度报告</a> 2020-01-20</li></ul></div>
</div></div>
<div class="footer"><p>主办：示例县人民政府办公室 承办：示例县信息中心</p>
<p>网站标识码：1234567890 备案号：示ICP备12345678号 2023年3月1日更新</p></div>
</body></html>
"#,
        title = xml_escape(title),
        h1 = html_text(title),
        body = html_body(&text.replacen(title, "", 1)),
    )
}

#[test]
fn report_inside_a_site_page_reads_as_the_text_fixture() {
    let mut failures = String::new();
    for (name, text) in fixtures() {
        let page = site_page(&text);
        let doc = read_document(page.as_bytes(), "index.html").unwrap();
        let want = checked(&text);
        let got = checked(&doc.text);
        if want != got {
            writeln!(
                failures,
                "== {name} ==\n-- from .txt:\n{want}\n-- from the page:\n{got}\n-- text read:\n{}",
                doc.text
            )
            .unwrap();
        }
        if name != "not_report" {
            for chrome in [
                "首页",
                "分享到",
                "打印本页",
                "网站标识码",
                "相关阅读",
                "欢迎访问",
            ] {
                if doc.text.contains(chrome) {
                    writeln!(failures, "{name}: kept {chrome:?}").unwrap();
                }
            }
            if doc
                .text
                .lines()
                .any(|l| l == "2021年政府信息公开工作年度报告")
            {
                writeln!(failures, "{name}: kept the list of other reports").unwrap();
            }
        }
    }
    assert!(failures.is_empty(), "{failures}");
}

// ---- errors -------------------------------------------------------------------------

#[test]
fn not_a_zip() {
    assert_eq!(docx_to_text(b"hello, world"), Err(DocxError::NotZip));
    assert_eq!(
        read_document(b"\x00\x01binary", "x.docx"),
        Err(InputError::Docx(DocxError::NotZip))
    );
    assert!(DocxError::NotZip.to_string().contains("另存为"));
}

#[test]
fn truncated_and_corrupt_zip() {
    let bytes = docx("示例县教育局2022年政府信息公开工作年度报告\n一、总体情况\n");
    for cut in [bytes.len() - 1, bytes.len() - 30, bytes.len() / 2, 40, 4] {
        assert_eq!(
            read_document(&bytes[..cut], "x.docx"),
            Err(InputError::Docx(DocxError::Corrupt)),
            "cut at {cut}"
        );
    }
    // A flipped byte inside the compressed body: bad deflate data or a CRC mismatch.
    let mut flipped = bytes.clone();
    let at = find(&flipped, b"word/document.xml").unwrap() + 30;
    flipped[at] ^= 0x55;
    assert_eq!(docx_to_text(&flipped), Err(DocxError::Corrupt));
    assert!(DocxError::Corrupt.to_string().contains("损坏"));
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn missing_document_xml() {
    let xlsx = zip_of(
        &[
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/workbook.xml", b"<workbook/>"),
        ],
        false,
    );
    assert_eq!(
        docx_to_text(&xlsx),
        Err(DocxError::NoDocument(Container::Xlsx))
    );
    let err = read_document(&xlsx, "报告.docx").unwrap_err();
    assert!(err.to_string().contains("Excel"), "{err}");
    let pptx = zip_of(&[("ppt/presentation.xml", b"<p/>")], true);
    assert_eq!(
        docx_to_text(&pptx),
        Err(DocxError::NoDocument(Container::Pptx))
    );
    let other = zip_of(&[("a.txt", b"hi")], false);
    assert_eq!(
        docx_to_text(&other),
        Err(DocxError::NoDocument(Container::Other))
    );
}

#[test]
fn zip_bomb_is_capped() {
    let limit = xxgk::docx::MAX_XML_BYTES;
    // 1 MiB over the limit, all spaces: deflates to a few dozen KiB.
    let mut huge = String::with_capacity(limit + (1 << 20));
    huge.push_str("<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>");
    huge.extend(std::iter::repeat_n(' ', limit + (1 << 20)));
    huge.push_str("</w:t></w:r></w:p></w:body></w:document>");
    let bytes = docx_with(&huge, "word/document.xml", false);
    drop(huge);
    assert!(bytes.len() < 1 << 20, "compressed: {}", bytes.len());
    let want = Err(DocxError::TooLarge { limit_mib: 64 });
    assert_eq!(docx_to_text(&bytes), want);
    // The same with the sizes in the directory lied down to 100 bytes: the
    // inflater stops at the limit.
    let mut lying = bytes.clone();
    let mut from = 0;
    while let Some(i) = find(&lying[from..], b"PK\x01\x02") {
        let at = from + i;
        let name_len = u16::from_le_bytes([lying[at + 28], lying[at + 29]]) as usize;
        if &lying[at + 46..at + 46 + name_len] == b"word/document.xml" {
            lying[at + 24..at + 28].copy_from_slice(&100u32.to_le_bytes());
        }
        from = at + 4;
    }
    assert_eq!(docx_to_text(&lying), want);
    assert!(DocxError::TooLarge { limit_mib: 64 }
        .to_string()
        .contains("64 MB"));
}

/// A minimal OLE compound file header with a directory naming `streams`.
fn ole(streams: &[&str]) -> Vec<u8> {
    let mut f = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    f.resize(512, 0);
    for s in streams {
        let mut entry: Vec<u8> = s.encode_utf16().flat_map(u16::to_le_bytes).collect();
        entry.resize(128, 0);
        f.extend(entry);
    }
    f
}

#[test]
fn encrypted_and_old_office_files() {
    let encrypted = ole(&["Root Entry", "EncryptionInfo", "EncryptedPackage"]);
    assert_eq!(docx_to_text(&encrypted), Err(DocxError::Encrypted));
    let err = read_document(&encrypted, "报告.docx").unwrap_err();
    assert_eq!(err, InputError::Docx(DocxError::Encrypted));
    assert!(err.to_string().contains("密码"), "{err}");
    let doc = ole(&["Root Entry", "WordDocument", "1Table"]);
    let err = read_document(&doc, "报告.doc").unwrap_err();
    assert_eq!(err, InputError::Docx(DocxError::OldFormat));
    assert!(err.to_string().contains(".doc"), "{err}");
}

#[test]
fn malformed_xml() {
    let good = document_xml("一、总体情况\n");
    for bad in [
        good[..good.len() - 20].to_string(),
        good.replace("</w:t>", "</w:x>"),
        good.replace("体情况", "&nosuch;"),
        "<w:document><w:body><w:p>".to_string(),
    ] {
        let bytes = docx_with(&bad, "word/document.xml", false);
        let err = docx_to_text(&bytes).expect_err(&bad);
        assert!(matches!(err, DocxError::Xml { .. }), "{err:?}");
        assert!(err.to_string().contains("document.xml"), "{err}");
    }
}

#[test]
fn pictures_only_and_empty_pages() {
    let xml = "<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:drawing/></w:r></w:p></w:body></w:document>";
    let bytes = docx_with(xml, "word/document.xml", false);
    assert_eq!(docx_to_text(&bytes), Err(DocxError::NoText));
    let err =
        read_document(b"<html><body><script>x()</script></body></html>", "a.html").unwrap_err();
    assert!(matches!(err, InputError::Html(_)));
    assert!(err.to_string().contains("复制"), "{err}");
}

#[test]
fn pdf_and_text_dispatch() {
    assert_eq!(read_document(b"%PDF-1.4\n", "a.pdf"), Err(InputError::Pdf));
    let (gbk, _, _) = encoding_rs::GBK.encode("一、总体情况\n");
    let doc = read_document(&gbk, "报告.txt").unwrap();
    assert_eq!(
        (doc.kind, doc.text.as_str()),
        (DocKind::Text, "一、总体情况\n")
    );
    // A web page saved with a .doc name (Word's "web page" format) is a page.
    let doc = read_document(
        "<html><body><p>一、总体情况</p></body></html>".as_bytes(),
        "a.doc",
    )
    .unwrap();
    assert_eq!(doc.kind, DocKind::Html);
}
