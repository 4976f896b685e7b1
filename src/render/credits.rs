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
use crate::model::{EntryId, Picture, Site};
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
    if site.images.pictures.is_empty() {
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
    for picture in site.images.pictures.values() {
        item(&mut out, picture, site, lang, base, &w);
    }
    out.push_str("</ul>\n");
    out
}

/// The id of a picture's item on the page (`bild-projekte-rathaus.jpg`).
pub(super) fn anchor(p: &Picture) -> String {
    format!("bild-{}", p.path.replace('/', "-"))
}

fn item(out: &mut String, p: &Picture, site: &Site, lang: &Lang, base: &BaseUrl, w: &Words<'_>) {
    let thumb = p.variants.first().expect("an image has a variant");
    let _ = write!(
        out,
        "<li class=\"image-credit\" id=\"{id}\"><img src=\"{src}\" width=\"{width}\" height=\"{height}\" alt=\"\" loading=\"lazy\" decoding=\"async\"><dl>",
        id = esc(&anchor(p)),
        src = esc(&base.href(&encode_path(&thumb.fallback))),
        width = thumb.width.min(160),
        height = (u64::from(thumb.height) * u64::from(thumb.width.min(160))
            / u64::from(thumb.width.max(1))),
    );
    let missing = format!("<em>{}</em>", esc(w.missing));
    let credits = p.credits.as_ref();
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
    let mut entries: Vec<EntryId> = p.used_by.iter().map(|id| site.page(*id).entry).collect();
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
