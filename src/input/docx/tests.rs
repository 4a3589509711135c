use std::fmt::Write as _;

use super::body::*;
use super::numbering::*;
use super::zip::*;
use super::*;

const OLE_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

fn body(inner: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{inner}<w:sectPr/></w:body></w:document>"#
    )
}

fn text(inner: &str) -> String {
    document_text(body(inner).as_bytes(), Numbering::default()).unwrap()
}

fn p(s: &str) -> String {
    format!("<w:p><w:r><w:t>{s}</w:t></w:r></w:p>")
}

#[test]
fn paragraphs_runs_tabs_breaks() {
    let xml = r#"<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t xml:space="preserve">一、 </w:t></w:r><w:r><w:t>总体情况</w:t></w:r></w:p><w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c&amp;d&#x4E00;</w:t></w:r></w:p><w:p/>"#;
    assert_eq!(text(xml), "一、 总体情况\na\tb\nc&d一\n\n");
}

#[test]
fn tracked_changes_hidden_text_fields() {
    let xml = r#"<w:p><w:ins><w:r><w:t>新</w:t></w:r></w:ins><w:del><w:r><w:delText>旧</w:delText></w:r></w:del><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>5</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t>移来</w:t></w:r></w:moveTo></w:p>"#;
    assert_eq!(text(xml), "新5移来\n");
}

#[test]
fn merged_cells() {
    let tc = |s: &str, pr: &str| format!("<w:tc><w:tcPr>{pr}</w:tcPr>{}</w:tc>", p(s));
    let xml = format!(
            "<w:tbl><w:tblPr/><w:tblGrid/><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>{}</w:tr></w:tbl>",
            tc("（三）不予公开", "<w:vMerge w:val=\"restart\"/>"),
            tc("1.属于国家秘密", ""),
            tc("0", "<w:gridSpan w:val=\"2\"/>"),
            tc("", "<w:vMerge/>"),
            tc("2.其他", ""),
            tc("1", ""),
            tc("x", ""),
        );
    assert_eq!(
        text(&xml),
        "（三）不予公开\t1.属于国家秘密\t0\t\n\t2.其他\t1\n\tx\n"
    );
}

#[test]
fn nested_tables_and_text_boxes() {
    let inner = format!(
        "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
        p("a"),
        p("1")
    );
    let xml = format!(
        "<w:tbl><w:tr><w:tc>{}{inner}{}</w:tc></w:tr></w:tbl>{}",
        p("前"),
        p("后"),
        r"<w:p><w:r><w:t>锚</w:t><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    );
    assert_eq!(text(&xml), "前\na\t1\n后\n锚\n框\n");
}

#[test]
fn split_table_joins_over_blank_paragraphs() {
    let row = |a: &str| format!("<w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>", p(a), p("0"));
    let xml = format!(
            "<w:tbl>{}</w:tbl><w:p><w:r><w:br w:type=\"page\"/></w:r></w:p><w:p/><w:tbl>{}</w:tbl><w:p/>{}",
            row("甲"),
            row("乙"),
            p("完")
        );
    assert_eq!(text(&xml), "甲\t0\n乙\t0\n\n完\n");
}

#[test]
fn paragraphs_in_paragraphs() {
    let mut xml = "<w:p>".repeat(100_000);
    xml.push_str("<w:r><w:t>x</w:t></w:r>");
    xml.push_str(&"</w:p>".repeat(100_000));
    let t = text(&xml);
    assert_eq!(t.trim(), "x");
}

#[test]
fn deep_nesting_is_bounded() {
    let mut xml = String::new();
    for _ in 0..200 {
        xml.push_str("<w:tbl><w:tr><w:tc>");
    }
    xml.push_str(&p("深"));
    for _ in 0..200 {
        xml.push_str("</w:tc></w:tr></w:tbl>");
    }
    assert!(text(&xml).contains('深'));
}

#[test]
fn malformed_xml() {
    for bad in [
        body(&p("a")).replace("</w:body>", ""),
        body("<w:p><w:r><w:t>a</w:r></w:p>"),
        body(&p("a &bogus; b")),
        body(&p("a")).chars().take(200).collect(),
    ] {
        assert!(
            matches!(
                document_text(bad.as_bytes(), Numbering::default()),
                Err(DocxError::Xml { .. })
            ),
            "{bad}"
        );
    }
    assert!(matches!(
        document_text(b"\xFF\xFF<w:p/>", Numbering::default()),
        Err(DocxError::Xml { .. })
    ));
}

#[test]
fn inflate_matches_flate2() {
    use std::io::Write as _;
    let mut samples: Vec<Vec<u8>> = vec![
        Vec::new(),
        b"a".to_vec(),
        "示例县教育局2022年政府信息公开工作年度报告\t0\t0\n"
            .repeat(500)
            .into_bytes(),
    ];
    // Pseudo-random bytes (stored blocks) and runs (long matches).
    let mut x: u32 = 1;
    samples.push(
        (0..70_000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (x >> 16) as u8
            })
            .collect(),
    );
    samples.push([vec![7u8; 40_000], b"xyz".repeat(9000)].concat());
    for data in &samples {
        for level in [0, 1, 6, 9] {
            let mut e =
                flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::new(level));
            e.write_all(data).unwrap();
            let z = e.finish().unwrap();
            assert_eq!(inflate(&z, usize::MAX).as_deref(), Ok(data.as_slice()));
            if data.len() > 10 {
                assert_eq!(inflate(&z, data.len() - 1), Err(true));
                assert_eq!(inflate(&z[..z.len() / 2], usize::MAX), Err(false));
            }
        }
    }
    // Fixed Huffman codes, written by hand: "a" then end of block.
    assert_eq!(inflate(&[0x4B, 0x04, 0x00], 10).as_deref(), Ok(&b"a"[..]));
    assert_eq!(inflate(&[0xFF], 10), Err(false));
}

