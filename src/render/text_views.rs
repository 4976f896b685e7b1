//! The views of the pages about editions' text (theme API): a page's
//! history (`history.rs`), a comparison page and the editions page's
//! summary of what changed (`comparisons.rs`). A leaf beside
//! `context.rs`, which holds them in `PageContext`.

use serde::Serialize;

use super::date_view::DateView;
use super::edition_view::EditionLink;
use crate::ids::Lang;

/// What a history page shows (`history` in the template).
#[derive(Debug, Serialize)]
pub struct HistoryView<'a> {
    /// The page's title.
    pub title: &'a str,
    /// The title's language when it is not the reader's.
    pub title_lang: Option<&'a Lang>,
    /// The page.
    pub url: String,
    /// Whether the site's git history could be read.
    pub git: bool,
    /// The days its file changed, newest first (one per commit).
    pub changes: Vec<DateView>,
    /// The editions whose text has it (the current content and each
    /// edition published from git), newest first.
    pub editions: Vec<HistoryEdition<'a>>,
}

/// An edition a page appears in.
#[derive(Debug, Serialize)]
pub struct HistoryEdition<'a> {
    /// The edition.
    pub edition: EditionLink<'a>,
    /// The page as that edition has it.
    pub page_url: String,
    /// Whether it is the edition of the site's current content.
    pub current: bool,
    /// What changed on the page since the edition before, if it changed.
    pub compare_url: Option<String>,
}

/// A version of a page on a comparison page.
#[derive(Debug, Serialize)]
pub struct CompareSide<'a> {
    /// The edition's title.
    pub edition: &'a str,
    /// The edition's page.
    pub edition_url: String,
    /// The page as that edition has it.
    pub url: String,
}

/// What a comparison page shows (`compare` in the template).
#[derive(Debug, Serialize)]
pub struct CompareView<'a> {
    /// The page's title in the newer edition.
    pub title: &'a str,
    /// Its language where it differs from the page's (`title_lang`, or the
    /// original's language on a fallback).
    pub title_lang: Option<&'a Lang>,
    /// The older version.
    pub older: CompareSide<'a>,
    /// The newer version.
    pub newer: CompareSide<'a>,
    /// Words added (a number, as text for the UI string's `{added}`).
    pub added: String,
    /// Words removed (as text, for `{removed}`).
    pub removed: String,
    /// Whether a limit made changed blocks show as replaced whole.
    pub capped: bool,
    /// The changed fields, as HTML (escaped; `compare/`).
    pub fields_html: String,
    /// The text with its changes, as HTML (escaped; `compare/`).
    pub html: String,
}

/// The pages added, removed and changed in an edition, for the editions
/// section's page.
#[derive(Debug, Serialize)]
pub struct EditionChanges<'a> {
    /// The edition's title.
    pub edition: &'a str,
    /// Its page.
    pub edition_url: String,
    /// The edition it is compared with.
    pub since: &'a str,
    /// New pages (their URL in the newer edition).
    pub added: Vec<PageLink>,
    /// Pages gone (their URL in the older edition).
    pub removed: Vec<PageLink>,
    /// Changed pages (the comparison's URL).
    pub changed: Vec<PageLink>,
}

/// A page's title and a URL.
#[derive(Debug, Serialize)]
pub struct PageLink {
    /// The page's title.
    pub title: String,
    /// Where the link goes.
    pub url: String,
}
