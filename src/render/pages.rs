//! The HTML pages: one per entry and language, the 404 pages, the language
//! chooser, and the generated full-text and search pages.

use super::accessibility::report_href;
use super::contact as contact_data;
use super::context::*;
use super::full_text::{self, Document};
use super::kinds::{contact, guideline, home, project};
use crate::config::Config;
use crate::ids::Lang;
use crate::model::{EntryData, EntryId, Page, Site, endonym};
use crate::parse::kinds::Kind;

/// Builds the contexts of the pages: the site and its config.
pub(super) struct Builder<'a> {
    pub(super) site: &'a Site,
    pub(super) config: &'a Config,
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
            title: &page.title,
            summary: page.summary.as_deref(),
            description: description(page.summary.as_deref(), site, lang),
            url: base.href(url),
            permalink: base.absolute(url),
            canonical: base.absolute(site.link_url(entry, shown_lang).0),
            content: String::new(),
            toc: toc(&page.body.headings),
            updated: page.last_change.as_ref().map(|c| views.date(&c.date)),
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
            alternates: self.alternates(entry),
            breadcrumbs: self.breadcrumbs(&views, Some(entry)),
            nav: site
                .menu
                .iter()
                .map(|m| views.nav_item(*m, Some(entry)))
                .collect(),
            guideline: guideline(&views, entry, page),
            project: project(&views, entry, page),
            contact: contact_view,
            accessibility: views.statement(entry),
            report_barrier: report_href(site, lang, &page_view.permalink),
            section: (e.kind == Kind::Section).then(|| SectionView {
                entries: views.cards(&e.children),
            }),
            home: (e.kind == Kind::Home).then(|| home(&views, entry)),
            outdated: self.outdated(page, &views),
            json_ld,
            full_text: None,
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

    /// `hreflang` alternates: every real translation, then `x-default`.
    pub(super) fn alternates(&self, entry: EntryId) -> Vec<Alternate> {
        let site = self.site;
        let mut out: Vec<Alternate> = self
            .config
            .languages
            .iter()
            .filter(|l| site.translation(entry, l).is_some())
            .filter_map(|l| {
                Some(Alternate {
                    hreflang: l.to_string(),
                    href: self.config.base_url.absolute(site.url(entry, l)?),
                })
            })
            .collect();
        if let Some(default) = site.url(entry, &site.default_lang) {
            out.push(Alternate {
                hreflang: "x-default".to_owned(),
                href: self.config.base_url.absolute(default),
            });
        }
        out
    }

    /// Alternates of a generated page that exists in every language.
    pub(super) fn generated_alternates(
        &self,
        url: impl Fn(&Lang) -> Option<String>,
    ) -> Vec<Alternate> {
        let base = &self.config.base_url;
        let mut out: Vec<Alternate> = self
            .config
            .languages
            .iter()
            .filter_map(|l| {
                Some(Alternate {
                    hreflang: l.to_string(),
                    href: base.absolute(&url(l)?),
                })
            })
            .collect();
        if let Some(default) = url(&self.site.default_lang) {
            out.push(Alternate {
                hreflang: "x-default".to_owned(),
                href: base.absolute(&default),
            });
        }
        out
    }

    /// Home, then the section; `None` for pages outside the content.
    fn breadcrumbs(&self, views: &Views<'a>, entry: Option<EntryId>) -> Vec<NavItem<'a>> {
        let site = self.site;
        if entry == Some(site.home) {
            return Vec::new();
        }
        let mut crumbs = vec![NavItem {
            title: site.ui.get(views.lang, "home"),
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

    /// The context of a page konzept generates (404, full text, search):
    /// `url` is its site-relative path in `lang`, `url_in` the same page in
    /// any language (for the language switch and hreflang).
    pub(super) fn generated_context(
        &self,
        lang: &'a Lang,
        kind: &'static str,
        title: &'a str,
        url: &str,
        url_in: impl Fn(&Lang) -> Option<String>,
    ) -> PageContext<'a> {
        let site = self.site;
        let views = self.views(lang);
        let base = &self.config.base_url;
        PageContext {
            lang,
            content_lang: lang,
            is_fallback: false,
            page: PageView {
                kind,
                title,
                summary: None,
                description: description(None, site, lang),
                url: base.href(url),
                permalink: base.absolute(url),
                canonical: base.absolute(url),
                content: String::new(),
                toc: Vec::new(),
                updated: None,
            },
            alternates: self.generated_alternates(&url_in),
            translations: self.translations(site.home, lang, url_in),
            breadcrumbs: self.breadcrumbs(&views, None),
            nav: site.menu.iter().map(|m| views.nav_item(*m, None)).collect(),
            guideline: None,
            project: None,
            contact: None,
            accessibility: None,
            report_barrier: report_href(site, lang, &base.absolute(url)),
            section: None,
            home: None,
            outdated: None,
            json_ld: None,
            full_text: None,
        }
    }

    /// The context of the 404 page of a language.
    pub(super) fn not_found(&self, lang: &'a Lang) -> PageContext<'a> {
        let url = format!("{lang}/404.html");
        self.generated_context(
            lang,
            "not_found",
            self.site.ui.get(lang, "not_found_title"),
            &url,
            |l| Some(format!("{l}/404.html")),
        )
    }

    /// The context of a page konzept generates in every language (the
    /// search page or the full-text document) with its output path, and for
    /// the full text the bodies its markers stand for; `None` if the site
    /// has no such page in `lang`.
    pub(super) fn generated(
        &self,
        which: Generated,
        lang: &'a Lang,
    ) -> Option<(String, PageContext<'a>, Option<Document>)> {
        let site = self.site;
        let (url_of, kind, title_key): (for<'s> fn(&'s Site, &Lang) -> Option<&'s str>, _, _) =
            match which {
                Generated::Search => (Site::search_url, "search", "search_title"),
                Generated::FullText => (Site::full_text_url, "full_text", "full_text_title"),
            };
        let url = url_of(site, lang)?;
        let mut ctx = self.generated_context(lang, kind, site.ui.get(lang, title_key), url, |l| {
            url_of(site, l).map(str::to_owned)
        });
        let mut document = None;
        if which == Generated::FullText {
            let (view, doc) = full_text::view(&self.views(lang));
            ctx.full_text = Some(view);
            document = Some(doc);
        }
        Some((format!("{url}index.html"), ctx, document))
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
            report_barrier: report_href(
                site,
                &site.default_lang,
                &self.config.base_url.absolute(""),
            ),
        }
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
    /// hreflang alternates of the home pages.
    pub alternates: Vec<Alternate>,
    /// The chooser's absolute URL.
    pub permalink: String,
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
