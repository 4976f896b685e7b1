//! The files of a site, one [`Job`] each: what `render` offers `build`,
//! `check` and `serve` to render (`renderer.rs` makes them).

use crate::config::Config;
use crate::ids::Lang;
use crate::model::{EntryId, PageId, Site};
use crate::parse::kinds::Kind;

/// A language by its place in `site.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LangIndex(usize);

impl LangIndex {
    /// Every language of the site with its index, in `site.yaml` order.
    fn all(config: &Config) -> impl Iterator<Item = (LangIndex, &Lang)> {
        config
            .languages
            .iter()
            .enumerate()
            .map(|(i, l)| (LangIndex(i), l))
    }

    /// The default language's.
    pub(super) fn default_of(config: &Config) -> LangIndex {
        LangIndex(
            config
                .languages
                .iter()
                .position(|l| *l == config.default_lang)
                .expect("the default language is configured"),
        )
    }

    /// The language.
    pub fn lang(self, config: &Config) -> &Lang {
        &config.languages[self.0]
    }

    /// Its place in `site.yaml`.
    pub(super) fn index(self) -> usize {
        self.0
    }
}

/// One file of the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// An entry's page for readers of a language.
    Entry(EntryId, LangIndex),
    /// A language's 404 page.
    NotFound(LangIndex),
    /// The 404 page at the root, in the default language.
    RootNotFound,
    /// The language chooser at the root.
    Chooser,
    /// A language's full-text document.
    FullText(LangIndex),
    /// A language's search page.
    Search(LangIndex),
    /// A language's Atom feed.
    Feed(LangIndex),
    /// `sitemap.xml`.
    Sitemap,
    /// `robots.txt`.
    Robots,
    /// A contact's vCard for readers of a language.
    VCard(EntryId, LangIndex),
    /// The accessibility statement's `statement.json` for readers of a
    /// language.
    Statement(EntryId, LangIndex),
    /// An entry's history page for readers of a language (sites with
    /// editions).
    History(EntryId, LangIndex),
    /// The comparison of a page with its version in the edition before
    /// (the pair of editions by number, the page's entry in the newer).
    Compare(usize, EntryId, LangIndex),
    /// A language's image-credits page (sites with images).
    Credits(LangIndex),
    /// The redirect page at the `n`th old path (`aliases:`) of a page, in
    /// the page's language.
    Redirect(PageId, usize, LangIndex),
}

impl Job {
    /// The language whose globals the file's template sees.
    pub fn lang(self, config: &Config) -> LangIndex {
        match self {
            Job::Entry(_, i)
            | Job::NotFound(i)
            | Job::FullText(i)
            | Job::Search(i)
            | Job::Credits(i)
            | Job::Feed(i)
            | Job::VCard(_, i)
            | Job::Statement(_, i)
            | Job::History(_, i)
            | Job::Compare(_, _, i)
            | Job::Redirect(_, _, i) => i,
            Job::RootNotFound | Job::Chooser | Job::Sitemap | Job::Robots => {
                LangIndex::default_of(config)
            }
        }
    }
}

/// Every file of the site but the theme's assets, `_headers` and the
/// search index. The generated files come first: a full-text document
/// takes as long as hundreds of entry pages, and one left to the end keeps
/// a core busy while the others have nothing left to do. Feeds and the
/// sitemap need absolute URLs: only a base URL with an origin has them.
pub(super) fn all(site: &Site, config: &Config) -> Vec<Job> {
    let feeds = config.base_url.has_origin();
    let mut jobs = Vec::new();
    for (i, lang) in LangIndex::all(config) {
        jobs.push(Job::NotFound(i));
        if feeds {
            jobs.push(Job::Feed(i));
        }
        if site.full_text_url(lang).is_some() {
            jobs.push(Job::FullText(i));
        }
        if site.search_url(lang).is_some() {
            jobs.push(Job::Search(i));
        }
        if super::credits::url(site, lang).is_some() {
            jobs.push(Job::Credits(i));
        }
    }
    jobs.extend([Job::RootNotFound, Job::Chooser]);
    if feeds {
        jobs.push(Job::Sitemap);
    }
    jobs.push(Job::Robots);
    let entries: Vec<EntryId> = site.entries.iter().map(|e| e.id).collect();
    jobs.extend(of_entries(site, config, &entries));
    for e in &site.entries {
        for (i, lang) in LangIndex::all(config) {
            if site.history_url(e.id, lang).is_some() {
                jobs.push(Job::History(e.id, i));
            }
        }
    }
    if !site.archives.is_empty() {
        let compare = super::comparisons::jobs(site, config);
        jobs.extend(
            compare
                .into_iter()
                .map(|(pair, entry, i)| Job::Compare(pair, entry, LangIndex(i))),
        );
    }
    for e in site.entries.iter().filter(|e| e.kind == Kind::Contact) {
        for (i, lang) in LangIndex::all(config) {
            if site.url(e.id, lang).is_some() {
                jobs.push(Job::VCard(e.id, i));
            }
        }
    }
    for e in site
        .entries
        .iter()
        .filter(|e| e.kind == Kind::Accessibility)
    {
        for (i, lang) in LangIndex::all(config) {
            if site.url(e.id, lang).is_some() {
                jobs.push(Job::Statement(e.id, i));
            }
        }
    }
    for (i, lang) in LangIndex::all(config) {
        for page in site.pages.iter().filter(|p| p.lang == *lang) {
            jobs.extend((0..page.aliases.len()).map(|n| Job::Redirect(page.id, n, i)));
        }
    }
    jobs
}

/// The pages of `entries` in every language they are published in (their
/// translations and fallbacks).
pub(super) fn of_entries(site: &Site, config: &Config, entries: &[EntryId]) -> Vec<Job> {
    let mut jobs = Vec::new();
    for e in entries {
        for (i, lang) in LangIndex::all(config) {
            if site.url(*e, lang).is_some() {
                jobs.push(Job::Entry(*e, i));
            }
        }
    }
    jobs
}
