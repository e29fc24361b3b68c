//! The reader: one phrase at a time, left to right.

use chrono::{Months, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Timelike};

use super::{
    add_days, clock_word, day_of_month, digit_word, iso_date, month, month_day, of_next_week,
    ordinal_word, previous, slash_date, unit, upcoming, weekday, words_to_integer, Clock, Period,
    Reader, Unit, FILLERS,
};

/// Nothing to say beyond "could not read a date".
fn unreadable<T>() -> Result<T, String> {
    Err(String::new())
}

impl Reader {
    /// The word `ahead` of the current one, or "" past the end.
    fn word(&self, ahead: usize) -> &str {
        self.words.get(self.at + ahead).map_or("", String::as_str)
    }

    fn today(&self) -> NaiveDate {
        self.now.date()
    }

    /// Reads one phrase.
    pub(super) fn step(&mut self) -> Result<(), String> {
        let word = self.word(0).to_owned();
        let today = self.today();
        match word.as_str() {
            filler if FILLERS.contains(&filler) => self.at += 1,
            "today" => self.date_word(today)?,
            "tonight" => {
                self.date_word(today)?;
                self.set_period(Period::Evening)?;
            }
            "tomorrow" | "tmrw" | "tomorow" => self.date_word(add_days(today, 1)?)?,
            "yesterday" => self.date_word(add_days(today, -1)?)?,
            "day" => {
                let days = match (self.word(1), self.word(2)) {
                    ("after", "tomorrow") => 2,
                    ("before", "yesterday") => -2,
                    _ => return unreadable(),
                };
                self.at += 2;
                self.date_word(add_days(today, days)?)?;
            }
            "this" | "next" | "last" | "coming" => self.modified()?,
            "at" => {
                self.at += 1;
                if !self.time_after_at()? {
                    return unreadable();
                }
            }
            // "around 4", like "at"; otherwise nothing ("around noon").
            "around" | "about" | "approximately" => {
                self.at += 1;
                self.time_after_at()?;
            }
            "in" => {
                self.at += 1;
                self.offset_after_in()?;
            }
            "noon" | "midday" => {
                self.at += 1;
                self.set_clock(Clock {
                    hour: 12,
                    minute: 0,
                    pm: Some(true),
                    fixed: false,
                })?;
            }
            "midnight" => {
                self.at += 1;
                self.set_clock(Clock {
                    hour: 0,
                    minute: 0,
                    pm: None,
                    fixed: true,
                })?;
            }
            _ => self.other(&word)?,
        }
        Ok(())
    }

    /// A word that is a date on its own.
    fn date_word(&mut self, date: NaiveDate) -> Result<(), String> {
        self.at += 1;
        self.set_date(date)
    }

    /// Period, weekday, month, or something with a number.
    fn other(&mut self, word: &str) -> Result<(), String> {
        if let Some(period) = Period::of(word) {
            self.at += 1;
            return self.set_period(period);
        }
        if let Some(day) = weekday(word) {
            return self.date_word(upcoming(self.today(), day, 1)?);
        }
        if let Some(month) = month(word) {
            self.at += 1;
            return self.month_first(month);
        }
        self.numberish(word)
    }

    /// `this`/`coming`/`next`/`last` and what it modifies.
    fn modified(&mut self) -> Result<(), String> {
        let which = self.word(0).to_owned();
        self.at += 1;
        if which == "this" && self.word(0) == "coming" {
            self.at += 1;
        }
        if which == "next" && self.word(0) == "week" && weekday(self.word(1)).is_some() {
            self.at += 1;
        }
        let today = self.today();
        if let Some(day) = weekday(self.word(0)) {
            let date = match which.as_str() {
                "next" => of_next_week(today, day)?,
                "last" => previous(today, day)?,
                _ => upcoming(today, day, 0)?,
            };
            return self.date_word(date);
        }
        match Period::of(self.word(0)) {
            Some(period) if which == "this" => {
                self.date_word(today)?;
                self.set_period(period)
            }
            _ => unreadable(),
        }
    }

    /// After `at` (or `around`): a time (`3`, `3pm`, `15:30`, `three thirty`); whether one
    /// is there (`noon`/`midnight` count, and are read next).
    fn time_after_at(&mut self) -> Result<bool, String> {
        let word = self.word(0).to_owned();
        if matches!(word.as_str(), "noon" | "midday" | "midnight") {
            return Ok(true);
        }
        if let Some((clock, _)) = clock_word(&word, true) {
            self.at += 1;
            self.clock_with_suffix(clock)?;
            return Ok(true);
        }
        match self.word_clock() {
            Some(clock) => self.clock_with_suffix(clock).map(|()| true),
            None => Ok(false),
        }
    }

