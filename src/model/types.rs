//! The model's types: [`Site`], the arena of [`Entry`]s and [`Page`]s
//! addressed by [`EntryId`] and [`PageId`], and what they hold.
//!
//! The other files of `model/` build or read these, and this one uses only
//! the leaves `ids` and `i18n`, so the model's files depend on each other
//! one way.

use std::collections::HashMap;

use super::i18n::UiStrings;
use super::ids::{EntryId, PageId};
use crate::dates::{PartialDate, Timestamp};
use crate::diag::FileId;
use crate::ids::{ContentPath, Lang, Slug};
use crate::parse::data::Table;
use crate::parse::kinds::{
    AccessibilityShared, Conformity, ContactShared, Duration, EditionSource, EditionStatus, Kind,
    Method, OpeningHours, ProjectShared, Status,
};
use crate::parse::kinds::{Direction, Target, Unit};
use crate::parse::{KindText, Markdown};
use crate::yaml::KeySpans;

/// One piece of content in all its languages: a guideline, a project, a
/// section, … It owns what is the same in every language.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its index.
    pub id: EntryId,
    /// Its kind.
    pub kind: Kind,
    /// The section it is in (`None`: top level; the home page and sections
    /// themselves have `None` and `Some(own)` respectively).
    pub section: Option<Slug>,
    /// File name without language: a slug or `_index`.
    pub stem: String,
    /// Its pages by language, in `site.yaml` order; the default language is
    /// always present.
    pub translations: Vec<(Lang, PageId)>,
    /// Sort weight.
    pub weight: i32,
    /// Language-neutral data of its kind.
    pub data: EntryData,
    /// For the home page and sections: the entries listed on it, in order.
    pub children: Vec<EntryId>,
    /// The section (or, for sections, the home page) listing this entry.
    pub parent: Option<EntryId>,
    /// For guidelines and contacts: the projects that name it, in order.
    pub referenced_by: Vec<EntryId>,
    /// Languages it is left untranslated in on purpose (`untranslated`).
    pub untranslated: Vec<Lang>,
    /// The image shown with it (`image:` in the original).
    pub image: Option<EntryImage>,
}

/// The image of an entry (`image:` in its original's front matter): each
/// language's page describes it (`image_alt`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryImage {
    /// The destination as written, relative to the original's file.
    pub written: String,
    /// Where the value stands in the original's file.
    pub span: std::ops::Range<usize>,
    /// The image's content path, once resolved (`None`: it was refused,
    /// with an error).
    pub path: Option<String>,
}

/// Language-neutral data by kind, references resolved.
#[derive(Debug, Clone)]
pub enum EntryData {
    /// Home, section, plain page.
    Page,
    /// A guideline.
    Guideline {
        /// Its number.
        ordinal: u32,
    },
    /// A project.
    Project {
        /// Duration.
        duration: Option<Duration>,
        /// The contact entry.
        contact: EntryId,
        /// Guideline entries it serves.
        guidelines: Vec<EntryId>,
        /// Status.
        status: Option<Status>,
        /// The fields shown as written (`districts`, …).
        shared: ProjectShared,
    },
    /// A contact.
    Contact {
        /// The fields shown as written (`name`, …).
        shared: ContactShared,
        /// Street.
        street: String,
        /// Postal code.
        postal_code: String,
        /// Email.
        email: String,
        /// Phone.
        phone: String,
        /// Regular opening hours.
        hours: Vec<OpeningHours>,
        /// Languages spoken (codes).
        languages: Vec<String>,
    },
    /// The accessibility statement.
    Accessibility(Box<Statement>),
    /// An edition of the concept.
    Edition {
        /// When it was adopted (`None` only while in preparation).
        adopted: Option<PartialDate>,
        /// Its status.
        status: EditionStatus,
        /// Where its text is.
        source: EditionSource,
        /// The edition it replaced.
        supersedes: Option<EntryId>,
    },
    /// An indicator.
    Indicator(Box<Indicator>),
}

/// An edition (Fortschreibung) of the concept: an entry of
/// `fortschreibungen/`, listed in [`Site::editions`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    /// Its original (default-language) page.
    pub page: PageId,
    /// Its entry.
    pub entry: EntryId,
    /// Its id: the file name (`konzept-2007`).
    pub id: Slug,
    /// When it was adopted (`None` only while in preparation).
    pub adopted: Option<PartialDate>,
    /// Its status.
    pub status: EditionStatus,
    /// Where its text is.
    pub source: EditionSource,
    /// The edition it replaced.
    pub supersedes: Option<EntryId>,
}

