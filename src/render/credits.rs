//! The image-credits page of each language (Bildnachweis, Crédits
//! photographiques, Image credits): every image of the site with a
//! thumbnail, its author, licence and source, and the pages that show it;
//! linked from the footer next to the Impressum. Only a site with images
//! has it (docs/images.md).
//!
//! Its words are UI strings (`credits_slug`, `credits_title`, …), which the
//! built-in theme has in German, French and English; its URL is checked
//! with the other generated pages' (`Site::credits_url`).

use std::borrow::Cow;
use std::fmt::Write as _;

use super::escape::html as esc;
use crate::config::BaseUrl;
use crate::ids::Lang;
use crate::model::{Drawing, EntryId, Picture, Site};
use crate::urlpath::encode_path;

/// The page's words in one language.
struct Words<'a> {
    intro: &'a str,
    author: &'a str,
    licence: &'a str,
    source: &'a str,
    shown_on: &'a str,
    missing: &'a str,
}

fn words<'a>(site: &'a Site, lang: &Lang) -> Words<'a> {
    let t = |key: &str| site.ui.get(lang, key);
    Words {
        intro: t("credits_intro"),
        author: t("credits_author"),
        licence: t("credits_licence"),
        source: t("credits_source"),
        shown_on: t("credits_shown_on"),
        missing: t("credits_missing"),
    }
}

/// The site-relative URL of the credits page in `lang`, if the site has
/// images.
pub(super) fn url(site: &Site, lang: &Lang) -> Option<String> {
    if site.images.is_empty() {
        return None;
    }
    site.credits_url(lang).map(str::to_owned)
}

/// The page's title in `lang`.
pub(super) fn title(site: &Site, lang: &Lang) -> Cow<'static, str> {
    Cow::Owned(site.ui.get(lang, "credits_title").to_owned())
}

/// The page's description in `lang`.
pub(super) fn description(site: &Site, lang: &Lang) -> Cow<'static, str> {
    Cow::Owned(site.ui.get(lang, "credits_intro").to_owned())
}

/// The page's body: one item per image, in path order.
pub(super) fn body(site: &Site, lang: &Lang, base: &BaseUrl) -> String {
    let w = words(site, lang);
    let mut out = format!("<p>{}</p>\n<ul class=\"image-credits\">\n", esc(w.intro));
    // Photos and drawings together, in path order.
    let mut items: Vec<(&str, Item<'_>)> = site
        .images
        .pictures
        .iter()
        .map(|(path, p)| (path.as_str(), Item::Picture(p)))
        .chain(
            site.images
                .drawings
                .iter()
                .map(|(path, d)| (path.as_str(), Item::Drawing(d))),
        )
        .collect();
    items.sort_by_key(|(path, _)| *path);
    for (path, it) in items {
        item(&mut out, path, it, site, lang, base, &w);
    }
    out.push_str("</ul>\n");
    out
}

/// The id of an image's item on the page (`bild-projekte-rathaus.jpg`
/// for `content/projekte/rathaus.jpg`): no white space, as ids have none.
pub(super) fn anchor(path: &str) -> String {
    format!(
        "bild-{}",
        path.replace(|c: char| c == '/' || c.is_whitespace(), "-")
    )
}

/// One image on the page.
#[derive(Clone, Copy)]
enum Item<'a> {
    /// A photo or drawing konzept encoded.
    Picture(&'a Picture),
    /// An SVG, published as it is.
    Drawing(&'a Drawing),
}

fn item(
    out: &mut String,
    path: &str,
    it: Item<'_>,
    site: &Site,
    lang: &Lang,
    base: &BaseUrl,
    w: &Words<'_>,
) {
    let id = esc(&anchor(path));
    let (credits, used_by) = match it {
        Item::Picture(p) => {
            let thumb = p.variants.first().expect("an image has a variant");
            let _ = write!(
                out,
                "<li class=\"image-credit\" id=\"{id}\"><img src=\"{src}\" width=\"{width}\" height=\"{height}\" alt=\"\" loading=\"lazy\" decoding=\"async\"><dl>",
                src = esc(&base.href(&encode_path(&thumb.fallback))),
                width = thumb.width.min(160),
                height = (u64::from(thumb.height) * u64::from(thumb.width.min(160))
                    / u64::from(thumb.width.max(1))),
            );
            (p.credits.as_ref(), &p.used_by)
        }
        Item::Drawing(d) => {
            let _ = write!(
                out,
                "<li class=\"image-credit\" id=\"{id}\"><img src=\"{src}\" width=\"160\" alt=\"\" loading=\"lazy\" decoding=\"async\"><dl>",
                src = esc(&base.href(&format!("files/{}", encode_path(path)))),
            );
            (d.credits.as_ref(), &d.used_by)
        }
    };
    let missing = format!("<em>{}</em>", esc(w.missing));
    let field = |value: Option<&str>| value.map_or_else(|| missing.clone(), esc);
    let _ = write!(
        out,
        "<dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>",
        esc(w.author),
        field(credits.map(|c| c.author.as_str())),
        esc(w.licence),
        field(credits.map(|c| c.licence.as_str())),
    );
    let source = match credits.and_then(|c| c.source.as_deref()) {
        Some(s) if s.starts_with("https://") || s.starts_with("http://") => {
            format!("<a href=\"{0}\">{0}</a>", esc(s))
        }
        other => field(other),
    };
    let _ = write!(out, "<dt>{}</dt><dd>{source}</dd>", esc(w.source));
    let mut entries: Vec<EntryId> = used_by.iter().map(|id| site.page(*id).entry).collect();
    entries.dedup();
    let links: Vec<String> = entries
        .iter()
        .filter_map(|e| {
            let (page, _) = site.page_for(*e, lang)?;
            let page = site.page(page);
            let (url, _) = site.link_url(*e, lang);
            Some(format!(
                "<a href=\"{}\">{}</a>",
                esc(&base.href(url)),
                esc(&page.title)
            ))
        })
        .collect();
    if !links.is_empty() {
        let _ = write!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            esc(w.shown_on),
            links.join(", ")
        );
    }
    out.push_str("</dl></li>\n");
}
