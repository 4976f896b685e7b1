//! Writing SVG text: escaping for XML, numbers with fixed decimals, ids.
//!
//! Everything the chart writes passes through here, so the two promises of
//! the module hold in one place: every text is escaped (and stripped of the
//! characters XML cannot hold), and every coordinate has one decimal, so
//! the same input gives the same bytes on every machine.

use std::fmt::Write;

/// Appends `text` escaped for XML text and attribute values. Characters XML
/// 1.0 cannot hold (C0 controls other than tab and line breaks, U+FFFE,
/// U+FFFF) are left out: they could not be parsed back, by a browser's
/// XML view or by a test.
pub(super) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// A coordinate with one decimal. `-0.0` is written as `0.0`, so a value
/// that rounds to zero from below gives the same bytes as zero.
pub(super) fn num(value: f64) -> Num {
    Num(value)
}

/// A coordinate as [`num`] writes it.
pub(super) struct Num(f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.1}", round(self.0))
    }
}

/// `value` rounded to the one decimal [`num`] writes, `-0.0` made `0.0`.
pub(super) fn round(value: f64) -> f64 {
    // Adding 0.0 turns -0.0 into 0.0.
    (value * 10.0).round() / 10.0 + 0.0
}

/// `id` reduced to what an XML id and an `aria-labelledby` list can hold:
/// ASCII letters, digits, `-` and `_`, starting with a letter (`chart-` is
/// put in front otherwise). A space would split the id into two references.
pub(super) fn sanitize_id(id: &str) -> String {
    let mut out = String::with_capacity(id.len() + 6);
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        out.push_str("chart-");
    }
    out.extend(id.chars().map(|c| {
        if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            c
        } else {
            '-'
        }
    }));
    out
}

/// Appends formatted text; writing into a `String` cannot fail.
pub(super) fn push_fmt(out: &mut String, args: std::fmt::Arguments<'_>) {
    out.write_fmt(args)
        .expect("writing into a String cannot fail");
}

/// Appends `<text …>escaped</text>` with the given attributes (already
/// written, without the leading space).
pub(super) fn text(out: &mut String, attributes: std::fmt::Arguments<'_>, content: &str) {
    push_fmt(out, format_args!("<text {attributes}>"));
    escape_into(out, content);
    out.push_str("</text>");
}

/// The width of `text` in user units at `font_size`, estimated: SVG text
/// cannot be measured at build time, and an average sans-serif glyph is
/// about 0.55 em wide (digits and narrow spaces less, capitals more).
pub(super) fn text_width(text: &str, font_size: f64) -> f64 {
    text.chars().count() as f64 * font_size * 0.56
}

/// `text` cut to at most `max` characters, with `…` at the end if cut.
pub(super) fn truncate(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if text.chars().count() <= max {
        return text.into();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut.into()
}
