//! Where a value sits in JSON text, by path: a tiny scanner that walks objects and arrays and
//! records the byte span of every value, so a diagnostic's `binding_path`
//! (`projection[2].path[1]`, `inputs[0].arg`, `sqlSearch.column`, `toolName`) can point at the
//! line and column of the file a person wrote.
//!
//! It reads text that already parsed as a binding; on anything malformed it keeps what it
//! recorded so far and never panics.

/// One step of a path: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Key {
    /// An object member.
    Name(String),
    /// An array item (zero-based).
    Index(usize),
}

/// A byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// Where a path was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Located {
    /// The value at the path, or at its longest prefix that exists.
    pub span: Span,
    /// Whether the whole path exists (`false`: `span` is the nearest enclosing value).
    pub exact: bool,
}

/// Parses `a.b[2].c` into keys. An empty path is the document itself.
pub(crate) fn parse_path(path: &str) -> Vec<Key> {
    let mut keys = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, mut rest) = match part.find('[') {
            Some(open) => (&part[..open], &part[open..]),
            None => (part, ""),
        };
        if !name.is_empty() {
            keys.push(Key::Name(name.to_owned()));
        }
        while let Some(inner) = rest.strip_prefix('[') {
            let Some(close) = inner.find(']') else { break };
            match inner[..close].trim().parse::<usize>() {
                Ok(index) => keys.push(Key::Index(index)),
                // Not an index (`[first]` inside a name): keep it as part of a key.
                Err(_) => keys.push(Key::Name(inner[..close].to_owned())),
            }
            rest = &inner[close + 1..];
        }
    }
    keys
}

