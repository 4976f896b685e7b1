//! The vocabulary of opening hours: a [`Weekday`] as editors write it in
//! `hours` (`mo` … `su`) and a [`ClockTime`] (`08:30`), read from YAML and
//! shown the way readers of a language write them (and as schema.org
//! names them, for the contact's structured data).

use std::fmt;

use serde::Deserialize;

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
