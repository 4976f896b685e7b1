//! Rendering diagnostics as text: rustc-style blocks for terminals, one-line
//! `path:line:col: message` for logs. The only module that knows
//! annotate-snippets. Everything from the site is escaped on the way in
//! (`escape.rs`), so the only control characters in the result are the
//! colour codes of [`Style::Color`].

use std::borrow::Cow;
use std::fmt::Write as _;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Element, Group, Level, Origin, Renderer, Snippet};

use super::escape::{escape_line, escape_source, escape_text};
use super::{Diagnostic, Diagnostics, Severity, SourceMap, severity_word};

/// How to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// rustc-style block with ANSI colour (for a terminal).
    Color,
    /// rustc-style block without colour (pipes, CI logs, tests).
    Plain,
    /// One line per diagnostic.
    Short,
}

/// Renders one diagnostic. Control characters in paths, messages, labels,
/// hints and quoted source are shown as escapes (`escape.rs`).
pub fn render(diagnostic: &Diagnostic, sources: &SourceMap, style: Style) -> String {
    if style == Style::Short {
        return short(diagnostic, sources);
    }
    if diagnostic.location.is_none() && diagnostic.secondary.is_empty() {
        return without_place(diagnostic, style);
    }
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let message = escape_text(&diagnostic.message);
    let primary = diagnostic
        .location
        .as_ref()
        .map(|location| Place::new(sources, location, diagnostic.label.as_deref().unwrap_or("")));
    let secondary: Vec<Place<'_>> = diagnostic
        .secondary
        .iter()
        .map(|label| Place::new(sources, &label.location, &label.text))
        .collect();
    let notes: Vec<String> = cause_chain(diagnostic)
        .iter()
        .map(|cause| escape_text(cause).into_owned())
        .collect();
    let help = diagnostic.help.as_deref().map(escape_text);
    let mut group = Group::with_title(
        level
            .primary_title(message.as_ref())
            .id(diagnostic.code.as_str()),
    );
    if let Some(place) = &primary {
        group = group.element(place.element(AnnotationKind::Primary));
    }
    for place in &secondary {
        group = group.element(place.element(AnnotationKind::Context));
    }
    for note in &notes {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    if let Some(help) = &help {
        group = group.element(Level::HELP.message(help.as_ref()));
    }
    let renderer = match style {
        Style::Color => Renderer::styled(),
        _ => Renderer::plain(),
    };
    let report: [Group<'_>; 1] = [group];
    renderer.render(&report)
}

/// A place to show, with its path, source text and label escaped (the
/// span moved along with the escapes before it). The text is only the lines
/// the span touches: annotate-snippets reads all of the source it is given,
/// so given the whole file, showing a file's errors would take time
/// quadratic in the file's size (docs/speed.md).
struct Place<'a> {
    path: Cow<'a, str>,
    text: Cow<'a, str>,
    span: Option<Range<usize>>,
    line: usize,
    label: Cow<'a, str>,
}

impl<'a> Place<'a> {
    fn new(sources: &'a SourceMap, location: &super::Location, label: &'a str) -> Place<'a> {
        let text: &str = sources.text(location.file);
        let path = escape_line(sources.path(location.file));
        let label = escape_text(label);
        match &location.span {
            Some(span) => {
                let span = clamp(text, span.clone());
                let (lines, line) = touched_lines(text, &span);
                let relative = span.start - lines.start..span.end - lines.start;
                let (text, mut spans) = escape_source(&text[lines], &[relative]);
                Place {
                    path,
                    text,
                    span: spans.pop(),
                    line,
                    label,
                }
            }
            None => Place {
                path,
                text: Cow::Borrowed(""),
                span: None,
                line: 1,
                label,
            },
        }
    }

    fn element(&self, kind: AnnotationKind) -> Element<'_> {
        match &self.span {
            Some(span) => Snippet::source(self.text.as_ref())
                .line_start(self.line)
                .path(self.path.as_ref())
                .fold(true)
                .annotation(kind.span(span.clone()).label(non_empty(&self.label)))
                .into(),
            None => Origin::path(self.path.as_ref()).into(),
        }
    }
}

/// The byte range of the whole lines `span` touches (without the line
/// break after the last), and the number of the first.
fn touched_lines(text: &str, span: &Range<usize>) -> (Range<usize>, usize) {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let mut end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    if text[..end].ends_with('\r') && end > span.end {
        end -= 1;
    }
    let line = memchr::memchr_iter(b'\n', &text.as_bytes()[..start]).count() + 1;
    (start..end, line)
}

fn non_empty(label: &str) -> Option<&str> {
    (!label.is_empty()).then_some(label)
}

