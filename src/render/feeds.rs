//! What machines read to find the site: `sitemap.xml` (every page that is
//! canonical to itself and indexable, with its `xhtml:link` alternates: the
//! chooser, every real translation, the full texts; not the fallback, 404
//! and search pages), `robots.txt`, and one Atom feed per language with the
//! pages changed last. All three are theme templates
//! (`sitemap.xml`, `robots.txt`, `atom.xml`), so a site can override them.
//!
//! Sitemaps and feeds need absolute URLs; they are written only when the
//! site's base URL has scheme and host (`site.yaml` `base_url` or
//! `--base-url`), as every deploy recipe sets it.

use serde::Serialize;

use super::context::Alternate;
use super::pages::Builder;
use crate::ids::Lang;
use crate::model::LastChange;

/// How many pages a feed lists.
pub(super) const FEED_ENTRIES: usize = 50;

/// The context of `sitemap.xml`.
#[derive(Debug, Serialize)]
pub struct SitemapContext {
    /// Every page, in content order.
    pub urls: Vec<SitemapUrl>,
}

/// One page of the sitemap.
#[derive(Debug, Serialize)]
pub struct SitemapUrl {
    /// Its absolute URL.
    pub loc: String,
    /// The day of its last change (`2026-11-25`), if known.
    pub lastmod: Option<String>,
    /// The same page in every language it is translated into, and `x-default`.
    pub alternates: Vec<Alternate>,
}

/// The context of `robots.txt`: everything may be fetched. The search
/// pages carry `noindex` instead of being disallowed, so crawlers see it.
#[derive(Debug, Serialize)]
pub struct RobotsContext {
    /// The sitemap's absolute URL, if there is one.
    pub sitemap_url: Option<String>,
}

/// The context of `atom.xml` (plus the language's globals).
#[derive(Debug, Serialize)]
pub struct FeedContext<'a> {
    /// The feed's language.
    pub lang: &'a Lang,
    /// The feed's own absolute URL (also its id).
    pub self_url: String,
    /// The language's home page, absolute.
    pub home_url: String,
    /// The newest change (RFC 3339).
    pub updated: String,
    /// The pages changed last, newest first.
    pub entries: Vec<FeedEntry<'a>>,
}

/// One page in a feed.
#[derive(Debug, Serialize)]
pub struct FeedEntry<'a> {
    /// Title.
    pub title: &'a str,
    /// The title's language when it is not the feed's (`title_lang`): the
    /// `<title>` gets `xml:lang`.
    pub title_lang: Option<&'a Lang>,
    /// Absolute URL (also the entry's id).
    pub url: String,
    /// When it last changed (RFC 3339).
    pub updated: String,
    /// Summary, if any.
    pub summary: Option<&'a str>,
}

/// The path of a language's feed.
pub(super) fn feed_path(lang: &Lang) -> String {
    format!("{lang}/feed.xml")
}

impl<'a> Builder<'a> {
    /// The context of `sitemap.xml` (written only if the site has an
    /// absolute base URL).
    pub(super) fn sitemap(&self) -> SitemapContext {
        let base = &self.config.base_url;
        let site = self.site;
        let mut urls = vec![SitemapUrl {
            loc: base.absolute(""),
            lastmod: None,
            alternates: self.alternates(site.home),
        }];
        for e in &site.entries {
            let alternates = self.alternates(e.id);
            for (lang, page) in &e.translations {
                let Some(url) = site.url(e.id, lang) else {
                    continue;
                };
                urls.push(SitemapUrl {
                    loc: base.absolute(url),
                    lastmod: site.page(*page).last_change.map(|c| c.date.iso()),
                    alternates: alternates.clone(),
                });
            }
        }
        for lang in &site.languages {
            if let Some(url) = site.full_text_url(lang) {
                urls.push(SitemapUrl {
                    loc: base.absolute(url),
                    lastmod: None,
                    alternates: self
                        .generated_alternates(|l| site.full_text_url(l).map(str::to_owned)),
                });
            }
        }
        SitemapContext { urls }
    }

    /// The context of `robots.txt`.
    pub(super) fn robots(&self) -> RobotsContext {
        let base = &self.config.base_url;
        RobotsContext {
            sitemap_url: base.has_origin().then(|| base.absolute("sitemap.xml")),
        }
    }

    /// The context of the Atom feed of a language (written only if the
    /// site has an absolute base URL).
    pub(super) fn feed(&self, lang: &'a Lang) -> FeedContext<'a> {
        let base = &self.config.base_url;
        let site = self.site;
        let mut dated: Vec<(&LastChange, &str, &crate::model::Page)> = site
            .entries
            .iter()
            .filter_map(|e| {
                let page = site.page(site.translation(e.id, lang)?);
                Some((page.last_change.as_ref()?, site.url(e.id, lang)?, page))
            })
            .collect();
        dated.sort_by(|a, b| newest_first(a.0, b.0).then_with(|| a.2.path.cmp(&b.2.path)));
        dated.truncate(FEED_ENTRIES);
        let updated = dated
            .first()
            .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), |d| d.0.rfc3339());
        FeedContext {
            lang,
            self_url: base.absolute(&feed_path(lang)),
            home_url: base.absolute(&format!("{lang}/")),
            updated,
            entries: dated
                .into_iter()
                .map(|(change, url, page)| FeedEntry {
                    title: &page.title,
                    title_lang: page.title_lang.as_ref(),
                    url: base.absolute(url),
                    updated: change.rfc3339(),
                    summary: page.summary.as_deref(),
                })
                .collect(),
        }
    }
}

/// Orders changes newest first: by the moment where both are known to the
/// second, else by day.
fn newest_first(a: &LastChange, b: &LastChange) -> std::cmp::Ordering {
    match (a.at, b.at) {
        (Some(x), Some(y)) => y.seconds.cmp(&x.seconds),
        _ => b.date.cmp(&a.date),
    }
}
