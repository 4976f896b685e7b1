//! The template context: typed views that borrow from the [`Site`].
//!
//! **These field names are the theme API** (overview with an example in
//! `docs/theme-api.md`); change them only with a changelog entry. Every
//! string is plain text that Tera escapes, except [`PageView::content`],
//! which is HTML. Site-wide values per language ([`Globals`]: `t`, `site`,
//! `footer`) are put into each language's Tera instance once and shared by
//! every page; the rest ([`PageContext`]) is built per page and stays small.

use std::collections::BTreeMap;

use serde::Serialize;

pub use super::date_view::DateView;
use super::indicator::Words;
pub use super::indicator::{IndicatorSummary, IndicatorView};
use crate::config::BaseUrl;
use crate::ids::Lang;
use crate::model::{EntryData, EntryId, Page, Site};
use crate::parse::Heading;
use crate::parse::kinds::Duration;
use crate::parse::kinds::{ContactShared, ContactText, GuidelineText, ProjectShared, ProjectText};

/// Values shared by every page of one language.
#[derive(Debug, Serialize)]
pub struct Globals<'a> {
    /// UI strings of the language, complete (missing keys filled from the default).
    pub t: &'a BTreeMap<String, String>,
    /// Site-wide values.
    pub site: SiteView,
    /// Footer contents.
    pub footer: FooterView<'a>,
}

/// Site-wide values of one language.
#[derive(Debug, Serialize)]
pub struct SiteView {
    /// The `site_title` UI string.
    pub title: String,
    /// Path prefix of every URL (`/`).
    pub base_path: String,
    /// This language's home page.
    pub home_url: String,
    /// The theme's stylesheet (`assets/style.<hash>.css`).
    pub stylesheet: String,
    /// The URL of every file in the theme's `static/`, by its name there
    /// (`site.assets["search.js"]`); CSS and JS names carry a content hash.
    pub assets: BTreeMap<String, String>,
    /// This language's search page, if the site has search.
    pub search_url: Option<String>,
    /// This language's full-text page, if the site has one.
    pub full_text_url: Option<String>,
    /// This language's image-credits page, if the site has images.
    pub credits_url: Option<String>,
    /// Its title ("Bildnachweis").
    pub credits_title: std::borrow::Cow<'static, str>,
    /// This language's Atom feed, if the site has an absolute base URL.
    pub feed_url: Option<String>,
    /// The Content-Security-Policy every page declares (meta tag).
    pub csp: &'static str,
    /// `konzept <version>`.
    pub generator: &'static str,
    /// The site's own stylesheet (`site.yaml` `stylesheet`), to link after
    /// the theme's.
    pub own_stylesheet: Option<String>,
    /// The site's logo (`site.yaml` `logo`) with its alt text in this language.
    pub logo: Option<super::theme_settings::LogoView>,
    /// The site's icon (`site.yaml` `favicon`), instead of the theme's.
    pub favicon: Option<super::theme_settings::IconView>,
}

/// The footer.
#[derive(Debug, Serialize)]
pub struct FooterView<'a> {
    /// The site's contact (`site.yaml` `contact`), if set: the default
    /// theme's footer names it and links its page (the card itself is in
    /// the content of that page and of the projects it is the contact for).
    pub contact: Option<ContactCard<'a>>,
    /// Links to Impressum, Datenschutz, … (`site.yaml` `footer`).
    pub links: Vec<NavItem<'a>>,
}

