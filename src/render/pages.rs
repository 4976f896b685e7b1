//! The HTML pages: one per entry and language, the 404 pages, the language
//! chooser, and the generated full-text and search pages.

use std::borrow::Cow;
use std::sync::Arc;

use super::accessibility::report_href;
use super::contact as contact_data;
use super::context::*;
use super::editions;
use super::full_text::{self, Document};
use super::kinds::{contact, guideline, home, indicator, project};
use crate::config::Config;
use crate::ids::Lang;
use crate::model::{EntryData, EntryId, Page, Site, endonym};
use crate::parse::kinds::Kind;

/// Builds the contexts of the pages: the site and its config.
pub(super) struct Builder<'a> {
    pub(super) site: &'a Site,
    pub(super) config: &'a Config,
    /// The statement's feedback address (`accessibility::feedback_email`).
    pub(super) report_to: Option<&'a str>,
    /// Which pages changed between editions (`changes.rs`).
    pub(super) changes: Arc<super::changes::Changes>,
}

/// The pages konzept generates itself, beside the content's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Generated {
    /// The search page.
    Search,
    /// The full-text document.
    FullText,
}

/// What the theme puts around a page's body, with room to spare, as a
/// first buffer size (docs/speed.md has the figure), so one allocation
/// instead of a doubling series.
pub(super) const PAGE_FRAME: usize = 12 * 1024;

impl<'a> Builder<'a> {
    /// The views for readers of `lang`.
    pub(super) fn views(&self, lang: &'a Lang) -> Views<'a> {
        Views {
            site: self.site,
            base: &self.config.base_url,
            lang,
        }
    }

    /// The output path, page shown and context of the page of `entry` for
    /// readers of `lang`, without the body (`page.content` is empty): the
    /// body is the page's own Markdown with its links filled in, put in when
    /// the page is rendered (`Renderer::render`). `None` if the entry is not
    /// published in `lang`.
    pub(super) fn entry(
        &self,
        entry: EntryId,
        lang: &'a Lang,
    ) -> Option<(String, &'a Page, PageContext<'a>)> {
        let site = self.site;
        let (page_id, is_fallback) = site.page_for(entry, lang)?;
        let page = site.page(page_id);
        let e = site.entry(entry);
        let views = self.views(lang);
        let url = site.url(entry, lang)?;
        let base = &self.config.base_url;
        let shown_lang = if is_fallback {
            &site.default_lang
        } else {
            lang
        };
        let page_view = PageView {
            kind: e.kind.name(),
            title: Cow::Borrowed(&page.title),
            title_lang: page.title_lang.as_ref(),
            summary: page.summary.as_deref(),
            description: Cow::Borrowed(description(page.summary.as_deref(), site, lang)),
            url: base.href(url),
            permalink: base.absolute(url),
            canonical: self.canonical(site.link_url(entry, shown_lang).0),
            content: String::new(),
            toc: toc(&page.body.headings),
            updated: page.last_change.as_ref().map(|c| views.date(&c.date)),
            image: image_view(site, entry, page, lang, base),
        };
        let contact_view = contact(&views, entry);
        let json_ld = match (&contact_view, &e.data) {
            (Some(c), EntryData::Contact { hours, .. }) => Some(contact_data::json_ld(
                &c.card,
                hours,
                base.has_origin().then_some(page_view.permalink.as_str()),
            )),
            _ => None,
        };
        let ctx = PageContext {
            lang,
            content_lang: &page.lang,
            is_fallback,
            translations: self.translations(entry, lang, |l| site.url(entry, l).map(str::to_owned)),
            // A fallback page is canonical to the original and claims no
            // alternates of its own (docs/readers.md § Search engines).
            alternates: if is_fallback {
                Vec::new()
            } else {
                self.alternates(entry)
            },
            breadcrumbs: self.breadcrumbs(&views, Some(entry)),
            nav: site
                .menu
                .iter()
                .map(|m| views.nav_item(*m, Some(entry)))
                .collect(),
            guideline: guideline(&views, entry, page),
            project: project(&views, entry, page),
            contact: contact_view,
            indicator: indicator(&views, entry, page, "indicator-chart"),
            accessibility: views.statement(entry),
            report_barrier: report_href(site, self.report_to, lang, &page_view.permalink),
            section: (e.kind == Kind::Section).then(|| SectionView {
                entries: views.cards(&e.children),
            }),
            home: (e.kind == Kind::Home).then(|| home(&views, entry)),
            edition: editions::edition(&views, entry),
            editions: editions::list(&views, entry),
            edition_note: editions::note(&views, entry),
            history: None,
            history_url: site.history_url(entry, lang).map(|u| base.href(&u)),
            compare: None,
            edition_changes: if editions::list_here(e) {
                self.edition_changes(lang)
            } else {
                Vec::new()
            },
            outdated: self.outdated(page, &views),
            json_ld,
            full_text: None,
            archived: None,
            page: page_view,
        };
        Some((format!("{url}index.html"), page, ctx))
    }

    /// The notice data for a translation whose original changed after it.
    fn outdated(&self, page: &Page, views: &Views<'a>) -> Option<OutdatedView> {
        let site = self.site;
        let change = site.outdated_by(page.id)?;
        Some(OutdatedView {
            original_updated: views.date(&change.date),
            original_url: self
                .config
                .base_url
                .href(site.link_url(page.entry, &site.default_lang).0),
            original_lang: site.default_lang.to_string(),
        })
    }

    /// The language switch: this page in every language it is published in.
    pub(super) fn translations(
        &self,
        entry: EntryId,
        current: &Lang,
        url: impl Fn(&Lang) -> Option<String>,
    ) -> Vec<TranslationLink<'a>> {
        self.config
            .languages
            .iter()
            .filter_map(|l| {
                let u = url(l)?;
                Some(TranslationLink {
                    lang: l,
                    name: endonym(l.as_str()).unwrap_or(""),
                    url: self.config.base_url.href(&u),
                    is_current: l == current,
                    is_fallback: self.site.translation(entry, l).is_none(),
                })
            })
            .collect()
    }

