//! An indicator (Indikator), in `indikatoren/`: what is measured (its
//! definition, unit, source and direction), the guidelines it measures, an
//! optional target, and whether its data are an example. The time series
//! itself is `<slug>.csv` beside the German file (`parse/data.rs`).

use serde::Deserialize;

use super::{Fields, Reader, Reading};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::parse::{IndicatorFields, KindData, KindText, plausible};
use crate::yaml;

kind! {
    /// An indicator's front matter.
    #[derive(Debug, Clone, Default)]
    pub struct RawIndicator;
    /// Fields of an indicator.
    pub const INDICATOR_FIELDS;
    summary optional;
    text struct IndicatorText;
    {
        /// What exactly is measured, and how (Definition).
        pub definition: String [Text, required, "Definition: was gemessen wird und wie", Text([
            "Anteil der … an allen …, jeweils am 31. Dezember.",
            "Part des … dans l’ensemble des …, au 31 décembre.",
            "Share of … among all …, on 31 December.",
        ])],
        /// The unit of the values.
        pub unit: Unit [Neutral, required,
            "Einheit: percent, count, per_1000, per_100000, euro oder years", Yaml("percent")],
        /// The source of the data, by name (Quelle).
        pub source: String [Text, required, "Quelle der Daten", Text([
            "Name der Quelle",
            "Nom de la source",
            "Name of the source",
        ])],
        /// The source's web address in this language (a translation without
        /// one links the original's).
        pub source_url: String [Text, optional, "Internetadresse der Quelle",
            Text(["https://example.org/", "https://example.org/", "https://example.org/"])],
        /// Ids of the guidelines it measures.
        pub guidelines: Vec<String> [Neutral, optional, "Ids von Leitlinien", Guidelines],
        /// Which way is better.
        pub direction: Direction [Neutral, required,
            "higher_is_better, lower_is_better oder neutral", Yaml("neutral")],
        /// A target value and the year it should be reached.
        pub target: Target [Neutral, optional, "Zielwert: value, year",
            Lines(&["value: 50", "year: 2030"])],
        /// The data are an example, not real figures: every page showing
        /// them says so, and builds warn.
        pub example: bool [Neutral, optional,
            "true: Beispieldaten, keine echten Zahlen", Yaml("true")],
    }
}

impl Reader for RawIndicator {
    fn read(mut self, at: &Reading<'_>, diags: &mut Diagnostics) -> Fields {
        let url = self.source_url.as_deref().map(str::trim).map(str::to_owned);
        plausible::web_address(url.as_deref(), "source_url", at.spans, at.file, diags);
        if self
            .target
            .is_some_and(|t| !t.value.is_finite() || t.value.abs() > 1e15)
        {
            diags.push(
                Diagnostic::error(Code::InvalidValue, "the target value is not a number")
                    .at(at.file, at.spans.value("target"))
                    .help("write the target as a number in the indicator's unit, e.g. `value: 50`"),
            );
        }
        let common = self.take_common();
        let mut text = self.take_text(at.style);
        // A web address is not text: typography would change its quotes.
        text.source_url = url.filter(|u| !u.is_empty());
        Fields {
            common,
            text: KindText::Indicator(text),
            data: KindData::Indicator(IndicatorFields {
                unit: self.unit,
                guidelines: self.guidelines.unwrap_or_default(),
                direction: self.direction,
                target: self.target,
                example: self.example.unwrap_or(false),
            }),
        }
    }

    fn recover(yaml: &str, at: &Reading<'_>, diags: &mut Diagnostics) {
        let url = yaml::field::<String>(yaml, "source_url");
        plausible::web_address(url.as_deref(), "source_url", at.spans, at.file, diags);
    }
}

/// The unit of an indicator's values: a small closed set, so that each
/// has its words in every language and changes are told right
/// (percentage points for percentages).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A share in percent (changes are percentage points).
    Percent,
    /// A number of people, cases, …
    Count,
    /// Per 1,000 inhabitants.
    #[serde(rename = "per_1000")]
    Per1000,
    /// Per 100,000 inhabitants.
    #[serde(rename = "per_100000")]
    Per100000,
    /// An amount in euros.
    Euro,
    /// A duration or an age in years.
    Years,
}

impl Unit {
    /// The value as written in front matter and in `data.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Count => "count",
            Unit::Per1000 => "per_1000",
            Unit::Per100000 => "per_100000",
            Unit::Euro => "euro",
            Unit::Years => "years",
        }
    }
}

/// Which way of change is better.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// A higher value is better.
    HigherIsBetter,
    /// A lower value is better.
    LowerIsBetter,
    /// Neither is better.
    Neutral,
}

impl Direction {
    /// The value as written in front matter and in `data.json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::HigherIsBetter => "higher_is_better",
            Direction::LowerIsBetter => "lower_is_better",
            Direction::Neutral => "neutral",
        }
    }
}

/// A target value and the year by which it should be reached.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The value aimed at, in the indicator's unit.
    pub value: f64,
    /// The year it should be reached.
    pub year: Option<u16>,
}

impl Eq for Target {}
