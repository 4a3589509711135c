//! Hostile inputs: huge, long-lined, binary, mis-encoded, invisible-character
//! and repeated texts. Each gets a clear result or a clear error, never a
//! panic; every span stays valid; and the time taken grows linearly with the
//! size of the input.
//!
//! Linear time is asserted by scaling, never by a wall-clock limit: the same
//! input is built at size n and 4n and the time ratio must stay under
//! [`MAX_RATIO`] (4 for linear work, 16 for quadratic). Memory is bounded by
//! asserting that the report's JSON grows no faster than the input.
//!
//! The reports are the project's own fixtures (fictional agencies, made-up
//! numbers) or text written here.

use xxgk::{check, decode, DecodeError};

#[path = "hostile/support.rs"]
mod support;
#[path = "hostile/text.rs"]
mod text;

use support::*;

// ---- size ------------------------------------------------------------------

#[test]
fn fifty_megabytes_of_text() {
    let report = fixture("clean_2021_tabs");
    let make = |bytes: usize| {
        let mut t = String::with_capacity(bytes + report.len());
        while t.len() < bytes {
            t.push_str(&report);
        }
        t
    };
    let (text, r) = check_scaled("50 MB", 50 << 20 >> 2, false, make);
    assert!(text.len() >= 50 << 20);
    // The first copy is the report; the rest is read past, not multiplied.
    let single = check(&report, &options(false));
    assert_eq!(values(&r), values(&single));
    assert_eq!(r.sections.len(), 6);
    assert!(r.to_json().len() < 64 << 10, "JSON of 50 MB stays small");
}

#[test]
fn a_million_short_lines() {
    // Short lines of every kind a table region holds, inside section 二 so
    // that the table reader goes through all of them.
    const SHORT: &[&str] = &[
        "规章",
        "0",
        "",
        "\t",
        "一",
        "1 2",
        "信息内容",
        "—",
        "第二十条第（一）项",
        "行政许可\t1",
        "x",
        "减 1",
        "（无）",
        "3.其他",
        "|",
        "-- 2 --",
    ];
    let make = |n: usize| {
        let mut t = String::from(HEAD);
        t.push_str("二、主动公开政府信息情况\n");
        for i in 0..n {
            t.push_str(SHORT[i % SHORT.len()]);
            t.push('\n');
        }
        t.push_str(TAIL);
        t
    };
    let (text, r) = check_scaled("short lines", 250_000, true, make);
    assert_eq!(text.lines().count(), 1_000_000 + 11);
    assert!(r.tables.active.is_some());
}

#[test]
fn one_ten_megabyte_line() {
    const TEN_MB: usize = 10 << 20;
    // (section, what the line repeats, whether at full size: the others are
    // 2 MB, to keep the test quick in the debug build)
    for (section, unit, full) in [
        // A table row that never ends: a label, then cells of every kind,
        // with short unknown labels between them.
        (
            "二、主动公开政府信息情况",
            "行政许可\t1\t中文字\t约5\t\t",
            true,
        ),
        ("二、主动公开政府信息情况", "规章 1 2 3 ", false),
        (
            "三、收到和处理政府信息公开申请情况",
            "（一）予以公开\t0\t0\t1\t0\t0\t0\t1\t",
            false,
        ),
        ("三、收到和处理政府信息公开申请情况", "中文字\t0\t", false),
        // Short words that are no label of the template.
        ("三、收到和处理政府信息公开申请情况", "中文字\t", true),
        (
            "四、政府信息公开行政复议、行政诉讼情况",
            "结果维持\t0\t1 2 3\t",
            false,
        ),
        // Narrative: one clause, and many clauses.
        ("一、总体情况", "收到政府信息公开申请的数量", false),
        (
            "一、总体情况",
            "收到申请3件，行政复议1件，2021年将继续。",
            true,
        ),
        ("五、存在的主要问题及改进情况", "2021年将继续2021", false),
    ] {
        let size = if full { TEN_MB } else { TEN_MB / 5 };
        let name = format!("{} MB line of {unit:?}", size >> 20);
        let (text, r) = check_scaled(&name, size / 4, true, |n| long_line(section, unit, n));
        assert!(text.len() > size);
        assert!(r.sections.len() >= 3, "{unit:?}");
    }
}

// ---- bytes -------------------------------------------------------------------

#[test]
fn random_binary_is_a_decode_error() {
    for seed in 1..=8u64 {
        let bytes = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)).bytes(1 << 20);
        let err = decode(&bytes).expect_err("random bytes are not text");
        assert!(
            matches!(err, DecodeError::Binary | DecodeError::ControlCharacters),
            "{err:?}"
        );
        assert!(!err.to_string().is_empty());
    }
    // Random bytes of 0x80 and above (no NUL, no control byte): neither
    // UTF-8 nor GB18030 (somewhere a byte can neither lead nor end a
    // character).
    let high = |n: usize| -> Vec<u8> {
        let mut rng = Rng(11);
        (0..n).map(|_| 0x80 | rng.next() as u8).collect()
    };
    assert_eq!(decode(&high(1 << 20)), Err(DecodeError::UnknownEncoding));
    assert_linear("random high bytes", 1 << 20, 3, high, |b| {
        let _ = decode(b);
    });
    assert_linear(
        "random binary",
        1 << 20,
        3,
        |n| Rng(7).bytes(n),
        |b| {
            let _ = decode(b);
        },
    );
}

