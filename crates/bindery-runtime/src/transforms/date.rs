//! `spoken_date` and `date_only`: ISO 8601 as written, or free text read by `super::spoken`.
//!
//! ISO 8601 input (`2026-12-01`, `2026-12-01T15:00`, `2026-12-01 15:00:00`, with or without an
//! offset `Z`/`+01:00`/`-0500`) passes through normalized: seconds shown, fractions dropped;
//! without an offset it is a time in the business time zone, with one it is the same instant
//! shown in the business offset. A date alone is that day at 00:00. `date_only` keeps the
//! calendar date as written (`2026-12-01T23:30:00+09:00` gives `2026-12-01`).

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use super::spoken;

/// The output of `spoken_date`: ISO 8601 with seconds and the offset.
const DATE_TIME: &str = "%Y-%m-%dT%H:%M:%S%:z";

/// `text` as an ISO 8601 date-time in the offset of `now` (spoken text is relative to `now`).
pub(super) fn spoken_date(text: &str, now: DateTime<FixedOffset>) -> Result<String, String> {
    let offset = *now.offset();
    let at = match iso(text) {
        Some(Iso {
            local,
            offset: Some(given),
        }) => in_offset(local, given)?.with_timezone(&offset),
        Some(Iso {
            local,
            offset: None,
        }) => in_offset(local, offset)?,
        None => in_offset(read(text, now)?, offset)?,
    };
    Ok(at.format(DATE_TIME).to_string())
}

/// The calendar date (`YYYY-MM-DD`) of `text`, a date or date-time, ISO or spoken.
pub(super) fn date_only(text: &str, now: DateTime<FixedOffset>) -> Result<String, String> {
    let date = match iso(text) {
        Some(iso) => iso.local.date(),
        None => read(text, now)?.date(),
    };
    Ok(date.format("%Y-%m-%d").to_string())
}

/// Free text read relative to `now`, as a local date-time; the error is for people.
fn read(text: &str, now: DateTime<FixedOffset>) -> Result<NaiveDateTime, String> {
    spoken::read(text, now.naive_local()).map_err(|reason| {
        let text = text.trim();
        if reason.is_empty() {
            format!("could not read a date in \"{text}\"")
        } else {
            format!("could not read a date in \"{text}\": {reason}")
        }
    })
}

/// A local date-time at a fixed offset.
fn in_offset(local: NaiveDateTime, offset: FixedOffset) -> Result<DateTime<FixedOffset>, String> {
    local
        .and_local_timezone(offset)
        .single()
        .ok_or_else(|| format!("{local} is out of range"))
}

/// An ISO 8601 date or date-time.
struct Iso {
    /// The date and time as written.
    local: NaiveDateTime,
    /// The offset, when written.
    offset: Option<FixedOffset>,
}

/// Reads `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]][Z|±HH[:MM]]]`; `None` when `text` is not that.
fn iso(text: &str) -> Option<Iso> {
    let text = text.trim();
    let date = iso_date(text.get(..10)?)?;
    let rest = text.get(10..)?;
    if rest.is_empty() {
        return Some(Iso {
            local: date.and_time(NaiveTime::MIN),
            offset: None,
        });
    }
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let (clock, zone) = rest.split_at(rest.find(['Z', 'z', '+', '-']).unwrap_or(rest.len()));
    let time = ["%H:%M:%S%.f", "%H:%M:%S", "%H:%M"]
        .iter()
        .find_map(|format| NaiveTime::parse_from_str(clock, format).ok())?
        .with_nanosecond(0)?;
    let offset = if zone.is_empty() {
        None
    } else {
        Some(zone_offset(zone)?)
    };
    Some(Iso {
        local: date.and_time(time),
        offset,
    })
}

/// Exactly `YYYY-MM-DD`, a real date.
pub(super) fn iso_date(text: &str) -> Option<NaiveDate> {
    let shaped = text.len() == 10
        && text.char_indices().all(|(at, c)| match at {
            4 | 7 => c == '-',
            _ => c.is_ascii_digit(),
        });
    if !shaped {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// `Z`, `±HH`, `±HHMM` or `±HH:MM`.
fn zone_offset(zone: &str) -> Option<FixedOffset> {
    if zone.eq_ignore_ascii_case("z") {
        return FixedOffset::east_opt(0);
    }
    let (sign, rest) = match zone.split_at_checked(1)? {
        ("+", rest) => (1, rest),
        ("-", rest) => (-1, rest),
        _ => return None,
    };
    let digits = rest.replace(':', "");
    if !matches!(digits.len(), 2 | 4) || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits.get(..2)?.parse().ok()?;
    let minutes: i32 = digits
        .get(2..)
        .filter(|m| !m.is_empty())
        .map_or(Some(0), |m| m.parse().ok())?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60))
}
