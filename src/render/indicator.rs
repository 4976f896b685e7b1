//! An indicator for readers: its table of values formatted for the
//! reader's language, its latest value and the change since the period
//! before in words, its downloads (`data.json`'s shape is here), and the
//! summary a list shows (latest value and a trend line).
//!
//! This file uses the model and the leaves only (`context.rs` imports it
//! for cards), so `render/` keeps its imports one way.

use serde::Serialize;

use super::chart;
use super::numbers::Numbers;
use crate::dates::PartialDate;
use crate::ids::Lang;
use crate::model::{Indicator, UiStrings};
use crate::parse::data::{Table, Value};
use crate::parse::kinds::{IndicatorText, Unit};

/// The language-neutral download of an indicator's data
/// (`files/indikatoren/<id>.json`); documented in docs/indicators.md.
#[derive(Debug, Serialize)]
pub(super) struct DataJson<'a> {
    /// The indicator's id (file name).
    id: &'a str,
    /// `percent`, `count`, `per_1000`, `per_100000`, `euro` or `years`.
    unit: &'static str,
    /// `higher_is_better`, `lower_is_better` or `neutral`.
    direction: &'static str,
    /// Whether the data are an example, not real figures.
    example: bool,
    /// The dimension column's name, if the data have one.
    dimension: Option<&'a str>,
    /// Every period, ascending (`2021` or `2021-03`).
    periods: &'a [String],
    /// The series, each with one value per period (`null`: no figure).
    series: Vec<DataJsonSeries<'a>>,
}

/// One series of [`DataJson`].
#[derive(Debug, Serialize)]
struct DataJsonSeries<'a> {
    name: Option<&'a str>,
    values: Vec<Option<f64>>,
}

/// The JSON download of an indicator's data.
pub(super) fn data_json(id: &str, ind: &Indicator) -> String {
    let json = DataJson {
        id,
        unit: ind.unit.as_str(),
        direction: ind.direction.as_str(),
        example: ind.example,
        dimension: ind.table.dimension.as_deref(),
        periods: &ind.table.periods,
        series: ind
            .table
            .series
            .iter()
            .map(|s| DataJsonSeries {
                name: s.name.as_deref(),
                values: s
                    .values
                    .iter()
                    .map(|v| v.as_ref().map(|v| v.number))
                    .collect(),
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&json).expect("the data serialize");
    text.push('\n');
    text
}

/// Where the downloads of indicator `id` are published, below the base.
pub(super) fn download_paths(ind: &Indicator, id: &str) -> (Option<String>, String) {
    let csv = ind.csv.as_ref().map(|p| format!("files/{p}"));
    let section = crate::load::DATA_SECTION;
    (csv, format!("files/{section}/{id}.json"))
}

/// An indicator's values and words for one reader language.
#[derive(Debug, Serialize)]
pub struct IndicatorView<'a> {
    /// Its text fields (`definition`, `source`, `source_url`), by name.
    #[serde(flatten)]
    pub text: &'a IndicatorText,
    /// The source's address: this language's, else the original's.
    pub source_href: Option<&'a str>,
    /// The unit's key (`percent`).
    pub unit: &'static str,
    /// The unit in the reader's language.
    pub unit_label: &'a str,
    /// The direction's key (`higher_is_better`).
    pub direction: &'static str,
    /// The direction in words.
    pub direction_label: &'a str,
    /// The target with its unit and year, in words ("50 % bis 2030").
    pub target: Option<String>,
    /// Whether the data are an example: the page says so.
    pub example: bool,
    /// The data as a table (`None`: the data will follow).
    pub table: Option<TableView>,
    /// The data as an SVG chart (`None`: no data, or none to draw); the
    /// table is its text alternative.
    pub chart: Option<String>,
    /// The latest value of each series, with its change.
    pub latest: Vec<LatestView>,
    /// The CSV download's URL (the data file as written).
    pub csv_url: Option<String>,
    /// The JSON download's URL.
    pub json_url: Option<String>,
}

/// An indicator's data as an accessible table: one row per period, one
/// column per series.
#[derive(Debug, Serialize)]
pub struct TableView {
    /// The caption: the title and the unit.
    pub caption: String,
    /// The header of each value column: a series' name, or the unit.
    pub columns: Vec<String>,
    /// The rows, oldest first.
    pub rows: Vec<RowView>,
}

/// One row of a [`TableView`].
#[derive(Debug, Serialize)]
pub struct RowView {
    /// The period in words ("März 2021", "2021").
    pub period: String,
    /// One cell per column, formatted (`None`: no figure).
    pub cells: Vec<Option<String>>,
}

/// A series' latest value in words.
#[derive(Debug, Serialize)]
pub struct LatestView {
    /// The series' name (`None`: the only series).
    pub series: Option<String>,
    /// The value with its unit ("12,5 %").
    pub value: String,
    /// Its period in words.
    pub period: String,
    /// The change since the period before ("+1,2 Prozentpunkte seit 2020").
    pub change: Option<String>,
}

/// What a list shows of an indicator.
#[derive(Debug, Serialize)]
pub struct IndicatorSummary {
    /// The latest value with its unit and period ("12,5 % (2021)"), if any.
    pub latest: Option<String>,
    /// A small trend line (SVG), for two periods or more.
    pub trend: Option<String>,
    /// Whether the data are an example.
    pub example: bool,
}

/// The words one language needs for indicators.
pub(super) struct Words<'a> {
    ui: &'a UiStrings,
    lang: &'a Lang,
    numbers: Numbers,
}

