//! The element tree of a web page, from a tag-level scanner.

use super::{decode_entities, find_bytes};

// ---- parsing --------------------------------------------------------------------

/// Elements deeper than this are read as part of their parent.
pub(super) const MAX_DEPTH: usize = 200;

#[derive(Debug)]
pub(super) enum Child {
    Text(String),
    Node(usize),
}

#[derive(Debug)]
pub(super) struct Node {
    pub(super) name: String,
    pub(super) parent: usize,
    pub(super) children: Vec<Child>,
    pub(super) rowspan: usize,
    pub(super) colspan: usize,
    pub(super) hidden: bool,
    /// Looks like site navigation, a share bar, a footer …
    pub(super) chrome: bool,
    /// [`tag_flags`] of the name.
    pub(super) flags: u8,
}

/// An element without content (`<br>`).
pub(super) const VOID: u8 = 1;
/// An element whose content is not page text (`<script>`).
pub(super) const DROPPED: u8 = 2;
/// A block: it starts and ends a line.
pub(super) const BLOCK: u8 = 4;
/// A start tag that closes an open `<p>`.
pub(super) const CLOSES_P: u8 = 8;

/// Tag names by kind, each between spaces (a string search is smaller in
/// the WebAssembly build than a `match`).
pub(super) const TAG_KINDS: [(&str, u8); 5] = [
    (
        " br img input meta link col area base embed param source track wbr basefont bgsound \
         keygen ",
        VOID,
    ),
    (" hr ", VOID | CLOSES_P),
    (
        " script style noscript template title textarea iframe noembed noframes xmp svg math \
         object select ",
        DROPPED,
    ),
    (" tr td th thead tbody tfoot caption option ", BLOCK),
    (
        " table address article aside blockquote body center dd details dialog dir div dl dt \
         fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup legend li main \
         menu nav ol p pre section summary ul ",
        CLOSES_P,
    ),
];

/// What kind of element a (lower-case) tag name is.
pub(super) fn tag_flags(name: &str) -> u8 {
    if name.is_empty() || name.contains(' ') {
        return 0;
    }
    for (k, (names, flags)) in TAG_KINDS.iter().enumerate() {
        let found = names.match_indices(name).any(|(i, _)| {
            names.as_bytes()[i - 1] == b' ' && names.as_bytes().get(i + name.len()) == Some(&b' ')
        });
        if found {
            // Every element that closes a `<p>`, but `<table>`, is a block.
            return if k == 4 && name != "table" {
                flags | BLOCK
            } else {
                *flags
            };
        }
    }
    0
}

/// Class, id and role words of site furniture. Matched inside the value.
pub(super) const CHROME_PARTS: &[&str] = &[
    "nav",
    "menu",
    "crumb",
    "bread",
    "footer",
    "sidebar",
    "share",
    "pager",
    "pagination",
    "copyright",
    "friendlink",
    "toolbar",
    "dqwz",
];
/// Class, id and role words of site furniture. Matched as whole words.
pub(super) const CHROME_WORDS: &[&str] = &[
    "foot", "side", "top", "header", "head", "position", "location", "weizhi", "links", "related",
    "xgxx", "xgwz", "search", "banner", "login", "print", "fx", "bdshare",
];

pub(super) fn is_chrome(name: &str, words: &str) -> bool {
    if matches!(
        name,
        "nav" | "footer" | "aside" | "menu" | "header" | "button"
    ) {
        return true;
    }
    let words = words.to_ascii_lowercase();
    CHROME_PARTS.iter().any(|p| words.contains(p))
        || words
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| CHROME_WORDS.contains(&w))
}

/// Attributes of a start tag that matter here.
#[derive(Default)]
pub(super) struct Attrs {
    pub(super) rowspan: Option<usize>,
    pub(super) colspan: Option<usize>,
    pub(super) hidden: bool,
    pub(super) words: String,
}

pub(super) fn parse_span(v: &str) -> Option<usize> {
    let digits: String = v
        .trim()
        .chars()
        .take_while(char::is_ascii_digit)
        .take(6)
        .collect();
    digits.parse().ok()
}