fn clamp(text: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(text.len());
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

fn cause_chain(diagnostic: &Diagnostic) -> Vec<String> {
    let mut causes = Vec::new();
    let mut next = diagnostic
        .source
        .as_deref()
        .map(|e| e as &dyn std::error::Error);
    while let Some(cause) = next {
        causes.push(format!("caused by: {cause}"));
        next = cause.source();
    }
    causes
}

/// A diagnostic with no file to show (a missing directory): the title and
/// its notes, in the same layout as the rest, without an empty source gutter.
fn without_place(diagnostic: &Diagnostic, style: Style) -> String {
    let word = severity_word(diagnostic.severity);
    let title = format!("{word}[{}]", diagnostic.code);
    let mut out = match style {
        Style::Color => {
            let colour = if diagnostic.is_error() {
                "\x1b[1;91m"
            } else {
                "\x1b[1;33m"
            };
            format!(
                "{colour}{title}\x1b[0m\x1b[1m: {}\x1b[0m",
                escape_text(&diagnostic.message)
            )
        }
        _ => format!("{title}: {}", escape_text(&diagnostic.message)),
    };
    for cause in cause_chain(diagnostic) {
        let _ = write!(out, "\n  = note: {}", escape_text(&cause));
    }
    if let Some(help) = &diagnostic.help {
        let _ = write!(out, "\n  = help: {}", escape_text(help));
    }
    out
}

/// One line per diagnostic: line breaks in it are escaped too.
fn short(diagnostic: &Diagnostic, sources: &SourceMap) -> String {
    let mut out = String::new();
    if let Some(location) = &diagnostic.location {
        let path = escape_line(sources.path(location.file));
        match &location.span {
            Some(span) => {
                let (line, col) = sources.line_col(location.file, span.start);
                let _ = write!(out, "{path}:{line}:{col}: ");
            }
            None => {
                let _ = write!(out, "{path}: ");
            }
        }
    }
    let _ = write!(
        out,
        "{}[{}]: {}",
        severity_word(diagnostic.severity),
        diagnostic.code,
        escape_line(&diagnostic.message)
    );
    if let Some(help) = &diagnostic.help {
        let _ = write!(out, " (help: {})", escape_line(help));
    }
    out
}

/// Renders all diagnostics, one block each, followed by a count line.
///
/// At most 100 diagnostics of one file are shown, then their count: each
/// one shows its line, so thousands of errors on one long line would take
/// minutes to print (docs/speed.md). `check --format json` lists them all.
pub fn render_all(diagnostics: &Diagnostics, sources: &SourceMap, style: Style) -> String {
    let mut out = String::new();
    let mut shown: std::collections::BTreeMap<_, usize> = std::collections::BTreeMap::new();
    for diagnostic in diagnostics.iter() {
        let file = diagnostic.location.as_ref().map(|l| l.file);
        let count = shown.entry(file).or_default();
        *count += 1;
        if file.is_some() && *count > MAX_SHOWN_PER_FILE {
            continue;
        }
        out.push_str(&render(diagnostic, sources, style));
        out.push('\n');
        if style != Style::Short {
            out.push('\n');
        }
    }
    for (file, count) in shown {
        if let Some(file) = file.filter(|_| count > MAX_SHOWN_PER_FILE) {
            out.push_str(&format!(
                "… and {} more in {} (`konzept check --format json` lists all)\n",
                count - MAX_SHOWN_PER_FILE,
                sources.path(file)
            ));
        }
    }
    out
}

/// How many diagnostics of one file [`render_all`] shows.
const MAX_SHOWN_PER_FILE: usize = 100;

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::diag::Code;

    /// A diagnostic with control characters in every part of it.
    fn hostile() -> (Diagnostic, SourceMap) {
        let mut sources = SourceMap::new();
        let file = sources.add(
            "content/a\u{1b}]0;x\u{7}.md".to_owned(),
            Arc::from("---\ntitle: \u{9b}2J\u{202e}\tx\u{1b}[2J\n---\n"),
        );
        let diagnostic = Diagnostic::error(Code::InvalidValue, "bad `\u{1b}[31m`\nsecond line")
            .at(file, 11..19)
            .label("here \u{7f}")
            .secondary(file, Some(0..3), "also \u{2066}")
            .help("rename \u{1b}[2J");
        (diagnostic, sources)
    }

    #[test]
    fn every_style_shows_control_characters_as_escapes() {
        let (diagnostic, sources) = hostile();
        for style in [Style::Plain, Style::Short, Style::Color] {
            let text = render(&diagnostic, &sources, style);
            // Only the colour codes of `Style::Color` start with ESC `[`
            // and end in `m`; nothing else is raw.
            let mut rest = text.as_str();
            let mut plain = String::new();
            while let Some(i) = rest.find('\u{1b}') {
                plain.push_str(&rest[..i]);
                let code = rest[i..].find('m').expect("a colour code ends in m");
                assert!(
                    rest[i + 1..i + code].starts_with('[')
                        && rest[i + 2..i + code]
                            .bytes()
                            .all(|b| b.is_ascii_digit() || b == b';'),
                    "{style:?}: a raw escape that is no colour code:\n{text}"
                );
                rest = &rest[i + code + 1..];
            }
            plain.push_str(rest);
            assert!(
                !plain.chars().any(|c| (c.is_control() && c != '\n')
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
                "{style:?}:\n{text}"
            );
            assert!(
                plain.contains("content/a\\u{1b}]0;x\\u{7}.md"),
                "{style:?}:\n{plain}"
            );
            assert!(plain.contains("bad `\\u{1b}[31m`"), "{style:?}:\n{plain}");
            assert!(plain.contains("rename \\u{1b}[2J"), "{style:?}:\n{plain}");
            if style == Style::Short {
                assert_eq!(plain.lines().count(), 1, "{plain}");
            } else {
                assert!(plain.contains("\\u{9b}2J\\u{202e}"), "{style:?}:\n{plain}");
                assert!(plain.contains("here \\u{7f}"), "{style:?}:\n{plain}");
                assert!(plain.contains("also \\u{2066}"), "{style:?}:\n{plain}");
            }
        }
    }
}