    /// An hour in words, with minutes in words: "three", "three thirty", "ten oh five".
    fn word_clock(&mut self) -> Option<Clock> {
        let hour = words_to_integer(&[self.word(0)])
            .filter(|hour| (1..=12).contains(hour))
            .and_then(|hour| u32::try_from(hour).ok())?;
        self.at += 1;
        let mut minute = 0;
        if matches!(self.word(0), "oh" | "o") {
            if let Some(digit) = digit_word(self.word(1)).filter(|d| *d > 0) {
                self.at += 2;
                minute = u32::from(digit);
            }
        } else {
            for len in [2, 1] {
                let words: Vec<&str> = (0..len).map(|ahead| self.word(ahead)).collect();
                let said = words_to_integer(&words)
                    .filter(|m| (10..=59).contains(m))
                    .and_then(|m| u32::try_from(m).ok());
                if let Some(said) = said {
                    self.at += len;
                    minute = said;
                    break;
                }
            }
        }
        Some(Clock {
            hour,
            minute,
            pm: None,
            fixed: false,
        })
    }

    /// A clock followed by `am`/`pm`/`o'clock`.
    fn clock_with_suffix(&mut self, mut clock: Clock) -> Result<(), String> {
        let said = match self.word(0) {
            "am" => Some(false),
            "pm" => Some(true),
            _ => None,
        };
        if let Some(pm) = said {
            self.at += 1;
            if clock.pm.is_some_and(|was| was != pm) {
                return Err("it says both am and pm".to_owned());
            }
            clock.pm = Some(pm);
        }
        if self.word(0) == "oclock" {
            self.at += 1;
        }
        self.set_clock(clock)
    }

    /// After `in`: an offset ("in 3 days"); otherwise `in` says nothing ("in the morning").
    fn offset_after_in(&mut self) -> Result<(), String> {
        let Some((count, used)) = self.count() else {
            return Ok(());
        };
        let Some(unit) = unit(self.word(used)) else {
            return Ok(());
        };
        self.at += used + 1;
        match (self.word(0), self.word(1)) {
            ("from", "now" | "today") => self.at += 2,
            ("later", _) => self.at += 1,
            _ => {}
        }
        self.shift(count, unit)
    }

    /// A count: digits, "a"/"an", or number words ("two", "twenty one"); with the words used.
    fn count(&self) -> Option<(i64, usize)> {
        let word = self.word(0);
        if !word.is_empty() && word.len() <= 4 && word.chars().all(|c| c.is_ascii_digit()) {
            return Some((word.parse().ok()?, 1));
        }
        if matches!(word, "a" | "an") {
            return Some((1, 1));
        }
        (1..=3).rev().find_map(|len| {
            let words: Vec<&str> = (0..len).map(|ahead| self.word(ahead)).collect();
            words_to_integer(&words).map(|n| (n, len))
        })
    }

    /// Moves from now (minutes, hours) or today (days and longer) by `count` `unit`s.
    fn shift(&mut self, count: i64, unit: Unit) -> Result<(), String> {
        let far = || "that is too far away".to_owned();
        let today = self.today();
        let date = match unit {
            Unit::Minutes | Unit::Hours => {
                let minutes = if unit == Unit::Hours {
                    count.checked_mul(60).ok_or_else(far)?
                } else {
                    count
                };
                let at = TimeDelta::try_minutes(minutes)
                    .and_then(|delta| self.now.checked_add_signed(delta))
                    .ok_or_else(far)?;
                self.set_clock(Clock {
                    hour: at.hour(),
                    minute: at.minute(),
                    pm: None,
                    fixed: true,
                })?;
                at.date()
            }
            Unit::Days => add_days(today, count)?,
            Unit::Weeks => add_days(today, count.checked_mul(7).ok_or_else(far)?)?,
            Unit::Months | Unit::Years => {
                let per = if unit == Unit::Years { 12 } else { 1 };
                let months = count
                    .checked_mul(per)
                    .and_then(|m| u32::try_from(m.unsigned_abs()).ok())
                    .ok_or_else(far)?;
                let moved = if count >= 0 {
                    today.checked_add_months(Months::new(months))
                } else {
                    today.checked_sub_months(Months::new(months))
                };
                moved.ok_or_else(far)?
            }
        };
        self.set_date(date)
    }

    /// The day of a month: `3`, `3rd`, `third`, `twenty third`; with the words used and
    /// whether it was said as an ordinal.
    fn day_number(&self) -> Option<(u32, usize, bool)> {
        let word = self.word(0);
        let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
        let suffix = word.get(digits.len()..).unwrap_or_default();
        if (1..=2).contains(&digits.len()) {
            let day: u32 = digits.parse().ok()?;
            return match suffix {
                "" => Some((day, 1, false)),
                "st" | "nd" | "rd" | "th" => Some((day, 1, true)),
                _ => None,
            };
        }
        if let Some(day) = ordinal_word(word) {
            return Some((day, 1, true));
        }
        let tens = match word {
            "twenty" => 20,
            "thirty" => 30,
            _ => return None,
        };
        let unit = ordinal_word(self.word(1)).filter(|unit| *unit < 10)?;
        Some((tens + unit, 2, true))
    }

