//! Free-text dates and times, read relative to "now" in the business time zone.
//!
//! Rules (the week runs Monday to Sunday):
//! - Days: `today`, `tonight` (today, evening), `tomorrow`, `day after tomorrow`, `yesterday`,
//!   `day before yesterday`.
//! - Weekdays: `Tuesday` is the next Tuesday after today (1 to 7 days ahead; said on a Tuesday,
//!   a week ahead); `this Tuesday` / `coming Tuesday` is the next one from today on (today
//!   itself when it is a Tuesday); `next Tuesday` / `next week Tuesday` is the Tuesday of next
//!   week (common US usage: said on a Thursday, `next Friday` is eight days ahead while
//!   `Friday` is tomorrow); `last Tuesday` is the latest one before today.
//! - Offsets: `in 3 days`, `in two weeks`, `in a month`, `3 days from now`, `2 weeks later`,
//!   `3 days ago`; `in 2 hours` / `in 30 minutes` is that long after now.
//! - Calendar dates: `December 3rd`, `Dec. 3`, `3 December`, `the 3rd of December`, `Dec 3
//!   2026`, `12/03` and `12/3/26` (US month/day), `2026-12-03`, `the 3rd` (the next 3rd of a
//!   month). Without a year, a month and day already past this year is next year's.
//! - Times: `at 3pm`, `3:30 pm`, `3 o'clock`, `15:30`, `at 1530`, `at three thirty`, `noon`,
//!   `midnight` (00:00 of the day), `morning` (09:00), `afternoon` (14:00), `evening` and
//!   `night` (18:00). A bare hour (`at 3`, `3:30`) follows business hours: 1 to 7 is pm, 8 to
//!   12 as said; after `afternoon`/`evening` it is pm, after `morning` am; a zero-padded or
//!   24-hour time (`07:30`, `15:30`) is taken as written.
//! - A date without a time is that day at 00:00. A time without a date is today, or tomorrow
//!   when that time has passed today.
//! - `around 4` / `about 4` read like `at 4`. Words like "on", "the", "by" are skipped; any
//!   other unknown word, or two different dates or times, is an error: better to ask again
//!   than to book the wrong day.

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

use super::date::iso_date;
use super::words::{digit_word, words_to_integer};

/// Words that carry nothing here ("on the 3rd", "by Friday").
const FILLERS: &[&str] = &[
    "on", "the", "of", "by", "for", "please", "sometime", "oclock", "and",
];

/// Month names, January first.
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Reads `text` relative to `now` (local); the error is a reason for people, or empty.
pub(super) fn read(text: &str, now: NaiveDateTime) -> Result<NaiveDateTime, String> {
    let now = now
        .with_second(0)
        .and_then(|now| now.with_nanosecond(0))
        .unwrap_or(now);
    let mut reader = Reader {
        words: words(text),
        at: 0,
        now,
        date: None,
        clock: None,
        period: None,
    };
    while reader.at < reader.words.len() {
        reader.step()?;
    }
    reader.resolve()
}

/// Lower-cased words of `text`: `a.m.` is `am`, `o'clock` is `oclock`, commas and end
/// punctuation go, and hyphenated words ("twenty-third") split.
fn words(text: &str) -> Vec<String> {
    let lowered = text
        .to_lowercase()
        .replace("a.m.", "am")
        .replace("p.m.", "pm")
        .replace(['’', '\''], "");
    let mut words = Vec::new();
    for word in lowered.split(|c: char| c.is_whitespace() || c == ',') {
        let word =
            word.trim_matches(|c: char| matches!(c, '.' | '!' | '?' | ';' | '(' | ')' | '"'));
        if word.contains('-') && !word.chars().any(|c| c.is_ascii_digit()) {
            words.extend(word.split('-').filter(|w| !w.is_empty()).map(str::to_owned));
        } else if !word.is_empty() {
            words.push(word.to_owned());
        }
    }
    words
}

/// A part of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Period {
    Morning,
    Afternoon,
    Evening,
}

impl Period {
    fn of(word: &str) -> Option<Period> {
        match word {
            "morning" => Some(Period::Morning),
            "afternoon" => Some(Period::Afternoon),
            "evening" | "night" => Some(Period::Evening),
            _ => None,
        }
    }

