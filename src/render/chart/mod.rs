//! Charts as SVG text, made at build time: a line chart for a time series,
//! bars for one period, and a sparkline for a row of an overview.
//!
//! Data in, SVG text out: this module knows nothing of the model, the
//! templates or the site, and reads nothing. The output is meant to be put
//! into a page as it is (inline SVG inside a `<figure>`, whose table is
//! its text alternative). What it promises, and the unit tests hold:
//!
//! - accessible: `role="img"`, `aria-labelledby` naming the chart's
//!   `<title>` and `<desc>`; series told apart by marker shape and dash
//!   pattern, not by colour alone, and named in a legend;
//! - safe under the site's Content-Security-Policy: no script, no event
//!   handler, no `style` attribute or element, no reference to another
//!   document, no `foreignObject`; colours come from classes
//!   (`chart-s1` … `chart-s6`) the theme's style.css styles, lines and
//!   markers from `currentColor`, so the chart is legible without the
//!   stylesheet and prints black;
//! - deterministic: the same input gives the same bytes (coordinates with
//!   one decimal, no hash order, no clock);
//! - scalable: a `viewBox` and no width, so it fits a phone's screen;
//! - total: any input gives a chart or the empty string, never a panic,
//!   and the output's size is bounded ([`MAX_PERIODS`], [`MAX_SERIES`],
//!   labels cut to a fixed length).
//!
//! Why an SVG writer of our own and not a plotting crate: docs/charts.md.

mod bars;
mod frame;
mod line;
mod marks;
mod scale;
mod spark;
mod xml;

#[cfg(test)]
mod tests;

pub use frame::{Chart, MAX_PERIODS, MAX_SERIES, Series};
pub use spark::sparkline;

/// The chart as SVG text: a line chart for two or more periods, bars (one
/// per series) for one period. The empty string if there is nothing to
/// draw: no period, no series, no value that can be plotted (all gaps), or
/// more than [`MAX_PERIODS`] periods or [`MAX_SERIES`] series.
///
/// ```
/// use konzept::render::chart::{Chart, Series, svg};
///
/// let periods = ["2022".to_owned(), "2023".to_owned()];
/// let series = [Series { name: None, values: vec![Some(17.1), Some(18.0)] }];
/// let chart = Chart {
///     id: "auslaenderanteil",
///     title: "Ausländeranteil",
///     desc: "Die Werte stehen in der Tabelle.",
///     unit: "%",
///     periods: &periods,
///     series: &series,
///     format: &|v| format!("{v:.1}").replace('.', ","),
/// };
/// let text = svg(&chart);
/// assert!(text.starts_with("<svg") && text.contains(r#"role="img""#));
/// assert!(text.contains(">17,2</text>"), "a tick label, formatted");
///
/// let gaps = [Series { name: None, values: vec![None, Some(f64::NAN)] }];
/// assert_eq!(svg(&Chart { series: &gaps, ..chart }), "", "nothing to draw");
/// ```
#[must_use]
pub fn svg(chart: &Chart) -> String {
    let periods = chart.periods.len();
    let series = chart.series.len();
    if periods == 0 || series == 0 || periods > MAX_PERIODS || series > MAX_SERIES {
        return String::new();
    }
    let values = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().take(periods))
        .filter_map(|v| scale::plottable(*v));
    let Some((min, max)) = values.fold(None, |range: Option<(f64, f64)>, v| {
        Some(range.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))))
    }) else {
        return String::new();
    };
    if periods == 1 {
        bars::write(chart, min, max)
    } else {
        line::write(chart, min, max)
    }
}
