//! The HTML pages: one per entry and language, the 404 pages, the language
//! chooser, and the generated full-text and search pages.

use tera::Tera;

use super::context::*;
use super::kinds::{contact, guideline, home, project};
use super::links::{LinkMode, fill_links};
use super::{
    Theme, contact as contact_data, fingerprint, full_text, render_template, template_error,
};
use crate::config::Config;
use crate::ids::Lang;
use crate::model::{EntryData, EntryId, Page, Site, endonym};
use crate::parse::kinds::Kind;

/// What every page renderer needs: the site, its config and theme.
pub(super) struct Renderer<'a> {
    pub(super) site: &'a Site,
    pub(super) config: &'a Config,
    pub(super) theme: &'a Theme,
    /// Render the templates, or only fingerprint what they are given.
    pub(super) mode: Mode,
}

/// What [`Renderer`] makes of a template and its context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// The rendered file.
    Render,
    /// A hash of the template's name and context instead of the file
    /// (`fingerprint.rs`): equal hashes, equal files. An entry page's body
    /// is left out: it is made of the page's own Markdown and of its link
    /// targets' URLs and headings, so it changes only with an edit of the
    /// page itself or of what the whole pipeline runs for, and the pages
    /// of edited entries are always rendered again (`subset::entries`).
    Fingerprint,
}

/// The pages konzept generates itself, beside the content's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Generated {
    /// The search page.
    Search,
    /// The full-text document.
    FullText,
}

/// What the theme puts around a page's body, as a first buffer size.
const PAGE_FRAME: usize = 12 * 1024;

/// A rendered file: output path and bytes.
pub(super) type Rendered = (String, Vec<u8>);

impl<'a> Renderer<'a> {
    /// Renders `name` with `ctx` into a buffer of `capacity` bytes, or in
    /// [`Mode::Fingerprint`] returns the fingerprint of both.
    pub(super) fn template<T: serde::Serialize>(
        &self,
        tera: &Tera,
        name: &str,
        ctx: &T,
        capacity: usize,
    ) -> Result<Vec<u8>, tera::Error> {
        match self.mode {
            Mode::Render => render_template(tera, name, ctx, capacity),
            Mode::Fingerprint => fingerprint::of(name, ctx),
        }
    }

    fn views(&self, lang: &'a Lang) -> Views<'a> {
        Views {
            site: self.site,
            base: &self.config.base_url,
            lang,
        }
    }

    /// The page of `entry` for readers of `lang`.
    pub(super) fn entry(
        &self,
        entry: EntryId,
        lang: &'a Lang,
        tera: &Tera,
    ) -> Result<Rendered, crate::diag::Diagnostic> {
        let site = self.site;
        let (page_id, is_fallback) = site
            .page_for(entry, lang)
            .expect("jobs exist only for published pages");
        let page = site.page(page_id);
        let e = site.entry(entry);
        let views = self.views(lang);
        let url = site
            .url(entry, lang)
            .expect("jobs exist only for published pages");
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
            content: match self.mode {
                Mode::Render => fill_links(page, lang, site, base, &LinkMode::Pages),
                // Most of a fingerprint's cost, and never needed: see
                // `Mode::Fingerprint`.
                Mode::Fingerprint => String::new(),
            },
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
            section: (e.kind == Kind::Section).then(|| SectionView {
                entries: views.cards(&e.children),
            }),
            home: (e.kind == Kind::Home).then(|| home(&views, entry)),
            outdated: self.outdated(page, &views),
            json_ld,
            full_text: None,
            page: page_view,
        };
        let template = e.kind.template();
        // The theme adds about 8 KB around the body (measured on the
        // generated corpus); one allocation instead of a doubling series.
        let capacity = ctx.page.content.len() + PAGE_FRAME;
        let html = self
            .template(tera, template, &ctx, capacity)
            .map_err(|err| template_error(err, template, Some(page), lang, self.theme))?;
        Ok((format!("{url}index.html"), html))
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

    /// The vCard of a contact entry for readers of `lang`.
    pub(super) fn vcard(&self, entry: EntryId, lang: &'a Lang) -> Option<Rendered> {
        let card = self.views(lang).contact_card(entry)?;
        let (url, _) = self.site.link_url(entry, lang);
        let base = &self.config.base_url;
        let permalink = base.has_origin().then(|| base.absolute(url));
        Some((
            contact_data::vcard_path(self.site, entry, lang),
            contact_data::vcard(&card, permalink.as_deref()).into_bytes(),
        ))
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
            section: None,
            home: None,
            outdated: None,
            json_ld: None,
            full_text: None,
        }
    }

    /// The 404 page of a language, written to `path`.
    pub(super) fn not_found(
        &self,
        lang: &'a Lang,
        tera: &Tera,
        path: String,
    ) -> Result<Rendered, crate::diag::Diagnostic> {
        let url = format!("{lang}/404.html");
        let ctx = self.generated_context(
            lang,
            "not_found",
            self.site.ui.get(lang, "not_found_title"),
            &url,
            |l| Some(format!("{l}/404.html")),
        );
        let html = self
            .template(tera, "404.html", &ctx, PAGE_FRAME)
            .map_err(|e| template_error(e, "404.html", None, lang, self.theme))?;
        Ok((path, html))
    }

    /// A page konzept generates in every language: the search page or the
    /// full-text document.
    pub(super) fn generated(
        &self,
        which: Generated,
        lang: &'a Lang,
        tera: &Tera,
    ) -> Result<Rendered, crate::diag::Diagnostic> {
        let site = self.site;
        let (url_of, kind, title_key, template): (
            for<'s> fn(&'s Site, &Lang) -> Option<&'s str>,
            _,
            _,
            _,
        ) = match which {
            Generated::Search => (Site::search_url, "search", "search_title", "search.html"),
            Generated::FullText => (
                Site::full_text_url,
                "full_text",
                "full_text_title",
                "full_text.html",
            ),
        };
        let url = url_of(site, lang).expect("jobs exist only for the site's generated pages");
        let mut ctx = self.generated_context(lang, kind, site.ui.get(lang, title_key), url, |l| {
            url_of(site, l).map(str::to_owned)
        });
        let mut document = None;
        if which == Generated::FullText {
            let (view, doc) = full_text::view(&self.views(lang));
            ctx.full_text = Some(view);
            document = Some(doc);
        }
        let html = self
            .template(tera, template, &ctx, PAGE_FRAME)
            .map_err(|e| template_error(e, template, None, lang, self.theme))?;
        drop(ctx);
        let html = match document {
            Some(doc) => doc.splice(&self.views(lang), &html),
            None => html,
        };
        Ok((format!("{url}index.html"), html))
    }

    /// The language chooser at the site's root.
    pub(super) fn chooser(&self, tera: &Tera) -> Result<Rendered, crate::diag::Diagnostic> {
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
        let ctx = ChooserContext {
            lang: &site.default_lang,
            choices,
            alternates: self.alternates(site.home),
            permalink: self.config.base_url.absolute(""),
        };
        let html = self
            .template(tera, "chooser.html", &ctx, PAGE_FRAME)
            .map_err(|e| template_error(e, "chooser.html", None, &site.default_lang, self.theme))?;
        Ok(("index.html".to_owned(), html))
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