/// Parse a start tag beginning at `<` (at `at`): its lower-case name, its
/// attributes, whether it ends with `/>`, and the index after its `>`.
pub(super) fn start_tag(src: &str, at: usize) -> (String, Attrs, bool, usize) {
    let b = src.as_bytes();
    let mut i = at + 1;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' && b[i] != b'/' {
        i += 1;
    }
    let name = src[at + 1..i].to_ascii_lowercase();
    let mut attrs = Attrs::default();
    let mut self_closing = false;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            self_closing = b[i] == b'/';
            i += 1;
        }
        if i >= b.len() {
            return (name, attrs, self_closing, i);
        }
        if b[i] == b'>' {
            return (name, attrs, self_closing, i + 1);
        }
        self_closing = false;
        let ns = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let aname = src[ns..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                let ve = b[vs..]
                    .iter()
                    .position(|&c| c == q)
                    .map_or(b.len(), |p| vs + p);
                value = &src[vs..ve];
                i = (ve + 1).min(b.len());
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = &src[vs..i];
            }
        }
        match aname.as_str() {
            "rowspan" => attrs.rowspan = parse_span(value),
            "colspan" => attrs.colspan = parse_span(value),
            "hidden" => attrs.hidden = true,
            "style" => {
                let v: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if v.contains("display:none") || v.contains("mso-hide:all") {
                    attrs.hidden = true;
                }
            }
            "class" | "id" | "role" => {
                attrs.words.push(' ');
                attrs.words.push_str(value);
            }
            _ => {}
        }
    }
}

pub(super) struct Parser {
    pub(super) nodes: Vec<Node>,
    pub(super) stack: Vec<usize>,
}

impl Parser {
    pub(super) fn top(&self) -> usize {
        *self.stack.last().expect("the root stays open")
    }

    pub(super) fn name(&self, id: usize) -> &str {
        &self.nodes[id].name
    }

    pub(super) fn text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        let top = self.top();
        let s = decode_entities(s);
        if let Some(Child::Text(t)) = self.nodes[top].children.last_mut() {
            t.push_str(&s);
        } else {
            self.nodes[top].children.push(Child::Text(s));
        }
    }

    /// Index in the stack of the nearest open element named in `targets`,
    /// not looking past any element named in `stops`.
    pub(super) fn open_index(&self, targets: &[&str], stops: &[&str]) -> Option<usize> {
        for (k, &id) in self.stack.iter().enumerate().skip(1).rev() {
            let n = self.name(id);
            if targets.contains(&n) {
                return Some(k);
            }
            if stops.contains(&n) {
                return None;
            }
        }
        None
    }

    pub(super) fn close_at(&mut self, k: Option<usize>) {
        if let Some(k) = k {
            self.stack.truncate(k);
        }
    }

    pub(super) fn start(&mut self, name: &str, attrs: &Attrs, self_closing: bool) {
        const TABLE: &[&str] = &["table"];
        const CELL_STOPS: &[&str] = &["table", "td", "th", "caption", "button"];
        if matches!(name, "html" | "head" | "body") {
            return;
        }
        let flags = tag_flags(name);
        if flags & CLOSES_P != 0 {
            let k = self.open_index(&["p"], CELL_STOPS);
            self.close_at(k);
        }
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                if matches!(
                    self.name(self.top()),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                ) =>
            {
                self.stack.pop();
            }
            "li" => {
                let k = self.open_index(&["li"], &["ul", "ol", "table", "td", "th"]);
                self.close_at(k);
            }
            "dt" | "dd" => {
                let k = self.open_index(&["dt", "dd"], &["dl", "table", "td", "th"]);
                self.close_at(k);
            }
            "tr" => {
                let k = self.open_index(&["tr"], &["table", "thead", "tbody", "tfoot"]);
                self.close_at(k);
            }
            "td" | "th" => {
                let k = self.open_index(&["td", "th"], &["tr", "table"]);
                self.close_at(k);
            }
            "thead" | "tbody" | "tfoot" => {
                let k = self.open_index(&["thead", "tbody", "tfoot"], TABLE);
                self.close_at(k);
            }
            "option" if self.name(self.top()) == "option" => {
                self.stack.pop();
            }
            _ => {}
        }
        let parent = self.top();
        let id = self.nodes.len();
        let hidden = attrs.hidden;
        let chrome = is_chrome(name, &attrs.words);
        self.nodes.push(Node {
            name: name.to_string(),
            parent,
            children: Vec::new(),
            rowspan: attrs.rowspan.unwrap_or(1),
            colspan: attrs.colspan.unwrap_or(1).max(1),
            hidden,
            chrome,
            flags,
        });
        self.nodes[parent].children.push(Child::Node(id));
        if flags & VOID == 0 && !self_closing && self.stack.len() < MAX_DEPTH {
            self.stack.push(id);
        }
    }

    pub(super) fn end(&mut self, name: &str) {
        match name {
            "html" | "head" | "body" => {}
            "br" => self.start("br", &Attrs::default(), true),
            "table" => {
                let k = self.open_index(&["table"], &[]);
                self.close_at(k);
            }
            "td" | "th" | "tr" | "thead" | "tbody" | "tfoot" | "caption" => {
                let k = self.open_index(&[name], &["table"]);
                self.close_at(k);
            }
            "p" => match self.open_index(&["p"], &["table", "td", "th", "caption", "button"]) {
                Some(k) => self.stack.truncate(k),
                // `</p>` with no open `<p>` is an empty paragraph.
                None => self.start("br", &Attrs::default(), true),
            },
            _ => {
                let k = self.open_index(&[name], &["table", "td", "th", "caption"]);
                self.close_at(k);
            }
        }
    }
}

