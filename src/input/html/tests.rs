use super::parse::*;
use super::*;

fn text(html: &str) -> String {
    html_to_text(html.as_bytes()).unwrap()
}

#[test]
fn blocks_inline_and_whitespace() {
    assert_eq!(
            text("<div>一、<b>总体\n  情况</b></div><p>第一段<br>第二行<p>第二段</p><ul><li>甲<li>乙</ul>"),
            "一、总体 情况\n第一段\n第二行\n第二段\n甲\n乙\n"
        );
}

#[test]
fn dropped_content() {
    let html = "<html><head><title>标题</title><style>p{}</style><script>var a='<p>x</p>';</script></head>\
                    <body><!-- <p>注释</p> --><noscript>请启用</noscript><p>正文</p><div style=\"display: none\">隐藏</div><p hidden>也隐藏</p></body></html>";
    assert_eq!(text(html), "正文\n");
}

#[test]
fn entities() {
    assert_eq!(
        decode_entities("a&nbsp;b&amp;c&lt;&#20013;&#x56FD;&#150;&bogus;&amp&copy x&nbspy"),
        "a\u{a0}b&c<中国–&bogus;&© x\u{a0}y"
    );
    assert_eq!(
        text("<table><tr><td>&nbsp;</td><td>1&nbsp;</td></tr></table>"),
        "\t1\n"
    );
}

#[test]
fn rowspan_colspan() {
    let html = "<table><tbody><tr><td rowspan=\"3\" colspan=\"3\">头</td><td colspan=7>申请人情况</td></tr>\
                    <tr><td rowspan=2>自然人</td><td colspan=5>法人</td><td rowspan=2>总计</td></tr>\
                    <tr><th>商业<th>科研</tr></tbody></table>";
    assert_eq!(
            text(html),
            "头\t\t\t申请人情况\t\t\t\t\t\t\n\t\t\t自然人\t法人\t\t\t\t\t总计\n\t\t\t\t商业\t科研\t\t\t\t\n"
        );
}

#[test]
fn nested_and_layout_tables() {
    let html = "<table><tr><td>菜单</td><td><p>正文</p><table><tr><td>甲</td><td>1</td></tr></table></td></tr></table>";
    assert_eq!(text(html), "菜单\n正文\n甲\t1\n");
    let cell = "<td><p>一</p><p>二</p><p>三</p><p>四</p></td>";
    assert_eq!(
        text(&format!("<table><tr><td>左</td>{cell}</tr></table>")),
        "左\n一\n二\n三\n四\n"
    );
}

#[test]
fn charsets() {
    let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset=\"gbk\"><p>政府信息公开</p>");
    assert_eq!(text_bytes(&gbk), "政府信息公开\n");
    let (gbk, _, _) = encoding_rs::GBK.encode(
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><p>年度报告</p>",
    );
    assert_eq!(text_bytes(&gbk), "年度报告\n");
    // No declaration: GB18030.
    let (gbk, _, _) = encoding_rs::GBK.encode("<p>年度报告</p>");
    assert_eq!(text_bytes(&gbk), "年度报告\n");
    // A gb2312 declaration left on a page saved as UTF-8.
    assert_eq!(
        text_bytes("<meta charset=gb2312><p>年度报告</p>".as_bytes()),
        "年度报告\n"
    );
    // UTF-16 with a byte-order mark.
    let mut u16 = vec![0xFF, 0xFE];
    u16.extend("<p>报告</p>".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(text_bytes(&u16), "报告\n");
    assert!(declares_utf8(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><html>"
    ));
    assert!(declares_utf8(
        b"<meta http-equiv=Content-Type content='text/html; charset = UTF-8'>"
    ));
    assert!(!declares_utf8(b"<meta charset=gb2312>"));
    // Declared UTF-8 but not valid: GB18030 when it decodes, else UTF-8
    // with U+FFFD for the bad bytes.
    let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset=utf-8><p>年度报告</p>");
    assert_eq!(text_bytes(&gbk), "年度报告\n");
    assert_eq!(
        text_bytes(b"<meta charset=utf-8><p>\xE5\xB9\xB4\xFF</p>"),
        "年\u{fffd}\n"
    );
    // Neither UTF-8 nor GB18030: GB18030 with U+FFFD.
    assert_eq!(text_bytes(b"<p>\xD6\xD0\xFF\xCE\xC4</p>"), "中\u{fffd}文\n");
    assert_eq!(
        text_bytes(b"\xFF\xFE<\x00p\x00>\x00\x2D\x4E\x00"),
        "中\u{fffd}\n"
    );
}

fn text_bytes(b: &[u8]) -> String {
    html_to_text(b).unwrap()
}