    /// Home, then the section; `None` for pages outside the content.
    fn breadcrumbs(&self, views: &Views<'a>, entry: Option<EntryId>) -> Vec<NavItem<'a>> {
        let site = self.site;
        if entry == Some(site.home) {
            return Vec::new();
        }
        let mut crumbs = vec![NavItem {
            title: site.ui.get(views.lang, "home"),
            title_lang: None,
            url: self
                .config
                .base_url
                .href(site.link_url(site.home, views.lang).0),
            is_active: false,
        }];
        if let Some(parent) = entry.and_then(|e| views.parent(e)) {
            crumbs.push(views.nav_item(parent, None));
        }
        crumbs
    }

    /// The context of a page konzept generates (404, full text, search) in
    /// `lang`; `url_in` is the same page in any language (for the language
    /// switch, and for `hreflang` if the page is indexable).
    pub(super) fn generated_context(
        &self,
        lang: &'a Lang,
        own: GeneratedPage<'a>,
        url_in: impl Fn(&Lang) -> Option<String>,
    ) -> PageContext<'a> {
        let site = self.site;
        let views = self.views(lang);
        let base = &self.config.base_url;
        let GeneratedPage {
            kind,
            title,
            description,
            url,
            indexable,
        } = own;
        PageContext {
            lang,
            content_lang: lang,
            is_fallback: false,
            page: PageView {
                kind,
                title,
                title_lang: None,
                summary: None,
                description,
                url: base.href(&url),
                permalink: base.absolute(&url),
                canonical: if indexable {
                    self.canonical(&url)
                } else {
                    None
                },
                content: String::new(),
                toc: Vec::new(),
                updated: None,
                image: None,
            },
            alternates: if indexable {
                self.generated_alternates(&url_in)
            } else {
                Vec::new()
            },
            translations: self.translations(site.home, lang, url_in),
            breadcrumbs: self.breadcrumbs(&views, None),
            nav: site.menu.iter().map(|m| views.nav_item(*m, None)).collect(),
            guideline: None,
            project: None,
            contact: None,
            indicator: None,
            accessibility: None,
            report_barrier: report_href(site, self.report_to, lang, &base.absolute(&url)),
            section: None,
            home: None,
            edition: None,
            editions: Vec::new(),
            edition_note: None,
            history: None,
            history_url: None,
            compare: None,
            edition_changes: Vec::new(),
            outdated: None,
            json_ld: None,
            full_text: None,
            archived: None,
        }
    }