/// The context of one page template.
#[derive(Debug, Serialize)]
pub struct PageContext<'a> {
    /// The reader's language: `<html lang>`, UI strings, navigation.
    pub lang: &'a Lang,
    /// The language of the content (differs from `lang` on fallback pages).
    pub content_lang: &'a Lang,
    /// Whether the content is the default-language original shown for a
    /// missing translation.
    pub is_fallback: bool,
    /// The page itself.
    pub page: PageView<'a>,
    /// This page in every language it is published in, in `site.yaml` order.
    pub translations: Vec<TranslationLink<'a>>,
    /// `<link rel="alternate" hreflang>` targets: every real translation
    /// (this page among them), then `x-default`. Empty on fallback pages,
    /// `noindex` pages (404, search) and without an absolute base URL.
    pub alternates: Vec<Alternate>,
    /// From the home page down to the parent (the current page not included).
    pub breadcrumbs: Vec<NavItem<'a>>,
    /// The main navigation.
    pub nav: Vec<NavItem<'a>>,
    /// Set on guideline pages.
    pub guideline: Option<GuidelineView<'a>>,
    /// Set on project pages.
    pub project: Option<ProjectView<'a>>,
    /// Set on contact pages.
    pub contact: Option<ContactView<'a>>,
    /// Set on indicator pages.
    pub indicator: Option<IndicatorPageView<'a>>,
    /// Set on the accessibility statement's pages.
    pub accessibility: Option<super::statement::StatementView<'a>>,
    /// The footer's "report a barrier" `mailto:` link, its subject and body
    /// carrying this page's URL and language (`None`: the site has no
    /// accessibility statement).
    pub report_barrier: Option<String>,
    /// Set on section pages.
    pub section: Option<SectionView<'a>>,
    /// Set on an edition's pages.
    pub edition: Option<super::edition_view::EditionView<'a>>,
    /// On the editions section's pages: every edition, newest first.
    pub editions: Vec<super::edition_view::EditionView<'a>>,
    /// The edition this page's content belongs to (the site's `source:
    /// current` edition), on every entry page but the editions' own; `None`
    /// without editions.
    pub edition_note: Option<super::edition_view::EditionLink<'a>>,
    /// On a page history: the page, the editions it is in, the dates it
    /// changed (docs/editions.md § Page histories).
    pub history: Option<super::text_views::HistoryView<'a>>,
    /// The page's history, on sites with editions.
    pub history_url: Option<String>,
    /// On a comparison page: the two versions and what changed.
    pub compare: Option<Box<super::text_views::CompareView<'a>>>,
    /// On the editions section's page: per edition, the pages added,
    /// removed and changed since the one before.
    pub edition_changes: Vec<super::text_views::EditionChanges<'a>>,
    /// Set on the home page.
    pub home: Option<HomeView<'a>>,
    /// Set on a translation whose original changed after it.
    pub outdated: Option<OutdatedView>,
    /// schema.org data as JSON (contact pages), for a
    /// `<script type="application/ld+json">`; already safe to print there.
    pub json_ld: Option<String>,
    /// Set on the full-text page.
    pub full_text: Option<FullTextView<'a>>,
    /// Set on the pages of an archived edition: its notice.
    pub archived: Option<ArchivedView>,
}

/// What an archived page's notice says (`archived` in the page context;
/// `None` on every current page).
#[derive(Debug, Serialize)]
pub struct ArchivedView {
    /// The edition's title in the reader's language.
    pub edition_title: String,
    /// The edition's page in the current site.
    pub edition_url: String,
    /// When the edition was adopted, if known.
    pub adopted: Option<DateView>,
    /// The same page in the current edition, or else the list of editions.
    pub current_url: String,
    /// Whether `current_url` is the same page (`false`: the editions list).
    pub current_is_page: bool,
    /// What changed in the page in the next edition, if it changed.
    pub compare_url: Option<String>,
}

/// A translation that may be outdated: its original changed after it.
#[derive(Debug, Serialize)]
pub struct OutdatedView {
    /// When the original last changed.
    pub original_updated: DateView,
    /// The original's URL.
    pub original_url: String,
    /// The original's language.
    pub original_lang: String,
}

