//! Classifying a text token of a table region against the template's labels.

use crate::range::ByteRange;
use crate::template::{table1, table2, table3, Format, Row, RowDef};
use crate::text::{cn_numeral, contains, find, key_into};
use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Label {
    /// A data row (index into the catalogue), with the template label when
    /// the text differs, and digits run into the label.
    Data {
        row: usize,
        variant: bool,
        merged: Option<ByteRange>,
    },
    /// A group label (index into `table2::GROUPS`).
    Group(usize),
    /// Table 1 block caption 第二十条第（X）项: block index.
    Caption(usize),
    /// Table 1 header cell: version marker, money unit, decimals.
    Header(Option<Format>, Option<&'static str>, Option<u8>),
    /// Piece of a label (vertical labels broken apart), header words.
    Fragment,
    /// A label the template does not have.
    Unknown,
    /// A sentence: the table has ended.
    Narrative,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Which {
    T1,
    T2,
}

/// Strip a leading enumerator from a key (`一`, `三`, `1`, `12`) and return it.
fn split_enum(k: &str) -> (Option<u32>, &str) {
    let mut it = k.char_indices();
    if let Some((_, c)) = it.next() {
        if c.is_ascii_digit() {
            let end = k
                .char_indices()
                .find(|(_, c)| !c.is_ascii_digit())
                .map_or(k.len(), |(i, _)| i);
            if end <= 2 {
                return (k[..end].parse().ok(), &k[end..]);
            }
        } else if let Some(v) = cn_numeral(c.encode_utf8(&mut [0; 4])) {
            if v <= 10 {
                return (Some(v), &k[c.len_utf8()..]);
            }
        }
    }
    (None, k)
}

/// `s` has `。` (E3 80 82) or `；` (EF BC 9B): one pass over the bytes.
fn has_sentence_mark(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        (c == 0xe3 || c == 0xef) && {
            let r = &b[i..];
            r.starts_with("。".as_bytes()) || r.starts_with("；".as_bytes())
        }
    })
}

fn lcs(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for &x in a {
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// A set of characters, hashed to 128 bits: a string that contains another,
/// or has many characters in common with it, has (at least) its bits.
fn char_set(s: &str) -> u128 {
    s.chars().fold(0, |m, c| m | char_bit(c))
}

fn char_bit(c: char) -> u128 {
    1u128 << ((c as u32).wrapping_mul(0x9e37_79b1) >> 25)
}

/// A comparison key of the catalogue, ready to be compared.
struct KeyInfo {
    /// Index of its row in the catalogue.
    row: usize,
    key: &'static str,
    set: u128,
    chars: Vec<char>,
}

/// A hasher for the catalogue's own keys (short, fixed, not chosen by the
/// text's author): eight bytes at a time, a multiply and a rotation (the
/// "Fx" hash), several times cheaper than the default hash for a label.
#[derive(Default)]
struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut add =
            |w: u64| self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            add(u64::from_le_bytes(w));
        }
    }

    fn write_u8(&mut self, b: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A table's catalogue of row labels, indexed once.
struct Catalogue {
    /// Each key, to the first row that has it.
    exact: HashMap<&'static str, usize, std::hash::BuildHasherDefault<KeyHasher>>,
    /// Every key, in catalogue order.
    keys: Vec<KeyInfo>,
}

impl Catalogue {
    fn new(defs: &'static [RowDef]) -> Self {
        let mut exact = HashMap::default();
        let mut keys = Vec::new();
        for (row, d) in defs.iter().enumerate() {
            for &key in d.keys {
                exact.entry(key).or_insert(row);
                keys.push(KeyInfo {
                    row,
                    key,
                    set: char_set(key),
                    chars: key.chars().collect(),
                });
            }
        }
        Catalogue { exact, keys }
    }
}

static T1_CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| Catalogue::new(table1::ROWS));
static T2_CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| Catalogue::new(table2::ROWS));

pub(super) struct Classifier {
    pub which: Which,
    /// A data row was already read (short labels like 总计 may follow).
    pub seen_data: bool,
    /// The key of the token being classified (a buffer reused across tokens).
    pub key: String,
}