    /// The context of a 404 page: a language's (`root` false), or the one
    /// at the site's root, in the default language, whose title and
    /// description are in every language (its reader has chosen none yet),
    /// so that they differ from the default language's own.
    pub(super) fn not_found(&self, lang: &'a Lang, root: bool) -> PageContext<'a> {
        let site = self.site;
        let description = |l: &Lang| own_description(site, l, "not_found_description");
        let own = if root {
            let langs = &self.config.languages;
            GeneratedPage {
                kind: "not_found",
                title: Cow::Owned(joined(langs, |l| site.ui.get(l, "not_found_title"))),
                description: Cow::Owned(joined(langs, description)),
                url: "404.html".to_owned(),
                indexable: false,
            }
        } else {
            GeneratedPage {
                kind: "not_found",
                title: Cow::Borrowed(site.ui.get(lang, "not_found_title")),
                description: Cow::Borrowed(description(lang)),
                url: format!("{lang}/404.html"),
                indexable: false,
            }
        };
        self.generated_context(lang, own, |l| Some(format!("{l}/404.html")))
    }

    /// The context of a page konzept generates in every language (the
    /// search page or the full-text document) with its output path, and for
    /// the full text the bodies its markers stand for; `None` if the site
    /// has no such page in `lang`. The search page is `noindex` (and not
    /// disallowed in `robots.txt`, so crawlers see that); the full text is
    /// indexable.
    pub(super) fn generated(
        &self,
        which: Generated,
        lang: &'a Lang,
    ) -> Option<(String, PageContext<'a>, Option<Document>)> {
        let site = self.site;
        // The kind names the UI strings too: `search_title`, `full_text_description`.
        let (url_of, kind): (for<'s> fn(&'s Site, &Lang) -> Option<&'s str>, _) = match which {
            Generated::Search => (Site::search_url, "search"),
            Generated::FullText => (Site::full_text_url, "full_text"),
        };
        let url = url_of(site, lang)?;
        let own = GeneratedPage {
            kind,
            title: Cow::Borrowed(site.ui.get(lang, &format!("{kind}_title"))),
            description: Cow::Borrowed(own_description(site, lang, &format!("{kind}_description"))),
            url: url.to_owned(),
            indexable: which == Generated::FullText,
        };
        let mut ctx = self.generated_context(lang, own, |l| url_of(site, l).map(str::to_owned));
        let mut document = None;
        if which == Generated::FullText {
            let (view, doc) = full_text::view(&self.views(lang));
            ctx.full_text = Some(view);
            ctx.edition_note = editions::current(&self.views(lang));
            document = Some(doc);
        }
        Some((format!("{url}index.html"), ctx, document))
    }

    /// The context of the image-credits page in `lang` with its output
    /// path; `None` for a site without images.
    pub(super) fn credits(&self, lang: &'a Lang) -> Option<(String, PageContext<'a>)> {
        let site = self.site;
        let url = super::credits::url(site, lang)?;
        let own = GeneratedPage {
            kind: "image_credits",
            title: super::credits::title(site, lang),
            description: super::credits::description(site, lang),
            url: url.clone(),
            indexable: false,
        };
        let mut ctx = self.generated_context(lang, own, |l| super::credits::url(site, l));
        ctx.page.content = super::credits::body(site, lang, &self.config.base_url);
        Some((format!("{url}index.html"), ctx))
    }

    /// The context of the language chooser at the site's root.
    pub(super) fn chooser(&self) -> ChooserContext<'a> {
        let site = self.site;
        let choices: Vec<Choice<'_>> = self
            .config
            .languages
            .iter()
            .map(|l| Choice {
                lang: l,
                name: endonym(l.as_str()).unwrap_or(""),
                url: self.config.base_url.href(&format!("{l}/")),
                site_title: site.ui.get(l, "site_title"),
                prompt: site.ui.get(l, "choose_language"),
                description: site.ui.get(l, "site_description"),
            })
            .collect();
        ChooserContext {
            lang: &site.default_lang,
            choices,
            alternates: self.alternates(site.home),
            permalink: self.config.base_url.absolute(""),
            canonical: self.canonical(""),
            report_barrier: report_href(
                site,
                self.report_to,
                &site.default_lang,
                &self.config.base_url.absolute(""),
            ),
        }
    }
}