#[test]
fn no_text() {
    assert_eq!(
        html_to_text(b"<html><body><script>load()</script><div id=app></div></body></html>"),
        Err(HtmlError::NoText)
    );
}

#[test]
fn malformed_markup_does_not_panic() {
    for s in [
        "<",
        "<p",
        "<td rowspan=",
        "</",
        "<!--",
        "<a href='x",
        "&#",
        "&#x110000;",
        "</p></td></tr>",
        "<table><td>1<td>2<tr><td>3",
        "<script>",
        "<p>a<table><p>b</table>",
        "<div><div><div></span></div>",
        "<tr><td>x</td></tr>",
    ] {
        let _ = html_to_text(s.as_bytes());
    }
    let deep = "<div>".repeat(5000) + "深" + &"</div>".repeat(5000);
    assert_eq!(text(&deep), "深\n");
    let wide = "<table>".to_string()
        + &"<tr><td rowspan=65534 colspan=1000>x</td></tr>".repeat(200)
        + "</table>";
    assert!(text(&wide).len() < 4 * wide.len() + 200_000);
}

#[test]
fn report_found_in_a_site_page() {
    let html = "<html><body>\
            <div class=\"header\"><div class=\"logo\">示例县人民政府</div>\
              <ul class=\"nav\"><li><a>首页</a><li><a>政务公开</a><li><a>办事服务</a></ul></div>\
            <div class=\"crumb\">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年度报告</div>\
            <div class=\"main\"><div class=\"left\"><ul><li><a>2021年政府信息公开工作年度报告</a></ul></div>\
            <div class=\"article\"><h1>示例县教育局2022年政府信息公开工作年度报告</h1>\
              <div class=\"info\">发布时间：2023-01-16</div><div class=\"share\">分享到：微信 微博</div>\
              <div class=\"content\"><p>一、总体情况</p><p>正文。</p>\
              <table><tr><td>甲</td><td>1</td></tr></table>\
              <p>六、其他需要报告的事项</p><p>无。</p><p>示例县教育局</p><p>2023年1月16日</p></div>\
              <div class=\"pages\">【打印本页】【关闭窗口】</div></div></div>\
            <div class=\"footer\">版权所有：示例县人民政府 网站标识码 1234</div></body></html>";
    assert_eq!(
            text(html),
            "示例县教育局2022年政府信息公开工作年度报告\n发布时间：2023-01-16\n一、总体情况\n正文。\n甲\t1\n\
             六、其他需要报告的事项\n无。\n示例县教育局\n2023年1月16日\n"
        );
}

#[test]
fn word_web_page() {
    // What Word writes for "save as web page": conditional comments,
    // list numbers shown only to old browsers, Office tags, spans.
    let html = "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>\
            <!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>x</o:Author></o:DocumentProperties></xml><![endif]-->\
            </head><body lang=ZH-CN><div class=WordSection1>\
            <p class=MsoListParagraph><![if !supportLists]><span lang=EN-US>一、<span style='font:7.0pt'>&nbsp;&nbsp; </span></span><![endif]>总体情况<o:p></o:p></p>\
            <table class=MsoNormalTable border=1><tr><td width=100 rowspan=2 style='border:solid'><p class=MsoNormal>\
            <span>（三）不予</span><span>公开</span></p></td><td><p class=MsoNormal>1.属于国家秘密</p></td><td><p>0<o:p></o:p></p></td></tr>\
            <tr><td><p>2.其他</p></td><td><p>&nbsp;</p></td></tr></table></div></body></html>";
    assert_eq!(
        text(html),
        "一、 总体情况\n（三）不予公开\t1.属于国家秘密\t0\n\t2.其他\t\n"
    );
}

#[test]
fn tag_kinds() {
    assert_eq!(tag_flags("p"), BLOCK | CLOSES_P);
    assert_eq!(tag_flags("ul"), BLOCK | CLOSES_P);
    assert_eq!(tag_flags("table"), CLOSES_P);
    assert_eq!(tag_flags("td"), BLOCK);
    assert_eq!(tag_flags("hr"), VOID | CLOSES_P);
    assert_eq!(tag_flags("keygen"), VOID);
    assert_eq!(tag_flags("select"), DROPPED);
    for inline in ["b", "a", "span", "font", "o:p", "bod", "", "p p"] {
        assert_eq!(tag_flags(inline), 0, "{inline}");
    }
}

#[test]
fn sniffing() {
    assert!(looks_like_html(b"\xEF\xBB\xBF  <!DOCTYPE html><html>"));
    assert!(looks_like_html(b"<table><tr><td>1</td></tr></table>"));
    assert!(!looks_like_html("示例<table>".as_bytes()));
    assert!(!looks_like_html(b"<<not markup"));
}