/// An indicator's language-neutral parts (the text parts are each page's
/// `KindText`).
#[derive(Debug, Clone)]
pub struct Indicator {
    /// The unit of its values.
    pub unit: Unit,
    /// Which way is better.
    pub direction: Direction,
    /// Target value and year.
    pub target: Option<Target>,
    /// The guideline entries it measures.
    pub guidelines: Vec<EntryId>,
    /// Whether its data are an example.
    pub example: bool,
    /// Its data (empty: they will follow).
    pub table: Table,
    /// Its data file, if it has one (`indikatoren/<id>.csv`).
    pub csv: Option<ContentPath>,
}

/// The accessibility statement's language-neutral parts, as its original
/// sets them (the text parts are each page's `KindText`).
#[derive(Debug, Clone)]
pub struct Statement {
    /// The fields shown as written (`standards`).
    pub shared: AccessibilityShared,
    /// Conformity status.
    pub status: Conformity,
    /// Day of the evaluation.
    pub evaluated_on: PartialDate,
    /// Evaluation method.
    pub method: Method,
    /// E-mail for reports of barriers: the footer's "report a barrier".
    pub feedback_email: String,
    /// Phone for reports of barriers.
    pub feedback_phone: Option<String>,
    /// The enforcement body's web address (`None`: not known).
    pub enforcement_url: Option<String>,
    /// Day the statement was prepared.
    pub prepared_on: PartialDate,
    /// Day it was last reviewed.
    pub reviewed_on: Option<PartialDate>,
}

/// One language file of an entry.
#[derive(Debug, Clone)]
pub struct Page {
    /// Its index.
    pub id: PageId,
    /// Its entry.
    pub entry: EntryId,
    /// Its language.
    pub lang: Lang,
    /// Its file.
    pub file: FileId,
    /// Its path in `content/`.
    pub path: ContentPath,
    /// Its URL slug in its language.
    pub slug: Slug,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: Option<String>,
    /// The title's language when it is not [`Page::lang`] (`title_lang`).
    pub title_lang: Option<Lang>,
    /// When it last changed (`None` only if nothing says so).
    pub last_change: Option<LastChange>,
    /// Text fields of its kind.
    pub text: KindText,
    /// The body.
    pub body: Markdown,
    /// `body.links` resolved, same order.
    pub links: Vec<LinkTarget>,
    /// Where its front-matter keys stand.
    pub spans: KeySpans,
    /// Its old paths (`aliases:`), each redirecting to it.
    pub aliases: Vec<crate::parse::Alias>,
    /// This language's alt text for the entry's image (`image_alt`).
    pub image_alt: Option<crate::parse::Alt>,
}

/// When a page last changed, and how konzept knows (docs/design.md: the last
/// git commit touching the file, else its front-matter `updated`, else the
/// file's modification time).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LastChange {
    /// The calendar day.
    pub date: PartialDate,
    /// The moment, if known to the second (git, file time).
    pub at: Option<Timestamp>,
    /// Where it comes from.
    pub source: ChangeSource,
}

/// Where a [`LastChange`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeSource {
    /// The last commit touching the file.
    Git,
    /// The file's `updated` field.
    FrontMatter,
    /// The file's modification time.
    FileTime,
}

impl LastChange {
    /// The last change of a file from what `load` and `parse` found.
    pub fn of(
        committed: Option<Timestamp>,
        updated: Option<PartialDate>,
        modified: Option<Timestamp>,
    ) -> Option<LastChange> {
        if let Some(t) = committed {
            return Some(LastChange {
                date: t.date(),
                at: Some(t),
                source: ChangeSource::Git,
            });
        }
        if let Some(date) = updated {
            return Some(LastChange {
                date,
                at: None,
                source: ChangeSource::FrontMatter,
            });
        }
        modified.map(|t| LastChange {
            date: t.date(),
            at: Some(t),
            source: ChangeSource::FileTime,
        })
    }

    /// Whether this change is known to come after `other`. File times say
    /// when a file was copied or checked out, not when its text changed, so
    /// they never make a translation look outdated.
    pub fn is_after(&self, other: &LastChange) -> bool {
        if self.source == ChangeSource::FileTime || other.source == ChangeSource::FileTime {
            return false;
        }
        match (self.at, other.at) {
            (Some(a), Some(b)) => a.seconds > b.seconds,
            _ => self.date > other.date,
        }
    }

    /// RFC 3339, for feeds and sitemaps.
    pub fn rfc3339(&self) -> String {
        match self.at {
            Some(t) => t.rfc3339(),
            None => self.date.rfc3339(),
        }
    }
}

