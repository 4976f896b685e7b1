//! What a chart is drawn from ([`Chart`], [`Series`]), its bounds, and
//! the frame every chart shares: the `<svg>` element with its `<title>` and
//! `<desc>`, the font, the width, the unit's label.

use super::xml;

/// The most periods a chart shows (20 years of months). With more,
/// [`super::svg`] returns the empty string and the table alone shows the
/// data.
pub const MAX_PERIODS: usize = 240;

/// The most series a chart shows: beyond a dozen lines no reader tells
/// them apart, marker or not. With more, [`super::svg`] returns the empty
/// string.
pub const MAX_SERIES: usize = 12;

/// One series of a chart: one value per period of [`Chart::periods`].
#[derive(Debug, Clone)]
pub struct Series<'a> {
    /// The series' name for the legend (a district, a gender, …); `None`
    /// for the only series of a chart, which needs no legend.
    pub name: Option<&'a str>,
    /// One value per period, in the order of [`Chart::periods`]; `None` is a
    /// gap (no value for that period), which breaks the line. Values that
    /// are not finite or larger in magnitude than 10¹⁵ are gaps too. Values
    /// beyond the periods are ignored; missing ones are gaps.
    pub values: Vec<Option<f64>>,
}

/// A chart: what it shows and how its numbers read.
pub struct Chart<'a> {
    /// The chart's id, unique on its page: the `<title>` and `<desc>` get
    /// `{id}-title` and `{id}-desc`. Characters other than ASCII letters,
    /// digits, `-` and `_` become `-`, and an id that does not start with a
    /// letter gets `chart-` in front.
    pub id: &'a str,
    /// The chart's title (its `<title>`: the name screen readers announce).
    pub title: &'a str,
    /// What the chart shows in a sentence (its `<desc>`), for example where
    /// the data table is.
    pub desc: &'a str,
    /// The unit of the values, shown above the value axis ("%", "je 1.000
    /// Einwohner"); empty for none.
    pub unit: &'a str,
    /// The periods, oldest first ("2019", "2020-06"): the line chart's x
    /// labels.
    pub periods: &'a [String],
    /// The series, in legend order.
    pub series: &'a [Series<'a>],
    /// Formats a value for the reader's language (tick and bar labels).
    pub format: &'a dyn Fn(f64) -> String,
}

/// The font size of a chart's text, in user units. The chart is drawn at
/// most [`WIDTH`] CSS pixels wide (style.css: `max-width: 30rem`), where
/// this is the body text's size; on a phone 320 pixels wide it shrinks to
/// about 10 pixels, which is why the text is large for the viewBox.
pub(super) const FONT: f64 = 16.0;

/// The width of a chart's viewBox: narrow, so that text stays legible
/// when the chart shrinks to a phone's width.
pub(super) const WIDTH: f64 = 480.0;

/// Appends the opening `<svg>` with its `<title>` and `<desc>`; the caller
/// closes it.
pub(super) fn open(out: &mut String, chart: &Chart, kind: &str, height: f64) {
    let id = xml::sanitize_id(chart.id);
    xml::push_fmt(
        out,
        format_args!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart--{kind}\" viewBox=\"0 0 {WIDTH} {}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-size=\"{FONT}\" fill=\"currentColor\"><title id=\"{id}-title\">",
            xml::num(height)
        ),
    );
    xml::escape_into(out, chart.title);
    xml::push_fmt(out, format_args!("</title><desc id=\"{id}-desc\">"));
    xml::escape_into(out, chart.desc);
    out.push_str("</desc>");
}

/// Appends the unit's label at the top left.
pub(super) fn unit(out: &mut String, unit: &str) {
    if !unit.is_empty() {
        xml::text(
            out,
            format_args!("class=\"chart-unit\" x=\"0\" y=\"{}\"", xml::num(FONT)),
            &xml::truncate(unit, 60),
        );
    }
}

/// The height of the unit's line (none if there is no unit).
pub(super) fn unit_height(unit: &str) -> f64 {
    if unit.is_empty() { 0.0 } else { FONT + 8.0 }
}
