//! The editions' views in templates (`edition`, `editions`,
//! `edition_note`), filled in by `editions.rs`; a leaf beside
//! `context.rs`, whose `PageContext` holds them.

use serde::Serialize;

use super::date_view::DateView;
use super::statement::Coded;
use crate::ids::Lang;
use crate::parse::kinds::EditionText;

/// An edition, on its own page (`edition`) and in the editions list
/// (`editions`).
#[derive(Debug, Serialize)]
pub struct EditionView<'a> {
    /// Its id (the file name, `konzept-2007`).
    pub id: &'a str,
    /// Its title in the reader's language (or the original's).
    pub title: &'a str,
    /// The title's language when it is not the reader's.
    pub title_lang: Option<&'a Lang>,
    /// Its summary.
    pub summary: Option<&'a str>,
    /// The language of title, summary and text fields.
    pub lang: &'a Lang,
    /// Its page.
    pub url: String,
    /// When it was adopted, as precisely as known (`None`: in preparation).
    pub adopted: Option<DateView>,
    /// `current`, `superseded` or `in-preparation`, with its label.
    pub status: Coded<'a>,
    /// Where its text is: `current`, `git` or `none`, with a sentence in
    /// the reader's language.
    pub source: Coded<'a>,
    /// The git revision holding its text (`source: git`).
    pub revision: Option<&'a str>,
    /// Whether it is the edition this site's content belongs to.
    pub is_site_content: bool,
    /// The edition it replaced.
    pub supersedes: Option<EditionLink<'a>>,
    /// The editions that replaced it.
    pub superseded_by: Vec<EditionLink<'a>>,
    /// `adopted_by` (flattened).
    #[serde(flatten)]
    pub text: &'a EditionText,
}

/// A link to an edition: the line on every page saying which edition it
/// belongs to (`edition_note`), and the links between editions.
#[derive(Debug, Serialize)]
pub struct EditionLink<'a> {
    /// Its title in the reader's language (or the original's).
    pub title: &'a str,
    /// The title's language when it is not the reader's.
    pub title_lang: Option<&'a Lang>,
    /// Its page.
    pub url: String,
    /// When it was adopted, as precisely as known.
    pub adopted: Option<DateView>,
}