/// The page being rendered.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// `home`, `section`, `guideline`, `project`, `contact`, `page`,
    /// `full_text`, `search` or `not_found`.
    pub kind: &'static str,
    /// Title (typography applied).
    pub title: std::borrow::Cow<'a, str>,
    /// The title's language when it is not the page's (front matter
    /// `title_lang`): the element holding only the title gets `lang`.
    pub title_lang: Option<&'a Lang>,
    /// Summary, if any.
    pub summary: Option<&'a str>,
    /// The meta description: the summary, else the site's description;
    /// the generated pages' own (`not_found_description`, …).
    pub description: std::borrow::Cow<'a, str>,
    /// Its URL path (`/fr/projets/ibis/`).
    pub url: String,
    /// Its absolute URL (with `--base-url`), else the same as `url`.
    pub permalink: String,
    /// The absolute canonical URL: `permalink`, or the original's for a
    /// fallback page; `None` on `noindex` pages (404, search) and without an
    /// absolute base URL (a relative canonical is worse than none).
    pub canonical: Option<String>,
    /// The body as HTML.
    pub content: String,
    /// Headings h2–h3 as a tree (titles are plain text).
    pub toc: Vec<TocEntry<'a>>,
    /// Date of the last change (git commit, else front matter `updated`,
    /// else file time).
    pub updated: Option<DateView>,
    /// The entry's image (`image:` in front matter), if it has one.
    pub image: Option<ImageView>,
}

/// An entry's image, ready to show at the top of its page.
#[derive(Debug, Serialize)]
pub struct ImageView {
    /// The `<picture>` (an `<img>` for an SVG) with its alt text in the
    /// page's language; already escaped.
    pub html: String,
    /// Its author and licence from its credits file, if it has one.
    pub credit: Option<String>,
    /// Its entry on the image-credits page.
    pub credit_url: Option<String>,
}

/// A table-of-contents entry.
#[derive(Debug, Serialize)]
pub struct TocEntry<'a> {
    /// Heading level (2 or 3).
    pub level: u8,
    /// The heading's id.
    pub id: &'a str,
    /// The heading's text (plain text).
    pub title: &'a str,
    /// Sub-headings.
    pub children: Vec<TocEntry<'a>>,
}

/// One entry of the language switch.
#[derive(Debug, Serialize)]
pub struct TranslationLink<'a> {
    /// Language code.
    pub lang: &'a Lang,
    /// The language's own name ("Français").
    pub name: &'static str,
    /// The page in that language.
    pub url: String,
    /// Whether this is the page being read.
    pub is_current: bool,
    /// Whether that language shows the default-language original.
    pub is_fallback: bool,
}

/// A `hreflang` alternate.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    /// Language code or `x-default`.
    pub hreflang: String,
    /// Absolute URL when a base URL with origin is set.
    pub href: String,
}

/// A link in navigation, breadcrumbs or the footer.
#[derive(Debug, Serialize)]
pub struct NavItem<'a> {
    /// Title in the reader's language (or the original's).
    pub title: &'a str,
    /// The title's language when it is not the reader's (front matter
    /// `title_lang`, or the original's language on a fallback): the
    /// element holding only the title gets `lang`.
    pub title_lang: Option<&'a Lang>,
    /// URL.
    pub url: String,
    /// Whether the current page is this item or below it.
    pub is_active: bool,
}

/// A link to an entry with its summary, for lists.
#[derive(Debug, Serialize)]
pub struct Card<'a> {
    /// Title.
    pub title: &'a str,
    /// The title's language when it is not the page's (front matter
    /// `title_lang`): the element holding only the title gets `lang`.
    pub title_lang: Option<&'a Lang>,
    /// URL in the reader's language (or the original's if omitted).
    pub url: String,
    /// Summary.
    pub summary: Option<&'a str>,
    /// A guideline's number.
    pub ordinal: Option<u32>,
    /// The language of title and summary (differs for fallbacks).
    pub lang: &'a Lang,
    /// An indicator's latest value and trend.
    pub indicator: Option<IndicatorSummary>,
    /// The entry's image (`image:`) at the size of a card, with its alt
    /// text; already escaped.
    pub image: Option<String>,
}