const NUMBERING: &str = r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl><w:lvl w:ilvl="2"><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#xF0B7;"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:lvlOverride></w:num></w:numbering>"#;
const STYLES: &str = r#"<w:styles xmlns:w="w"><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr><w:rPr><w:b/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="2"><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style></w:styles>"#;

#[test]
fn automatic_numbering() {
    let mut n = Numbering::default();
    n.read(NUMBERING, false);
    n.read(STYLES, true);
    let para = |style: &str, num: &str, ilvl: &str, t: &str| {
        let mut ppr = String::new();
        if !style.is_empty() {
            write!(ppr, "<w:pStyle w:val=\"{style}\"/>").unwrap();
        }
        if !num.is_empty() || !ilvl.is_empty() {
            ppr += "<w:numPr>";
            if !ilvl.is_empty() {
                write!(ppr, "<w:ilvl w:val=\"{ilvl}\"/>").unwrap();
            }
            if !num.is_empty() {
                write!(ppr, "<w:numId w:val=\"{num}\"/>").unwrap();
            }
            ppr += "</w:numPr>";
        }
        format!("<w:p><w:pPr>{ppr}<w:tabs><w:tab w:val=\"left\" w:pos=\"420\"/></w:tabs><w:rPr><w:vanish/></w:rPr></w:pPr><w:r><w:t>{t}</w:t></w:r></w:p>")
    };
    let xml = [
        para("1", "", "", "总体情况"),
        para("2", "", "", "主动公开"),
        para("2", "", "", "依申请公开"),
        para("", "1", "0", "主动公开政府信息情况"),
        para("", "1", "1", "甲"),
        para("", "1", "2", "属于国家秘密"),
        para("", "1", "2", "其他"),
        para("", "2", "0", "要点"),
        para("1", "0", "", "不编号"),
        para("", "9", "0", "未定义"),
    ]
    .concat();
    let got = document_text(body(&xml).as_bytes(), n).unwrap();
    assert_eq!(
        got,
        "一、总体情况\n（一）主动公开\n（二）依申请公开\n二、主动公开政府信息情况\n（一）甲\n\
             1.属于国家秘密\n2.其他\n要点\n不编号\n未定义\n"
    );
}

#[test]
fn number_formats() {
    let f = |n, fmt| {
        let mut s = String::new();
        format_number(&mut s, n, fmt);
        s
    };
    assert_eq!(f(10, "chineseCounting"), "十");
    assert_eq!(f(11, "chineseCountingThousand"), "十一");
    assert_eq!(f(23, "chineseCounting"), "二十三");
    assert_eq!(f(100, "chineseCounting"), "100");
    assert_eq!(f(3, "decimalEnclosedCircleChinese"), "③");
    assert_eq!(f(28, "upperLetter"), "BB");
    assert_eq!(f(u32::MAX, "upperLetter"), u32::MAX.to_string());
    assert_eq!(f(14, "lowerRoman"), "xiv");
    assert_eq!(f(5, "decimalZero"), "05");
    assert_eq!(f(12, "decimalFullWidth"), "１２");
    assert_eq!(f(2, "ideographTraditional"), "乙");
    assert_eq!(f(0, "ideographTraditional"), "0");
    assert_eq!(f(7, "none"), "");
    assert_eq!(f(7, "decimal"), "7");
}

#[test]
fn crc() {
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
}

#[test]
fn ole() {
    let mut f = OLE_MAGIC.to_vec();
    f.resize(600, 0);
    assert_eq!(docx_to_text(&f), Err(DocxError::OldFormat));
    f.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(docx_to_text(&f), Err(DocxError::Encrypted));
}