    /// The time it means without a time.
    fn time(self) -> NaiveTime {
        let hour = match self {
            Period::Morning => 9,
            Period::Afternoon => 14,
            Period::Evening => 18,
        };
        NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or(NaiveTime::MIN)
    }
}

/// A time as said: the hour is resolved with the period and the business-hours rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Clock {
    hour: u32,
    minute: u32,
    /// `Some(true)` for pm, `Some(false)` for am.
    pm: Option<bool>,
    /// Written as a 24-hour time (`07:30`, `15:30`, midnight): taken as is.
    fixed: bool,
}

impl Clock {
    fn time(self, period: Option<Period>) -> Result<NaiveTime, String> {
        let hour = match self.pm {
            Some(pm) => {
                if !(1..=12).contains(&self.hour) {
                    return Err(format!("{} is not an hour of a 12-hour clock", self.hour));
                }
                self.hour % 12 + if pm { 12 } else { 0 }
            }
            None if self.fixed || self.hour == 0 || self.hour > 12 => self.hour,
            None => match period {
                Some(Period::Morning) => self.hour,
                Some(_) => (self.hour % 12) + 12,
                None if self.hour <= 7 => self.hour + 12,
                None => self.hour,
            },
        };
        NaiveTime::from_hms_opt(hour, self.minute, 0)
            .ok_or_else(|| format!("{hour}:{:02} is not a time of day", self.minute))
    }
}

/// How long an offset is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Years,
}

fn unit(word: &str) -> Option<Unit> {
    Some(match word {
        "minute" | "minutes" | "min" | "mins" => Unit::Minutes,
        "hour" | "hours" | "hr" | "hrs" => Unit::Hours,
        "day" | "days" => Unit::Days,
        "week" | "weeks" => Unit::Weeks,
        "month" | "months" => Unit::Months,
        "year" | "years" => Unit::Years,
        _ => return None,
    })
}

