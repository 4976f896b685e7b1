//! Rendering diagnostics as text: rustc-style blocks for terminals, one-line
//! `path:line:col: message` for logs. The only module that knows
//! annotate-snippets.

use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Element, Group, Level, Origin, Renderer, Snippet};

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

/// Renders one diagnostic.
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
    let mut group = Group::with_title(
        level
            .primary_title(diagnostic.message.as_str())
            .id(diagnostic.code.as_str()),
    );
    if let Some(location) = &diagnostic.location {
        group = group.element(snippet(
            sources,
            location,
            diagnostic.label.as_deref().unwrap_or(""),
            AnnotationKind::Primary,
        ));
    }
    for label in &diagnostic.secondary {
        group = group.element(snippet(
            sources,
            &label.location,
            &label.text,
            AnnotationKind::Context,
        ));
    }
    let causes = cause_chain(diagnostic);
    for cause in &causes {
        group = group.element(Level::NOTE.message(cause.as_str()));
    }
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let renderer = match style {
        Style::Color => Renderer::styled(),
        _ => Renderer::plain(),
    };
    let report: [Group<'_>; 1] = [group];
    renderer.render(&report)
}

fn snippet<'a>(
    sources: &'a SourceMap,
    location: &super::Location,
    label: &'a str,
    kind: AnnotationKind,
) -> Element<'a> {
    let text: &str = sources.text(location.file);
    let path = sources.path(location.file);
    match &location.span {
        Some(span) => {
            let span = clamp(text, span.clone());
            // Only the lines the span touches: annotate-snippets reads all
            // of the source it is given, so a file with thousands of
            // errors took time quadratic in its size (8,000 unknown keys
            // in one front matter: 39 s).
            let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
            let end = text[span.end..]
                .find('\n')
                .map_or(text.len(), |i| span.end + i);
            let end = if text[..end].ends_with('\r') && end > span.end {
                end - 1
            } else {
                end
            };
            let line = memchr::memchr_iter(b'\n', &text.as_bytes()[..start]).count() + 1;
            Snippet::source(&text[start..end])
                .line_start(line)
                .path(path)
                .fold(true)
                .annotation(
                    kind.span(span.start - start..span.end - start)
                        .label(non_empty(label)),
                )
                .into()
        }
        None => Origin::path(path).into(),
    }
}

fn non_empty(label: &str) -> Option<&str> {
    (!label.is_empty()).then_some(label)
}

fn clamp(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
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
                diagnostic.message
            )
        }
        _ => format!("{title}: {}", diagnostic.message),
    };
    for cause in cause_chain(diagnostic) {
        let _ = write!(out, "\n  = note: {cause}");
    }
    if let Some(help) = &diagnostic.help {
        let _ = write!(out, "\n  = help: {help}");
    }
    out
}

fn short(diagnostic: &Diagnostic, sources: &SourceMap) -> String {
    let mut out = String::new();
    if let Some(location) = &diagnostic.location {
        let path = sources.path(location.file);
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
        diagnostic.message
    );
    if let Some(help) = &diagnostic.help {
        let _ = write!(out, " (help: {help})");
    }
    out
}

/// Renders all diagnostics, one block each, followed by a count line.
///
/// At most 100 diagnostics of one file are shown, then
/// their count: each one shows its line, and 5,000 broken links on one
/// long line took minutes to print. `check --format json` lists them all.
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
