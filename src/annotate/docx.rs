//! A Word document with each finding as a comment (`word/comments.xml`)
//! anchored at the characters it is about: `w:commentRangeStart` before the
//! first, `w:commentRangeEnd` and a run holding `w:commentReference` after
//! the last. A run is split where an anchor falls inside it (its start tag
//! and properties repeated), so that the comment covers exactly the text.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::zip::{write, Out};
use super::Note;
use crate::input::docx::trace::{body, Body, Traced};
use crate::input::docx::zip::Zip;
use crate::input::docx::{DocxError, MAX_XML_BYTES};

const COMMENTS_TYPE: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments";
const COMMENTS_CONTENT: &str =
    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml";
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The Word document `bytes` with one comment per note, by `author`.
///
/// Spans are byte offsets into the text [`crate::docx::docx_to_text`] reads
/// from the same bytes (the text a check of the file reports on). A note
/// without a span, or whose text is not in the document's body, is anchored
/// at the nearest character that is (the start of the document without a
/// span). Every other part of the document is copied unchanged.
///
/// # Errors
///
/// A [`DocxError`] when the bytes are not a readable Word document (as
/// [`crate::docx::docx_to_text`] tells).
pub fn annotate_docx(bytes: &[u8], notes: &[Note], author: &str) -> Result<Vec<u8>, DocxError> {
    let (zip, body) = body(bytes)?;
    let prefix = body
        .runs
        .first()
        .map_or_else(|| "w:".to_string(), |r| r.prefix.clone());
    let part = |name: &[u8]| {
        zip.entries
            .iter()
            .find(|e| e.name == name)
            .and_then(|e| zip.read(e, MAX_XML_BYTES).ok())
            .and_then(|b| String::from_utf8(b).ok())
    };
    let dir_len = body
        .main
        .iter()
        .rposition(|&b| b == b'/')
        .map_or(0, |i| i + 1);
    let dir = String::from_utf8_lossy(&body.main[..dir_len]).into_owned();
    let file = String::from_utf8_lossy(&body.main[dir_len..]).into_owned();
    let rels_name = format!("{dir}_rels/{file}.rels");
    let rels = part(rels_name.as_bytes());
    // An existing comments part (named by the main part's relationships).
    let existing = rels
        .as_deref()
        .and_then(|r| target_of(r, COMMENTS_TYPE))
        .map(|t| resolve(&dir, &t))
        .and_then(|name| part(name.as_bytes()).map(|x| (name, x)));

    let mut first_id = max_id(&body.xml).map_or(0, |m| m + 1);
    if let Some((_, x)) = &existing {
        first_id = first_id.max(max_id(x).map_or(0, |m| m + 1));
    }
    let mut document = anchored(&body, notes, first_id, &prefix);
    // The part is written back as UTF-8 (it may have been UTF-16).
    if let Some(decl) = document.get(..document.find("?>").unwrap_or(0)) {
        if let Some(at) = decl.to_ascii_lowercase().find("utf-16") {
            document.replace_range(at..at + 6, "UTF-8");
        }
    }

    let mut replace: BTreeMap<Vec<u8>, String> = BTreeMap::new();
    replace.insert(body.main.clone(), document);
    let mut added: Vec<(String, String)> = Vec::new();
    let comments = comments(notes, first_id, author);
    if let Some((name, mut xml)) = existing {
        let at = xml.rfind("</").unwrap_or(xml.len());
        xml.insert_str(at, &comments);
        replace.insert(name.into_bytes(), xml);
    } else {
        let mut name = "comments.xml".to_string();
        let mut n = 1;
        while zip.find(&format!("{dir}{name}")).is_some() {
            name = format!("comments{n}.xml");
            n += 1;
        }
        let xml = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n\
             <w:comments xmlns:w=\"{W_NS}\">{comments}</w:comments>"
        );
        let rel = |id: &str| {
            format!("<Relationship Id=\"{id}\" Type=\"{COMMENTS_TYPE}\" Target=\"{name}\"/>")
        };
        match rels {
            Some(mut r) => {
                let mut id = "rIdXxgkComments".to_string();
                while r.contains(&format!("\"{id}\"")) {
                    id.push('1');
                }
                let at = r.rfind("</").unwrap_or(r.len());
                r.insert_str(at, &rel(&id));
                replace.insert(rels_name.into_bytes(), r);
            }
            None => added.push((
                rels_name,
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n\
                     <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{}</Relationships>",
                    rel("rId1")
                ),
            )),
        }
        let override_ =
            format!("<Override PartName=\"/{dir}{name}\" ContentType=\"{COMMENTS_CONTENT}\"/>");
        if let Some(mut types) = part(b"[Content_Types].xml") {
            let at = types.rfind("</").unwrap_or(types.len());
            types.insert_str(at, &override_);
            replace.insert(b"[Content_Types].xml".to_vec(), types);
        }
        added.push((format!("{dir}{name}"), xml));
    }
    repack(&zip, &replace, &added)
}