impl Classifier {
    pub fn defs(&self) -> &'static [RowDef] {
        match self.which {
            Which::T1 => table1::ROWS,
            Which::T2 => table2::ROWS,
        }
    }

    fn catalogue(&self) -> &'static Catalogue {
        match self.which {
            Which::T1 => &T1_CATALOGUE,
            Which::T2 => &T2_CATALOGUE,
        }
    }

    pub fn classify(&mut self, raw: &str, base: usize) -> Label {
        let mut k = std::mem::take(&mut self.key);
        key_into(raw, &mut k);
        let label = self.classify_key(raw, base, &k);
        self.key = k;
        label
    }

    /// [`Classifier::classify`], given the token's key `k`.
    #[allow(clippy::too_many_lines)] // the label kinds tried in order, first match wins
    fn classify_key(&self, raw: &str, base: usize, k: &str) -> Label {
        if k.is_empty() {
            return Label::Fragment;
        }
        // Cells glued to the label (`…申请6482491934272439124710000`) do not
        // make it prose: only the label's own characters count.
        let n = k
            .trim_end_matches(|c: char| c.is_ascii_digit())
            .chars()
            .count();
        if n > 60 || has_sentence_mark(raw) {
            return Label::Narrative;
        }
        if self.which == Which::T1 {
            if let Some(p) = find(k, "第二十条第") {
                let rest = &k[p + "第二十条第".len()..];
                let num: String = rest.chars().take_while(|&c| c != '项').collect();
                let Some(b) = cn_numeral(&num).and_then(table1::block_numbered) else {
                    return Label::Fragment;
                };
                return Label::Caption(b);
            }
        }
        let (en, body) = split_enum(k);
        // Short labels that need their enumerator.
        if self.which == Which::T2 {
            let short = |s: &str| body == s || k.ends_with(s) && k.len() <= s.len() + 6;
            if (short("总计") || short("合计"))
                && (en == Some(7) || (self.seen_data && body.len() == k.len()))
            {
                return self.data(Row::Total);
            }
            // `（六）其他` is the group label （六）其他处理 wrapped, not 3.其他.
            if body == "其他" && (en == Some(3) || (en.is_none() && self.seen_data)) {
                return self.data(Row::Other3);
            }
        }
        // Most labels are exactly a template key once the enumerator is gone.
        let cat = self.catalogue();
        if let Some(&row) = cat.exact.get(body) {
            return Label::Data {
                row,
                variant: false,
                merged: None,
            };
        }
        if self.which == Which::T2 {
            if let Some(i) = table2::GROUPS.iter().position(|(g, _, _)| *g == body) {
                return Label::Group(i);
            }
        }
        // Header cells never contain a row label: reject them cheaply.
        if self.which == Which::T2 && table2::HEADER_WORDS.iter().any(|w| contains(body, w)) {
            return Label::Fragment;
        }
        if self.which == Which::T1 && !contains(k, "规") && !contains(k, "行政") {
            if let Some(h) = t1_header(k, raw) {
                return h;
            }
        }
        // The longest template key contained in the text.
        let mut best: Option<(usize, usize, usize)> = None; // (row, key len, position)
        let kset = char_set(k);
        for ki in &cat.keys {
            if ki.set & kset != ki.set {
                continue;
            }
            if let Some(p) = find(k, ki.key) {
                if best.is_none_or(|b| ki.key.len() > b.1) {
                    best = Some((ki.row, ki.key.len(), p));
                }
            }
        }
        if let Some((row, len, p)) = best {
            // A group label that contains it is not it (T2 groups contain no keys).
            let rest = &k[p + len..];
            let merged = if !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()) {
                raw.char_indices()
                    .rev()
                    .take_while(|(_, c)| {
                        crate::text::fold(*c).is_ascii_digit() || crate::text::is_space(*c)
                    })
                    .last()
                    .map(|(i, _)| ByteRange::new(base + i, base + raw.trim_end().len()))
            } else {
                None
            };
            // Words after the label (an explanation in brackets) make it a variant.
            let variant = merged.is_none() && !rest.is_empty();
            return Label::Data {
                row,
                variant,
                merged,
            };
        }
        if self.which == Which::T1 {
            if let Some(h) = t1_header(k, raw) {
                return h;
            }
        }
        if self.which == Which::T2 {
            for (i, (g, _, _)) in table2::GROUPS.iter().enumerate() {
                if body == *g || (contains(k, g) && k.len() <= g.len() + 9) {
                    return Label::Group(i);
                }
            }
        }
        // A truncated label (continued on a later line).
        if body.chars().count() >= 5 {
            for (i, d) in self.defs().iter().enumerate() {
                for &dk in d.keys {
                    if dk.starts_with(body) && body.len() * 10 >= dk.len() * 5 {
                        return Label::Data {
                            row: i,
                            variant: false,
                            merged: None,
                        };
                    }
                }
            }
        }
        // A fragment of a group, header or row label.
        let bn = body.chars().count();
        if bn <= 8 {
            let frag = table2::GROUPS.iter().any(|(g, _, _)| contains(g, body))
                || table3::HEADER_WORDS.iter().any(|w| contains(body, w))
                || bn <= 4;
            if frag {
                return Label::Fragment;
            }
        }
        if table2::HEADER_WORDS.iter().any(|w| contains(body, w)) {
            return Label::Fragment;
        }
        // A label with a typo.
        if bn >= 4 {
            let bc: Vec<char> = body.chars().collect();
            let mut best: Option<(usize, f64)> = None;
            for ki in &cat.keys {
                let dc = &ki.chars;
                let (a, b) = (bc.len().min(dc.len()), bc.len().max(dc.len()));
                if a * 10 < b * 7 {
                    continue;
                }
                // The common subsequence is at most the characters of the
                // text the key may have.
                let most = bc.iter().filter(|&&c| char_bit(c) & ki.set != 0).count();
                if 2.0 * most as f64 / ((bc.len() + dc.len()) as f64) < 0.8 {
                    continue;
                }
                let r = 2.0 * lcs(&bc, dc) as f64 / (bc.len() + dc.len()) as f64;
                if r >= 0.8 && best.is_none_or(|x| r > x.1) {
                    best = Some((ki.row, r));
                }
            }
            if let Some((row, _)) = best {
                return Label::Data {
                    row,
                    variant: true,
                    merged: None,
                };
            }
        }
        if bn <= 8 {
            Label::Fragment
        } else {
            Label::Unknown
        }
    }

    fn data(&self, key: Row) -> Label {
        let row = self.defs().iter().position(|d| d.key == key).unwrap_or(0);
        Label::Data {
            row,
            variant: false,
            merged: None,
        }
    }
}

