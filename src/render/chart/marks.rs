//! How series are told apart without colour: a marker shape and a dash
//! pattern per series, and a colour class for those who see colour. The
//! legend shows all three.

use super::xml::{escape_into, num, push_fmt, text_width, truncate};

/// The series styles before they repeat: six shapes, six dash patterns,
/// six colour classes (`chart-s1` … `chart-s6` in the theme's style.css).
pub(super) const STYLES: usize = 6;

/// The stroke width of a series' line, in user units.
pub(super) const LINE_WIDTH: f64 = 2.5;

/// The dash pattern of series `index` (`None`: solid). Each pattern is
/// recognisable in a legend sample 36 units long.
pub(super) fn dash(index: usize) -> Option<&'static str> {
    const DASHES: [Option<&str>; STYLES] = [
        None,
        Some("9 4"),
        Some("2.5 3.5"),
        Some("12 3 2.5 3"),
        Some("5 5"),
        Some("14 4 2.5 4 2.5 4"),
    ];
    DASHES[index % STYLES]
}

/// The colour class of series `index`.
pub(super) fn class(index: usize) -> String {
    format!("chart-s{}", index % STYLES + 1)
}

/// Appends the attributes that style series `index`'s group: its classes,
/// and as presentation attributes a line in the current colour (so the
/// chart reads without the stylesheet, and prints black where the print
/// stylesheet sets `color`), dashed after the first series.
pub(super) fn series_group(out: &mut String, index: usize) {
    push_fmt(
        out,
        format_args!(
            "<g class=\"chart-series {}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"{LINE_WIDTH}\" stroke-linejoin=\"round\" stroke-linecap=\"butt\"",
            class(index)
        ),
    );
    if let Some(dash) = dash(index) {
        push_fmt(out, format_args!(" stroke-dasharray=\"{dash}\""));
    }
    out.push('>');
}

/// Appends the path of series `index`'s marker centred on `(x, y)`, `r`
/// its half size. The path starts with `M x,y` (its centre) and draws the
/// shape with relative commands, filled with the series' colour.
pub(super) fn marker(out: &mut String, index: usize, x: f64, y: f64, r: f64) {
    push_fmt(
        out,
        format_args!("<path class=\"chart-marker\" d=\"M{},{}", num(x), num(y)),
    );
    let n = |v: f64| num(v);
    match index % STYLES {
        0 => push_fmt(
            out,
            format_args!(
                "m{},0a{r},{r} 0 1,0 {},0a{r},{r} 0 1,0 {},0z",
                n(-r),
                n(2.0 * r),
                n(-2.0 * r),
                r = n(r)
            ),
        ),
        1 => {
            let s = r * 0.9;
            push_fmt(
                out,
                format_args!(
                    "m{},{}h{}v{}h{}z",
                    n(-s),
                    n(-s),
                    n(2.0 * s),
                    n(2.0 * s),
                    n(-2.0 * s)
                ),
            );
        }
        2 => {
            let t = r * 1.25;
            push_fmt(
                out,
                format_args!("m0,{}l{},{}h{}z", n(-t), n(t), n(1.8 * t), n(-2.0 * t)),
            );
        }
        3 => {
            let d = r * 1.3;
            push_fmt(
                out,
                format_args!(
                    "m0,{}l{d},{d}l{},{d}l{},{}z",
                    n(-d),
                    n(-d),
                    n(-d),
                    n(-d),
                    d = n(d)
                ),
            );
        }
        4 => {
            let t = r * 1.25;
            push_fmt(
                out,
                format_args!("m0,{}l{},{}h{}z", n(t), n(t), n(-1.8 * t), n(-2.0 * t)),
            );
        }
        _ => {
            // A plus sign, filled: arms a third as wide as they are long.
            let (w, a) = (r * 0.4, r * 1.2);
            let (arm, wide) = (n(a - w), n(2.0 * w));
            push_fmt(
                out,
                format_args!(
                    "m{},{}h{wide}v{arm}h{arm}v{wide}h-{arm}v{arm}h-{wide}v-{arm}h-{arm}v-{wide}h{arm}z",
                    n(-w),
                    n(-a)
                ),
            );
        }
    }
    out.push_str("\"/>");
}

/// The legend's geometry: one item per series (a line sample with its
/// marker, then the name), in rows that wrap at `width`.
pub(super) struct Legend {
    /// Where each item starts: `(x, y)` of the sample's left end.
    items: Vec<(f64, f64)>,
    /// The names, cut to [`MAX_NAME`] characters.
    names: Vec<String>,
    /// The legend's height in user units.
    pub(super) height: f64,
}

/// The longest series name the legend shows whole; the table below the
/// chart always has the full name.
const MAX_NAME: usize = 40;
const SAMPLE: f64 = 36.0;
const ROW: f64 = 24.0;

impl Legend {
    /// Lays out the legend for `names` from `top`, in rows of at most
    /// `width` units; `font` is the font size.
    pub(super) fn new(names: &[&str], top: f64, width: f64, font: f64) -> Legend {
        let (mut x, mut y) = (0.0, top + ROW / 2.0);
        let mut items = Vec::with_capacity(names.len());
        let names: Vec<String> = names
            .iter()
            .map(|n| truncate(n, MAX_NAME).into_owned())
            .collect();
        for name in &names {
            let item = SAMPLE + 8.0 + text_width(name, font);
            if x > 0.0 && x + item > width {
                x = 0.0;
                y += ROW;
            }
            items.push((x, y));
            x += item + 20.0;
        }
        let height = if names.is_empty() {
            0.0
        } else {
            y + ROW / 2.0 - top
        };
        Legend {
            items,
            names,
            height,
        }
    }

    /// Appends the legend.
    pub(super) fn write(&self, out: &mut String, marker_size: f64) {
        out.push_str("<g class=\"chart-legend\">");
        for (index, (&(x, y), name)) in self.items.iter().zip(&self.names).enumerate() {
            series_group(out, index);
            push_fmt(
                out,
                format_args!("<path d=\"M{},{}h{SAMPLE}\"/>", num(x), num(y)),
            );
            out.push_str("<g fill=\"currentColor\" stroke=\"none\">");
            marker(out, index, x + SAMPLE / 2.0, y, marker_size);
            out.push_str("</g></g>");
            push_fmt(
                out,
                format_args!(
                    "<text x=\"{}\" y=\"{}\" dy=\"0.35em\">",
                    num(x + SAMPLE + 8.0),
                    num(y)
                ),
            );
            escape_into(out, name);
            out.push_str("</text>");
        }
        out.push_str("</g>");
    }
}