/// The site: every entry and page, the URL of each entry in each language,
/// and the UI strings.
#[derive(Debug)]
pub struct Site {
    /// Entries, sorted by content path of their original.
    pub entries: Vec<Entry>,
    /// Pages, sorted by content path.
    pub pages: Vec<Page>,
    /// The home page entry.
    pub home: EntryId,
    /// Configured languages, in order.
    pub languages: Vec<Lang>,
    /// The default language.
    pub default_lang: Lang,
    /// The missing-translation policy.
    pub fallback: bool,
    /// Site-relative URL path of each entry per language (`None`: omitted).
    pub(super) urls: Vec<Vec<Option<String>>>,
    /// The main navigation entries.
    pub menu: Vec<EntryId>,
    /// The footer link entries.
    pub footer: Vec<EntryId>,
    /// The footer contact entry.
    pub contact: Option<EntryId>,
    /// The entries the full-text page assembles, in order (empty: no
    /// full-text page).
    pub full_text: Vec<EntryId>,
    /// URL paths of the pages konzept generates itself, per language.
    pub(super) generated: Vec<Generated>,
    /// The editions, oldest adopted first (empty: no `fortschreibungen/`).
    pub(super) editions: Vec<Edition>,
    /// When each page file changed, from git (sites with editions only).
    pub histories: crate::load::Histories,
    /// UI strings per language.
    pub ui: UiStrings,
    /// The archived editions read from git, each a site of its own
    /// (`archive.rs`; empty in an archived edition's own site).
    pub archives: Vec<Archive>,
    /// The images of `content/`, encoded (empty until
    /// [`attach_images`](super::attach_images) runs).
    pub images: super::images::Images,
    /// For originals whose last commit changed no translated text: the
    /// last commit that did (`outdated.rs`), by page.
    pub(super) text_changes: HashMap<PageId, TextChange>,
}

/// When an original's translated text (body, text fields) last changed,
/// found for one [`LastChange`] of the page: an edit since (`serve`)
/// makes it void.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextChange {
    /// The page's last change it was found for.
    pub of: LastChange,
    /// The last commit that changed the text, older than `of`.
    pub text: LastChange,
}

/// An archived edition (issue 17): its `content/` as a git revision has
/// it, assembled leniently as a site of its own whose URLs lie below the
/// edition's page, rendered with today's theme and config.
#[derive(Debug)]
pub struct Archive {
    /// The edition's entry in the current site.
    pub edition: EntryId,
    /// The revision as the edition names it (`konzept-2007`, a commit id).
    pub revision: String,
    /// The commit it names (full hex).
    pub commit: String,
    /// When the edition was adopted, if known.
    pub adopted: Option<PartialDate>,
    /// Today's config as the edition's pages use it (no search, no full
    /// text; only the menu and footer ids the edition has).
    pub config: crate::config::Config,
    /// The edition's pages; every URL below the edition's page
    /// (`de/fortschreibungen/<id>/text/…`).
    pub site: Site,
    /// Its files: each page's text as the revision has it (where a field
    /// was dropped, as read).
    pub sources: crate::load::Sources,
    /// For each of its entries (by index), the entry of the current site
    /// with the same content path, or else the one whose `aliases` name
    /// the entry's old URL.
    pub current: Vec<Option<EntryId>>,
}

impl Site {
    /// An entry.
    pub fn entry(&self, id: EntryId) -> &Entry {
        &self.entries[id.index()]
    }

    /// A page.
    pub fn page(&self, id: PageId) -> &Page {
        &self.pages[id.index()]
    }

