//! Projection path segments. A segment is a field name, optionally followed by the cardinality
//! used to cross a list: `[first]`, `[*]` (each), `[n]` (index) or `[field=value]` (the first
//! item whose field equals the value). A segment that is only a cardinality (`[first]`) applies
//! to the operation's result itself when that result is a list.

use std::fmt;

use serde::Serialize;

/// How a list is crossed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "pick", rename_all = "camelCase")]
pub enum Cardinality {
    /// The first item (absent when the list is empty).
    First,
    /// Every item: the leaf becomes a list.
    Each,
    /// The item at a zero-based index.
    Index {
        /// The index.
        index: usize,
    },
    /// The first item whose `field` equals `equals`.
    Where {
        /// A scalar field of the item.
        field: String,
        /// The value compared, as text.
        equals: String,
    },
}

impl Cardinality {
    /// Whether the leaf it produces is a list.
    pub fn is_many(&self) -> bool {
        matches!(self, Cardinality::Each)
    }
}

impl fmt::Display for Cardinality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cardinality::First => f.write_str("[first]"),
            Cardinality::Each => f.write_str("[*]"),
            Cardinality::Index { index } => write!(f, "[{index}]"),
            Cardinality::Where { field, equals } => write!(f, "[{field}={equals}]"),
        }
    }
}

/// One parsed segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Segment {
    /// The field crossed; `None` for a cardinality applied to the result itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The cardinality, when the field (or the result) is a list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cardinality: Option<Cardinality>,
}

/// Why a segment could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentError(pub String);

impl Segment {
    /// Parses `name`, `name[first]`, `name[*]`, `name[2]`, `name[key=value]`, `[first]`.
    pub fn parse(text: &str) -> Result<Segment, SegmentError> {
        let (name, pick) = match text.find('[') {
            Some(open) => {
                let Some(inner) = text[open + 1..].strip_suffix(']') else {
                    return Err(SegmentError(format!(
                        "`{text}` opens a cardinality with `[` but does not end with `]`"
                    )));
                };
                (&text[..open], Some(Cardinality::parse(inner, text)?))
            }
            None => (text, None),
        };
        if name.contains(['[', ']']) {
            return Err(SegmentError(format!("`{text}` has more than one `[...]`")));
        }
        if name.trim() != name {
            return Err(SegmentError(format!(
                "`{text}` has spaces around the field name"
            )));
        }
        if name.is_empty() && pick.is_none() {
            return Err(SegmentError("an empty segment names no field".to_owned()));
        }
        Ok(Segment {
            field: (!name.is_empty()).then(|| name.to_owned()),
            cardinality: pick,
        })
    }
}

impl Cardinality {
    fn parse(inner: &str, whole: &str) -> Result<Cardinality, SegmentError> {
        match inner {
            "first" => Ok(Cardinality::First),
            "*" | "each" => Ok(Cardinality::Each),
            _ => {
                if let Ok(index) = inner.parse::<usize>() {
                    return Ok(Cardinality::Index { index });
                }
                match inner.split_once('=') {
                    Some((field, equals)) if !field.is_empty() => Ok(Cardinality::Where {
                        field: field.to_owned(),
                        equals: equals.to_owned(),
                    }),
                    _ => Err(SegmentError(format!(
                        "`{whole}`: the cardinality must be `[first]`, `[*]`, `[n]` or `[field=value]`"
                    ))),
                }
            }
        }
    }
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(field) = &self.field {
            f.write_str(field)?;
        }
        if let Some(pick) = &self.cardinality {
            write!(f, "{pick}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_parse_and_print_back() {
        for text in [
            "name",
            "items[first]",
            "items[*]",
            "items[3]",
            "emails[type=work]",
            "[first]",
        ] {
            let segment = Segment::parse(text).expect("parses");
            assert_eq!(
                segment.to_string(),
                text.replace("[each]", "[*]"),
                "round trip"
            );
        }
        assert_eq!(
            Segment::parse("items[each]").expect("each").cardinality,
            Some(Cardinality::Each),
            "`each` is `*`"
        );
    }

    #[test]
    fn malformed_segments_are_errors_not_panics() {
        for text in [
            "",
            "items[",
            "items[]",
            "a[1][2]",
            " name",
            "items[=x]",
            "x]",
        ] {
            assert!(Segment::parse(text).is_err(), "`{text}` is refused");
        }
    }
}
