//! The Word document written back with a comment per finding
//! (`xxgk::annotate`): it reads as the same text, holds one comment per
//! finding, each covering exactly the finding's characters, opens in
//! `LibreOffice`, and the command line writes it with `--annotate`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{Read as _, Write as _};

use quick_xml::events::Event;
use quick_xml::Reader;
use xxgk::annotate::{annotate_docx, notes, Note};
use xxgk::docx::docx_to_text;
use xxgk::{check, Options};

mod common;
use common::pages::{fixtures, parts, xml_escape, Part};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A paragraph whose text is cut into runs of `piece` characters, with run
/// and paragraph properties, so that anchors fall inside runs.
fn w_p(text: &str, piece: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut runs = String::new();
    for chunk in chars.chunks(piece.max(1)) {
        let s: String = chunk.iter().collect();
        let _ = write!(
            runs,
            "<w:r w:rsidR=\"00A1\"><w:rPr><w:rFonts w:hint=\"eastAsia\"/><w:sz w:val=\"32\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
            xml_escape(&s)
        );
    }
    format!("<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr>{runs}</w:p>")
}

fn document_xml(text: &str) -> String {
    let mut body = String::new();
    for (i, part) in parts(text).into_iter().enumerate() {
        match part {
            Part::Line(l) => body.push_str(&w_p(&l, 3 + i % 5)),
            Part::Table(rows) => {
                body.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>");
                for row in rows {
                    body.push_str("<w:tr>");
                    for cell in row {
                        let _ = write!(body, "<w:tc>{}</w:tc>", w_p(cell.trim(), 2));
                    }
                    body.push_str("</w:tr>");
                }
                body.push_str("</w:tbl>");
            }
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:document xmlns:w=\"{W}\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    )
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            z.start_file(*name, opts).unwrap();
            z.write_all(data).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const DOC_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style></w:styles>"#;

fn docx(text: &str) -> Vec<u8> {
    let doc = document_xml(text);
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
        ("word/_rels/document.xml.rels", DOC_RELS.as_bytes()),
        ("word/styles.xml", STYLES.as_bytes()),
    ])
}

fn entry(bytes: &[u8], name: &str) -> Option<String> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut f = z.by_name(name).ok()?;
    let mut s = String::new();
    f.read_to_string(&mut s).unwrap();
    Some(s)
}

