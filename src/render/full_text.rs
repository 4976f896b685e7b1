//! The full-text page ("Volltext"): the entries of `site.yaml` `full_text`
//! (default: the menu) assembled into one printable document per language —
//! sections with their pages in reading order, each page's headings moved
//! below its own, every `id` prefixed so the document has no duplicates,
//! and links between included pages turned into links within the document.
//! Each contact's card is printed once: at the contact's own part if the
//! document includes it, else at the first project that names it; every
//! other project names the contact and links to that card.
//!
//! The document holds every included page's text (megabytes per language
//! on a large site), so the template never sees it: each part's `content`
//! is a short marker, and [`Document::splice`] puts the bodies in place of
//! the markers after rendering, one part at a time. The text then exists
//! once (in the output) instead of three times (the view, Tera's copy of
//! it, the output).

use std::collections::HashMap;

use memchr::memmem;

use lol_html::{RewriteStrSettings, element, rewrite_str};

use super::context::{FullTextPart, FullTextView, Views};
use super::kinds::{indicator, project};
use super::links::{LinkMode, fill_links_in};
use crate::model::{EntryData, EntryId, Site};
use crate::parse::kinds::Kind;

/// The bodies a rendered full-text page still lacks, in marker order.
pub(super) struct Document {
    /// Entry and heading shift of every part whose marker is in the view.
    parts: Vec<(EntryId, u8)>,
    /// Anchor of every included entry.
    anchors: HashMap<EntryId, String>,
}

/// Starts and ends a part's marker. Tera does not escape NUL, and it
/// hardly reaches the output otherwise: pulldown-cmark replaces it, and
/// YAML holds it only as an escaped `"\0"`. Text that happens to match
/// is kept as it is unless it names a part of this document.
const MARK: &str = "\0konzept-full-text-part:";

/// Whether the full-text pages show one of `entries`: it is named in
/// `site.yaml` `full_text`, or its section is (as `view` assembles them).
pub fn shown_in_full_text(site: &Site, entries: &[EntryId]) -> bool {
    entries.iter().any(|e| {
        site.full_text.contains(e)
            || site
                .entry(*e)
                .parent
                .is_some_and(|p| site.entry(p).kind == Kind::Section && site.full_text.contains(&p))
    })
}

/// The full-text document for the readers of `views.lang`, with markers
/// for the parts' bodies (see [`Document::splice`]).
pub(super) fn view<'a>(views: &Views<'a>) -> (FullTextView<'a>, Document) {
    let site = views.site;
    let parts_of = |entry: EntryId| -> Vec<EntryId> {
        let e = site.entry(entry);
        let mut list = vec![entry];
        if e.kind == Kind::Section {
            list.extend(&e.children);
        }
        list
    };
    let included: Vec<EntryId> = site
        .full_text
        .iter()
        .flat_map(|e| parts_of(*e))
        .filter(|e| site.page_for(*e, views.lang).is_some())
        .collect();
    let anchors: HashMap<EntryId, String> = included
        .iter()
        .map(|e| (*e, anchor(site, *e, views)))
        .collect();
    let mut bodies = Vec::new();
    // Where each contact's card is printed: its own part, if included.
    let mut cards: HashMap<EntryId, String> = included
        .iter()
        .filter(|e| site.entry(**e).kind == Kind::Contact)
        .map(|e| (*e, anchors[e].clone()))
        .collect();
    let parts = site
        .full_text
        .iter()
        .filter(|e| anchors.contains_key(e))
        .map(|e| {
            let mut top = part(views, *e, 1, &anchors, &mut cards, &mut bodies);
            if site.entry(*e).kind == Kind::Section {
                top.children = site
                    .entry(*e)
                    .children
                    .iter()
                    .filter(|c| anchors.contains_key(c))
                    .map(|c| part(views, *c, 2, &anchors, &mut cards, &mut bodies))
                    .collect();
            }
            top
        })
        .collect();
    let doc = Document {
        parts: bodies,
        anchors,
    };
    (FullTextView { parts }, doc)
}

impl Document {
    /// `rendered` with every part's marker replaced by its body, each body
    /// made when its marker is reached. A marker the theme prints twice
    /// gets the body twice; one it leaves out costs nothing.
    /// A body with raw HTML in it has its headings moved by an HTML
    /// rewriter ([`move_headings`]), all others by a scan.
    pub(super) fn splice(&self, views: &Views<'_>, rendered: &[u8]) -> Vec<u8> {
        static FINDER: std::sync::LazyLock<memmem::Finder<'static>> =
            std::sync::LazyLock::new(|| memmem::Finder::new(MARK.as_bytes()));
        let site = views.site;
        let body_len: usize = self
            .parts
            .iter()
            .map(|(e, _)| views.shown(*e).body.html.len())
            .sum();
        let mut out = Vec::with_capacity(rendered.len() + body_len + body_len / 16);
        let mut rest = rendered;
        while let Some(i) = FINDER.find(rest) {
            out.extend_from_slice(&rest[..i]);
            rest = &rest[i + MARK.len()..];
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            let part = std::str::from_utf8(&rest[..digits])
                .ok()
                .and_then(|d| d.parse::<usize>().ok())
                .and_then(|n| self.parts.get(n))
                .filter(|_| rest[digits..].starts_with(b"\0"));
            let Some(&(entry, depth)) = part else {
                // Not a marker of ours after all: keep the bytes.
                out.extend_from_slice(MARK.as_bytes());
                continue;
            };
            rest = &rest[digits + 1..];
            let page = views.shown(entry);
            let own = &self.anchors[&entry];
            let moved = if page.body.has_raw_html {
                move_headings(&page.body.html, depth, own)
            } else {
                move_headings_escaped(&page.body.html, depth, own)
            };
            let mode = LinkMode::FullText {
                parts: &self.anchors,
                own,
            };
            let body = fill_links_in(&moved, page, views.lang, site, views.base, &mode);
            out.extend_from_slice(body.as_bytes());
        }
        out.extend_from_slice(rest);
        out
    }
}

