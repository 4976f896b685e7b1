//! Raw HTML in Markdown, under the site's [`RawHtml`] policy: what
//! docs/design.md § Trust keeps off the pages.
//!
//! Under `escape` it is shown as text, with a warning. Under `sanitize` and
//! `allow` it is cleaned by `parse::sanitize`, inline HTML piece by piece
//! and an HTML block as a whole (its tags may span lines), and each removal
//! is reported where it stands in the file.

use std::ops::Range;

use crate::config::RawHtml;
use crate::diag::{Code, Diagnostic, FileId};
use crate::parse::sanitize::{self, Removal};

/// The lines of an HTML block, joined, and where each starts in the file
/// (a block inside a quote or list is not one range of it).
#[derive(Default)]
pub(super) struct HtmlBlock {
    html: String,
    /// (offset in `html`, offset in the file), in order.
    lines: Vec<(usize, usize)>,
}

impl HtmlBlock {
    /// Adds a line of the block that starts at byte `at` of the file.
    pub(super) fn push(&mut self, html: &str, at: usize) {
        self.lines.push((self.html.len(), at));
        self.html.push_str(html);
    }

    /// The block cleaned by `policy`, and a diagnostic for each removal.
    pub(super) fn clean(&self, policy: RawHtml, file: FileId) -> (String, Vec<Diagnostic>) {
        let (clean, removals) = sanitize::block(&self.html, policy);
        let found = removals
            .iter()
            .map(|removal| report(removal, file, self.file_range(&removal.span)))
            .collect();
        (clean, found)
    }

    /// The file range of `span` (a range of `html`), cut at its line's end.
    fn file_range(&self, span: &Range<usize>) -> Range<usize> {
        let i = self.lines.partition_point(|(at, _)| *at <= span.start);
        let (at, file) = self.lines[i.saturating_sub(1)];
        let line_end = self.lines.get(i).map_or(self.html.len(), |l| l.0);
        file + span.start - at..file + span.end.min(line_end) - at
    }
}

/// Inline HTML that starts at byte `at` of `file`, cleaned by `policy`,
/// and a diagnostic for each removal.
pub(super) fn inline(
    html: &str,
    policy: RawHtml,
    file: FileId,
    at: usize,
) -> (String, Vec<Diagnostic>) {
    let (clean, removals) = sanitize::inline(html, policy);
    let found = removals
        .iter()
        .map(|removal| {
            let span = at + removal.span.start..at + removal.span.end;
            report(removal, file, span)
        })
        .collect();
    (clean, found)
}

fn report(removal: &Removal, file: FileId, span: Range<usize>) -> Diagnostic {
    let (message, label, help) = removal.what.describe();
    let diagnostic = if removal.what.is_error() {
        Diagnostic::error(Code::ThirdParty, message)
    } else {
        Diagnostic::warning(Code::RawHtml, message)
    };
    diagnostic.at(file, span).label(label).help(help)
}

/// The warning for raw HTML shown as text under `raw_html: escape`, for
/// `html` read at `range` of the body that starts at byte `offset` of `file`.
pub(super) fn escaped(html: &str, file: FileId, offset: usize, range: &Range<usize>) -> Diagnostic {
    let shown = html
        .trim_end_matches(['\n', '\r'])
        .chars()
        .take(60)
        .collect::<String>();
    Diagnostic::warning(
        Code::RawHtml,
        format!("raw HTML `{shown}` is shown as text"),
    )
    .at(
        file,
        offset + range.start..offset + range.end.min(range.start + html.trim_end().len()),
    )
    .label("escaped, not passed to the page")
    .help(
        "write it in Markdown instead, or remove `raw_html: escape` from site.yaml to keep the allowed inline tags (`<abbr>`, `<sup>`, `<br>` …)",
    )
}
