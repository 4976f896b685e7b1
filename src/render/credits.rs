//! The image-credits page of each language (Bildnachweis, Crédits
//! photographiques, Image credits): every image of the site with a
//! thumbnail, its author, licence and source, and the pages that show it;
//! linked from the footer next to the Impressum. Only a site with images
//! has it (docs/images.md).
//!
//! Its words are built in for German, French and English (English for any
//! other language), so no site's UI strings need new keys.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::escape::html as esc;
use crate::config::BaseUrl;
use crate::ids::Lang;
use crate::model::{EntryId, Picture, Site};
use crate::urlpath::encode_path;

/// The page's words in one language.
struct Words {
    slug: &'static str,
    title: &'static str,
    intro: &'static str,
    author: &'static str,
    licence: &'static str,
    source: &'static str,
    shown_on: &'static str,
    missing: &'static str,
}

fn words(lang: &Lang) -> &'static Words {
    match lang.as_str() {
        "de" => &Words {
            slug: "bildnachweis",
            title: "Bildnachweis",
            intro: "Urheber, Lizenz und Quelle jedes Bildes dieser Website.",
            author: "Urheber",
            licence: "Lizenz",
            source: "Quelle",
            shown_on: "Verwendet auf",
            missing: "keine Angabe",
        },
        "fr" => &Words {
            slug: "credits-photographiques",
            title: "Crédits photographiques",
            intro: "Auteur, licence et source de chaque image de ce site.",
            author: "Auteur",
            licence: "Licence",
            source: "Source",
            shown_on: "Utilisée sur",
            missing: "non indiqué",
        },
        _ => &Words {
            slug: "image-credits",
            title: "Image credits",
            intro: "Author, licence and source of every image on this site.",
            author: "Author",
            licence: "Licence",
            source: "Source",
            shown_on: "Shown on",
            missing: "not given",
        },
    }
}

/// The site-relative URL of the credits page in `lang`, if the site has
/// images.
pub(super) fn url(site: &Site, lang: &Lang) -> Option<String> {
    (!site.images.pictures.is_empty()).then(|| format!("{lang}/{}/", words(lang).slug))
}

/// The page's title in `lang`.
pub(super) fn title(lang: &Lang) -> Cow<'static, str> {
    Cow::Borrowed(words(lang).title)
}

/// The page's description in `lang`.
pub(super) fn description(lang: &Lang) -> Cow<'static, str> {
    Cow::Borrowed(words(lang).intro)
}

/// The page's body: one item per image, in path order.
pub(super) fn body(site: &Site, lang: &Lang, base: &BaseUrl) -> String {
    let w = words(lang);
    let mut out = format!("<p>{}</p>\n<ul class=\"image-credits\">\n", esc(w.intro));
    for picture in site.images.pictures.values() {
        item(&mut out, picture, site, lang, base, w);
    }
    out.push_str("</ul>\n");
    out
}

/// The id of a picture's item on the page (`bild-projekte-rathaus.jpg`).
pub(super) fn anchor(p: &Picture) -> String {
    format!("bild-{}", p.path.replace('/', "-"))
}

fn item(out: &mut String, p: &Picture, site: &Site, lang: &Lang, base: &BaseUrl, w: &Words) {
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
