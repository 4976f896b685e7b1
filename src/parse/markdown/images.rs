//! Images in Markdown: the alt text an image must have, and the `<img>`
//! the pass writes for it. The `<picture>` with its sizes and formats is
//! made later (`render`), once the file is decoded.
//!
//! `![Rathaus am Markt](rathaus.jpg)` needs its alt text; an image that
//! only decorates says so with the alt text `-` (`![-](linie.png)`) and
//! gets `alt=""`. An empty alt text is an error (docs/images.md).

use std::ops::Range;

use crate::diag::{Code, Diagnostic};
use crate::escape;

/// The alt text that marks an image as decorative.
pub const DECORATIVE: &str = "-";

/// An image whose alt text is being read.
#[derive(Debug)]
pub(super) struct OpenImage {
    /// The `src` to write (a placeholder for a file of the site).
    pub(super) src: String,
    /// The destination as written, for the hint.
    pub(super) written: String,
    /// Its title, if any.
    pub(super) title: String,
    /// Where it stands in the body.
    pub(super) range: Range<usize>,
    /// The alt text so far, as plain text.
    pub(super) alt: String,
    /// Tags opened inside the alt text and not yet closed.
    pub(super) nested: usize,
}

impl OpenImage {
    /// The `<img>` element and, if the alt text is missing, the error
    /// (without a place: the pass adds it).
    pub(super) fn finish(&self) -> (String, Option<Diagnostic>) {
        let alt = self.alt.split_whitespace().collect::<Vec<_>>().join(" ");
        let missing = alt.is_empty().then(|| {
            Diagnostic::error(Code::MissingAlt, "the image has no alt text")
                .label("no text between `![` and `]`")
                .help(format!(
                    "describe what the image shows for readers who cannot see it: \
                     `![Rathaus am Markt]({})`; an image that only decorates is marked \
                     `![-](…)`",
                    self.written
                ))
        });
        let alt = if alt == DECORATIVE { "" } else { alt.as_str() };
        let mut html = format!(
            "<img src=\"{}\" alt=\"{}\"",
            escape::html(&self.src),
            escape::html(alt)
        );
        if !self.title.is_empty() {
            html.push_str(&format!(" title=\"{}\"", escape::html(&self.title)));
        }
        html.push_str(" />");
        (html, missing)
    }
}
