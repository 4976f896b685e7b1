//! Dates as editors write them (`2007-12-01`, `2007-12`, `2007`) and as
//! readers see them in their language ("1. Dezember 2007", "1er décembre
//! 2007", "1 December 2007"), and [`Timestamp`]s of file changes (git
//! commits, file times) with the calendar arithmetic they need.

use std::fmt;

use serde::Deserialize;

/// A calendar date, possibly only a year or a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: u16,
    month: Option<u8>,
    day: Option<u8>,
}

impl PartialDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking the calendar.
    ///
    /// ```
    /// use konzept::dates::PartialDate;
    /// assert!(PartialDate::parse("2007-12").is_some());
    /// assert!(PartialDate::parse("2009-02-30").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<PartialDate> {
        let mut parts = text.trim().split('-');
        let year = parse_part(parts.next()?, 4)?;
        let month = match parts.next() {
            Some(m) => Some(parse_part(m, 2)?),
            None => None,
        };
        let day = match parts.next() {
            Some(d) => Some(parse_part(d, 2)?),
            None => None,
        };
        if parts.next().is_some() || !(1000..=9999).contains(&year) {
            return None;
        }
        let month = month.map(u8::try_from).transpose().ok()?;
        let day = day.map(u8::try_from).transpose().ok()?;
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return None;
            }
            if let Some(d) = day
                && (d == 0 || d > days_in_month(year, m))
            {
                return None;
            }
        }
        Some(PartialDate { year, month, day })
    }

    /// ISO 8601 form (`2007-12`), for `<time datetime>`.
    pub fn iso(&self) -> String {
        self.to_string()
    }

    /// The date in a language: German, French and English are built in; other
    /// languages get the ISO form.
    pub fn display(&self, lang: &str) -> String {
        let lang = lang.split('-').next().unwrap_or(lang);
        let Some(month) = self.month else {
            return self.year.to_string();
        };
        let Some(name) = month_name(lang, month) else {
            return self.iso();
        };
        match (self.day, lang) {
            (None, _) => format!("{name} {}", self.year),
            (Some(d), "de") => format!("{d}. {name} {}", self.year),
            (Some(1), "fr") => format!("1er {name} {}", self.year),
            (Some(d), _) => format!("{d} {name} {}", self.year),
        }
    }
}

impl PartialDate {
    /// A full calendar date.
    pub fn from_ymd(year: u16, month: u8, day: u8) -> Option<PartialDate> {
        PartialDate::parse(&format!("{year:04}-{month:02}-{day:02}"))
    }

    /// Whether day and month are known.
    pub fn is_full(&self) -> bool {
        self.day.is_some()
    }

    /// `YYYY-MM-DDT00:00:00Z` for a full date; the first day of the month
    /// or year otherwise (for feeds and sitemaps, which need a time).
    pub fn rfc3339(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            self.year,
            self.month.unwrap_or(1),
            self.day.unwrap_or(1)
        )
    }
}

/// A moment, as git or the file system report it: seconds since 1970 (UTC)
/// and the UTC offset of the place it happened, so the date shown is the
/// committer's own calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub seconds: i64,
    /// UTC offset in minutes (`+60` for CET).
    pub offset_minutes: i16,
}

impl Timestamp {
    /// The calendar day in the timestamp's own offset.
    ///
    /// ```
    /// use konzept::dates::Timestamp;
    /// // 2026-11-30T23:30:00Z is already 1 December in Saarbrücken (+01:00).
    /// let t = Timestamp { seconds: 1_796_081_400, offset_minutes: 60 };
    /// assert_eq!(t.date().iso(), "2026-12-01");
    /// ```
    pub fn date(&self) -> PartialDate {
        let local = self.seconds + i64::from(self.offset_minutes) * 60;
        let (y, m, d) = civil_from_days(local.div_euclid(86_400));
        PartialDate {
            year: u16::try_from(y.clamp(1000, 9999)).expect("clamped to four digits"),
            month: Some(m),
            day: Some(d),
        }
    }

