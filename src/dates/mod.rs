//! Dates as editors write them (`2007-12-01`, `2007-12`, `2007`) and as
//! readers see them in their language ("1. Dezember 2007", "1er décembre
//! 2007", "1 December 2007"), and [`Timestamp`]s of file changes (git
//! commits, file times) with the calendar arithmetic they need.
//!
//! [`PartialDate`] lives here; the months' lengths and names are in
//! `months`, timestamps in `timestamp`, today's date in `today`, and the weekdays and times of
//! opening hours in `clock`. A leaf: nothing here knows the site.

mod clock;
mod months;
mod timestamp;
mod today;

use std::fmt;

use serde::Deserialize;

pub use clock::{ClockTime, Weekday};
use months::{days_in_month, month_name};
pub use timestamp::Timestamp;
pub use today::{TODAY_VAR, today};

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

    /// `YYYYMMDD` as a number, unknown month and day as 0: larger is
    /// later, and a year sorts before its months.
    pub fn sort_number(&self) -> u32 {
        u32::from(self.year) * 10_000
            + u32::from(self.month.unwrap_or(0)) * 100
            + u32::from(self.day.unwrap_or(0))
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