pub(super) fn parse(src: &str) -> Vec<Node> {
    let mut p = Parser {
        nodes: vec![Node {
            name: "#root".to_string(),
            parent: 0,
            children: Vec::new(),
            rowspan: 1,
            colspan: 1,
            hidden: false,
            chrome: false,
            flags: 0,
        }],
        stack: vec![0],
    };
    let b = src.as_bytes();
    let mut i = 0;
    let mut text_from = 0;
    while let Some(off) = b[i..].iter().position(|&c| c == b'<') {
        let lt = i + off;
        let next = b.get(lt + 1).copied().unwrap_or(0);
        let skip_to = |from: usize, pat: &[u8]| -> usize {
            find_bytes(&b[from.min(b.len())..], pat).map_or(b.len(), |e| from + e + pat.len())
        };
        let after = if b[lt..].starts_with(b"<!--") {
            Some(skip_to(lt + 4, b"-->"))
        } else if next == b'!' || next == b'?' {
            Some(skip_to(lt + 2, b">"))
        } else if next == b'/' && b.get(lt + 2).is_some_and(u8::is_ascii_alphabetic) {
            let e = skip_to(lt + 2, b">");
            let name: String = src[lt + 2..e]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == ':' || *c == '-')
                .collect::<String>()
                .to_ascii_lowercase();
            p.text(&src[text_from..lt]);
            text_from = e;
            p.end(&name);
            i = e;
            continue;
        } else if next.is_ascii_alphabetic() {
            let (name, attrs, self_closing, e) = start_tag(src, lt);
            p.text(&src[text_from..lt]);
            let mut end = e;
            if tag_flags(&name) & DROPPED != 0 {
                if !self_closing {
                    // Skip to the matching end tag.
                    let close = format!("</{name}");
                    let lower_find = |from: usize| -> Option<usize> {
                        b[from..]
                            .windows(close.len())
                            .position(|w| w.eq_ignore_ascii_case(close.as_bytes()))
                            .map(|x| from + x)
                    };
                    end = match lower_find(e.min(b.len())) {
                        Some(c) => skip_to(c, b">"),
                        None => b.len(),
                    };
                }
            } else {
                p.start(&name, &attrs, self_closing);
            }
            text_from = end;
            i = end;
            continue;
        } else {
            None
        };
        match after {
            Some(e) => {
                p.text(&src[text_from..lt]);
                text_from = e;
                i = e;
            }
            None => i = lt + 1,
        }
    }
    p.text(&src[text_from.min(b.len())..]);
    p.nodes
}