/// A contact, ready to print.
#[derive(Debug, Serialize)]
pub struct ContactCard<'a> {
    /// Title of the contact page.
    pub title: &'a str,
    /// The title's language when it is not the page's (front matter
    /// `title_lang`): the element holding only the title gets `lang`.
    pub title_lang: Option<&'a Lang>,
    /// URL of the contact page.
    pub url: String,
    /// Language of the texts (differs for fallbacks).
    pub lang: &'a Lang,
    /// Its text fields (`organisation`, `unit`, `city`, `opening_hours`,
    /// …), by their names.
    #[serde(flatten)]
    pub text: &'a ContactText,
    /// Its language-neutral fields shown as written (`name`: a person, …),
    /// by their names.
    #[serde(flatten)]
    pub shared: &'a ContactShared,
    /// Street.
    pub street: &'a str,
    /// Postal code.
    pub postal_code: &'a str,
    /// Email.
    pub email: &'a str,
    /// `mailto:` link.
    pub email_href: String,
    /// Phone as written.
    pub phone: &'a str,
    /// `tel:` link (digits only).
    pub phone_href: String,
    /// Regular opening hours, one line each in the reader's language
    /// ("Montag bis Freitag, 8:30–12:00 Uhr").
    pub hours: Vec<String>,
    /// Languages spoken.
    pub languages: Vec<LanguageName<'a>>,
    /// The contact as a vCard file (`.vcf`) in this language.
    pub vcard_url: String,
}

impl ContactCard<'_> {
    /// The organisation (required in every contact file).
    pub fn organisation(&self) -> &str {
        self.text.organisation.as_deref().unwrap_or_default()
    }

    /// The office or department, if set.
    pub fn unit(&self) -> Option<&str> {
        self.text.unit.as_deref()
    }

    /// The city (required in every contact file).
    pub fn city(&self) -> &str {
        self.text.city.as_deref().unwrap_or_default()
    }

    /// A person's name, if set.
    pub fn name(&self) -> Option<&str> {
        self.shared.name.as_deref()
    }

    /// The opening hours as text (a note), if set.
    pub fn opening_hours(&self) -> Option<&str> {
        self.text.opening_hours.as_deref()
    }
}

/// A language and its own name.
#[derive(Debug, Serialize)]
pub struct LanguageName<'a> {
    /// Code, for `lang` attributes.
    pub code: &'a str,
    /// Its own name ("Türkçe").
    pub name: &'static str,
}

/// Guideline-specific values.
#[derive(Debug, Serialize)]
pub struct GuidelineView<'a> {
    /// Its number.
    pub ordinal: u32,
    /// Its text fields (`fields_of_action`, …), by their names.
    #[serde(flatten)]
    pub text: &'a GuidelineText,
    /// Projects serving it.
    pub projects: Vec<Card<'a>>,
    /// Indicators measuring it.
    pub indicators: Vec<Card<'a>>,
}

/// Indicator-specific values.
#[derive(Debug, Serialize)]
pub struct IndicatorPageView<'a> {
    /// Its values and words (`table`, `latest`, `definition`, …), by name.
    #[serde(flatten)]
    pub data: IndicatorView<'a>,
    /// The guidelines it measures.
    pub guidelines: Vec<Card<'a>>,
}

/// Project-specific values.
#[derive(Debug, Serialize)]
pub struct ProjectView<'a> {
    /// Its text fields (`goal`, `participants`, `costs`, `funding`, …), by
    /// their names.
    #[serde(flatten)]
    pub text: &'a ProjectText,
    /// Duration, if known.
    pub duration: Option<DurationView>,
    /// Status, if known.
    pub status: Option<StatusView<'a>>,
    /// Its language-neutral fields shown as written (`districts`, …), by
    /// their names.
    #[serde(flatten)]
    pub shared: &'a ProjectShared,
    /// Guidelines it serves.
    pub guidelines: Vec<Card<'a>>,
    /// Its contact.
    pub contact: ContactCard<'a>,
}

/// A project's duration, localised.
#[derive(Debug, Serialize)]
pub struct DurationView {
    /// Start date.
    pub start: Option<String>,
    /// End date.
    pub end: Option<String>,
    /// Whether it goes on.
    pub is_ongoing: bool,
    /// One phrase ("seit Dezember 2007 (laufend)", "2008 – 2012").
    pub display: String,
}

