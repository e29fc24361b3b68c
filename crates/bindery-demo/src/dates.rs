//! Civil-date arithmetic (proleptic Gregorian), enough for the generator. The crate never reads
//! the clock: "today" comes from the caller.

use std::fmt;

/// A civil date, stored as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Day(i64);

impl Day {
    /// Parses a strict `YYYY-MM-DD` (years 1000..=9999).
    pub(crate) fn parse(text: &str) -> Option<Day> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
            return None;
        }
        let num = |s: &str| -> Option<i64> {
            if s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().ok()
            } else {
                None
            }
        };
        let year = num(text.get(0..4)?)?;
        let month = num(text.get(5..7)?)?;
        let day = num(text.get(8..10)?)?;
        if year < 1000 || !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month)
        {
            return None;
        }
        Some(Day(days_from_civil(year, month, day)))
    }

    pub(crate) fn add(self, days: i64) -> Day {
        Day(self.0.saturating_add(days))
    }

    /// Days from `earlier` to `self` (negative when `earlier` is later).
    pub(crate) fn since(self, earlier: Day) -> i64 {
        self.0 - earlier.0
    }

    /// 0 = Monday ... 6 = Sunday.
    pub(crate) fn weekday(self) -> i64 {
        (self.0 + 3).rem_euclid(7)
    }

    pub(crate) fn year(self) -> i64 {
        civil_from_days(self.0).0
    }

    /// `YYYY-MM-DD HH:MM:00` for `minute` minutes after midnight of this day.
    pub(crate) fn at(self, minute: u32) -> String {
        format!("{self} {:02}:{:02}:00", minute / 60 % 24, minute % 60)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = civil_from_days(self.0);
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's algorithms, http://howardhinnant.github.io/date_algorithms.html
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::Day;

    #[test]
    fn parses_and_formats_round_trip() {
        for text in ["1970-01-01", "2024-02-29", "2026-12-31", "2000-03-01"] {
            assert_eq!(
                Day::parse(text).map(|d| d.to_string()).as_deref(),
                Some(text)
            );
        }
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-1-01",
            "20260101",
            "2026-01-0x",
            "",
        ] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn arithmetic() {
        let d = Day::parse("2026-02-27").expect("valid date");
        assert_eq!(d.add(2).to_string(), "2026-03-01");
        assert_eq!(d.add(-58).to_string(), "2025-12-31");
        assert_eq!(d.add(2).since(d), 2);
        assert_eq!(Day::parse("1970-01-01").expect("valid").weekday(), 3); // Thursday
        assert_eq!(d.weekday(), 4); // Friday
        assert_eq!(d.year(), 2026);
        assert_eq!(d.at(9 * 60 + 30), "2026-02-27 09:30:00");
    }
}
