//! The reporting agency when the title does not name it: from the signature,
//! the contact sentence, the preamble or the statistical-period sentence, in
//! that order of trust. The reports are a clean fixture with its title and
//! signature rewritten, and fictional agencies.

use xxgk::{check, Options};

const BASE: &str = include_str!("fixtures/clean_2021_tabs.txt");
const TITLE: &str = "示例县教育局2022年度政府信息公开工作年度报告";
const PREAMBLE: &str = "本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室关于年度报告格式的要求编写。本报告中所列数据的统计时限为2022年1月1日至2022年12月31日。";
const SIGNATURE: &str = "示例县教育局\n2023年1月16日";
const OTHER: &str = "（二）建议提案办理结果公开情况。";

/// The fixture with the title's agency dropped, the signature's agency replaced
/// by `signature` (or dropped), the preamble replaced, and `other` written
/// before the last paragraph of section 六.
fn report(signature: Option<&str>, preamble: Option<&str>, other: &str) -> String {
    for part in [TITLE, PREAMBLE, SIGNATURE, OTHER] {
        assert!(BASE.contains(part), "the fixture has changed: {part}");
    }
    let signature = match signature {
        Some(a) => format!("{a}\n2023年1月16日"),
        None => "2023年1月16日".to_string(),
    };
    BASE.replace(TITLE, "2022年度政府信息公开工作年度报告")
        .replace(PREAMBLE, preamble.unwrap_or(PREAMBLE))
        .replace(SIGNATURE, &signature)
        .replace(OTHER, &format!("{other}\n\n{OTHER}"))
}

fn agency(text: &str) -> Option<String> {
    check(text, &Options::default()).agency
}

#[test]
fn none_when_nothing_names_it() {
    assert_eq!(agency(&report(None, None, "")), None);
    // Sentences that mention an agency without naming the report's author.
    let other = "主动与样本县档案馆联系，按时移交政府信息公开目录。";
    assert_eq!(agency(&report(None, None, other)), None);
    let preamble = "本报告中所列数据由各股室提供，统计时限为2022年1月1日至2022年12月31日。";
    assert_eq!(agency(&report(None, Some(preamble), "")), None);
}

#[test]
fn from_the_signature() {
    assert_eq!(
        agency(&report(Some("样本县林业局"), None, "")).as_deref(),
        Some("样本县林业局")
    );
}

#[test]
fn from_the_contact_sentence() {
    let other =
        "（三）如对本报告有任何疑问，请与样本县文化和旅游局办公室联系（联系电话：0000-1111111）。";
    assert_eq!(
        agency(&report(None, None, other)).as_deref(),
        Some("样本县文化和旅游局")
    );
    let other = "（三）本报告由样本县交通运输局编制，联系电话：0000-2222222。";
    assert_eq!(
        agency(&report(None, None, other)).as_deref(),
        Some("样本县交通运输局")
    );
    let other = "（三）对本报告如有意见，联系单位：样本县水利局，联系地址：样本县人民大道8号。";
    assert_eq!(
        agency(&report(None, None, other)).as_deref(),
        Some("样本县水利局")
    );
}

#[test]
fn from_the_preamble() {
    let preamble = "本报告是根据《中华人民共和国政府信息公开条例》要求，由样本市生态环境局根据各科室提供的情况编制。本报告中所列数据的统计时限为2022年1月1日至2022年12月31日。";
    assert_eq!(
        agency(&report(None, Some(preamble), "")).as_deref(),
        Some("样本市生态环境局")
    );
    let preamble = "根据《中华人民共和国政府信息公开条例》规定，现公布样本市统计局2022年政府信息公开工作年度报告。本报告中所列数据的统计时限为2022年1月1日至2022年12月31日。";
    assert_eq!(
        agency(&report(None, Some(preamble), "")).as_deref(),
        Some("样本市统计局")
    );
}

#[test]
fn from_the_period_sentence() {
    let preamble = "样本区医疗保障局本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。";
    let text = report(None, Some(preamble), "");
    let r = check(&text, &Options::default());
    assert_eq!(r.agency.as_deref(), Some("样本区医疗保障局"));
    assert!(r.period.is_some());
}

#[test]
fn the_more_trusted_source_wins() {
    let other = "（三）如对本报告有任何疑问，请与样本县民政局联系。";
    // The signature over the contact sentence.
    assert_eq!(
        agency(&report(Some("样本县司法局"), None, other)).as_deref(),
        Some("样本县司法局")
    );
    // The title over both.
    let text = report(Some("样本县司法局"), None, other).replace(
        "2022年度政府信息公开工作年度报告",
        "样本县审计局2022年度政府信息公开工作年度报告",
    );
    assert_eq!(agency(&text).as_deref(), Some("样本县审计局"));
    // The contact sentence over the preamble, the preamble over the period.
    let preamble = "本报告由样本县商务局编制。样本县人力资源和社会保障局本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。";
    assert_eq!(
        agency(&report(None, Some(preamble), "")).as_deref(),
        Some("样本县商务局")
    );
    let preamble = "现公布样本县应急管理局2022年政府信息公开工作年度报告。样本县人力资源和社会保障局本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。";
    assert_eq!(
        agency(&report(None, Some(preamble), "")).as_deref(),
        Some("样本县应急管理局")
    );
}
