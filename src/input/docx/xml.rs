//! The XML of an Office file's parts, read with `quick-xml`: start and end
//! tags must match, references must be the five predefined entities or
//! character references; comments, processing instructions and a DOCTYPE
//! are skipped. An error is the byte offset where the document stops being
//! well-formed.

use quick_xml::escape::unescape;
use quick_xml::events::{BytesRef, Event};
use quick_xml::Reader;

/// A token of [`Xml`].
pub(super) enum Tok {
    /// A start tag, and whether it is empty (`<x/>`); its attributes are in
    /// [`Xml::attr`] until the next token.
    Start(String, bool),
    End(String),
    /// Character data, references decoded.
    Text(String),
    Eof,
}

/// A strict XML tokenizer over one part.
pub(super) struct Xml<'a> {
    reader: Reader<&'a [u8]>,
    /// Elements open.
    depth: usize,
    /// The attributes of the last start tag: name and raw value.
    attrs: Vec<(Vec<u8>, Vec<u8>)>,
    /// Byte range in the source of the last token returned.
    pub(super) range: (usize, usize),
}

impl<'a> Xml<'a> {
    pub(super) fn new(src: &'a str) -> Self {
        let mut reader = Reader::from_str(src);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.expand_empty_elements = false;
        config.trim_text(false);
        Xml {
            reader,
            depth: 0,
            attrs: Vec::new(),
            range: (0, 0),
        }
    }

    /// An attribute of the last start tag by its local name, references
    /// decoded.
    pub(super) fn attr(&self, name: &str) -> Option<String> {
        self.attrs
            .iter()
            .find(|(k, _)| local(k) == name.as_bytes())
            .and_then(|(_, v)| {
                let v = std::str::from_utf8(v).ok()?;
                if v.contains('<') {
                    return None;
                }
                unescape(v).ok().map(std::borrow::Cow::into_owned)
            })
    }

    pub(super) fn next(&mut self) -> Result<Tok, usize> {
        let tok = self.token();
        self.range.1 = self.reader.buffer_position() as usize;
        tok
    }

    fn token(&mut self) -> Result<Tok, usize> {
        self.attrs.clear();
        loop {
            let at = self.reader.buffer_position() as usize;
            self.range.0 = at;
            let fail = |r: &Reader<&[u8]>| r.error_position() as usize;
            let event = self.reader.read_event().map_err(|_| fail(&self.reader))?;
            let (e, empty) = match event {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    self.depth = self.depth.checked_sub(1).ok_or(at)?;
                    let name = e.name();
                    let name = std::str::from_utf8(name.as_ref()).map_err(|_| at)?;
                    return Ok(Tok::End(name.to_string()));
                }
                Event::Text(t) => {
                    let text = t.decode().map_err(|_| at)?;
                    return Ok(Tok::Text(text.into_owned()));
                }
                Event::CData(t) => {
                    let text = t.decode().map_err(|_| at)?;
                    return Ok(Tok::Text(text.into_owned()));
                }
                Event::GeneralRef(r) => return reference(&r).map(Tok::Text).ok_or(at),
                Event::Eof if self.depth == 0 => return Ok(Tok::Eof),
                Event::Eof => return Err(at),
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => continue,
            };
            let name = e.name();
            let name = std::str::from_utf8(name.as_ref())
                .map_err(|_| at)?
                .to_string();
            for a in e.attributes().with_checks(false) {
                let a = a.map_err(|_| at)?;
                self.attrs
                    .push((a.key.as_ref().to_vec(), a.value.into_owned()));
            }
            if !empty {
                self.depth += 1;
            }
            return Ok(Tok::Start(name, empty));
        }
    }
}

/// A reference in character data: one of the five predefined entities or a
/// character reference (not `&#0;`).
fn reference(r: &BytesRef) -> Option<String> {
    if let Ok(Some(c)) = r.resolve_char_ref() {
        return (c != '\0').then(|| c.to_string());
    }
    let name: &[u8] = r;
    let c = match name {
        b"amp" => '&',
        b"lt" => '<',
        b"gt" => '>',
        b"quot" => '"',
        b"apos" => '\'',
        _ => return None,
    };
    Some(c.to_string())
}

/// The local part of a qualified name.
pub(super) fn local(name: &[u8]) -> &[u8] {
    match name.iter().position(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The local name of a `WordprocessingML` element (`w:` prefix, or none), or
/// `None` for elements of other vocabularies.
pub(super) fn w_name(name: &[u8]) -> Option<&[u8]> {
    match name.iter().position(|&b| b == b':') {
        Some(i) if &name[..i] == b"w" => Some(&name[i + 1..]),
        Some(_) => None,
        None => Some(name),
    }
}