/// For each comment id, the text of the `w:t`s between its range start and
/// end, and whether a reference follows.
fn range_texts(document: &str) -> BTreeMap<u64, (String, bool)> {
    let mut r = Reader::from_str(document);
    let mut open: Vec<(u64, String)> = Vec::new();
    let mut done = BTreeMap::new();
    let mut in_t = false;
    let id = |e: &quick_xml::events::BytesStart| -> u64 {
        let a = e.try_get_attribute("w:id").unwrap().unwrap();
        std::str::from_utf8(&a.value).unwrap().parse().unwrap()
    };
    loop {
        let ev = r.read_event().unwrap();
        let mut add = |s: &str| {
            for (_, t) in &mut open {
                t.push_str(s);
            }
        };
        match ev {
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_t = false,
            Event::Text(t) if in_t => add(&t.decode().unwrap()),
            Event::GeneralRef(g) if in_t => add(match AsRef::<[u8]>::as_ref(&*g) {
                b"amp" => "&",
                b"lt" => "<",
                b"gt" => ">",
                _ => "?",
            }),
            Event::Empty(e) if e.name().as_ref() == b"w:commentRangeStart" => {
                open.push((id(&e), String::new()));
            }
            Event::Empty(e) if e.name().as_ref() == b"w:commentRangeEnd" => {
                let k = id(&e);
                let i = open
                    .iter()
                    .position(|(j, _)| *j == k)
                    .expect("start before end");
                let (_, text) = open.remove(i);
                done.insert(k, (text, false));
            }
            Event::Empty(e) if e.name().as_ref() == b"w:commentReference" => {
                done.get_mut(&id(&e)).expect("range before reference").1 = true;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    done
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Check one annotated document against its notes.
fn assert_annotated(name: &str, original: &[u8], notes: &[Note], annotated: &[u8]) {
    let text = docx_to_text(original).unwrap();
    assert_eq!(
        docx_to_text(annotated).unwrap(),
        text,
        "{name}: text changed"
    );
    let comments = entry(annotated, "word/comments.xml").expect("comments.xml");
    assert_eq!(
        comments.matches("<w:comment ").count(),
        notes.len(),
        "{name}"
    );
    let rels = entry(annotated, "word/_rels/document.xml.rels").unwrap();
    assert!(
        rels.contains("relationships/comments\" Target=\"comments.xml\""),
        "{name}: {rels}"
    );
    assert!(rels.contains("styles.xml"), "{name}: relationships kept");
    let types = entry(annotated, "[Content_Types].xml").unwrap();
    assert!(types.contains("PartName=\"/word/comments.xml\""), "{name}");
    assert_eq!(entry(annotated, "word/styles.xml").unwrap(), STYLES);
    let document = entry(annotated, "word/document.xml").unwrap();
    let got = range_texts(&document);
    assert_eq!(got.len(), notes.len(), "{name}: one range per note");
    for (k, note) in notes.iter().enumerate() {
        let (covered, referenced) = &got[&(k as u64)];
        assert!(referenced, "{name}: comment {k} has its reference");
        if let Some(t) = note.span.and_then(|(s, e)| text.get(s..e)) {
            let want = squeeze(t);
            if !want.is_empty() {
                assert_eq!(
                    squeeze(covered),
                    want,
                    "{name}: comment {k} {:?}",
                    note.paragraphs[0]
                );
            }
        }
    }
}

#[test]
fn every_fixture_annotated_at_its_findings() {
    let mut total = 0;
    for (name, text) in fixtures() {
        let original = docx(&text);
        let read = docx_to_text(&original).unwrap();
        let report = check(&read, &Options::default());
        let notes = notes(&report.diagnostics);
        total += notes.len();
        let annotated = annotate_docx(&original, &notes, "xxgk").unwrap();
        assert_annotated(&name, &original, &notes, &annotated);
        // Checking the annotated copy gives the same findings.
        let again = check(&docx_to_text(&annotated).unwrap(), &Options::default());
        assert_eq!(again.diagnostics, report.diagnostics, "{name}");
    }
    assert!(total > 50, "the fixtures hold findings ({total})");
}

#[test]
fn comments_are_escaped_and_hold_the_rule() {
    let text = "一、总体情况\n数字 a&b <script>alert(1)</script> 尾\n";
    let original = docx(text);
    let read = docx_to_text(&original).unwrap();
    let at = read.find("<script>").unwrap();
    let note = Note {
        span: Some((at, at + "<script>alert(1)</script>".len())),
        paragraphs: xxgk::annotate::note_paragraphs("T2-SUM", "error", "应为 <1> & \"2\""),
    };
    let annotated = annotate_docx(&original, std::slice::from_ref(&note), "检查 & 作者").unwrap();
    assert_annotated("escaped", &original, &[note], &annotated);
    let comments = entry(&annotated, "word/comments.xml").unwrap();
    assert!(
        comments.contains("应为 &lt;1&gt; &amp; &quot;2&quot;"),
        "{comments}"
    );
    assert!(comments.contains("w:author=\"检查 &amp; 作者\""));
    assert!(comments.contains("【错误】T2-SUM "), "{comments}");
    let rule = xxgk::rules::rule("T2-SUM").unwrap();
    assert!(comments.contains(rule.title));
}

#[test]
fn notes_without_span_or_outside_the_body_still_anchor() {
    let text = "一、总体情况\n本年度无。\n";
    let original = docx(text);
    let notes = [
        Note {
            span: None,
            paragraphs: vec!["整篇".into()],
        },
        Note {
            span: Some((10_000, 10_010)),
            paragraphs: vec!["越界".into()],
        },
        Note {
            span: Some((3, 3)),
            paragraphs: vec!["空".into()],
        },
    ];
    let annotated = annotate_docx(&original, &notes, "xxgk").unwrap();
    assert_annotated("points", &original, &notes, &annotated);
}

#[test]
fn existing_comments_are_kept_and_ids_continue() {
    let doc = document_xml("一、总体情况\n正文一段。\n")
        .replace("<w:body>", "<w:body><w:p><w:commentRangeStart w:id=\"4\"/><w:r><w:t>旧</w:t></w:r><w:commentRangeEnd w:id=\"4\"/><w:r><w:commentReference w:id=\"4\"/></w:r></w:p>");
    let comments = format!("<?xml version=\"1.0\"?><w:comments xmlns:w=\"{W}\"><w:comment w:id=\"4\" w:author=\"审核人\"><w:p><w:r><w:t>旧批注</w:t></w:r></w:p></w:comment></w:comments>");
    let rels = DOC_RELS.replace("</Relationships>", "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments\" Target=\"comments.xml\"/></Relationships>");
    let original = zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/comments.xml", comments.as_bytes()),
    ]);
    let read = docx_to_text(&original).unwrap();
    let at = read.find("正文").unwrap();
    let note = Note {
        span: Some((at, at + 6)),
        paragraphs: vec!["新".into()],
    };
    let annotated = annotate_docx(&original, &[note], "xxgk").unwrap();
    assert_eq!(docx_to_text(&annotated).unwrap(), read);
    let c = entry(&annotated, "word/comments.xml").unwrap();
    assert!(c.contains("旧批注") && c.contains("w:id=\"5\""), "{c}");
    assert_eq!(c.matches("<w:comment ").count(), 2);
    let got = range_texts(&entry(&annotated, "word/document.xml").unwrap());
    assert_eq!(got[&5].0, "正文");
    assert_eq!(got[&4].0, "旧");
    let r = entry(&annotated, "word/_rels/document.xml.rels").unwrap();
    assert_eq!(r.matches("relationships/comments").count(), 1);
}

#[test]
fn not_a_word_document_is_refused() {
    assert!(annotate_docx(b"plain text", &[], "xxgk").is_err());
}

/// `LibreOffice` opens the annotated document (skipped without `soffice`).
#[test]
fn libreoffice_converts_the_annotated_document() {
    let Ok(status) = std::process::Command::new("soffice")
        .arg("--version")
        .output()
    else {
        eprintln!("soffice not found: skipped");
        return;
    };
    assert!(status.status.success());
    let (_, text) = fixtures()
        .into_iter()
        .find(|(n, _)| n.starts_with("bad_cells"))
        .unwrap();
    let original = docx(&text);
    let read = docx_to_text(&original).unwrap();
    let notes = notes(&check(&read, &Options::default()).diagnostics);
    let annotated = annotate_docx(&original, &notes, "xxgk").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("批注.docx");
    std::fs::write(&path, annotated).unwrap();
    for (to, file) in [("txt:Text (encoded):UTF8", "批注.txt"), ("odt", "批注.odt")] {
        let out = std::process::Command::new("soffice")
            .args([
                "--headless",
                "-env:UserInstallation=file:///tmp/xxgk-lo-annotate",
            ])
            .args(["--convert-to", to, "--outdir"])
            .arg(dir.path())
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let converted = std::fs::read(dir.path().join(file)).expect("converted");
        if to.starts_with("txt") {
            let plain = String::from_utf8_lossy(&converted);
            assert!(plain.contains("规章"), "{plain}");
        } else {
            // LibreOffice read every comment.
            let content = entry(&converted, "content.xml").unwrap();
            assert_eq!(
                content.matches("<office:annotation ").count()
                    + content.matches("<office:annotation>").count(),
                notes.len()
            );
        }
    }
}

#[test]
fn command_line_writes_the_annotated_document() {
    let (_, text) = fixtures()
        .into_iter()
        .find(|(n, _)| n.starts_with("bad_cells"))
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("报告.docx");
    let output = dir.path().join("报告.批注.docx");
    std::fs::write(&input, docx(&text)).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["check", "--format", "json"])
        .arg(&input)
        .arg("--annotate")
        .arg(&output)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let n = report["diagnostics"].as_array().unwrap().len();
    let annotated = std::fs::read(&output).unwrap();
    let comments = entry(&annotated, "word/comments.xml").unwrap();
    assert_eq!(comments.matches("<w:comment ").count(), n);
    // Two inputs, or a text file: refused.
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .args(["check", "a.docx", "b.docx", "--annotate", "x.docx"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let text_file = dir.path().join("a.txt");
    std::fs::write(&text_file, &text).unwrap();
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_xxgk"))
        .arg("check")
        .arg(&text_file)
        .arg("--annotate")
        .arg(&output)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num></w:numbering>"#;

/// Automatic numbering (not in the runs), a tab, a no-break hyphen, a
/// reference and a deleted run: comments cover the characters that are in
/// the document, and the text reads the same.
#[test]
fn numbering_tabs_and_tracked_changes() {
    let numbered = "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"7\"/></w:numPr></w:pPr><w:r><w:t>总体情况</w:t></w:r></w:p>";
    let tabbed = "<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:noBreakHyphen/><w:t>丙&amp;丁</w:t></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del><w:r><w:t>戊</w:t></w:r></w:p>";
    let doc = document_xml("").replace("<w:body>", &format!("<w:body>{numbered}{tabbed}"));
    let original = zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
        ("word/_rels/document.xml.rels", DOC_RELS.as_bytes()),
        ("word/styles.xml", STYLES.as_bytes()),
        ("word/numbering.xml", NUMBERING.as_bytes()),
    ]);
    let read = docx_to_text(&original).unwrap();
    assert_eq!(read, "一、总体情况\n甲\t乙-丙&丁戊\n");
    let span = |s: &str| {
        let at = read.find(s).unwrap();
        Some((at, at + s.len()))
    };
    let notes = [
        Note {
            span: span("一、总体"),
            paragraphs: vec!["标题".into()],
        },
        Note {
            span: span("乙-丙&"),
            paragraphs: vec!["中间".into()],
        },
        Note {
            span: span("丁戊"),
            paragraphs: vec!["跨删除".into()],
        },
        Note {
            span: span("-"),
            paragraphs: vec!["连字符".into()],
        },
    ];
    let annotated = annotate_docx(&original, &notes, "xxgk").unwrap();
    assert_eq!(docx_to_text(&annotated).unwrap(), read);
    let got = range_texts(&entry(&annotated, "word/document.xml").unwrap());
    assert_eq!(got[&0].0, "总体", "the label is not in the document");
    assert_eq!(got[&1].0, "乙丙&");
    assert_eq!(got[&2].0, "丁戊");
    assert_eq!(got[&3].0, "");
    assert!(got.values().all(|(_, referenced)| *referenced));
}

/// Every place in a body with text boxes, hyperlinks, fields, nested
/// tables, inserted runs and CDATA: the annotated part stays well-formed and
/// reads as the same text, whatever the spans.
#[test]
fn any_span_in_an_odd_body_keeps_the_document_well_formed() {
    let body = concat!(
        "<w:p><w:hyperlink r:id=\"rId5\"><w:r><w:t>链接文字</w:t></w:r></w:hyperlink><w:ins w:id=\"1\"><w:r><w:t>插入</w:t></w:r></w:ins>",
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
        "<w:r><w:rPr/><w:t><![CDATA[a<b]]></w:t></w:r>",
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框内</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:t>备用</w:t></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
        "<w:r><w:t xml:space=\"preserve\"> 段尾 </w:t></w:r></w:p>",
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>外</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>内2</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc><w:tc><w:p><w:r><w:t>5</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
        "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:t>可见</w:t><w:br/><w:t>下一行</w:t></w:r></w:p>",
    );
    let doc = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"{W}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>{body}</w:body></w:document>"
    );
    let original = zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
    ]);
    let read = docx_to_text(&original).unwrap();
    let bounds: Vec<usize> = read
        .char_indices()
        .map(|(i, _)| i)
        .chain([read.len()])
        .collect();
    let mut notes = Vec::new();
    for (k, &s) in bounds.iter().enumerate() {
        for len in [0, 1, 3] {
            let e = bounds[(k + len).min(bounds.len() - 1)];
            notes.push(Note {
                span: Some((s, e)),
                paragraphs: vec![format!("{s}..{e}")],
            });
        }
    }
    let annotated = annotate_docx(&original, &notes, "xxgk").unwrap();
    assert_eq!(docx_to_text(&annotated).unwrap(), read);
    let document = entry(&annotated, "word/document.xml").unwrap();
    let got = range_texts(&document);
    assert_eq!(got.len(), notes.len());
    // Created without a relationships part for the main part: one is added.
    let rels = entry(&annotated, "word/_rels/document.xml.rels").unwrap();
    assert!(rels.contains("comments.xml"));
    // Well-formed: every element closes.
    let mut r = Reader::from_str(&document);
    r.config_mut().check_end_names = true;
    loop {
        match r.read_event() {
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed: {e}"),
        }
    }
}