/// Finds the value at `path` in `text`, or the nearest enclosing value that exists; the start
/// of the text when not even the document parses.
pub(crate) fn locate(text: &str, path: &str) -> Located {
    let wanted = parse_path(path);
    let spans = spans(text);
    for len in (0..=wanted.len()).rev() {
        let prefix = &wanted[..len];
        if let Some((_, span)) = spans.iter().find(|(p, _)| p.as_slice() == prefix) {
            return Located {
                span: *span,
                exact: len == wanted.len(),
            };
        }
    }
    let start = text.len() - text.trim_start().len();
    Located {
        span: Span { start, end: start },
        exact: false,
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// Every value of the document with its path, innermost first (the document itself last).
pub(crate) fn spans(text: &str) -> Vec<(Vec<Key>, Span)> {
    let mut scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        path: Vec::new(),
        out: Vec::new(),
    };
    // A malformed document keeps the values recorded before the fault.
    let _ = scanner.value(0);
    scanner.out
}

/// Deeper than serde_json reads by default: a document this deep never parsed as a binding.
const MAX_DEPTH: usize = 128;

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    path: Vec<Key>,
    out: Vec<(Vec<Key>, Span)>,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.skip_whitespace();
        if self.peek() != Some(byte) {
            return None;
        }
        self.pos += 1;
        Some(())
    }

    /// Scans one value and records its span.
    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_whitespace();
        let start = self.pos;
        match self.peek()? {
            b'{' => self.object(depth)?,
            b'[' => self.array(depth)?,
            b'"' => {
                self.string()?;
            }
            _ => self.scalar()?,
        }
        self.out.push((
            self.path.clone(),
            Span {
                start,
                end: self.pos,
            },
        ));
        Some(())
    }

    fn object(&mut self, depth: usize) -> Option<()> {
        self.pos += 1;
        if self.eat(b'}').is_some() {
            return Some(());
        }
        loop {
            self.skip_whitespace();
            let key = self.string()?;
            self.eat(b':')?;
            self.path.push(Key::Name(key));
            let scanned = self.value(depth + 1);
            self.path.pop();
            scanned?;
            if self.eat(b',').is_none() {
                return self.eat(b'}');
            }
        }
    }

    fn array(&mut self, depth: usize) -> Option<()> {
        self.pos += 1;
        if self.eat(b']').is_some() {
            return Some(());
        }
        let mut index = 0;
        loop {
            self.path.push(Key::Index(index));
            let scanned = self.value(depth + 1);
            self.path.pop();
            scanned?;
            index += 1;
            if self.eat(b',').is_none() {
                return self.eat(b']');
            }
        }
    }

    /// A string at the cursor, decoded (escapes and all).
    fn string(&mut self) -> Option<String> {
        let start = self.pos;
        if self.peek() != Some(b'"') {
            return None;
        }
        self.pos += 1;
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    break;
                }
                _ => self.pos += 1,
            }
        }
        // Quotes and backslashes are ASCII, so the slice falls on character boundaries.
        serde_json::from_str(self.text.get(start..self.pos)?).ok()
    }

    /// A number, `true`, `false` or `null`: everything up to the next delimiter.
    fn scalar(&mut self) -> Option<()> {
        let start = self.pos;
        while let Some(b) = self.peek() {
            if matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r') {
                break;
            }
            self.pos += 1;
        }
        (self.pos > start).then_some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BINDING: &str = r#"{
  "toolName": "Look up the caller",
  "operation": "sql:select:customers.by_phone",
  "sqlSearch": { "column": "phone", "param": "caller_phone" },
  "projection": [
    { "path": ["id"], "leaf": "customer_id" },
    { "path": ["address", "zíp\"code"], "leaf": "zip" }
  ],
  "isWrite": false
}"#;

    fn text_at(path: &str) -> (&'static str, bool) {
        let found = locate(BINDING, path);
        (&BINDING[found.span.start..found.span.end], found.exact)
    }

    #[test]
    fn paths_parse_into_keys() {
        assert_eq!(
            parse_path("projection[2].path[1]"),
            vec![
                Key::Name("projection".to_owned()),
                Key::Index(2),
                Key::Name("path".to_owned()),
                Key::Index(1),
            ],
            "names and indexes"
        );
        assert_eq!(
            parse_path("toolName"),
            vec![Key::Name("toolName".to_owned())],
            "one key"
        );
        assert!(parse_path("").is_empty(), "the empty path is the document");
    }

    #[test]
    fn values_are_found_by_path() {
        assert_eq!(
            text_at("toolName"),
            ("\"Look up the caller\"", true),
            "a string"
        );
        assert_eq!(
            text_at("sqlSearch.column"),
            ("\"phone\"", true),
            "a nested key"
        );
        assert_eq!(
            text_at("projection[1].leaf"),
            ("\"zip\"", true),
            "in an array"
        );
        assert_eq!(
            text_at("projection[1].path[1]"),
            ("\"zíp\\\"code\"", true),
            "escapes and multi-byte characters"
        );
        assert_eq!(text_at("isWrite"), ("false", true), "a literal");
        assert_eq!(
            text_at("projection[0]"),
            ("{ \"path\": [\"id\"], \"leaf\": \"customer_id\" }", true),
            "an object"
        );
    }

    #[test]
    fn a_missing_path_points_at_its_parent() {
        let (text, exact) = text_at("sqlSearch.table");
        assert!(!exact, "the key is not there");
        assert!(
            text.starts_with("{ \"column\""),
            "the parent object: {text}"
        );
        let (text, exact) = text_at("description");
        assert!(
            !exact && text.starts_with('{') && text.ends_with('}'),
            "the document"
        );
        let (text, exact) = text_at("projection[7].leaf");
        assert!(!exact && text.starts_with('['), "the array: {text}");
    }

    #[test]
    fn lines_and_columns_are_one_based() {
        let found = locate(BINDING, "projection[1].leaf");
        assert_eq!(
            line_col(BINDING, found.span.start),
            (7, 49),
            "line 7, after the multi-byte path"
        );
        assert_eq!(line_col(BINDING, 0), (1, 1), "the start");
    }

    #[test]
    fn malformed_text_never_panics() {
        for text in [
            "",
            "{",
            "{\"a\": [1, 2",
            "[\"\\",
            "{\"a\" 1}",
            "nul",
            "}}}",
            "{\"é",
        ] {
            let found = locate(text, "a[0].b");
            assert!(!found.exact, "{text:?} has no such path");
            assert!(found.span.end <= text.len(), "{text:?}: the span is inside");
        }
        assert_eq!(
            locate("{\"a\": [1, 2", "a[0]"),
            Located {
                span: Span { start: 7, end: 8 },
                exact: true
            },
            "values before the fault are kept"
        );
    }
}
