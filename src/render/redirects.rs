//! Redirects from a page's old paths (`aliases:`): a small HTML page at
//! each old path that works on every static host (`meta refresh`,
//! `rel=canonical`, a visible link, `noindex`, in the page's language),
//! and `_redirects` (Netlify and Cloudflare Pages format, `301`) for hosts
//! that read one. The pages are written by konzept rather than the theme:
//! they show nothing of the site, and a theme cannot break them. They are
//! jobs of their own, so they are neither in the sitemap nor in the search
//! index (both list entries' pages only).

use serde::Serialize;

use super::escape;
use crate::config::BaseUrl;
use crate::model::{PageId, Site};

/// What a redirect page says.
#[derive(Debug, Serialize)]
pub struct RedirectView<'a> {
    /// The page's language.
    pub lang: &'a str,
    /// The page's title.
    pub title: &'a str,
    /// Where it leads: the page's URL path with the base path.
    pub href: String,
    /// The page's absolute URL (its path without an origin).
    pub canonical: String,
    /// "This page has moved" in the page's language.
    pub moved: &'a str,
}

/// The view of `page`'s redirect pages.
pub(super) fn view<'a>(site: &'a Site, base: &BaseUrl, page: PageId) -> RedirectView<'a> {
    let page = site.page(page);
    let url = site
        .url(page.entry, &page.lang)
        .expect("model invariant: a page is published in its own language");
    RedirectView {
        lang: page.lang.as_str(),
        title: &page.title,
        href: base.href(url),
        canonical: base.absolute(url),
        moved: site.ui.get(&page.lang, "redirect_moved"),
    }
}

/// The redirect page.
pub(super) fn html(v: &RedirectView<'_>) -> String {
    let (lang, href, title) = (
        escape::html(v.lang),
        escape::html(&v.href),
        escape::html(v.title),
    );
    let moved = escape::html(if v.moved.is_empty() {
        "This page has moved:"
    } else {
        v.moved
    });
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={href}\">\n\
         <link rel=\"canonical\" href=\"{canonical}\">\n<title>{title}</title>\n</head>\n<body>\n\
         <p>{moved} <a href=\"{href}\">{title}</a></p>\n</body>\n</html>\n",
        canonical = escape::html(&v.canonical),
    )
}

/// `_redirects`: one line per alias, `old new 301`, with the base path;
/// `None` when the site has no alias (nothing is written).
pub(super) fn file(site: &Site, base: &BaseUrl) -> Option<String> {
    let mut out = String::new();
    for page in &site.pages {
        if page.aliases.is_empty() {
            continue;
        }
        let Some(url) = site.url(page.entry, &page.lang) else {
            continue;
        };
        for alias in &page.aliases {
            out.push_str(&format!(
                "{} {} 301\n",
                base.href(&alias.path),
                base.href(url)
            ));
        }
    }
    (!out.is_empty()).then_some(out)
}
