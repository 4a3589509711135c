//! A small strict XML tokenizer, enough for the parts of an Office file.

// ---- XML -----------------------------------------------------------------------

/// A token of [`Xml`].
pub(super) enum Tok<'a> {
    /// A start tag, and whether it is empty (`<x/>`); its attributes are in
    /// [`Xml::attr`] until the next token.
    Start(&'a str, bool),
    End(&'a str),
    /// Character data, references decoded.
    Text(String),
    Eof,
}

/// A small strict XML tokenizer, enough for the parts of an Office file:
/// start and end tags must match, attributes must be quoted, references
/// must be the five predefined entities or character references; comments,
/// processing instructions and a DOCTYPE are skipped. An error is the byte
/// offset where the document stops being well-formed.
pub(super) struct Xml<'a> {
    pub(super) src: &'a str,
    pub(super) pos: usize,
    pub(super) open: Vec<&'a str>,
    pub(super) attrs: Vec<(&'a str, &'a str)>,
}

impl<'a> Xml<'a> {
    pub(super) fn new(src: &'a str) -> Self {
        Xml {
            src,
            pos: 0,
            open: Vec::new(),
            attrs: Vec::new(),
        }
    }

    /// An attribute of the last start tag by its local name, references
    /// decoded.
    pub(super) fn attr(&self, name: &str) -> Option<String> {
        self.attrs
            .iter()
            .find(|(k, _)| local(k.as_bytes()) == name.as_bytes())
            .and_then(|(_, v)| unescape(v).ok())
    }

    pub(super) fn rest(&self) -> &'a [u8] {
        &self.src.as_bytes()[self.pos..]
    }

    /// Move past `pat`, which must come before the end.
    pub(super) fn skip_past(&mut self, pat: &str) -> Result<usize, usize> {
        match self.src[self.pos..].find(pat) {
            Some(i) => {
                let at = self.pos + i;
                self.pos = at + pat.len();
                Ok(at)
            }
            None => Err(self.src.len()),
        }
    }

    pub(super) fn skip_space(&mut self) {
        let n = self
            .rest()
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
            .count();
        self.pos += n;
    }

    pub(super) fn name(&mut self) -> Result<&'a str, usize> {
        let n = self
            .rest()
            .iter()
            .take_while(|&&b| {
                !matches!(
                    b,
                    b' ' | b'\t' | b'\r' | b'\n' | b'/' | b'>' | b'=' | b'<' | b'"' | b'\''
                )
            })
            .count();
        if n == 0 {
            return Err(self.pos);
        }
        let name = &self.src[self.pos..self.pos + n];
        self.pos += n;
        Ok(name)
    }

    pub(super) fn next(&mut self) -> Result<Tok<'a>, usize> {
        while self.skip_markup()? {}
        self.attrs.clear();
        let rest = self.rest();
        if rest.is_empty() {
            return if self.open.is_empty() {
                Ok(Tok::Eof)
            } else {
                Err(self.pos)
            };
        }
        if rest[0] != b'<' {
            let end = rest
                .iter()
                .position(|&b| b == b'<')
                .map_or(self.src.len(), |i| self.pos + i);
            let text = &self.src[self.pos..end];
            let at = self.pos;
            self.pos = end;
            return unescape(text).map(Tok::Text).map_err(|i| at + i);
        }
        let at = self.pos;
        if rest.starts_with(b"<![CDATA[") {
            self.pos += 9;
            let end = self.skip_past("]]>")?;
            return Ok(Tok::Text(self.src[at + 9..end].to_string()));
        }
        if rest.starts_with(b"</") {
            self.pos += 2;
            let name = self.name()?;
            self.skip_space();
            if self.rest().first() != Some(&b'>') || self.open.pop() != Some(name) {
                return Err(at);
            }
            self.pos += 1;
            return Ok(Tok::End(name));
        }
        self.pos += 1;
        let name = self.name()?;
        loop {
            self.skip_space();
            let rest = self.rest();
            if rest.starts_with(b"/>") {
                self.pos += 2;
                return Ok(Tok::Start(name, true));
            }
            if rest.first() == Some(&b'>') {
                self.pos += 1;
                self.open.push(name);
                return Ok(Tok::Start(name, false));
            }
            let key = self.name()?;
            self.skip_space();
            if self.rest().first() != Some(&b'=') {
                return Err(self.pos);
            }
            self.pos += 1;
            self.skip_space();
            let quote = match self.rest().first() {
                Some(&q @ (b'"' | b'\'')) => q as char,
                _ => return Err(self.pos),
            };
            self.pos += 1;
            let from = self.pos;
            let to = self.skip_past(if quote == '"' { "\"" } else { "'" })?;
            let value = &self.src[from..to];
            if value.contains('<') {
                return Err(from);
            }
            self.attrs.push((key, value));
        }
    }

    /// Skip a comment, processing instruction or DOCTYPE; whether one was.
    pub(super) fn skip_markup(&mut self) -> Result<bool, usize> {
        let rest = self.rest();
        if rest.starts_with(b"<!--") {
            self.pos += 4;
            self.skip_past("-->")?;
            return Ok(true);
        }
        if rest.starts_with(b"<?") || (rest.starts_with(b"<!") && !rest.starts_with(b"<![CDATA[")) {
            self.pos += 2;
            self.skip_past(">")?;
            return Ok(true);
        }
        Ok(false)
    }
}

/// Decode references; an error is the offset of a bad one.
pub(super) fn unescape(s: &str) -> Result<String, usize> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let at = s.len() - rest.len() + i;
        let tail = &rest[i + 1..];
        let end = tail.find(';').filter(|&e| e <= 10).ok_or(at)?;
        let name = &tail[..end];
        let c = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let num = name.strip_prefix('#').ok_or(at)?;
                let value = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16),
                    None => num.parse(),
                };
                value
                    .ok()
                    .filter(|&v| v != 0)
                    .and_then(char::from_u32)
                    .ok_or(at)?
            }
        };
        out.push(c);
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The local part of a qualified name.
pub(super) fn local(name: &[u8]) -> &[u8] {
    match name.iter().position(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    }
}

/// The local name of a WordprocessingML element (`w:` prefix, or none), or
/// `None` for elements of other vocabularies.
pub(super) fn w_name(name: &[u8]) -> Option<&[u8]> {
    match name.iter().position(|&b| b == b':') {
        Some(i) if &name[..i] == b"w" => Some(&name[i + 1..]),
        Some(_) => None,
        None => Some(name),
    }
}