/// What sets a page konzept generates apart from the others.
pub(super) struct GeneratedPage<'a> {
    /// `not_found`, `search`, `full_text` or `history`.
    pub(super) kind: &'static str,
    pub(super) title: Cow<'a, str>,
    pub(super) description: Cow<'a, str>,
    /// Its site-relative path (`de/404.html`, `de/suche/`).
    pub(super) url: String,
    /// False for a `noindex` page (404, search): it gets neither canonical
    /// URL nor alternates, so it is in no cluster and not in the sitemap.
    pub(super) indexable: bool,
}

/// `text` in every language, joined by ` · `.
fn joined<'s>(langs: &[Lang], text: impl Fn(&Lang) -> &'s str) -> String {
    langs.iter().map(text).collect::<Vec<_>>().join(" · ")
}

/// The description of a generated page: its UI string `key`, else (a
/// site whose `i18n/` lacks it) the site's description.
fn own_description<'a>(site: &'a Site, lang: &Lang, key: &str) -> &'a str {
    match site.ui.get(lang, key) {
        "" => site.ui.get(lang, "site_description"),
        own => own,
    }
}

/// The meta description: the summary, else the site's description.
fn description<'a>(summary: Option<&'a str>, site: &'a Site, lang: &Lang) -> &'a str {
    summary.unwrap_or_else(|| site.ui.get(lang, "site_description"))
}

/// The context of `chooser.html` (plus the default language's [`Globals`]).
#[derive(Debug, serde::Serialize)]
pub struct ChooserContext<'a> {
    /// The default language.
    pub lang: &'a Lang,
    /// One choice per language.
    pub choices: Vec<Choice<'a>>,
    /// hreflang alternates of the home pages: each language's, then
    /// `x-default`, the chooser itself (empty without an absolute base URL).
    pub alternates: Vec<Alternate>,
    /// The chooser's absolute URL (with `--base-url`), else its path.
    pub permalink: String,
    /// The chooser's absolute URL; `None` without an absolute base URL.
    pub canonical: Option<String>,
    /// The footer's "report a barrier" link, as on every page.
    pub report_barrier: Option<String>,
}

/// One language on the chooser.
#[derive(Debug, serde::Serialize)]
pub struct Choice<'a> {
    /// Code.
    pub lang: &'a Lang,
    /// Own name.
    pub name: &'static str,
    /// Its home page.
    pub url: String,
    /// `site_title` in that language.
    pub site_title: &'a str,
    /// `choose_language` in that language.
    pub prompt: &'a str,
    /// `site_description` in that language.
    pub description: &'a str,
}

/// The image of `entry` as `page` (the version a reader of `lang` sees)
/// describes it, with its credit.
fn image_view(
    site: &Site,
    entry: EntryId,
    page: &Page,
    lang: &Lang,
    base: &crate::config::BaseUrl,
) -> Option<ImageView> {
    let alt = page.image_alt.as_ref()?;
    let html = super::picture::entry_image(site, entry, alt, base, super::picture::SIZES, false)?;
    let path = site.entry(entry).image.as_ref()?.path.as_deref()?;
    let images = &site.images;
    let credits = match (images.pictures.get(path), images.drawings.get(path)) {
        (Some(p), _) => p.credits.as_ref(),
        (None, Some(d)) => d.credits.as_ref(),
        (None, None) => None,
    };
    let listed = images.pictures.contains_key(path) || images.drawings.contains_key(path);
    Some(ImageView {
        html,
        credit: credits.map(|c| format!("{}, {}", c.author, c.licence)),
        credit_url: listed
            .then(|| super::credits::url(site, lang))
            .flatten()
            .map(|url| {
                format!(
                    "{}#{}",
                    base.href(&url),
                    crate::urlpath::encode_fragment(&super::credits::anchor(path))
                )
            }),
    })
}
