//! Headings: the `{#id .class}` an editor may write on one, and the id
//! every heading gets.
//!
//! Ids are what links point at (`seite.md#ziele`, the table of contents),
//! so each is readable (the slug of the heading's text, or the editor's
//! `{#id}`) and unique in the page, including against the ids the theme
//! gives its own elements. An attribute that could break out of the tag
//! (`onmouseover`, a quote in an id) never reaches the page.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use crate::diag::{Code, Diagnostic, FileId};
use crate::ids::slugify;

/// A heading and its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1–6.
    pub level: u8,
    /// The `id` attribute (unique in the page).
    pub id: String,
    /// Its text, typography applied.
    pub title: String,
}

/// A heading's `{#id .class key=value}`: only a sane `id` and classes of
/// `[A-Za-z0-9_-]` pass; anything else would become an attribute of
/// the page (`onmouseover`) and is dropped with a warning. The warnings
/// have no place yet: they all point at the heading, which the caller knows.
pub(super) fn attributes<'a>(
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: &[(CowStr<'a>, Option<CowStr<'a>>)],
) -> (Option<CowStr<'a>>, Vec<CowStr<'a>>, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let mut warn = |message: String, help: &str| {
        warnings.push(
            Diagnostic::warning(Code::RawHtml, message)
                .label("left out")
                .help(help.to_owned()),
        );
    };
    let help = "a heading takes only `{#id}` and `{.class}` (letters, digits, `-`, `_`)";
    for (key, _) in attrs {
        warn(format!("the heading attribute `{key}` was removed"), help);
    }
    let id = id.map(|id| {
        if is_sane_id(&id) {
            id
        } else {
            let fixed = slugify(&id);
            warn(
                format!("the heading id `{id}` was changed to `{fixed}`"),
                help,
            );
            CowStr::from(fixed)
        }
    });
    let (classes, bad): (Vec<_>, Vec<_>) = classes.into_iter().partition(|c| {
        c.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    });
    for class in bad {
        warn(format!("the heading class `{class}` was removed"), help);
    }
    (id, classes, warnings)
}

/// A `{#id}` another heading (or the theme) already has is given a
/// suffix: say so, since links to `#id` reach the other one. `written`
/// holds each heading's place in `file` and the `{#id}` written on it, in
/// the order of `headings`.
pub(super) fn taken_ids(
    file: FileId,
    written: &[(Range<usize>, Option<String>)],
    headings: &[Heading],
) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for ((span, wanted), heading) in written.iter().zip(headings) {
        let Some(wanted) = wanted.as_deref().filter(|w| *w != heading.id) else {
            continue;
        };
        found.push(
            Diagnostic::warning(
                Code::BrokenAnchor,
                format!(
                    "the heading id `{wanted}` is taken on this page; this heading gets `{}`",
                    heading.id
                ),
            )
            .at(file, span.clone())
            .label(format!("`#{wanted}` leads to another heading"))
            .help(format!(
                "give this heading an id of its own (e.g. `{{#{wanted}-teil}}`), so that links to `#{wanted}` reach the heading you mean"
            )),
        );
    }
    found
}

/// An `id` a reader can link to and no attribute can be broken out of.
fn is_sane_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

/// The ids the default theme gives its own elements on a page (the skip
/// link's target, the table of contents, the sections' labels). A heading
/// with one of them (`## Main`, `{#toc-heading}`) would make the id appear
/// twice: its links would jump to the theme's element, and the theme's
/// labels would name the heading. Such a heading gets `main-2`.
const THEME_IDS: &[&str] = &[
    "main",
    "toc-heading",
    "entries-heading",
    "fields-heading",
    "guidelines-heading",
    "projects-heading",
    "search-input",
    "search-results",
    "search-status",
];

/// Gives every heading in `events` its unique id (written into the event)
/// and returns the headings in order.
pub(super) fn assign_ids(events: &mut [Event<'_>]) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut used = UsedIds::default();
    used.used
        .extend(THEME_IDS.iter().map(|id| (*id).to_owned()));
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i] {
            let level = heading_level(*level);
            let title = heading_text(&events[i + 1..]);
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                let base = id.as_deref().map_or_else(|| slugify(&title), str::to_owned);
                let unique = used.claim(&base);
                *id = Some(CowStr::from(unique.clone()));
                headings.push(Heading {
                    level,
                    id: unique,
                    title,
                });
            }
        }
        i += 1;
    }
    headings
}

fn heading_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    text.trim().to_owned()
}

/// The ids a page has given out, for unique ones: `base`, `base-2`,
/// `base-3` … each the first not taken yet (by a heading or an explicit
/// `{#id}`). The next suffix to try is kept per base, so 40,000 identical
/// headings cost 40,000 steps, not 40,000²/2: a suffix once passed stays
/// taken, since ids are never given back.
#[derive(Default)]
struct UsedIds {
    used: HashSet<String>,
    next: HashMap<String, usize>,
    /// Candidates tried so far: what the tests hold linear.
    tries: usize,
}

impl UsedIds {
    fn claim(&mut self, base: &str) -> String {
        let mut n = self.next.get(base).copied().unwrap_or(1);
        loop {
            let candidate = if n == 1 {
                base.to_owned()
            } else {
                format!("{base}-{n}")
            };
            n += 1;
            self.tries += 1;
            if self.used.insert(candidate.clone()) {
                self.next.insert(base.to_owned(), n);
                return candidate;
            }
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claiming_ids_is_linear() {
        let mut used = UsedIds::default();
        for _ in 0..2_000 {
            used.claim("details");
        }
        used.claim("details-7");
        assert_eq!(used.claim("details"), "details-2001");
        assert_eq!(
            used.tries, 2_003,
            "each heading tries a fixed number of ids"
        );
    }
}