/// The archive again: replaced parts deflated, the others copied as stored.
fn repack(
    zip: &Zip,
    replace: &BTreeMap<Vec<u8>, String>,
    added: &[(String, String)],
) -> Result<Vec<u8>, DocxError> {
    let mut out = Vec::with_capacity(zip.entries.len() + added.len());
    for e in &zip.entries {
        if e.flags & 1 != 0 {
            return Err(DocxError::Encrypted);
        }
        if let Some(text) = replace.get(&e.name) {
            out.push(Out::new(&e.name, text.as_bytes()));
        } else {
            out.push(Out {
                name: e.name.clone(),
                flags: e.flags,
                method: e.method,
                crc: e.crc,
                size: e.size,
                data: Cow::Borrowed(zip.raw(e)?),
            });
        }
    }
    for (name, text) in added {
        out.push(Out::new(name.as_bytes(), text.as_bytes()));
    }
    write(&out)
}

/// The largest number in a `…id="N"` attribute of the part.
fn max_id(xml: &str) -> Option<u64> {
    xml.match_indices("id=\"")
        .filter_map(|(i, m)| {
            let rest = &xml[i + m.len()..];
            let end = rest.find('"')?;
            rest[..end].parse::<u64>().ok()
        })
        .max()
}

/// The target of the first relationship of the given type.
fn target_of(rels: &str, kind: &str) -> Option<String> {
    let at = rels.find(&format!("Type=\"{kind}\""))?;
    let start = rels[..at].rfind('<')?;
    let end = at + rels[at..].find('>')?;
    let tag = &rels[start..end];
    let t = tag.find("Target=\"")? + 8;
    let len = tag[t..].find('"')?;
    Some(tag[t..t + len].to_string())
}

/// A relationship's target as a part name.
fn resolve(dir: &str, target: &str) -> String {
    match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{dir}{target}"),
    }
}

/// XML text escaped; characters XML cannot hold dropped.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

/// The `w:comment` elements, ids from `first`.
fn comments(notes: &[Note], first: u64, author: &str) -> String {
    let mut out = String::new();
    let author = escape(author);
    for (k, note) in notes.iter().enumerate() {
        let id = first + k as u64;
        let _ = write!(
            out,
            "<w:comment w:id=\"{id}\" w:author=\"{author}\" w:initials=\"xxgk\">"
        );
        let paragraphs = note.paragraphs.iter().flat_map(|p| p.split('\n'));
        for (i, p) in paragraphs.enumerate() {
            out.push_str("<w:p>");
            if i == 0 {
                out.push_str("<w:r><w:annotationRef/></w:r>");
            }
            let _ = write!(
                out,
                "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                escape(p)
            );
        }
        if note.paragraphs.is_empty() {
            out.push_str("<w:p><w:r><w:annotationRef/></w:r></w:p>");
        }
        out.push_str("</w:comment>");
    }
    out
}