/// A project status.
#[derive(Debug, Serialize)]
pub struct StatusView<'a> {
    /// `planned`, `running`, `completed`, `ongoing`.
    pub key: &'static str,
    /// Label in the reader's language.
    pub label: &'a str,
}

/// Contact-specific values.
#[derive(Debug, Serialize)]
pub struct ContactView<'a> {
    /// The contact data.
    pub card: ContactCard<'a>,
    /// Projects it is the contact for.
    pub projects: Vec<Card<'a>>,
}

/// Section-specific values.
#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    /// Its pages, in order.
    pub entries: Vec<Card<'a>>,
}

/// Home-page values.
#[derive(Debug, Serialize)]
pub struct HomeView<'a> {
    /// Every section with its entries.
    pub sections: Vec<HomeSection<'a>>,
}

/// A section on the home page.
#[derive(Debug, Serialize)]
pub struct HomeSection<'a> {
    /// Title.
    pub title: &'a str,
    /// The title's language when it is not the page's (front matter
    /// `title_lang`): the element holding only the title gets `lang`.
    pub title_lang: Option<&'a Lang>,
    /// URL.
    pub url: String,
    /// Summary.
    pub summary: Option<&'a str>,
    /// Its pages.
    pub entries: Vec<Card<'a>>,
}

/// The full-text page: the concept as one document.
#[derive(Debug, Serialize)]
pub struct FullTextView<'a> {
    /// The parts (pages and sections of `site.yaml` `full_text`), in order.
    pub parts: Vec<FullTextPart<'a>>,
}

/// One page in the full-text document; sections carry their pages as children.
#[derive(Debug, Serialize)]
pub struct FullTextPart<'a> {
    /// The `id` of the part's element (unique in the document).
    pub anchor: String,
    /// `section`, `guideline`, `project`, `contact` or `page`.
    pub kind: &'static str,
    /// Title.
    pub title: &'a str,
    /// The title's language when it is not the page's (front matter
    /// `title_lang`): the element holding only the title gets `lang`.
    pub title_lang: Option<&'a Lang>,
    /// Summary.
    pub summary: Option<&'a str>,
    /// The language of title and text (differs for fallbacks).
    pub lang: &'a Lang,
    /// The page on its own.
    pub url: String,
    /// The body as HTML: headings moved below the part's own heading, ids
    /// prefixed with `anchor`, links to other parts turned into anchors.
    pub content: String,
    /// A guideline's number.
    pub ordinal: Option<u32>,
    /// A project's record.
    pub project: Option<ProjectView<'a>>,
    /// A contact's data.
    pub contact: Option<ContactCard<'a>>,
    /// An indicator's values and words.
    pub indicator: Option<IndicatorPageView<'a>>,
    /// A project's contact whose card is printed elsewhere in the document:
    /// the card's fragment (`#kontakte-zib`); the project names and links it.
    pub contact_link: Option<String>,
    /// A project's contact whose card is printed here, the first mention of
    /// a contact the document does not include: the card's `id`.
    pub contact_id: Option<String>,
    /// A section's pages.
    pub children: Vec<FullTextPart<'a>>,
}

/// Builds views for one reader language.
pub struct Views<'a> {
    /// The site.
    pub site: &'a Site,
    /// URL prefix and origin.
    pub base: &'a BaseUrl,
    /// The reader's language.
    pub lang: &'a Lang,
}