    /// RFC 3339 with the offset (`2026-12-01T00:30:00+01:00`).
    ///
    /// ```
    /// use konzept::dates::Timestamp;
    /// let t = Timestamp { seconds: 1_796_081_400, offset_minutes: 60 };
    /// assert_eq!(t.rfc3339(), "2026-12-01T00:30:00+01:00");
    /// assert_eq!(Timestamp { seconds: 0, offset_minutes: 0 }.rfc3339(), "1970-01-01T00:00:00Z");
    /// ```
    pub fn rfc3339(&self) -> String {
        let local = self.seconds + i64::from(self.offset_minutes) * 60;
        let (y, m, d) = civil_from_days(local.div_euclid(86_400));
        let secs = local.rem_euclid(86_400);
        let time = format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        );
        match self.offset_minutes {
            0 => format!("{time}Z"),
            o => format!(
                "{time}{}{:02}:{:02}",
                if o < 0 { '-' } else { '+' },
                o.unsigned_abs() / 60,
                o.unsigned_abs() % 60
            ),
        }
    }

    /// Parses the offset of an RFC 3339 time (`…+01:00`, `…Z`), as git's
    /// `%cI` prints it, for a timestamp given in seconds.
    pub fn with_rfc3339_offset(seconds: i64, rfc3339: &str) -> Option<Timestamp> {
        let text = rfc3339.trim();
        if text.ends_with('Z') {
            return Some(Timestamp {
                seconds,
                offset_minutes: 0,
            });
        }
        let tail = text.get(text.len().checked_sub(6)?..)?;
        let sign = match tail.as_bytes().first()? {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let hours: i16 = tail.get(1..3)?.parse().ok()?;
        let minutes: i16 = tail.get(4..6)?.parse().ok()?;
        Some(Timestamp {
            seconds,
            offset_minutes: sign * (hours * 60 + minutes),
        })
    }
}

/// Year, month, day of a day count since 1970-01-01 (proleptic Gregorian;
/// H. Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = u8::try_from(doy - (153 * mp + 2) / 5 + 1).expect("day of month is 1..=31");
    let month = u8::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).expect("month is 1..=12");
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A day of the week, as editors write it in `hours` (`mo` … `su`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    /// Monday.
    Mo,
    /// Tuesday.
    Tu,
    /// Wednesday.
    We,
    /// Thursday.
    Th,
    /// Friday.
    Fr,
    /// Saturday.
    Sa,
    /// Sunday.
    Su,
}

impl Weekday {
    /// All days, Monday first.
    pub const ALL: [Weekday; 7] = [
        Weekday::Mo,
        Weekday::Tu,
        Weekday::We,
        Weekday::Th,
        Weekday::Fr,
        Weekday::Sa,
        Weekday::Su,
    ];

    /// The schema.org name (`Monday`).
    pub fn schema_name(self) -> &'static str {
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][self as usize]
    }

    /// The day's name in a language (English for languages konzept does not know).
    pub fn name(self, lang: &str) -> &'static str {
        const DE: [&str; 7] = [
            "Montag",
            "Dienstag",
            "Mittwoch",
            "Donnerstag",
            "Freitag",
            "Samstag",
            "Sonntag",
        ];
        const FR: [&str; 7] = [
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        ];
        let table = match lang.split('-').next().unwrap_or(lang) {
            "de" => &DE,
            "fr" => &FR,
            _ => return self.schema_name(),
        };
        table[self as usize]
    }
}

/// A time of day, written `HH:MM` (`08:30`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime {
    hour: u8,
    minute: u8,
}

impl ClockTime {
    /// Parses `H:MM` or `HH:MM` (00:00–24:00).
    ///
    /// ```
    /// use konzept::dates::ClockTime;
    /// assert_eq!(ClockTime::parse("8:30").unwrap().to_string(), "08:30");
    /// assert!(ClockTime::parse("25:00").is_none());
    /// assert!(ClockTime::parse("8.30").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<ClockTime> {
        let (h, m) = text.trim().split_once(':')?;
        let digits = |s: &str, max_len| {
            (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u8>().ok())
                .flatten()
        };
        let (hour, minute) = (digits(h, 2)?, digits(m, 2)?);
        (m.len() == 2 && minute < 60 && (hour < 24 || (hour == 24 && minute == 0)))
            .then_some(ClockTime { hour, minute })
    }

    /// The time as readers of a language write it: `8:30` (de, en),
    /// `8 h 30` (fr, with no-break spaces; `12 h` on the hour).
    pub fn display(&self, lang: &str) -> String {
        match lang.split('-').next().unwrap_or(lang) {
            "fr" if self.minute == 0 => format!("{}\u{a0}h", self.hour),
            "fr" => format!("{}\u{a0}h\u{a0}{:02}", self.hour, self.minute),
            _ => format!("{}:{:02}", self.hour, self.minute),
        }
    }
}

impl fmt::Display for ClockTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ClockTime::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a time of day; write it as HH:MM, e.g. \"08:30\""
            ))
        })
    }
}

impl schemars::JsonSchema for ClockTime {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "ClockTime".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A time of day as HH:MM, e.g. \"08:30\".",
            "type": "string",
            "pattern": "^\\d{1,2}:\\d{2}$"
        })
    }
}

