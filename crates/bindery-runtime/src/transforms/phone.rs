//! `e164`: a phone number as people say or type it, to E.164 (`+14155550123`).
//!
//! Rules:
//! - The digits are read in order, typed or said ("four one five", "oh" for zero, "double
//!   five"); other words and punctuation are skipped; an extension (`x123`, `ext. 123`,
//!   "extension 12") is dropped.
//! - The country is the one after a leading `+` (or "plus"), or after the international prefix
//!   `00` (and `011` when the business is in +1). Otherwise the number is national, in the
//!   business's country (`default_country_code`): for `1` (US and Canada) ten digits get the
//!   `1`, eleven starting with `1` already have it; for other countries a single trunk `0` is
//!   dropped (`020 7946 0958` in 44 is `+442079460958`).
//! - Valid: 8 to 15 digits in all, a country code not starting with 0; in +1 exactly ten
//!   digits after the `1`, the area code not starting with 0 or 1.

use super::words::read_digits;

/// The international prefix of the US and Canada.
const NANP_EXIT: &str = "011";

/// `text` as an E.164 number, `+` and digits; the error says why not.
pub(super) fn e164(text: &str, default_country_code: &str) -> Result<String, String> {
    let read = read_digits(text, true);
    if read.digits.is_empty() {
        return Err(format!("\"{text}\" has no digits"));
    }
    let country: String = default_country_code
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let full = if read.plus {
        read.digits
    } else if let Some(rest) = read.digits.strip_prefix("00") {
        rest.to_owned()
    } else if let Some(rest) = read
        .digits
        .strip_prefix(NANP_EXIT)
        .filter(|_| country == "1")
    {
        rest.to_owned()
    } else if country.is_empty() {
        return Err(format!(
            "\"{text}\" has no country code, and the business has no default country"
        ));
    } else if country == "1" {
        if read.digits.len() == 11 && read.digits.starts_with('1') {
            read.digits
        } else {
            format!("1{}", read.digits)
        }
    } else {
        let national = read.digits.strip_prefix('0').unwrap_or(&read.digits);
        format!("{country}{national}")
    };
    check(text, full)
}

/// Checks the length and the country code of `full` (digits with the country code).
fn check(text: &str, full: String) -> Result<String, String> {
    if full.len() < 8 {
        return Err(format!("\"{text}\" is too short for a phone number"));
    }
    if full.len() > 15 {
        return Err(format!(
            "\"{text}\" is too long for a phone number (at most 15 digits)"
        ));
    }
    if full.starts_with('0') {
        return Err(format!(
            "\"{text}\" has no country code (a country code does not start with 0)"
        ));
    }
    if let Some(national) = full.strip_prefix('1') {
        if national.len() < 10 {
            return Err(format!(
                "\"{text}\" is too short for a phone number (US and Canada numbers have 10 digits)"
            ));
        }
        if national.len() > 10 {
            return Err(format!(
                "\"{text}\" is too long for a phone number (US and Canada numbers have 10 digits)"
            ));
        }
        if national.starts_with(['0', '1']) {
            return Err(format!(
                "\"{text}\" is not a US or Canada number (an area code does not start with 0 or 1)"
            ));
        }
    }
    Ok(format!("+{full}"))
}