#[test]
fn invalid_utf8_is_gb18030_or_a_clear_error() {
    let report = fixture("clean_2019_tabs");
    // GBK bytes are read as GB18030, the same text.
    let (gbk, _, bad) = encoding_rs::GBK.encode(&report);
    assert!(!bad);
    assert_eq!(decode(&gbk).as_deref(), Ok(report.as_str()));
    // UTF-8 damaged in each way after a long valid stretch: an error that
    // names the line.
    let mid = (0..=report.len() / 2)
        .rev()
        .find(|&i| report.is_char_boundary(i))
        .unwrap();
    let at = report[..mid].rfind('\n').unwrap() + 1;
    let line = 1 + report[..at].matches('\n').count();
    for damage in [
        &b"\xFF"[..],
        b"\x80",
        b"\xE4\xB8",
        b"\xC0\x80",
        b"\xED\xA0\x80",
        b"\xF4\x90\x80\x80",
        b"\xF8\x88\x80\x80\x80",
    ] {
        let mut bytes = report.as_bytes().to_vec();
        bytes.splice(at..at, damage.iter().copied());
        let err = decode(&bytes).expect_err("damaged UTF-8");
        assert_eq!(err, DecodeError::InvalidUtf8 { line }, "{damage:?}");
        assert!(err.to_string().contains(&line.to_string()), "{err}");
        // Cut in the middle of a character at the very end.
        let mut cut = report.as_bytes().to_vec();
        cut.extend_from_slice("示".as_bytes().split_at(2).0);
        assert!(matches!(decode(&cut), Err(DecodeError::InvalidUtf8 { .. })));
    }
    // Short invalid input: GB18030 or an error, never a panic.
    for bytes in [
        &b"\x80"[..],
        b"\xFF\xFF\xFF",
        b"a\xC3",
        b"\xE4\xB8\xAD\xFF\x30",
    ] {
        match decode(bytes) {
            Ok(t) => assert!(!t.trim().is_empty()),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
    assert_linear(
        "GBK",
        4 << 20,
        2,
        |n| gbk.repeat(n / gbk.len() + 1),
        |b| {
            decode(b).unwrap();
        },
    );
}

fn utf16_bytes(text: &str, big_endian: bool) -> Vec<u8> {
    text.encode_utf16()
        .flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        })
        .collect()
}

/// A decoded text that is not the report: `check` must not read tables out
/// of it, and must say it is not a report.
fn assert_not_read_as_report(what: &str, text: &str) {
    let r = checked(text, true);
    assert!(
        values(&r)
            .iter()
            .all(|(_, v)| v.iter().all(Option::is_none)),
        "{what}: numbers read out of mis-decoded text"
    );
    assert!(
        codes(&r).contains(&"DOC-NOT-REPORT"),
        "{what}: {:?}",
        codes(&r)
    );
}

#[test]
fn encoding_that_lies() {
    let report = fixture("clean_2021_tabs");
    let utf8 = report.as_bytes();
    let (gbk, _, _) = encoding_rs::GBK.encode(&report);

    // UTF-16 byte-order marks on UTF-8 text: an error, or text that is not
    // read as a report.
    for bom in [&b"\xFF\xFE"[..], b"\xFE\xFF"] {
        let mut bytes = bom.to_vec();
        bytes.extend_from_slice(utf8);
        if bytes.len() % 2 == 1 {
            bytes.push(b'\n');
        }
        match decode(&bytes) {
            Err(e) => assert_eq!(e, DecodeError::InvalidUtf16),
            Ok(t) => assert_not_read_as_report("UTF-16 BOM on UTF-8", &t),
        }
        // An odd number of bytes after the mark cannot be UTF-16.
        let mut odd = bom.to_vec();
        odd.extend_from_slice(b"abc");
        assert_eq!(decode(&odd), Err(DecodeError::InvalidUtf16));
    }
    // A UTF-8 byte-order mark on GBK bytes: invalid UTF-8 on line 1.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(&gbk);
    assert_eq!(decode(&bytes), Err(DecodeError::InvalidUtf8 { line: 1 }));
    // The wrong UTF-16 byte order: an error or text that is not a report.
    for (bom, big_endian) in [(&b"\xFF\xFE"[..], true), (b"\xFE\xFF", false)] {
        let mut bytes = bom.to_vec();
        bytes.extend_from_slice(&utf16_bytes(&report, big_endian));
        match decode(&bytes) {
            Err(e) => assert_eq!(e, DecodeError::InvalidUtf16),
            Ok(t) => assert_not_read_as_report("UTF-16 in the other byte order", &t),
        }
    }
    // UTF-16 without a mark is recognised in either byte order.
    for big_endian in [false, true] {
        assert_eq!(
            decode(&utf16_bytes(&report, big_endian)).as_deref(),
            Ok(report.as_str())
        );
    }
    // A UTF-8 mark on UTF-16 bytes: the NULs make it invalid UTF-8 or
    // control characters; never a report.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(&utf16_bytes(&report, false));
    match decode(&bytes) {
        Err(e) => assert!(!e.to_string().is_empty()),
        Ok(t) => assert_not_read_as_report("UTF-8 BOM on UTF-16", &t),
    }
    assert_linear(
        "UTF-16 BOM on UTF-8",
        2 << 20,
        2,
        |n| {
            let mut b = b"\xFF\xFE".to_vec();
            b.extend_from_slice(report.repeat(n / report.len() + 1).as_bytes());
            b.truncate(b.len() & !1);
            b
        },
        |b| {
            if let Ok(t) = decode(b) {
                let _ = check(&t, &options(false));
            }
        },
    );
}