impl<'a> Words<'a> {
    /// The words and number format of `lang`.
    pub(super) fn new(ui: &'a UiStrings, lang: &'a Lang) -> Words<'a> {
        Words {
            ui,
            lang,
            numbers: Numbers::new(lang.as_str()),
        }
    }

    fn t(&self, key: &str) -> &'a str {
        self.ui.get(self.lang, key)
    }

    fn unit_label(&self, unit: Unit) -> &'a str {
        self.t(&format!("unit_{}", unit.as_str()))
    }

    /// A value with its unit.
    fn value(&self, v: &Value, unit: Unit) -> String {
        let number = self
            .numbers
            .format(&v.text)
            .unwrap_or_else(|| v.text.clone());
        self.numbers.with_unit(&number, unit, self.unit_label(unit))
    }

    /// A period in words: a year as it is, a month by its name.
    fn period(&self, period: &str) -> String {
        match PartialDate::parse(period) {
            Some(d) if period.len() == 7 => d.display(self.lang.as_str()),
            _ => period.to_owned(),
        }
    }

    /// A number for a chart's axis or bar: at most six decimals, no
    /// trailing zeros, in the reader's form.
    fn chart_number(&self, v: f64) -> String {
        let plain = format!("{v:.6}");
        let plain = plain.trim_end_matches('0').trim_end_matches('.');
        self.numbers
            .format(plain)
            .unwrap_or_else(|| plain.to_owned())
    }

    /// The unit above a chart's value axis.
    fn chart_unit(&self, unit: Unit) -> &'a str {
        match unit {
            Unit::Percent => "%",
            _ => self.unit_label(unit),
        }
    }

    /// The chart of an indicator's data (`id`: unique on the page).
    fn chart(&self, table: &Table, unit: Unit, title: &str, id: &str) -> Option<String> {
        let series: Vec<chart::Series<'_>> = table
            .series
            .iter()
            .map(|s| chart::Series {
                name: s.name.as_deref(),
                values: s
                    .values
                    .iter()
                    .map(|v| v.as_ref().map(|v| v.number))
                    .collect(),
            })
            .collect();
        let periods: Vec<String> = table.periods.iter().map(|p| self.period(p)).collect();
        let format = |v: f64| self.chart_number(v);
        let svg = chart::svg(&chart::Chart {
            id,
            title,
            desc: self.t("indicator_chart_desc"),
            unit: self.chart_unit(unit),
            periods: &periods,
            series: &series,
            format: &format,
        });
        (!svg.is_empty()).then_some(svg)
    }

    /// The view of an indicator's page; `id` makes its chart's ids unique.
    pub(super) fn view(
        &self,
        ind: &'a Indicator,
        text: &'a IndicatorText,
        original: &'a IndicatorText,
        (title, id): (&str, &str),
        downloads: (Option<String>, String),
    ) -> IndicatorView<'a> {
        let has_data = !ind.table.is_empty();
        IndicatorView {
            text,
            source_href: text
                .source_url
                .as_deref()
                .or(original.source_url.as_deref()),
            unit: ind.unit.as_str(),
            unit_label: self.unit_label(ind.unit),
            direction: ind.direction.as_str(),
            direction_label: self.t(&format!("direction_{}", ind.direction.as_str())),
            target: ind.target.map(|t| {
                let plain = t.value.to_string();
                let number = self.numbers.format(&plain).unwrap_or(plain);
                let value = self
                    .numbers
                    .with_unit(&number, ind.unit, self.unit_label(ind.unit));
                match t.year {
                    Some(year) => self
                        .t("indicator_target_by")
                        .replace("{value}", &value)
                        .replace("{year}", &year.to_string()),
                    None => value,
                }
            }),
            example: ind.example,
            table: has_data.then(|| self.table(&ind.table, ind.unit, title)),
            chart: has_data
                .then(|| self.chart(&ind.table, ind.unit, title, id))
                .flatten(),
            latest: ind
                .table
                .series
                .iter()
                .filter_map(|s| self.latest(&ind.table, s, ind.unit))
                .collect(),
            csv_url: downloads.0.filter(|_| has_data),
            json_url: has_data.then_some(downloads.1),
        }
    }

    fn table(&self, table: &Table, unit: Unit, title: &str) -> TableView {
        let unit_label = self.unit_label(unit);
        let columns = if table.dimension.is_some() {
            table
                .series
                .iter()
                .map(|s| s.name.clone().unwrap_or_default())
                .collect()
        } else {
            vec![self.t("indicator_value").to_owned()]
        };
        TableView {
            caption: format!("{title} ({unit_label})"),
            columns,
            rows: table
                .periods
                .iter()
                .enumerate()
                .map(|(i, p)| RowView {
                    period: self.period(p),
                    cells: table
                        .series
                        .iter()
                        .map(|s| {
                            s.values[i].as_ref().map(|v| {
                                self.numbers
                                    .format(&v.text)
                                    .unwrap_or_else(|| v.text.clone())
                            })
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// A series' latest value, and its change since the value before.
    fn latest(
        &self,
        table: &Table,
        series: &crate::parse::data::Series,
        unit: Unit,
    ) -> Option<LatestView> {
        let mut known = series
            .values
            .iter()
            .enumerate()
            .rev()
            .filter_map(|(i, v)| Some((&table.periods[i], v.as_ref()?)));
        let (period, last) = known.next()?;
        let change = known.next().map(|(since, before)| {
            let decimals = last.decimals().max(before.decimals());
            let diff = last.number - before.number;
            let since = self.period(since);
            let zero = format!("{diff:.decimals$}")
                .trim_start_matches('-')
                .chars()
                .all(|c| c == '0' || c == '.');
            if zero {
                return self.t("indicator_unchanged").replace("{period}", &since);
            }
            let change = self.numbers.change(diff, decimals);
            let (key, change) = match unit {
                Unit::Percent => ("indicator_change_points", change),
                _ => (
                    "indicator_change",
                    self.numbers.with_unit(&change, unit, self.unit_label(unit)),
                ),
            };
            self.t(key)
                .replace("{change}", &change)
                .replace("{period}", &since)
        });
        Some(LatestView {
            series: series.name.clone(),
            value: self.value(last, unit),
            period: self.period(period),
            change,
        })
    }

    /// What a list shows of an indicator: the latest value of its only
    /// (or first) series and its trend line (for two periods or more).
    pub(super) fn summary(&self, ind: &Indicator) -> IndicatorSummary {
        let table = &ind.table;
        let trend = table
            .series
            .first()
            .filter(|_| table.periods.len() >= 2)
            .map(|s| {
                let values: Vec<Option<f64>> = s
                    .values
                    .iter()
                    .map(|v| v.as_ref().map(|v| v.number))
                    .collect();
                let label = self
                    .t("indicator_trend")
                    .replace("{from}", &self.period(&table.periods[0]))
                    .replace(
                        "{to}",
                        &self.period(&table.periods[table.periods.len() - 1]),
                    );
                chart::sparkline(&values, &label)
            })
            .filter(|svg| !svg.is_empty());
        let latest = ind
            .table
            .series
            .first()
            .and_then(|s| self.latest(&ind.table, s, ind.unit))
            .map(|l| match &l.series {
                Some(name) => format!("{name}: {} ({})", l.value, l.period),
                None => format!("{} ({})", l.value, l.period),
            });
        IndicatorSummary {
            latest,
            trend,
            example: ind.example,
        }
    }
}
