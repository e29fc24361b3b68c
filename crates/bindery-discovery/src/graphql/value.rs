//! Default values in one canonical spelling. An introspection answer prints defaults the way its
//! server's library does (`{a: 1, b: [1, 2]}`), an SDL parser prints them its own way; both are
//! re-printed here so the two paths agree. Text that does not read as a GraphQL value is kept as
//! given, trimmed.

/// The canonical spelling of a GraphQL value literal.
pub(crate) fn canonical(text: &str) -> String {
    let tokens = match tokenize(text) {
        Some(tokens) => tokens,
        None => return text.trim().to_owned(),
    };
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    if print_value(&tokens, &mut at, &mut out, 0).is_none() || at != tokens.len() {
        return text.trim().to_owned();
    }
    out
}

#[derive(Debug, PartialEq)]
enum Token {
    Open(char),
    Close(char),
    Colon,
    String(String),
    Word(String),
}

/// Deep enough for any real default; keeps hostile input from exhausting the stack.
const MAX_DEPTH: usize = 64;

fn print_value(tokens: &[Token], at: &mut usize, out: &mut String, depth: usize) -> Option<()> {
    if depth > MAX_DEPTH {
        return None;
    }
    let token = tokens.get(*at)?;
    *at += 1;
    match token {
        Token::String(s) => out.push_str(&serde_json::to_string(s).ok()?),
        Token::Word(word) => out.push_str(&number_or_name(word)),
        Token::Open('[') => {
            out.push('[');
            let mut first = true;
            while tokens.get(*at)? != &Token::Close(']') {
                if !first {
                    out.push_str(", ");
                }
                first = false;
                print_value(tokens, at, out, depth + 1)?;
            }
            *at += 1;
            out.push(']');
        }
        Token::Open('{') => {
            out.push('{');
            let mut first = true;
            while tokens.get(*at)? != &Token::Close('}') {
                if !first {
                    out.push_str(", ");
                }
                first = false;
                match tokens.get(*at)? {
                    Token::Word(name) => out.push_str(name),
                    _ => return None,
                }
                *at += 1;
                if tokens.get(*at)? != &Token::Colon {
                    return None;
                }
                *at += 1;
                out.push_str(": ");
                print_value(tokens, at, out, depth + 1)?;
            }
            *at += 1;
            out.push('}');
        }
        _ => return None,
    }
    Some(())
}

/// Floats in their shortest spelling (`1.50` and `1.5` agree); integers, booleans, null and
/// enum values as written.
fn number_or_name(word: &str) -> String {
    let looks_float = word.starts_with(|c: char| c == '-' || c.is_ascii_digit())
        && word.contains(['.', 'e', 'E']);
    match word.parse::<f64>() {
        Ok(number) if looks_float && number.is_finite() => number.to_string(),
        _ => word.to_owned(),
    }
}

fn tokenize(text: &str) -> Option<Vec<Token>> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            ' ' | '\t' | '\n' | '\r' | ',' | '\u{feff}' => {
                chars.next();
            }
            '#' => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '[' | '{' => {
                chars.next();
                tokens.push(Token::Open(c));
            }
            ']' | '}' => {
                chars.next();
                tokens.push(Token::Close(c));
            }
            ':' => {
                chars.next();
                tokens.push(Token::Colon);
            }
            '"' => tokens.push(Token::String(read_string(&mut chars)?)),
            c if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+' | '.') => {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '+' | '.') {
                        word.push(c);
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(Token::Word(word));
            }
            _ => return None,
        }
    }
    Some(tokens)
}

fn read_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<String> {
    chars.next(); // the opening quote
    if chars.peek() == Some(&'"') {
        chars.next();
        if chars.peek() != Some(&'"') {
            return Some(String::new()); // ""
        }
        chars.next();
        return read_block_string(chars);
    }
    let mut value = String::new();
    loop {
        match chars.next()? {
            '"' => return Some(value),
            '\\' => match chars.next()? {
                'n' => value.push('\n'),
                'r' => value.push('\r'),
                't' => value.push('\t'),
                'b' => value.push('\u{8}'),
                'f' => value.push('\u{c}'),
                'u' => value.push(read_unicode(chars)?),
                other => value.push(other),
            },
            c => value.push(c),
        }
    }
}

fn read_unicode(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<char> {
    let hex: String = if chars.peek() == Some(&'{') {
        chars.next();
        let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
        hex
    } else {
        chars.by_ref().take(4).collect()
    };
    char::from_u32(u32::from_str_radix(&hex, 16).ok()?)
}

/// A `"""block string"""`, kept as its raw lines with common indentation removed.
fn read_block_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<String> {
    let mut raw = String::new();
    loop {
        let c = chars.next()?;
        if c == '"' && raw.ends_with("\"\"") && !raw.ends_with("\\\"\"") {
            raw.truncate(raw.len() - 2);
            break;
        }
        raw.push(c);
    }
    let raw = raw.replace("\\\"\"\"", "\"\"\"");
    let lines: Vec<&str> = raw.lines().collect();
    let indent = lines
        .iter()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let body: Vec<&str> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                l
            } else {
                l.get(indent..).unwrap_or("")
            }
        })
        .collect();
    Some(body.join("\n").trim_matches('\n').to_owned())
}

#[cfg(test)]
mod tests {
    use super::canonical;

    #[test]
    fn spellings_of_one_value_agree() {
        assert_eq!(
            canonical("{a:1,b:[1 2]}"),
            "{a: 1, b: [1, 2]}",
            "objects and lists"
        );
        assert_eq!(
            canonical(" { a: 1, b: [1, 2] } "),
            "{a: 1, b: [1, 2]}",
            "already canonical"
        );
        assert_eq!(canonical("1.50"), canonical("1.5"), "floats by value");
        assert_eq!(
            canonical("\"a\\u0041\""),
            "\"aA\"",
            "string escapes decoded"
        );
        assert_eq!(
            canonical("\"\"\"  x\n  y\"\"\""),
            canonical("\"  x\\ny\""),
            "block string"
        );
        assert_eq!(canonical("ASC"), "ASC", "enum values kept");
        assert_eq!(canonical("null"), "null", "null kept");
        assert_eq!(canonical("-12"), "-12", "integers kept");
    }

    #[test]
    fn text_that_is_not_a_value_is_kept() {
        assert_eq!(canonical(" {a: } "), "{a: }", "broken object kept trimmed");
        assert_eq!(canonical("@x"), "@x", "unknown punctuation kept");
        let deep = "[".repeat(1000) + &"]".repeat(1000);
        assert_eq!(
            canonical(&deep),
            deep,
            "too deep is kept, not a stack overflow"
        );
    }
}
