//! One table for every transform, at a fixed "now": Thursday 2026-11-26 10:00 -05:00.

use serde_json::{json, Value};

use super::{apply, TransformContext};

/// What a case expects: the value, or an error containing the text.
enum Want {
    Is(Value),
    Fails(&'static str),
}

use Want::{Fails, Is};

fn context(country: &str) -> TransformContext {
    TransformContext {
        now: chrono::DateTime::parse_from_rfc3339("2026-11-26T10:00:00-05:00")
            .expect("a fixed now parses"),
        default_country_code: country.to_owned(),
    }
}

fn is(text: &str) -> Want {
    Is(json!(text))
}

/// (transform, default country code, input, expected).
#[rustfmt::skip]
fn cases() -> Vec<(&'static str, &'static str, Value, Want)> {
    vec![
        // e164, business in +1
        ("e164", "1", json!("(415) 555-0123"), is("+14155550123")),
        ("e164", "1", json!("415.555.0123"), is("+14155550123")),
        ("e164", "1", json!("+1 415 555 0123"), is("+14155550123")),
        ("e164", "1", json!("1-415-555-0123"), is("+14155550123")),
        ("e164", "1", json!("001 415 555 0123"), is("+14155550123")),
        ("e164", "1", json!("011 44 20 7946 0958"), is("+442079460958")),
        ("e164", "1", json!("+44 20 7946 0958"), is("+442079460958")),
        ("e164", "1", json!("four one five five five five zero one two three"), is("+14155550123")),
        ("e164", "1", json!("four one five, five five five, oh one two three"), is("+14155550123")),
        ("e164", "1", json!("four one five double five five oh one two three"), is("+14155550123")),
        ("e164", "1", json!("plus one four one five 555 0123"), is("+14155550123")),
        ("e164", "1", json!("one eight hundred five five five oh one two three"), is("+18005550123")),
        ("e164", "1", json!("(415) 555-0123 x123"), is("+14155550123")),
        ("e164", "1", json!("415-555-0123 ext. 45"), is("+14155550123")),
        ("e164", "1", json!("415 555 0123 extension twelve"), is("+14155550123")),
        ("e164", "1", json!(4155550123_u64), is("+14155550123")),
        ("e164", "1", json!("call me back"), Fails("has no digits")),
        ("e164", "1", json!("555-0123"), Fails("too short for a phone number")),
        ("e164", "1", json!("123"), Fails("too short for a phone number")),
        ("e164", "1", json!("+44 20 7946 0958 1234 5678"), Fails("too long")),
        ("e164", "1", json!("(115) 555-0123"), Fails("area code")),
        ("e164", "1", json!("+0 123 456 7890"), Fails("does not start with 0")),
        ("e164", "1", json!(true), Fails("expects a phone number as text")),
        // e164, business in +44
        ("e164", "44", json!("020 7946 0958"), is("+442079460958")),
        ("e164", "44", json!("+1 (415) 555-0123"), is("+14155550123")),
        ("e164", "44", json!("00 1 415 555 0123"), is("+14155550123")),
        ("e164", "+44", json!("oh two oh, seven nine four six, oh nine five eight"), is("+442079460958")),
        ("e164", "", json!("020 7946 0958"), Fails("no country code")),
        // spoken_date: ISO passes through, in the business offset
        ("spoken_date", "1", json!("2026-12-01"), is("2026-12-01T00:00:00-05:00")),
        ("spoken_date", "1", json!("2026-12-01T15:00"), is("2026-12-01T15:00:00-05:00")),
        ("spoken_date", "1", json!("2026-12-01 15:00:30.250"), is("2026-12-01T15:00:30-05:00")),
        ("spoken_date", "1", json!("2026-12-01T15:00:00Z"), is("2026-12-01T10:00:00-05:00")),
        ("spoken_date", "1", json!("2026-12-01T15:00+01:00"), is("2026-12-01T09:00:00-05:00")),
        ("spoken_date", "1", json!("2026-12-01T15:00:00-0500"), is("2026-12-01T15:00:00-05:00")),
        // spoken_date: days
        ("spoken_date", "1", json!("today"), is("2026-11-26T00:00:00-05:00")),
        ("spoken_date", "1", json!("Tomorrow"), is("2026-11-27T00:00:00-05:00")),
        ("spoken_date", "1", json!("the day after tomorrow"), is("2026-11-28T00:00:00-05:00")),
        ("spoken_date", "1", json!("yesterday"), is("2026-11-25T00:00:00-05:00")),
        ("spoken_date", "1", json!("Tuesday"), is("2026-12-01T00:00:00-05:00")),
        ("spoken_date", "1", json!("this Tuesday"), is("2026-12-01T00:00:00-05:00")),
        ("spoken_date", "1", json!("next Tuesday"), is("2026-12-01T00:00:00-05:00")),
        ("spoken_date", "1", json!("Friday"), is("2026-11-27T00:00:00-05:00")),
        ("spoken_date", "1", json!("next Friday"), is("2026-12-04T00:00:00-05:00")),
        ("spoken_date", "1", json!("next week friday"), is("2026-12-04T00:00:00-05:00")),
        ("spoken_date", "1", json!("Thursday"), is("2026-12-03T00:00:00-05:00")),
        ("spoken_date", "1", json!("this thursday"), is("2026-11-26T00:00:00-05:00")),
        ("spoken_date", "1", json!("last tues"), is("2026-11-24T00:00:00-05:00")),
        ("spoken_date", "1", json!("in 3 days"), is("2026-11-29T00:00:00-05:00")),
        ("spoken_date", "1", json!("in two weeks"), is("2026-12-10T00:00:00-05:00")),
        ("spoken_date", "1", json!("in a month"), is("2026-12-26T00:00:00-05:00")),
        ("spoken_date", "1", json!("3 days from now"), is("2026-11-29T00:00:00-05:00")),
        ("spoken_date", "1", json!("two days ago"), is("2026-11-24T00:00:00-05:00")),
        ("spoken_date", "1", json!("in 2 hours"), is("2026-11-26T12:00:00-05:00")),
        // spoken_date: calendar dates; past month/day rolls to next year
        ("spoken_date", "1", json!("December 3rd"), is("2026-12-03T00:00:00-05:00")),
        ("spoken_date", "1", json!("3 December"), is("2026-12-03T00:00:00-05:00")),
        ("spoken_date", "1", json!("the third of december"), is("2026-12-03T00:00:00-05:00")),
        ("spoken_date", "1", json!("Dec. 3, 2026"), is("2026-12-03T00:00:00-05:00")),
        ("spoken_date", "1", json!("december twenty-third"), is("2026-12-23T00:00:00-05:00")),
        ("spoken_date", "1", json!("12/03"), is("2026-12-03T00:00:00-05:00")),
        ("spoken_date", "1", json!("12/3/27"), is("2027-12-03T00:00:00-05:00")),
        ("spoken_date", "1", json!("March 5"), is("2027-03-05T00:00:00-05:00")),
        ("spoken_date", "1", json!("11/25"), is("2027-11-25T00:00:00-05:00")),
        ("spoken_date", "1", json!("November 26"), is("2026-11-26T00:00:00-05:00")),
        ("spoken_date", "1", json!("Feb 29"), is("2028-02-29T00:00:00-05:00")),
        ("spoken_date", "1", json!("March 5 2026"), is("2026-03-05T00:00:00-05:00")),
        ("spoken_date", "1", json!("on the 3rd"), is("2026-12-03T00:00:00-05:00")),
        ("spoken_date", "1", json!("the 30th"), is("2026-11-30T00:00:00-05:00")),
        // spoken_date: times (1-7 is pm; a time passed today is tomorrow)
        ("spoken_date", "1", json!("at 3"), is("2026-11-26T15:00:00-05:00")),
        ("spoken_date", "1", json!("at 9"), is("2026-11-27T09:00:00-05:00")),
        ("spoken_date", "1", json!("at 3pm"), is("2026-11-26T15:00:00-05:00")),
        ("spoken_date", "1", json!("3:30 p.m."), is("2026-11-26T15:30:00-05:00")),
        ("spoken_date", "1", json!("15:30"), is("2026-11-26T15:30:00-05:00")),
        ("spoken_date", "1", json!("noon"), is("2026-11-26T12:00:00-05:00")),
        ("spoken_date", "1", json!("midnight"), is("2026-11-27T00:00:00-05:00")),
        ("spoken_date", "1", json!("morning"), is("2026-11-27T09:00:00-05:00")),
        ("spoken_date", "1", json!("this morning"), is("2026-11-26T09:00:00-05:00")),
        ("spoken_date", "1", json!("afternoon"), is("2026-11-26T14:00:00-05:00")),
        ("spoken_date", "1", json!("this evening"), is("2026-11-26T18:00:00-05:00")),
        ("spoken_date", "1", json!("tonight at 8"), is("2026-11-26T20:00:00-05:00")),
        ("spoken_date", "1", json!("next Tuesday at 3"), is("2026-12-01T15:00:00-05:00")),
        ("spoken_date", "1", json!("tomorrow at 8"), is("2026-11-27T08:00:00-05:00")),
        ("spoken_date", "1", json!("tomorrow at 07:30"), is("2026-11-27T07:30:00-05:00")),
        ("spoken_date", "1", json!("tomorrow morning"), is("2026-11-27T09:00:00-05:00")),
        ("spoken_date", "1", json!("tomorrow evening at 7"), is("2026-11-27T19:00:00-05:00")),
        ("spoken_date", "1", json!("friday at 10 in the morning"), is("2026-11-27T10:00:00-05:00")),
        ("spoken_date", "1", json!("at three thirty on friday"), is("2026-11-27T15:30:00-05:00")),
        ("spoken_date", "1", json!("December 3rd at 3:30 pm"), is("2026-12-03T15:30:00-05:00")),
        ("spoken_date", "1", json!("Dec 3 at 11 o'clock"), is("2026-12-03T11:00:00-05:00")),
        ("spoken_date", "1", json!("at 1530 tomorrow"), is("2026-11-27T15:30:00-05:00")),
        ("spoken_date", "1", json!("2026-12-01 at 10am"), is("2026-12-01T10:00:00-05:00")),
        // spoken_date: errors
        ("spoken_date", "1", json!("whenever suits"), Fails("could not read a date in \"whenever suits\"")),
        ("spoken_date", "1", json!(""), Fails("could not read a date")),
        ("spoken_date", "1", json!("February 30"), Fails("February has no day 30")),
        ("spoken_date", "1", json!("13/05"), Fails("month/day")),
        ("spoken_date", "1", json!("tuesday or wednesday"), Fails("could not read a date")),
        ("spoken_date", "1", json!("tuesday wednesday"), Fails("two dates")),
        ("spoken_date", "1", json!("at 25"), Fails("not a time of day")),
        ("spoken_date", "1", json!("13pm"), Fails("12-hour clock")),
        ("spoken_date", "1", json!("next week"), Fails("could not read a date")),
        ("spoken_date", "1", json!(20261201), Fails("expects a date as text, got a number")),
        // date_only
        ("date_only", "1", json!("2026-12-01T15:00:00-05:00"), is("2026-12-01")),
        ("date_only", "1", json!("2026-12-01T23:30:00+09:00"), is("2026-12-01")),
        ("date_only", "1", json!("2026-12-01"), is("2026-12-01")),
        ("date_only", "1", json!("next tuesday at 3"), is("2026-12-01")),
        ("date_only", "1", json!("tomorrow"), is("2026-11-27")),
        ("date_only", "1", json!("Oct 1"), is("2027-10-01")),
        ("date_only", "1", json!("soon"), Fails("could not read a date")),
        ("date_only", "1", json!(null), Fails("expects a date as text, got nothing")),
        // lowercase, trim
        ("lowercase", "1", json!("Jane.Doe@Example.COM"), is("jane.doe@example.com")),
        ("lowercase", "1", json!(42), Fails("expects text, got a number")),
        ("trim", "1", json!("  AB-42 \n"), is("AB-42")),
        ("trim", "1", json!(["a"]), Fails("expects text, got a list")),
        // digits_only
        ("digits_only", "1", json!("AB-12-34"), is("1234")),
        ("digits_only", "1", json!("order one two three"), is("123")),
        ("digits_only", "1", json!("twelve thirty four"), is("1234")),
        ("digits_only", "1", json!(4512), is("4512")),
        ("digits_only", "1", json!(4512.0), is("4512")),
        ("digits_only", "1", json!(4.5), Fails("not a whole number")),
        ("digits_only", "1", json!("none yet"), Fails("has no digits")),
        // to_integer
        ("to_integer", "1", json!("42"), Is(json!(42))),
        ("to_integer", "1", json!(" 42 "), Is(json!(42))),
        ("to_integer", "1", json!(42.0), Is(json!(42))),
        ("to_integer", "1", json!("+42"), Is(json!(42))),
        ("to_integer", "1", json!("-7"), Is(json!(-7))),
        ("to_integer", "1", json!("1,000"), Is(json!(1000))),
        ("to_integer", "1", json!("42.0"), Is(json!(42))),
        ("to_integer", "1", json!("forty two"), Is(json!(42))),
        ("to_integer", "1", json!("Forty-Two"), Is(json!(42))),
        ("to_integer", "1", json!("a hundred and five"), Is(json!(105))),
        ("to_integer", "1", json!("two thousand twenty six"), Is(json!(2026))),
        ("to_integer", "1", json!("minus three"), Is(json!(-3))),
        ("to_integer", "1", json!("zero"), Is(json!(0))),
        ("to_integer", "1", json!("4.5"), Fails("not a whole number")),
        ("to_integer", "1", json!(4.5), Fails("not a whole number")),
        ("to_integer", "1", json!("1,00"), Fails("could not read a whole number")),
        ("to_integer", "1", json!("four two"), Fails("could not read a whole number")),
        ("to_integer", "1", json!("9223372036854775808"), Fails("too large")),
        ("to_integer", "1", json!(10_000_000_000_000_000_000_u64), Fails("too large")),
        ("to_integer", "1", json!(1e300), Fails("too large")),
        ("to_integer", "1", json!("   "), Fails("empty")),
        ("to_integer", "1", json!(true), Fails("expects a whole number")),
        // unknown
        ("uppercase", "1", json!("x"), Fails("no transform named `uppercase`")),
    ]
}

#[test]
fn every_transform_reads_the_table() {
    let cases = cases();
    assert!(cases.len() >= 60, "a table of at least 60 cases");
    let mut failures = Vec::new();
    for (name, country, input, want) in &cases {
        let got = apply(name, input, &context(country));
        let ok = match (&got, want) {
            (Ok(value), Is(expected)) => value == expected,
            (Err(message), Fails(part)) => message.contains(part),
            _ => false,
        };
        if !ok {
            let want = match want {
                Is(value) => format!("{value}"),
                Fails(part) => format!("an error containing {part:?}"),
            };
            failures.push(format!(
                "{name}({input}) [cc {country}]: got {got:?}, want {want}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn a_past_month_and_day_rolls_to_next_year_but_an_explicit_year_stays() {
    let cx = context("1");
    let read = |text: &str| apply("date_only", &json!(text), &cx).expect("reads");
    assert_eq!(
        read("January 15"),
        json!("2027-01-15"),
        "past this year: next year"
    );
    assert_eq!(read("11/26"), json!("2026-11-26"), "today is not past");
    assert_eq!(
        read("Jan 15 2026"),
        json!("2026-01-15"),
        "a year said is kept"
    );
}

#[test]
fn the_default_context_is_the_us_now() {
    let cx = TransformContext::default();
    assert_eq!(cx.default_country_code, "1", "US and Canada by default");
    let today = apply("date_only", &json!("today"), &cx).expect("today reads");
    assert_eq!(
        today,
        json!(cx.now.format("%Y-%m-%d").to_string()),
        "today is now's date"
    );
}
