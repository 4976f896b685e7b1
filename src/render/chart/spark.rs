//! The sparkline: a small trend line for a row of an overview, without
//! axes; the row beside it says the latest value in words and figures.

use super::frame::MAX_PERIODS;
use super::scale::plottable;
use super::xml::{escape_into, num, push_fmt};

/// The sparkline's viewBox: four times as wide as high, drawn at 4 × 1 em
/// so it sits in a line of text.
const WIDTH: f64 = 96.0;
const HEIGHT: f64 = 24.0;
const PAD: f64 = 3.0;

/// A small trend line of `values` (oldest first; `None` and values that
/// cannot be plotted are gaps, which break the line), scaled from the
/// smallest to the largest value, with a dot on the latest value. `label`
/// names it for screen readers (`role="img"`, `aria-label` and `<title>`);
/// an empty label marks it as decoration (`aria-hidden="true"`), for a row
/// that says the trend in words already. The empty string if no value can
/// be plotted. Sized `4em` × `1em`; values beyond [`MAX_PERIODS`]
/// are left out (the oldest go).
#[must_use]
pub fn sparkline(values: &[Option<f64>], label: &str) -> String {
    let values = &values[values.len().saturating_sub(MAX_PERIODS)..];
    let points: Vec<Option<f64>> = values.iter().map(|v| plottable(*v)).collect();
    let Some((min, max)) = points
        .iter()
        .flatten()
        .fold(None, |range: Option<(f64, f64)>, &v| {
            Some(range.map_or((v, v), |(lo, hi)| (lo.min(v), hi.max(v))))
        })
    else {
        return String::new();
    };
    let x = |i: usize| {
        if points.len() == 1 {
            WIDTH / 2.0
        } else {
            PAD + i as f64 * (WIDTH - 2.0 * PAD) / (points.len() - 1) as f64
        }
    };
    let y = |v: f64| {
        if max > min {
            HEIGHT - PAD - (v - min) / (max - min) * (HEIGHT - 2.0 * PAD)
        } else {
            HEIGHT / 2.0
        }
    };

    let mut out = String::with_capacity(256 + points.len() * 14);
    push_fmt(
        &mut out,
        format_args!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-spark chart-s1\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"4em\" height=\"1em\""
        ),
    );
    if label.is_empty() {
        out.push_str(" aria-hidden=\"true\">");
    } else {
        out.push_str(" role=\"img\" aria-label=\"");
        escape_into(&mut out, label);
        out.push_str("\"><title>");
        escape_into(&mut out, label);
        out.push_str("</title>");
    }
    out.push_str(
        "<g fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" stroke-linejoin=\"round\">",
    );
    let coords: Vec<Option<(f64, f64)>> = points
        .iter()
        .enumerate()
        .map(|(i, v)| v.map(|v| (x(i), y(v))))
        .collect();
    for run in coords.split(Option::is_none).filter(|r| r.len() > 1) {
        out.push_str("<path d=\"");
        for (k, (px, py)) in run.iter().flatten().enumerate() {
            let command = if k == 0 { 'M' } else { 'L' };
            push_fmt(&mut out, format_args!("{command}{},{}", num(*px), num(*py)));
        }
        out.push_str("\"/>");
    }
    out.push_str("</g>");
    // A value between two gaps has no line: a small dot shows it.
    for run in coords.split(Option::is_none).filter(|r| r.len() == 1) {
        if let Some((px, py)) = run[0] {
            push_fmt(
                &mut out,
                format_args!(
                    "<circle cx=\"{}\" cy=\"{}\" r=\"1.5\" fill=\"currentColor\"/>",
                    num(px),
                    num(py)
                ),
            );
        }
    }
    if let Some((px, py)) = coords.iter().rev().flatten().next() {
        push_fmt(
            &mut out,
            format_args!(
                "<circle class=\"chart-marker\" cx=\"{}\" cy=\"{}\" r=\"2.5\" fill=\"currentColor\"/>",
                num(*px),
                num(*py)
            ),
        );
    }
    out.push_str("</svg>");
    out
}