fn t1_header(k: &str, raw: &str) -> Option<Label> {
    let mut v = None;
    if table1::HEADERS_2021.iter().any(|h| contains(k, h)) {
        v = Some(Format::F2021);
    } else if table1::HEADERS_2019.iter().any(|h| contains(k, h))
        || (contains(k, "处理决定数量") && !contains(k, "本年处理决定数量"))
    {
        v = Some(Format::F2019);
    } else if k.chars().count() >= 3 {
        let in19 = table1::HEADERS_2019.iter().any(|h| h.starts_with(k));
        let in21 = table1::HEADERS_2021.iter().any(|h| h.starts_with(k));
        v = match (in19, in21) {
            (true, false) => Some(Format::F2019),
            (false, true) => Some(Format::F2021),
            _ => None,
        };
        if !(in19 || in21) && k != "信息内容" {
            return None;
        }
    } else if k != "信息内容" {
        return None;
    }
    // (`text::contains` and `find`: a plain scan, cheaper than setting up
    // a searcher for a cell.)
    let unit = if contains(raw, "万元") {
        Some("万元")
    } else if raw.contains('元') {
        Some("元")
    } else {
        None
    };
    let decimals = find(raw, "保留").and_then(|p| {
        let c = raw[p + "保留".len()..].chars().next()?;
        let c = crate::text::fold(c);
        c.to_digit(10)
            .or_else(|| cn_numeral(c.encode_utf8(&mut [0; 4])))
            .map(|d| d as u8)
    });
    Some(Label::Header(v, unit, decimals))
}