/// Where an anchor goes: the character it is next to, and whether it goes
/// after it.
fn place(c: &Traced, after: bool) -> Option<(usize, usize, bool)> {
    let run = c.run?;
    Some((if after { c.end } else { c.start }, run, c.in_t))
}

/// The first and last characters of the body in `start..end` (a point at
/// the next character when none is).
fn anchors(body: &Body, span: Option<(usize, usize)>) -> Option<(Traced, Traced)> {
    let ok = |t: &&(usize, Traced)| t.1.run.is_some();
    let Some((start, end)) = span else {
        let first = body.map.iter().find(ok)?.1;
        return Some((first, first));
    };
    let (start, end) = (start.min(body.text.len()), end.min(body.text.len()));
    let from = body.map.partition_point(|&(at, _)| at < start);
    let inside = body.map[from..]
        .iter()
        .take_while(|&&(at, _)| at < end.max(start + 1));
    let mut inside = inside.filter(ok);
    if let Some(first) = inside.next() {
        let last = inside.last().unwrap_or(first);
        return Some((first.1, last.1));
    }
    let next = body.map[from..]
        .iter()
        .find(ok)
        .or_else(|| body.map.iter().rev().find(ok))?;
    Some((next.1, next.1))
}

/// A place where the main part is split: the run, whether inside a `w:t`,
/// and the anchors put there with their order.
type Split = (usize, bool, Vec<(u8, String)>);

/// The main part with the anchors of every note, ids from `first`.
fn anchored(body: &Body, notes: &[Note], first: u64, p: &str) -> String {
    // At each byte offset: the run it splits, whether inside a `w:t`, and the
    // anchors in order (0: ends of ranges, 1: starts, 2: ends of points).
    let mut at: BTreeMap<usize, Split> = BTreeMap::new();
    for (k, note) in notes.iter().enumerate() {
        let id = first + k as u64;
        let Some((a, b)) = anchors(body, note.span) else {
            continue;
        };
        let (Some(s), Some(e)) = (place(&a, false), place(&b, true)) else {
            continue;
        };
        let point = a == b && note.span.is_none_or(|(s, e)| s >= e);
        let start = format!("<{p}commentRangeStart {p}id=\"{id}\"/>");
        let end = format!(
            "<{p}commentRangeEnd {p}id=\"{id}\"/><{p}r><{p}commentReference {p}id=\"{id}\"/></{p}r>"
        );
        if point {
            let slot = at.entry(s.0).or_insert((s.1, s.2, Vec::new()));
            slot.2.push((2, format!("{start}{end}")));
        } else {
            at.entry(s.0)
                .or_insert((s.1, s.2, Vec::new()))
                .2
                .push((1, start));
            at.entry(e.0)
                .or_insert((e.1, e.2, Vec::new()))
                .2
                .push((0, end));
        }
    }
    let xml = &body.xml;
    let mut out = String::with_capacity(xml.len() + at.len() * 200);
    let mut last = 0;
    for (pos, (run, in_t, mut marks)) in at {
        let Some(r) = body.runs.get(run) else {
            continue;
        };
        if pos < last || !xml.is_char_boundary(pos) {
            continue;
        }
        crate::sort::sort_by_key(&mut marks, |m| m.0);
        out.push_str(&xml[last..pos]);
        last = pos;
        let open = &xml[r.open.0..r.open.1];
        let rpr = r.rpr.map_or("", |(a, b)| &xml[a..b]);
        let q = &r.prefix;
        if in_t {
            let _ = write!(out, "</{q}t>");
        }
        let _ = write!(out, "</{q}r>");
        for (_, m) in marks {
            out.push_str(&m);
        }
        out.push_str(open);
        out.push_str(rpr);
        if in_t {
            let _ = write!(out, "<{q}t xml:space=\"preserve\">");
        }
    }
    out.push_str(&xml[last..]);
    out
}
