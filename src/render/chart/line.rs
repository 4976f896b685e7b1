//! The line chart: one line per series over the periods, a marker on every
//! value, the line broken where a value is missing.

use super::frame::{self, Chart, FONT, WIDTH};
use super::marks::{self, Legend};
use super::scale::{Axis, Zero, plottable};
use super::xml::{num, push_fmt, text, text_width, truncate};

/// The plot area's height in user units.
const PLOT_HEIGHT: f64 = 220.0;
/// The longest period label shown whole (periods are years or months).
const MAX_PERIOD: usize = 12;
/// The longest tick label shown whole.
const MAX_TICK: usize = 16;

/// The line chart of `chart` (two or more periods), whose plotted values
/// lie in `min..=max`.
pub(super) fn write(chart: &Chart, min: f64, max: f64) -> String {
    let n = chart.periods.len();
    let mut out = String::with_capacity(2048 + n * chart.series.len() * 80);

    let mut top = frame::unit_height(chart.unit);
    let legend = legend(chart, top);
    if legend.height > 0.0 {
        top += legend.height + 6.0;
    }
    let plot_top = top + FONT;
    let bottom = plot_top + PLOT_HEIGHT;
    let axis = Axis::new(min, max, Zero::WhenNear, bottom, plot_top);
    let ticks: Vec<String> = axis
        .ticks
        .iter()
        .map(|&t| truncate(&(chart.format)(t), MAX_TICK).into_owned())
        .collect();
    let left = ticks
        .iter()
        .map(|t| text_width(t, FONT))
        .fold(0.0, f64::max)
        + 10.0;

    let periods: Vec<_> = chart
        .periods
        .iter()
        .map(|p| truncate(p, MAX_PERIOD))
        .collect();
    let label = periods
        .iter()
        .map(|p| text_width(p, FONT))
        .fold(0.0, f64::max);
    let pad = (label / 2.0).clamp(8.0, 60.0);
    let (x0, x1) = (left + pad, WIDTH - pad);
    let slot = (x1 - x0) / (n - 1) as f64;
    let x = |i: usize| x0 + i as f64 * slot;

    frame::open(&mut out, chart, "line", bottom + 16.0 + FONT);
    frame::unit(&mut out, chart.unit);
    let marker = (slot * 0.3).clamp(2.0, 4.5);
    if legend.height > 0.0 {
        legend.write(&mut out, 4.5);
    }

    out.push_str("<g class=\"chart-grid\" stroke=\"currentColor\" stroke-opacity=\"0.25\">");
    for &t in &axis.ticks {
        let y = num(axis.at(t));
        push_fmt(
            &mut out,
            format_args!("<path d=\"M{},{y}H{WIDTH}\"/>", num(left)),
        );
    }
    out.push_str("</g>");
    push_fmt(
        &mut out,
        format_args!(
            "<path class=\"chart-axis\" stroke=\"currentColor\" d=\"M{},{}H{WIDTH}\"/>",
            num(left),
            num(axis.baseline())
        ),
    );
    out.push_str("<g class=\"chart-ticks\" text-anchor=\"end\">");
    for (&t, label) in axis.ticks.iter().zip(&ticks) {
        let at = format_args!(
            "x=\"{}\" y=\"{}\" dy=\"0.35em\"",
            num(left - 8.0),
            num(axis.at(t))
        );
        text(&mut out, at, label);
    }
    out.push_str("</g>");

    // Labels every `step` periods, counted back from the latest, which
    // is always labelled.
    let step = ((label + 12.0) / slot).ceil().max(1.0) as usize;
    out.push_str("<g class=\"chart-periods\" text-anchor=\"middle\">");
    for (i, period) in periods.iter().enumerate() {
        if (n - 1 - i).is_multiple_of(step) {
            let at = format_args!("x=\"{}\" y=\"{}\"", num(x(i)), num(bottom + 8.0 + FONT));
            text(&mut out, at, period);
        }
    }
    out.push_str("</g>");

    for (index, series) in chart.series.iter().enumerate() {
        let points: Vec<Option<(f64, f64)>> = (0..n)
            .map(|i| {
                let value = plottable(series.values.get(i).copied().flatten());
                value.map(|v| (x(i), axis.at(v)))
            })
            .collect();
        marks::series_group(&mut out, index);
        for run in points.split(Option::is_none).filter(|r| r.len() > 1) {
            out.push_str("<path class=\"chart-line\" d=\"");
            for (k, (px, py)) in run.iter().flatten().enumerate() {
                let command = if k == 0 { 'M' } else { 'L' };
                push_fmt(&mut out, format_args!("{command}{},{}", num(*px), num(*py)));
            }
            out.push_str("\"/>");
        }
        out.push_str("<g class=\"chart-markers\" fill=\"currentColor\" stroke=\"none\">");
        for &(px, py) in points.iter().flatten() {
            marks::marker(&mut out, index, px, py, marker);
        }
        out.push_str("</g></g>");
    }
    out.push_str("</svg>");
    out
}

/// The legend: shown when a series has a name (several series always do
/// in practice; a lone unnamed series is named by the figure's caption).
fn legend(chart: &Chart, top: f64) -> Legend {
    let named = chart.series.iter().any(|s| s.name.is_some());
    let names: Vec<&str> = if named {
        chart.series.iter().map(|s| s.name.unwrap_or("")).collect()
    } else {
        Vec::new()
    };
    Legend::new(&names, top, WIDTH, FONT)
}
