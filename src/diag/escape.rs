//! Escaping of control characters in everything konzept prints.
//!
//! File names and values come from the site, which many hands write: a
//! file named `neu\e]0;pwned\a.md` must not retitle the editor's terminal,
//! clear it, or reorder what it shows. Every message therefore shows C0
//! controls, DEL, C1 controls (U+0080–U+009F, which some terminals take as
//! escape sequences) and bidirectional overrides and isolates (U+202A–U+202E,
//! U+2066–U+2069, which reorder the text around them) as visible `\u{1b}`
//! escapes. Only the colour codes konzept writes itself reach a terminal.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

/// Which line breaks and tabs a text may keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Nothing: a path or a value on one line.
    Nothing,
    /// `\n`, `\t` and the `\r` of `\r\n`: a message or a source text of
    /// several lines.
    Lines,
}

/// Whether `c` is shown as an escape.
fn is_hazard(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn needs_escape(text: &str, keep: Keep) -> bool {
    text.char_indices().any(|(i, c)| escapes(text, i, c, keep))
}

fn escapes(text: &str, at: usize, c: char, keep: Keep) -> bool {
    if !is_hazard(c) {
        return false;
    }
    match (keep, c) {
        (Keep::Lines, '\n' | '\t') => false,
        (Keep::Lines, '\r') => !text[at + 1..].starts_with('\n'),
        _ => true,
    }
}

fn escape(text: &str, keep: Keep) -> Cow<'_, str> {
    if !needs_escape(text, keep) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        if escapes(text, i, c, keep) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path or value for one line: every control character, line breaks and
/// tabs included, is shown as an escape (`\u{1b}`).
pub fn escape_line(text: &str) -> Cow<'_, str> {
    escape(text, Keep::Nothing)
}

/// A text of several lines (a message, a hint): line breaks and tabs stay,
/// every other control character is shown as an escape.
pub fn escape_text(text: &str) -> Cow<'_, str> {
    escape(text, Keep::Lines)
}

/// A source text with byte ranges into it: the text escaped as
/// [`escape_text`] does, and each range moved to the same characters in it.
/// Ranges must lie on character boundaries.
pub(super) fn escape_source<'a>(
    text: &'a str,
    ranges: &[Range<usize>],
) -> (Cow<'a, str>, Vec<Range<usize>>) {
    if !needs_escape(text, Keep::Lines) {
        return (Cow::Borrowed(text), ranges.to_vec());
    }
    // (offset in `text`, bytes added by the escapes before it)
    let mut shifts: Vec<(usize, usize)> = Vec::new();
    let mut out = String::with_capacity(text.len() + 16);
    for (i, c) in text.char_indices() {
        if escapes(text, i, c, Keep::Lines) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            shifts.push((i + c.len_utf8(), out.len() - (i + c.len_utf8())));
        } else {
            out.push(c);
        }
    }
    let moved = |at: usize| {
        let before = shifts.partition_point(|(end, _)| *end <= at);
        at + before.checked_sub(1).map_or(0, |k| shifts[k].1)
    };
    let ranges = ranges
        .iter()
        .map(|r| moved(r.start)..moved(r.end))
        .collect();
    (Cow::Owned(out), ranges)
}

/// JSON text (as `serde_json` writes it, which escapes C0 controls) with
/// DEL, C1 controls and bidirectional overrides written as `\u` escapes
/// too: the same JSON value, but no raw control character on the terminal.
pub fn escape_json(json: String) -> String {
    if !json.chars().any(is_hazard) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        // Outside strings JSON has only spaces and line breaks, which stay.
        if is_hazard(c) && !matches!(c, '\n' | '\t' | '\r') {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_sequences_become_visible() {
        assert_eq!(
            escape_line("neu\u{1b}]0;pwned\u{7}\u{1b}[2J.md"),
            "neu\\u{1b}]0;pwned\\u{7}\\u{1b}[2J.md"
        );
        assert_eq!(
            escape_line("a\u{9b}b\u{7f}c\rd\ne\tf"),
            "a\\u{9b}b\\u{7f}c\\u{d}d\\u{a}e\\u{9}f"
        );
        assert_eq!(
            escape_line("\u{202e}gpj.md\u{2066}"),
            "\\u{202e}gpj.md\\u{2066}"
        );
        assert_eq!(escape_line("Größe «ok» ‎"), "Größe «ok» ‎");
    }

    #[test]
    fn text_keeps_lines_and_tabs() {
        assert_eq!(escape_text("a\n\tb\r\nc\rd"), "a\n\tb\r\nc\\u{d}d");
        assert!(matches!(escape_text("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn source_ranges_follow_the_escapes() {
        let text = "a\u{1b}b\nc\u{9b}d";
        let (escaped, ranges) = escape_source(text, &[2..3, 4..7, 0..1]);
        assert_eq!(escaped, "a\\u{1b}b\nc\\u{9b}d");
        assert_eq!(&escaped[ranges[0].clone()], "b");
        assert_eq!(&escaped[ranges[1].clone()], "c\\u{9b}");
        assert_eq!(&escaped[ranges[2].clone()], "a");
    }

    #[test]
    fn json_stays_the_same_value() {
        let value = "x\u{1b}y\u{85}z\u{202e}";
        let json = escape_json(serde_json::to_string(value).expect("a string"));
        assert!(!json.chars().any(is_hazard), "{json}");
        assert_eq!(serde_json::from_str::<String>(&json).expect("valid"), value);
    }
}