    /// The page of `entry` written in `lang`, if there is a translation.
    pub fn translation(&self, entry: EntryId, lang: &Lang) -> Option<PageId> {
        self.entry(entry)
            .translations
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, p)| *p)
    }

    /// The original (default-language) page of an entry.
    pub fn original(&self, entry: EntryId) -> PageId {
        self.translation(entry, &self.default_lang)
            .expect("model invariant: every entry has a default-language page")
    }

    /// What a reader of `lang` gets for `entry`: its translation, or the
    /// original when the policy is `fallback` (`true` = fallback), or nothing.
    pub fn page_for(&self, entry: EntryId, lang: &Lang) -> Option<(PageId, bool)> {
        match self.translation(entry, lang) {
            Some(p) => Some((p, false)),
            None if self.fallback => Some((self.original(entry), true)),
            None => None,
        }
    }

    /// Site-relative URL path of `entry` in `lang` (`de/projekte/ibis/`), or
    /// `None` if it is not published in that language.
    pub fn url(&self, entry: EntryId, lang: &Lang) -> Option<&str> {
        let i = self.lang_index(lang);
        self.urls[entry.index()][i].as_deref()
    }

    /// Where a link to `entry` from a page read in `lang` goes: its page in
    /// that language, or else the original.
    pub fn link_url<'a>(&'a self, entry: EntryId, lang: &'a Lang) -> (&'a str, &'a Lang) {
        match self.url(entry, lang) {
            Some(u) => (u, lang),
            None => (
                self.url(entry, &self.default_lang)
                    .expect("model invariant: every entry is published in the default language"),
                &self.default_lang,
            ),
        }
    }

    /// The full-text page's URL path in `lang`, if the site has one.
    pub fn full_text_url(&self, lang: &Lang) -> Option<&str> {
        self.generated[self.lang_index(lang)].full_text.as_deref()
    }

    /// The search page's URL path in `lang`, if the site has search.
    pub fn search_url(&self, lang: &Lang) -> Option<&str> {
        self.generated[self.lang_index(lang)].search.as_deref()
    }

    /// The image-credits page's URL path in `lang` (`credits_slug`); the
    /// page exists only on a site with images.
    pub fn credits_url(&self, lang: &Lang) -> Option<&str> {
        self.generated[self.lang_index(lang)].credits.as_deref()
    }

    /// The prefix below which the history pages of `lang` live
    /// (`de/verlauf/`), on sites with editions.
    pub fn history_prefix(&self, lang: &Lang) -> Option<&str> {
        self.generated[self.lang_index(lang)].history.as_deref()
    }

    /// The URL of the history page of `entry` in `lang`
    /// (`de/verlauf/projekte/ibis/`: the history prefix and the page's own
    /// URL after its language), on sites with editions.
    pub fn history_url(&self, entry: EntryId, lang: &Lang) -> Option<String> {
        let prefix = self.history_prefix(lang)?;
        let url = self.url(entry, lang)?;
        let rest = url.strip_prefix(lang.as_str())?.trim_start_matches('/');
        Some(format!("{prefix}{rest}"))
    }

    /// The editions of the concept, oldest adopted first (those in
    /// preparation, without a date, last); empty if the site has none.
    pub fn editions(&self) -> &[Edition] {
        &self.editions
    }

    /// The edition whose text is this site's content (`source: current`),
    /// if the site declares editions.
    pub fn current_edition(&self) -> Option<&Edition> {
        self.editions
            .iter()
            .find(|e| e.source == EditionSource::Current)
    }

    /// The edition that is `entry`, if it is one.
    pub fn edition(&self, entry: EntryId) -> Option<&Edition> {
        self.editions.iter().find(|e| e.entry == entry)
    }

    /// For a translation whose original's text changed after it: the
    /// original's last change of what translators translate (the page
    /// shows a notice that it may be outdated). A commit that changed only
    /// neutral or per-file fields of the original does not count.
    pub fn outdated_by(&self, page: PageId) -> Option<&LastChange> {
        let page = self.page(page);
        if page.lang == self.default_lang {
            return None;
        }
        let id = self.original(page.entry);
        let (theirs, ours) = (
            self.page(id).last_change.as_ref()?,
            page.last_change.as_ref()?,
        );
        let theirs = match self.text_changes.get(&id) {
            Some(change) if change.of == *theirs => &change.text,
            _ => theirs,
        };
        theirs.is_after(ours).then_some(theirs)
    }

    fn lang_index(&self, lang: &Lang) -> usize {
        self.languages
            .iter()
            .position(|l| l == lang)
            .expect("languages come from the config")
    }
}

/// What an internal Markdown link points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Another page (in the reader's language when rendered), maybe an anchor in it.
    Entry {
        /// The entry.
        entry: EntryId,
        /// The `#fragment`, without `#`.
        anchor: Option<String>,
    },
    /// A non-Markdown file in `content/`.
    Asset {
        /// Its content path, as on disk.
        path: String,
        /// The `#fragment` (`page=2`), without `#`, decoded.
        fragment: Option<String>,
    },
    /// An anchor in the same page (`""`: its top).
    Anchor(String),
    /// Could not be resolved (an error was reported; the build fails).
    Broken,
}

/// The generated pages of one language.
#[derive(Debug, Clone, Default)]
pub(super) struct Generated {
    /// The full-text page (`de/volltext/`).
    pub(super) full_text: Option<String>,
    /// The search page (`de/suche/`).
    pub(super) search: Option<String>,
    /// The prefix of the page histories (`de/verlauf/`), on sites with
    /// editions.
    pub(super) history: Option<String>,
    /// The image-credits page (`de/bildnachweis/`), used on sites with
    /// images.
    pub(super) credits: Option<String>,
}