    /// After a month: its day (`3`, `3rd`, `third`, `three`) and maybe a year.
    fn month_first(&mut self, month: u32) -> Result<(), String> {
        if self.word(0) == "the" {
            self.at += 1;
        }
        let (day, used) = match self.day_number() {
            Some((day, used, _)) => (day, used),
            None => match self.count() {
                Some((day, used)) => (u32::try_from(day).unwrap_or(0), used),
                None => return Err(format!("say which day of {}", super::month_name(month))),
            },
        };
        self.at += used;
        let year = self.year();
        let date = month_day(self.today(), month, day, year)?;
        self.set_date(date)
    }

    /// A four-digit year, if one comes next.
    fn year(&mut self) -> Option<i32> {
        let word = self.word(0);
        if word.len() != 4 || !word.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let year = word
            .parse()
            .ok()
            .filter(|year| (1900..=2999).contains(year))?;
        self.at += 1;
        Some(year)
    }

    /// A phrase starting with a number (or number words): an ISO or slash date, a time, a day
    /// before its month, an ordinal day, an offset with "from now"/"ago"/"later".
    fn numberish(&mut self, word: &str) -> Result<(), String> {
        let today = self.today();
        if let Some(date) = iso_date(word) {
            return self.date_word(date);
        }
        if let Some(date) = slash_date(word, today)? {
            return self.date_word(date);
        }
        if let Some((clock, true)) = clock_word(word, false) {
            self.at += 1;
            return self.clock_with_suffix(clock);
        }
        if let Some((day, used, ordinal)) = self.day_number() {
            let of = usize::from(self.word(used) == "of");
            if let Some(month) = month(self.word(used + of)) {
                self.at += used + of + 1;
                let year = self.year();
                return self.set_date(month_day(today, month, day, year)?);
            }
            if ordinal {
                self.at += used;
                return self.set_date(day_of_month(today, day)?);
            }
        }
        if let Some((count, used)) = self.count() {
            if let Some(unit) = unit(self.word(used)) {
                let sign = match (self.word(used + 1), self.word(used + 2)) {
                    ("from", "now" | "today") => Some((1, 3)),
                    ("later", _) => Some((1, 2)),
                    ("ago", _) => Some((-1, 2)),
                    _ => None,
                };
                if let Some((sign, len)) = sign {
                    self.at += used + len;
                    return self.shift(sign * count, unit);
                }
            }
        }
        // An hour said with am/pm or o'clock: "3 pm", "three thirty pm", "3 o'clock".
        let start = self.at;
        let clock = match clock_word(word, false) {
            Some((clock, _)) => {
                self.at += 1;
                Some(clock)
            }
            None => self.word_clock(),
        };
        if let Some(clock) = clock {
            if matches!(self.word(0), "am" | "pm" | "oclock") {
                return self.clock_with_suffix(clock);
            }
        }
        self.at = start;
        unreadable()
    }

    fn set_date(&mut self, date: NaiveDate) -> Result<(), String> {
        match self.date {
            Some(was) if was != date => Err(format!("it names two dates ({was} and {date})")),
            _ => {
                self.date = Some(date);
                Ok(())
            }
        }
    }

    fn set_clock(&mut self, clock: Clock) -> Result<(), String> {
        match self.clock {
            Some(was) if was != clock => Err("it names two times".to_owned()),
            _ => {
                self.clock = Some(clock);
                Ok(())
            }
        }
    }

    fn set_period(&mut self, period: Period) -> Result<(), String> {
        match self.period {
            Some(was) if was != period => Err("it names two parts of the day".to_owned()),
            _ => {
                self.period = Some(period);
                Ok(())
            }
        }
    }

    /// The date and time said: a date alone is at 00:00; a time alone is today, or tomorrow
    /// once passed.
    pub(super) fn resolve(&self) -> Result<NaiveDateTime, String> {
        let time = match (self.clock, self.period) {
            (Some(clock), period) => clock.time(period)?,
            (None, Some(period)) => period.time(),
            (None, None) if self.date.is_some() => NaiveTime::MIN,
            (None, None) => return unreadable(),
        };
        let date = match self.date {
            Some(date) => date,
            None if self.today().and_time(time) >= self.now => self.today(),
            None => add_days(self.today(), 1)?,
        };
        Ok(date.and_time(time))
    }
}