fn weekday(word: &str) -> Option<Weekday> {
    Some(match word {
        "monday" | "mon" => Weekday::Mon,
        "tuesday" | "tue" | "tues" => Weekday::Tue,
        "wednesday" | "wed" | "weds" => Weekday::Wed,
        "thursday" | "thu" | "thur" | "thurs" => Weekday::Thu,
        "friday" | "fri" => Weekday::Fri,
        "saturday" | "sat" => Weekday::Sat,
        "sunday" | "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// The month (1 to 12) of a name or abbreviation.
fn month(word: &str) -> Option<u32> {
    let word = if word == "sept" { "sep" } else { word };
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|name| {
            let name = name.to_lowercase();
            word == name || (word.len() == 3 && name.starts_with(word))
        })
        .and_then(|at| u32::try_from(at + 1).ok())
}

fn month_name(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|at| MONTHS.get(at as usize))
        .copied()
        .unwrap_or("that month")
}

/// An ordinal word: "first" to "nineteenth", "twentieth", "thirtieth".
fn ordinal_word(word: &str) -> Option<u32> {
    const ORDINALS: [&str; 19] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    match word {
        "twentieth" => Some(20),
        "thirtieth" => Some(30),
        _ => ORDINALS
            .iter()
            .position(|o| *o == word)
            .and_then(|at| u32::try_from(at + 1).ok()),
    }
}

/// `date` moved by `days` (negative: back).
fn add_days(date: NaiveDate, days: i64) -> Result<NaiveDate, String> {
    let moved = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    moved.ok_or_else(|| "that is too far away".to_owned())
}

/// The first `day` at least `from` days after `today`.
fn upcoming(today: NaiveDate, day: Weekday, from: u32) -> Result<NaiveDate, String> {
    let ahead = (7 + day.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    let ahead = if ahead < from { ahead + 7 } else { ahead };
    add_days(today, i64::from(ahead))
}

/// `day` of the week after this one (weeks run Monday to Sunday).
fn of_next_week(today: NaiveDate, day: Weekday) -> Result<NaiveDate, String> {
    let monday = i64::from(today.weekday().num_days_from_monday());
    add_days(today, 7 - monday + i64::from(day.num_days_from_monday()))
}

/// The latest `day` before `today`.
fn previous(today: NaiveDate, day: Weekday) -> Result<NaiveDate, String> {
    let back = (7 + today.weekday().num_days_from_monday() - day.num_days_from_monday()) % 7;
    add_days(today, -i64::from(if back == 0 { 7 } else { back }))
}

/// `month`/`day` in `year`, or without one the next such day from `today` on.
fn month_day(
    today: NaiveDate,
    month: u32,
    day: u32,
    year: Option<i32>,
) -> Result<NaiveDate, String> {
    let name = month_name(month);
    match year {
        Some(year) => NaiveDate::from_ymd_opt(year, month, day)
            .ok_or_else(|| format!("{name} {year} has no day {day}")),
        None => (0..=8)
            .filter_map(|ahead| NaiveDate::from_ymd_opt(today.year() + ahead, month, day))
            .find(|date| *date >= today)
            .ok_or_else(|| format!("{name} has no day {day}")),
    }
}

/// The next `day` of a month from `today` on.
fn day_of_month(today: NaiveDate, day: u32) -> Result<NaiveDate, String> {
    let first = today.with_day(1).unwrap_or(today);
    (0..12)
        .filter_map(|ahead| first.checked_add_months(Months::new(ahead))?.with_day(day))
        .find(|date| *date >= today)
        .ok_or_else(|| format!("no month has a day {day}"))
}

/// `12/03`, `12/3/26`, `12/03/2026`: US month/day; `Ok(None)` when `word` is not one.
fn slash_date(word: &str, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
    let mut parts = word.split('/');
    let (Some(month), Some(day), year, None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Ok(None);
    };
    let number = |part: &str, lengths: &[usize]| {
        (lengths.contains(&part.len()) && part.chars().all(|c| c.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (Some(month_number), Some(day)) = (number(month, &[1, 2]), number(day, &[1, 2])) else {
        return Ok(None);
    };
    let year = match year {
        None => None,
        Some(year) => match (number(year, &[2]), number(year, &[4])) {
            (Some(short), _) => Some(2000 + i32::try_from(short).unwrap_or(0)),
            (_, Some(full)) => i32::try_from(full).ok(),
            _ => return Ok(None),
        },
    };
    if !(1..=12).contains(&month_number) {
        return Err(format!(
            "{word} is read month/day (US), and there is no month {month}"
        ));
    }
    month_day(today, month_number, day, year).map(Some)
}

/// `3`, `3pm`, `3:30`, `3:30pm`, `15:30` (and `1530`, `3.30` after "at"); with whether it is a
/// time on its own (a colon or am/pm).
fn clock_word(word: &str, after_at: bool) -> Option<(Clock, bool)> {
    let (body, pm) = match (word.strip_suffix("am"), word.strip_suffix("pm")) {
        (Some(body), _) => (body, Some(false)),
        (_, Some(body)) => (body, Some(true)),
        _ => (word, None),
    };
    let dot = after_at || pm.is_some();
    let (hours, minutes, colon) = match body.split_once(':') {
        Some((hours, minutes)) => (hours, Some(minutes), true),
        None => match body.split_once('.').filter(|_| dot) {
            Some((hours, minutes)) => (hours, Some(minutes), true),
            None if body.len() <= 2 => (body, None, false),
            None if body.len() <= 4 && dot => {
                let (hours, minutes) = body.split_at(body.len() - 2);
                (hours, Some(minutes), false)
            }
            None => return None,
        },
    };
    let digits = |text: &str| !text.is_empty() && text.chars().all(|c| c.is_ascii_digit());
    if !digits(hours) || hours.len() > 2 || minutes.is_some_and(|m| m.len() != 2 || !digits(m)) {
        return None;
    }
    let hour: u32 = hours.parse().ok()?;
    let minute: u32 = minutes.map_or(Some(0), |m| m.parse().ok())?;
    let fixed = pm.is_none() && (hour == 0 || hour > 12 || hours.starts_with('0'));
    let clock = Clock {
        hour,
        minute,
        pm,
        fixed,
    };
    Some((clock, colon || pm.is_some()))
}

/// The words being read, and what they said so far.
struct Reader {
    words: Vec<String>,
    at: usize,
    now: NaiveDateTime,
    date: Option<NaiveDate>,
    clock: Option<Clock>,
    period: Option<Period>,
}

mod read;
