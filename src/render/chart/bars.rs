//! The bar chart for a single period: one horizontal bar per series, its
//! name on the line above it and its value at its end.
//!
//! Horizontal, because the series of one period are categories (districts,
//! citizenships) whose names run long in three languages: on a line of
//! their own they need neither rotation nor cutting short on a phone.

use super::frame::{self, Chart, FONT, WIDTH};
use super::marks;
use super::scale::{Axis, Zero, plottable};
use super::xml::{num, push_fmt, round, text, text_width, truncate};

/// A bar's thickness in user units.
const BAR: f64 = 18.0;
/// The name's line above a bar.
const NAME: f64 = FONT + 6.0;
/// The space below a bar.
const GAP: f64 = 14.0;
/// The longest category name shown whole.
const MAX_NAME: usize = 60;
/// The longest value or tick label shown whole.
const MAX_LABEL: usize = 16;

/// The bar chart of `chart` (one period), whose plotted values lie in
/// `min..=max`.
pub(super) fn write(chart: &Chart, min: f64, max: f64) -> String {
    let label = |v: f64| truncate(&(chart.format)(v), MAX_LABEL).into_owned();
    let values: Vec<Option<f64>> = chart
        .series
        .iter()
        .map(|s| plottable(s.values.first().copied().flatten()))
        .collect();
    let labels: Vec<Option<String>> = values.iter().map(|v| v.map(label)).collect();
    let widest = |negative: bool| {
        values
            .iter()
            .zip(&labels)
            .filter_map(|(v, l)| Some((v.as_ref()?, l.as_ref()?)))
            .filter(|(v, _)| (**v < 0.0) == negative)
            .map(|(_, l)| text_width(l, FONT) + 10.0)
            .fold(0.0, f64::max)
    };

    // The ticks do not depend on where the axis lies: the margins follow
    // from their labels.
    let ticks = Axis::new(min, max, Zero::Include, 0.0, 1.0).ticks;
    let tick_labels: Vec<String> = ticks.iter().map(|&t| label(t)).collect();
    let half = |l: Option<&String>| l.map_or(0.0, |l| text_width(l, FONT) / 2.0 + 2.0);
    let from = widest(true).max(half(tick_labels.first()));
    let to = WIDTH - widest(false).max(half(tick_labels.last()));
    let axis = Axis::new(min, max, Zero::Include, from, to);

    let top = frame::unit_height(chart.unit);
    // A lone unnamed series (the figure's caption names it) needs no line
    // for its name.
    let named = chart.series.iter().any(|s| s.name.is_some());
    let name_line = if named { NAME } else { 0.0 };
    let row_height = name_line + BAR + GAP;
    let bottom = top + chart.series.len() as f64 * row_height;
    let mut out = String::with_capacity(1024 + chart.series.len() * 300);
    frame::open(&mut out, chart, "bars", bottom + 16.0 + FONT);
    frame::unit(&mut out, chart.unit);

    // Vertical lines run beside the bars only, never through a name.
    let bands: Vec<(f64, f64)> = (0..chart.series.len())
        .map(|index| {
            let bar = top + index as f64 * row_height + name_line;
            (bar - 2.0, bar + BAR + 2.0)
        })
        .collect();
    let vertical = |out: &mut String, x: f64| {
        for &(from, to) in &bands {
            push_fmt(out, format_args!("M{},{}V{}", num(x), num(from), num(to)));
        }
    };
    out.push_str("<g class=\"chart-grid\" stroke=\"currentColor\" stroke-opacity=\"0.25\">");
    for &t in &axis.ticks {
        out.push_str("<path d=\"");
        vertical(&mut out, axis.at(t));
        out.push_str("\"/>");
    }
    out.push_str("</g>");
    out.push_str("<g class=\"chart-ticks\" text-anchor=\"middle\">");
    for (&t, tick) in axis.ticks.iter().zip(&tick_labels) {
        let at = format_args!(
            "x=\"{}\" y=\"{}\"",
            num(axis.at(t)),
            num(bottom + 8.0 + FONT)
        );
        text(&mut out, at, tick);
    }
    out.push_str("</g>");

    let zero = round(axis.baseline());
    for (index, ((series, value), value_label)) in
        chart.series.iter().zip(&values).zip(&labels).enumerate()
    {
        let row = top + index as f64 * row_height;
        if named {
            let name = truncate(series.name.unwrap_or(""), MAX_NAME);
            let at = format_args!(
                "class=\"chart-name\" x=\"{}\" y=\"{}\"",
                num(from),
                num(row + FONT)
            );
            text(&mut out, at, &name);
        }
        if let (Some(v), Some(value_label)) = (value, value_label) {
            // Both ends rounded first, so that x + width is the end drawn.
            let end = round(axis.at(*v));
            let y = row + name_line;
            push_fmt(
                &mut out,
                format_args!(
                    "<rect class=\"chart-bar {}\" fill=\"currentColor\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{BAR}\"/>",
                    marks::class(index),
                    num(end.min(zero)),
                    num(y),
                    num((end - zero).abs())
                ),
            );
            let (x, anchor) = if *v < 0.0 {
                (end - 6.0, "end")
            } else {
                (end + 6.0, "start")
            };
            let at = format_args!(
                "class=\"chart-value\" x=\"{}\" y=\"{}\" dy=\"0.35em\" text-anchor=\"{anchor}\"",
                num(x),
                num(y + BAR / 2.0)
            );
            text(&mut out, at, value_label);
        }
    }
    out.push_str("<path class=\"chart-axis\" stroke=\"currentColor\" d=\"");
    vertical(&mut out, zero);
    out.push_str("\"/></svg>");
    out
}
