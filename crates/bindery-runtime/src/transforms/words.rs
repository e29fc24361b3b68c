//! Numbers said as words: digits read out one by one (phone and order numbers) and whole
//! numbers ("forty two", "one hundred and five").

/// The value of a word for one digit; "oh" and "o" are zero, as in "four one five, oh one".
pub(super) fn digit_word(word: &str) -> Option<u8> {
    Some(match word {
        "zero" | "oh" | "o" | "nought" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        _ => return None,
    })
}

/// "ten" to "nineteen".
fn teen_word(word: &str) -> Option<u8> {
    Some(match word {
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        _ => return None,
    })
}

/// "twenty" to "ninety".
fn tens_word(word: &str) -> Option<u8> {
    Some(match word {
        "twenty" => 20,
        "thirty" => 30,
        "forty" | "fourty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// "thousand" and up.
fn scale_word(word: &str) -> Option<i64> {
    Some(match word {
        "thousand" => 1_000,
        "million" => 1_000_000,
        "billion" => 1_000_000_000,
        "trillion" => 1_000_000_000_000,
        _ => return None,
    })
}

/// What the previous word of a whole number was (which words may follow it).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Start,
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
    And,
}

/// A whole number said in words ("forty two", "minus three", "a hundred and five",
/// "two thousand twenty six"); `None` when the words are not one number ("four two", "oh").
pub(super) fn words_to_integer(words: &[&str]) -> Option<i64> {
    let (negative, words) = match words.split_first() {
        Some((&("minus" | "negative"), rest)) => (true, rest),
        _ => (false, words),
    };
    let mut total: i64 = 0;
    let mut current: i64 = 0;
    let mut last = Last::Start;
    let mut last_scale = i64::MAX;
    for (at, &word) in words.iter().enumerate() {
        let after_group = matches!(last, Last::Start | Last::Hundred | Last::Scale | Last::And);
        if word == "and" {
            if !matches!(last, Last::Hundred | Last::Scale) {
                return None;
            }
            last = Last::And;
        } else if matches!(word, "a" | "an") {
            // "a hundred", "a thousand": only first, and only before a multiplier.
            let next = words.get(at + 1).copied().unwrap_or_default();
            if at != 0 || !(next == "hundred" || scale_word(next).is_some()) {
                return None;
            }
            current = 1;
            last = Last::Unit;
        } else if let Some(n) = digit_word(word).filter(|_| !matches!(word, "o" | "oh")) {
            let alone = words.len() == 1;
            if !(after_group || last == Last::Tens) || (n == 0 && !alone) {
                return None;
            }
            current += i64::from(n);
            last = Last::Unit;
        } else if let Some(n) = teen_word(word) {
            if !after_group {
                return None;
            }
            current += i64::from(n);
            last = Last::Teen;
        } else if let Some(n) = tens_word(word) {
            if !after_group {
                return None;
            }
            current += i64::from(n);
            last = Last::Tens;
        } else if word == "hundred" {
            if !matches!(last, Last::Unit | Last::Teen | Last::Tens) || !(1..=99).contains(&current)
            {
                return None;
            }
            current *= 100;
            last = Last::Hundred;
        } else if let Some(scale) = scale_word(word) {
            if current == 0 || scale >= last_scale || matches!(last, Last::And | Last::Scale) {
                return None;
            }
            total = total.checked_add(current.checked_mul(scale)?)?;
            current = 0;
            last_scale = scale;
            last = Last::Scale;
        } else {
            return None;
        }
    }
    if matches!(last, Last::Start | Last::And) {
        return None;
    }
    let value = total.checked_add(current)?;
    Some(if negative { -value } else { value })
}

/// The digits of a number read out or typed, with what surrounds them.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Digits {
    /// The digits in order.
    pub digits: String,
    /// Whether a `+` (or the word "plus") came before the first digit.
    pub plus: bool,
}

/// Reads the digits of `text` in order: typed digits, digit words ("four one five", "oh" for
/// zero), "double"/"triple" before a digit, tens and teens as two digits ("forty one fifty" is
/// 4150), "hundred"/"thousand" after a digit as zeros ("eight hundred" is 800). Other words and
/// punctuation are skipped. With `extension_ends`, an extension marker (`x`, `ext`, `extension`)
/// after the first digit ends the number.
pub(super) fn read_digits(text: &str, extension_ends: bool) -> Digits {
    let lowered = text.to_lowercase();
    let tokens = tokens(&lowered);
    let mut read = Digits::default();
    let mut repeat = 1usize;
    let mut at = 0;
    while let Some(token) = tokens.get(at) {
        at += 1;
        let times = std::mem::replace(&mut repeat, 1);
        match *token {
            Token::Plus => read.plus |= read.digits.is_empty(),
            Token::Digits(digits) => {
                let mut chars = digits.chars();
                if let Some(first) = chars.next() {
                    read.digits.extend(std::iter::repeat_n(first, times));
                    read.digits.extend(chars);
                }
            }
            Token::Word(word) => {
                let started = !read.digits.is_empty();
                if extension_ends && started && matches!(word, "x" | "ext" | "extension" | "ex") {
                    break;
                }
                if let Some(n) = digit_word(word) {
                    let digit = char::from(b'0' + n);
                    read.digits.extend(std::iter::repeat_n(digit, times));
                } else if let Some(n) = teen_word(word) {
                    read.digits.push_str(&n.to_string());
                } else if let Some(n) = tens_word(word) {
                    let unit = match tokens.get(at) {
                        Some(Token::Word(next)) => digit_word(next).filter(|&u| u > 0),
                        _ => None,
                    };
                    if unit.is_some() {
                        at += 1;
                    }
                    read.digits.push_str(&(n + unit.unwrap_or(0)).to_string());
                } else {
                    match word {
                        "double" => repeat = 2,
                        "triple" => repeat = 3,
                        "plus" => read.plus |= !started,
                        "hundred" if started => read.digits.push_str("00"),
                        "thousand" if started => read.digits.push_str("000"),
                        _ => {}
                    }
                }
            }
        }
    }
    read
}

/// A piece of text read for digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'t> {
    /// A run of letters.
    Word(&'t str),
    /// A run of ASCII digits.
    Digits(&'t str),
    /// A `+`.
    Plus,
}

/// Splits (lower-cased) text into words, digit runs and `+`; everything else separates.
fn tokens(text: &str) -> Vec<Token<'_>> {
    /// Which run a character belongs to: digits, letters, or none.
    fn run(c: char) -> Option<bool> {
        if c.is_ascii_digit() {
            Some(true)
        } else if c.is_alphabetic() {
            Some(false)
        } else {
            None
        }
    }
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let Some(digits) = run(c) else {
            if c == '+' {
                out.push(Token::Plus);
            }
            rest = rest.get(c.len_utf8()..).unwrap_or_default();
            continue;
        };
        let end = rest
            .char_indices()
            .find(|&(_, next)| run(next) != Some(digits))
            .map_or(rest.len(), |(at, _)| at);
        let (piece, after) = rest.split_at(end);
        out.push(if digits {
            Token::Digits(piece)
        } else {
            Token::Word(piece)
        });
        rest = after;
    }
    out
}