/// The anchor of an entry: its URL path in the reader's language without
/// the language (`leitlinien-teilhabe`), unique because URLs are.
fn anchor(site: &Site, entry: EntryId, views: &Views<'_>) -> String {
    let (url, _) = site.link_url(entry, views.lang);
    let path = url.split_once('/').map_or(url, |(_, rest)| rest);
    let joined = path.trim_end_matches('/').replace('/', "-");
    if joined.is_empty() {
        "start".to_owned()
    } else {
        joined
    }
}

/// One entry as a part at `depth` (1: an `h2` below the document's title,
/// 2: an `h3` below a section); its own headings will move `depth` levels
/// down. A body that is not empty gets a marker, listed in `bodies`. A
/// project links to its contact's card if `cards` says where it is printed,
/// else prints it and notes that here.
fn part<'a>(
    views: &Views<'a>,
    entry: EntryId,
    depth: u8,
    anchors: &HashMap<EntryId, String>,
    cards: &mut HashMap<EntryId, String>,
    bodies: &mut Vec<(EntryId, u8)>,
) -> FullTextPart<'a> {
    let site = views.site;
    let page = views.shown(entry);
    let e = site.entry(entry);
    let content = if page.body.html.is_empty() {
        String::new()
    } else {
        bodies.push((entry, depth));
        format!("{MARK}{}\0", bodies.len() - 1)
    };
    let (mut contact_link, mut contact_id) = (None, None);
    if let EntryData::Project { contact, .. } = e.data {
        match cards.get(&contact) {
            Some(card) => contact_link = Some(format!("#{card}")),
            None => {
                // Apart from the body's ids (`<anchor>_<id>`) and from the
                // parts' anchors (URL paths of slugs, no `--` in them).
                let id = format!("{}--contact", anchors[&entry]);
                cards.insert(contact, id.clone());
                contact_id = Some(id);
            }
        }
    }
    FullTextPart {
        anchor: anchors[&entry].clone(),
        kind: e.kind.name(),
        title: &page.title,
        title_lang: page.title_lang.as_ref(),
        summary: page.summary.as_deref(),
        lang: &page.lang,
        url: views.base.href(site.link_url(entry, views.lang).0),
        content,
        ordinal: match e.data {
            EntryData::Guideline { ordinal } => Some(ordinal),
            _ => None,
        },
        project: project(views, entry, page),
        contact: views.contact_card(entry),
        indicator: indicator(views, entry, page, &format!("{}--chart", anchors[&entry])),
        contact_link,
        contact_id,
        children: Vec::new(),
    }
}

/// Moves every heading `shift` levels down (at most to `h6`), prefixes
/// every `id` with `prefix_`, and points same-page anchors (`#x`, as
/// footnotes write them) at the prefixed ids. Part anchors are made of
/// slugs, which have no `_`, so a prefixed id never equals another part's
/// anchor or another part's prefixed id.
fn move_headings(html: &str, shift: u8, prefix: &str) -> String {
    let headings = element!("h1, h2, h3, h4, h5, h6", |el| {
        let level: u8 = el.tag_name()[1..].parse().unwrap_or(6);
        el.set_tag_name(&format!("h{}", (level + shift).min(6)))?;
        Ok(())
    });
    let ids = element!("[id]", |el| {
        if let Some(id) = el.get_attribute("id") {
            el.set_attribute("id", &format!("{prefix}_{id}"))?;
        }
        Ok(())
    });
    let anchors = element!("a[href^='#']", |el| {
        if let Some(href) = el.get_attribute("href") {
            el.set_attribute("href", &format!("#{prefix}_{}", &href[1..]))?;
        }
        Ok(())
    });
    rewrite_str(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(headings)
            .append_element_content_handler(ids)
            .append_element_content_handler(anchors),
    )
    .expect("rewriting konzept's own HTML has no memory limit and no failing handler")
}

