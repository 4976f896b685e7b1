//! Filling the link placeholders the Markdown stage left, per reader language.

use std::collections::HashMap;
use std::sync::LazyLock;

use memchr::memmem;

use super::escape;
use crate::ids::Lang;
use crate::model::{EntryId, LinkTarget, Page, Site};
use crate::parse::markdown::placeholder;
use crate::urlpath::{encode_fragment, encode_path};

/// Where links lead.
pub(super) enum LinkMode<'a> {
    /// To the pages (the page is shown on its own).
    Pages,
    /// Inside the full-text document where the target is part of it: `parts`
    /// maps each included entry to its anchor, `own` is this page's.
    FullText {
        /// Anchor of every entry in the document.
        parts: &'a HashMap<EntryId, String>,
        /// This page's anchor.
        own: &'a str,
    },
}

/// How the Markdown stage writes an image (`images.rs` there).
const IMG_SRC: &str = "<img src=\"";

/// Replaces the link placeholders of a page's HTML with the
/// targets' URLs in the reader's language.
pub(super) fn fill_links(
    page: &Page,
    lang: &Lang,
    site: &Site,
    base: &crate::config::BaseUrl,
    mode: &LinkMode<'_>,
) -> String {
    fill_links_in(&page.body.html, page, lang, site, base, mode)
}

/// [`fill_links`] on `html`, which is the page's body HTML after other
/// rewriting (the full-text page moves its headings).
pub(super) fn fill_links_in(
    html: &str,
    page: &Page,
    lang: &Lang,
    site: &Site,
    base: &crate::config::BaseUrl,
    mode: &LinkMode<'_>,
) -> String {
    // One searcher for the whole run: `str::find` builds a new one per call,
    // and this runs for every page and full-text part.
    static FINDER: LazyLock<memmem::Finder<'static>> =
        LazyLock::new(|| memmem::Finder::new(placeholder().as_bytes()));
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    // Only `href`/`src` values written by the Markdown stage are ours; the
    // same letters in an editor's text (or code) are left alone.
    let prefix = placeholder();
    while let Some(i) = FINDER.find(rest.as_bytes()) {
        let ours = rest[..i].ends_with(" href=\"") || rest[..i].ends_with(" src=\"");
        out.push_str(&rest[..i]);
        rest = &rest[i + prefix.len()..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let target = rest[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|n| page.links.get(n));
        let Some(target) = target.filter(|_| ours && rest[digits..].starts_with('"')) else {
            out.push_str(prefix);
            continue;
        };
        rest = &rest[digits..];
        if let LinkTarget::Asset {
            path,
            fragment: None,
        } = target
            && out.ends_with(IMG_SRC)
            && let Some(picture) = site.images.pictures.get(path)
        {
            // `<img src="…" alt="…" />` (the Markdown stage's) becomes
            // the `<picture>`; the alt text's `>` is escaped.
            out.truncate(out.len() - IMG_SRC.len());
            out.push_str(&super::picture::open(picture, base));
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            out.push_str(&rest[..end]);
            out.push_str("</picture>");
            rest = &rest[end..];
            continue;
        }
        let url = match mode {
            LinkMode::Pages => link_href(target, lang, site, base),
            LinkMode::FullText { parts, own } => in_document(target, parts, own, site, lang)
                .unwrap_or_else(|| link_href(target, lang, site, base)),
        };
        out.push_str(&escape::html(&url));
    }
    out.push_str(rest);
    out
}

fn link_href(
    target: &LinkTarget,
    lang: &Lang,
    site: &Site,
    base: &crate::config::BaseUrl,
) -> String {
    match target {
        LinkTarget::Entry { entry, anchor } => {
            let (url, _) = site.link_url(*entry, lang);
            match anchor {
                Some(a) if has_anchor(site, *entry, lang, a) => {
                    format!("{}#{}", base.href(url), encode_fragment(a))
                }
                // The reader's version lacks the anchor (a fallback page's
                // link into a translated page): the original has it.
                Some(a) => format!(
                    "{}#{}",
                    base.href(site.link_url(*entry, &site.default_lang).0),
                    encode_fragment(a)
                ),
                None => base.href(url),
            }
        }
        LinkTarget::Asset { path, fragment } => {
            let href = base.href(&format!("files/{}", encode_path(path)));
            match fragment {
                Some(f) => format!("{href}#{}", encode_fragment(f)),
                None => href,
            }
        }
        LinkTarget::Anchor(a) => format!("#{}", encode_fragment(a)),
        LinkTarget::Broken => "#".to_owned(),
    }
}

/// A link inside the full-text document, if its target is part of it, in
/// the version the document shows to readers of `lang`.
fn in_document(
    target: &LinkTarget,
    parts: &HashMap<EntryId, String>,
    own: &str,
    site: &Site,
    lang: &Lang,
) -> Option<String> {
    match target {
        LinkTarget::Anchor(a) if a.is_empty() => Some(format!("#{}", encode_fragment(own))),
        LinkTarget::Anchor(a) => Some(format!("#{}", encode_fragment(&format!("{own}_{a}")))),
        LinkTarget::Entry { entry, anchor } => {
            let part = parts.get(entry)?;
            match anchor {
                Some(a) if has_anchor(site, *entry, lang, a) => {
                    Some(format!("#{}", encode_fragment(&format!("{part}_{a}"))))
                }
                // A fallback page's link to a heading the translation shown
                // here does not have: the original page has it.
                Some(_) => None,
                None => Some(format!("#{part}")),
            }
        }
        LinkTarget::Asset { .. } | LinkTarget::Broken => None,
    }
}

fn has_anchor(site: &Site, entry: EntryId, lang: &Lang, anchor: &str) -> bool {
    site.page_for(entry, lang)
        .is_some_and(|(p, _)| site.page(p).body.headings.iter().any(|h| h.id == anchor))
}