impl<'a> Views<'a> {
    /// A card for an entry.
    pub fn card(&self, entry: EntryId) -> Card<'a> {
        let page = self.shown(entry);
        Card {
            title: &page.title,
            title_lang: page.title_lang.as_ref(),
            url: self.base.href(self.site.link_url(entry, self.lang).0),
            summary: page.summary.as_deref(),
            ordinal: match self.site.entry(entry).data {
                EntryData::Guideline { ordinal } => Some(ordinal),
                _ => None,
            },
            lang: &page.lang,
            indicator: match &self.site.entry(entry).data {
                EntryData::Indicator(ind) => {
                    Some(Words::new(&self.site.ui, self.lang).summary(ind))
                }
                _ => None,
            },
            image: page.image_alt.as_ref().and_then(|alt| {
                super::picture::entry_image(
                    self.site,
                    entry,
                    alt,
                    self.base,
                    super::picture::CARD_SIZES,
                    true,
                )
            }),
        }
    }

    /// Cards for a list of entries.
    pub fn cards(&self, entries: &[EntryId]) -> Vec<Card<'a>> {
        entries.iter().map(|e| self.card(*e)).collect()
    }

    /// The page of `entry` a reader of this language sees (translation, or
    /// the original).
    pub fn shown(&self, entry: EntryId) -> &'a Page {
        let site = self.site;
        site.page(
            site.translation(entry, self.lang)
                .unwrap_or_else(|| site.original(entry)),
        )
    }

    /// A navigation item.
    pub fn nav_item(&self, entry: EntryId, current: Option<EntryId>) -> NavItem<'a> {
        let is_active = current.is_some_and(|c| c == entry || self.parent(c) == Some(entry));
        let page = self.shown(entry);
        NavItem {
            title: &page.title,
            // A fallback's title is in the original's language.
            title_lang: page
                .title_lang
                .as_ref()
                .or((page.lang != *self.lang).then_some(&page.lang)),
            url: self.base.href(self.site.link_url(entry, self.lang).0),
            is_active,
        }
    }

    /// The section entry an entry lives in (not the home page).
    pub fn parent(&self, entry: EntryId) -> Option<EntryId> {
        let parent = self.site.entry(entry).parent?;
        (parent != self.site.home).then_some(parent)
    }

    /// A localised date.
    pub fn date(&self, date: &crate::dates::PartialDate) -> DateView {
        DateView {
            iso: date.iso(),
            display: date.display(self.lang.as_str()),
        }
    }

    /// A project's duration, localised.
    pub fn duration(&self, d: &Duration) -> DurationView {
        let t = |key: &str| self.site.ui.get(self.lang, key);
        let start = d.start.map(|s| s.display(self.lang.as_str()));
        let end = d.end.map(|e| e.display(self.lang.as_str()));
        let mut display = match (&start, &end) {
            (Some(s), Some(e)) => format!("{s} – {e}"),
            (Some(s), None) => format!("{} {s}", t("duration_since")),
            (None, Some(e)) => format!("{} {e}", t("duration_until")),
            (None, None) => String::new(),
        };
        if d.ongoing {
            display = if display.is_empty() {
                t("duration_ongoing").to_owned()
            } else {
                format!("{display} ({})", t("duration_ongoing"))
            };
        }
        DurationView {
            start,
            end,
            is_ongoing: d.ongoing,
            display,
        }
    }
}

/// `tel:` link from a number as written: keeps a leading `+` and digits.
///
/// ```
/// assert_eq!(konzept::render::tel_href("+49 681 905-1588"), "tel:+496819051588");
/// ```
pub fn tel_href(phone: &str) -> String {
    let mut out = String::from("tel:");
    for (i, c) in phone.trim().chars().enumerate() {
        if c.is_ascii_digit() || (c == '+' && i == 0) {
            out.push(c);
        }
    }
    out
}

/// The table of contents: h2 entries with their h3 children.
pub fn toc(headings: &[Heading]) -> Vec<TocEntry<'_>> {
    let mut out: Vec<TocEntry<'_>> = Vec::new();
    for h in headings.iter().filter(|h| (2..=3).contains(&h.level)) {
        let entry = TocEntry {
            level: h.level,
            id: &h.id,
            title: &h.title,
            children: Vec::new(),
        };
        match out.last_mut() {
            Some(parent) if h.level == 3 => parent.children.push(entry),
            _ => out.push(entry),
        }
    }
    out
}