/// Says what is wrong with a text that is not a [`PartialDate`].
fn why_not_a_date(text: &str) -> String {
    let parts: Vec<&str> = text.trim().split('-').collect();
    let numbers: Option<Vec<u16>> = parts
        .iter()
        .zip([4, 2, 2])
        .map(|(p, len)| parse_part(p, len))
        .collect();
    match (numbers.as_deref(), parts.len()) {
        (Some([_, m, ..]), _) if !(1..=12).contains(m) => {
            format!("`{text}` has no month {m}; months run from 01 to 12")
        }
        (Some([y, m, d]), 3) => {
            let max = days_in_month(*y, u8::try_from(*m).unwrap_or(1));
            let month = month_name("en", u8::try_from(*m).unwrap_or(1)).unwrap_or("that month");
            format!("`{text}` is not a day: {month} {y} has {max} days, not {d}")
        }
        _ => format!("`{text}` is not a date; write YYYY-MM-DD, YYYY-MM or YYYY"),
    }
}

fn parse_part(text: &str, len: usize) -> Option<u16> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        _ => 31,
    }
}

fn month_name(lang: &str, month: u8) -> Option<&'static str> {
    const DE: [&str; 12] = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ];
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN: [&str; 12] = [
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
    let table = match lang {
        "de" => &DE,
        "fr" => &FR,
        "en" => &EN,
        _ => return None,
    };
    table.get(usize::from(month) - 1).copied()
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date as YYYY-MM-DD, YYYY-MM or YYYY")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PartialDate, E> {
                PartialDate::parse(v).ok_or_else(|| E::custom(why_not_a_date(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<PartialDate, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<PartialDate, E> {
                self.visit_str(&v.to_string())
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Editors write `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; YAML reads a bare year
/// as a number, so both forms are allowed (the calendar check stays with
/// [`PartialDate::parse`]).
impl schemars::JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A date: YYYY-MM-DD, YYYY-MM or YYYY.",
            "anyOf": [
                { "type": "string", "pattern": "^\\d{4}(-\\d{2}(-\\d{2})?)?$" },
                { "type": "integer", "minimum": 1000, "maximum": 9999 }
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_localised() {
        let d = PartialDate::parse("2009-10-12").unwrap();
        assert_eq!(d.display("de"), "12. Oktober 2009");
        assert_eq!(d.display("fr"), "12 octobre 2009");
        assert_eq!(d.display("en"), "12 October 2009");
        assert_eq!(
            PartialDate::parse("2009-10-01").unwrap().display("fr"),
            "1er octobre 2009"
        );
        assert_eq!(
            PartialDate::parse("2007-12").unwrap().display("de"),
            "Dezember 2007"
        );
        assert_eq!(PartialDate::parse("2007").unwrap().display("fr"), "2007");
    }

    #[test]
    fn timestamps_give_calendar_days() {
        let leap = Timestamp {
            seconds: 951_782_400, // 2000-02-29T00:00:00Z
            offset_minutes: 0,
        };
        assert_eq!(leap.date().iso(), "2000-02-29");
        let before = Timestamp {
            seconds: 951_782_399,
            offset_minutes: 0,
        };
        assert_eq!(before.date().iso(), "2000-02-28");
        let west = Timestamp {
            seconds: 951_782_400,
            offset_minutes: -300,
        };
        assert_eq!(west.date().iso(), "2000-02-28");
        assert_eq!(west.rfc3339(), "2000-02-28T19:00:00-05:00");
        assert_eq!(
            Timestamp::with_rfc3339_offset(5, "2026-11-25T04:45:40+01:00"),
            Some(Timestamp {
                seconds: 5,
                offset_minutes: 60
            })
        );
        assert_eq!(Timestamp::with_rfc3339_offset(5, "nonsense"), None);
    }

    #[test]
    fn other_languages_get_iso() {
        assert_eq!(
            PartialDate::parse("2009-10-12").unwrap().display("tr"),
            "2009-10-12"
        );
    }

    #[test]
    fn impossible_days_are_explained() {
        assert_eq!(
            why_not_a_date("2024-02-30"),
            "`2024-02-30` is not a day: February 2024 has 29 days, not 30"
        );
        assert_eq!(
            why_not_a_date("2024-13"),
            "`2024-13` has no month 13; months run from 01 to 12"
        );
        assert!(why_not_a_date("30.02.2024").contains("write YYYY-MM-DD"));
    }

    #[test]
    fn invalid_dates_are_rejected() {
        for bad in ["2009-13", "2009-02-29", "09-01-01", "2009/01/01", "20091"] {
            assert!(PartialDate::parse(bad).is_none(), "{bad}");
        }
        assert!(PartialDate::parse("2008-02-29").is_some());
    }
}