/// [`move_headings`] for HTML written by pulldown-cmark alone (a body
/// without raw HTML, or with it escaped): there every `<` opens a tag and
/// every attribute value is in double quotes without `"`, `<` or `>`
/// inside, so a scan from tag to tag does the same several times faster
/// than an HTML rewriter. A body with cleaned raw HTML still gets the
/// rewriter: part of its markup is html5ever's serialization (ammonia's),
/// whose escaping this scan's test does not cover. Same output: the test
/// below compares the two on every shape the Markdown stage writes.
fn move_headings_escaped(html: &str, shift: u8, prefix: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(start) = memchr::memchr(b'<', rest.as_bytes()) {
        out.push_str(&rest[..start]);
        let end =
            memchr::memchr(b'>', &rest.as_bytes()[start..]).map_or(rest.len(), |e| start + e + 1);
        move_tag(&rest[start..end], shift, prefix, &mut out);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// One tag (`<h2 id="ziel">`, `</h2>`, `<a href="#1">`) of
/// [`move_headings_escaped`], rewritten into `out`.
fn move_tag(tag: &str, shift: u8, prefix: &str, out: &mut String) {
    let b = tag.as_bytes();
    let name = if b.get(1) == Some(&b'/') { 2 } else { 1 };
    let name_end = name
        + b[name..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
    let tag_name = &tag[name..name_end];
    match tag_name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => {
            out.push_str(&tag[..name + 1]);
            out.push(char::from(b'0' + (d - b'0' + shift).min(6)));
        }
        _ => out.push_str(&tag[..name_end]),
    }
    // Attributes: `name="value"`, separated by spaces; a value holds no `"`.
    // Only the first `id` and `href` count, as for the rewriter (a heading
    // `{#a id=b}` has two).
    let (mut id_seen, mut href_seen) = (false, false);
    let mut rest = &tag[name_end..];
    while let Some(eq) = attribute_value_start(rest) {
        let attribute = rest[..eq].rsplit(' ').next().unwrap_or("");
        let value_start = eq + 2;
        let value_end = rest[value_start..]
            .find('"')
            .map_or(rest.len(), |e| value_start + e);
        let value = &rest[value_start..value_end];
        out.push_str(&rest[..value_start]);
        if attribute == "id" && !id_seen {
            id_seen = true;
            out.push_str(prefix);
            out.push('_');
            out.push_str(value);
        } else if attribute == "href" && tag_name == "a" && !href_seen {
            href_seen = true;
            match value.strip_prefix('#') {
                Some(fragment) => {
                    out.push('#');
                    out.push_str(prefix);
                    out.push('_');
                    out.push_str(fragment);
                }
                None => out.push_str(value),
            }
        } else {
            out.push_str(value);
        }
        rest = &rest[value_end..];
    }
    out.push_str(rest);
}

/// Where the next `="` stands in `tag`. A byte search, not `str::find`:
/// that builds a substring searcher on every call, which is called for
/// every attribute of every part.
fn attribute_value_start(tag: &str) -> Option<usize> {
    let bytes = tag.as_bytes();
    memchr::memchr_iter(b'=', bytes).find(|&i| bytes.get(i + 1) == Some(&b'"'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_move_down_and_ids_get_the_part_prefix() {
        let html = r##"<h2 id="ziel">Ziel</h2><p>Siehe<sup class="footnote-reference"><a href="#1">1</a></sup></p><h6 id="tief">x</h6><div class="footnote-definition" id="1">y</div>"##;
        let out = move_headings(html, 2, "projekte-ibis");
        assert_eq!(
            out,
            r##"<h4 id="projekte-ibis_ziel">Ziel</h4><p>Siehe<sup class="footnote-reference"><a href="#projekte-ibis_1">1</a></sup></p><h6 id="projekte-ibis_tief">x</h6><div class="footnote-definition" id="projekte-ibis_1">y</div>"##
        );
        assert_eq!(move_headings_escaped(html, 2, "projekte-ibis"), out);
    }

    #[test]
    fn the_fast_scan_moves_headings_as_the_rewriter_does() {
        // Every shape the Markdown stage writes with raw HTML escaped:
        // headings with custom ids and classes, footnotes, links within
        // the page and elsewhere, code with tags as text, escaped raw
        // HTML, tables, images, and text that looks like attributes.
        let markdown = r#"# Titel {#eigen .klasse}

Text mit [Anker](#ziel), [extern](https://example.org/#x "Titel id=x"),
`<h2 id="nein">`, <b id="roh">roh</b> und einer Fußnote[^1] [^zwei].

## Ziel

```html
<h3 id="code">kein Titel</h3>
```

| a | b |
|---|---|
| <i>x</i> | [y](#ziel) |

![Bild > Text](bild.png "h2 id=")
[gt](https://example.org/ "t > u id=\"x\"")

###### Tief

> ### Zitat {#zitat}

Und [^a&b].

## Doppelt {#x id=y}

[^1]: Erste.
[^zwei]: Zweite mit [Link](#ziel).
[^a&b]: Dritte.
"#;
        let file = crate::diag::SourceMap::new().add("a.md".into(), markdown.into());
        let (body, _) =
            crate::parse::markdown::render(markdown, 0, file, "de", crate::config::RawHtml::Escape);
        for shift in 0..4 {
            assert_eq!(
                move_headings_escaped(&body.html, shift, "seiten-a"),
                move_headings(&body.html, shift, "seiten-a"),
                "shift {shift} of {}",
                body.html
            );
        }
    }
}
