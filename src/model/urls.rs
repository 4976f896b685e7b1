//! The URL of every entry in every language: `/<lang>/<section slug>/<slug>/`,
//! with translated slugs, the URLs of the pages konzept generates itself
//! (full text, search; their slugs are UI strings), and the check that no
//! two pages share one.

use std::collections::HashMap;

use super::ids::EntryId;
use super::types::{Generated, Site};
use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ids::{Lang, Slug};
use crate::load::{INDEX, Sources};
use crate::parse::kinds::Kind;
use crate::yaml::KeySpans;

/// The generated pages' URLs per language, in `site.yaml` order; reports
/// slugs in the UI strings that cannot be URLs.
pub(super) fn generated(
    site: &Site,
    config: &Config,
    sources: &Sources,
    diags: &mut Diagnostics,
) -> Vec<Generated> {
    site.languages
        .iter()
        .map(|lang| {
            let mut url = |key: &str| generated_url(site, sources, lang, key, diags);
            Generated {
                full_text: if site.full_text.is_empty() {
                    None
                } else {
                    url("full_text_slug")
                },
                search: if config.search {
                    url("search_slug")
                } else {
                    None
                },
                history: if site.editions.is_empty() {
                    None
                } else {
                    url("history_slug")
                },
                credits: url("credits_slug"),
            }
        })
        .collect()
}

fn generated_url(
    site: &Site,
    sources: &Sources,
    lang: &Lang,
    key: &str,
    diags: &mut Diagnostics,
) -> Option<String> {
    let text = site.ui.get(lang, key);
    if let Some(slug) = Slug::parse(text) {
        return Some(format!("{lang}/{slug}/"));
    }
    if text.is_empty() {
        // A missing required UI string is reported by `i18n::load`.
        return None;
    }
    let d = Diagnostic::error(
        Code::InvalidValue,
        format!("the UI string `{key}` in {lang} is `{text}`, which cannot be part of a URL"),
    )
    .help(format!(
        "write `{key}: \"{}\"` in i18n/{lang}.yaml: {}",
        Slug::suggestion(text),
        Slug::rule(text)
    ));
    // The language's own file, or the default language's it fell back to.
    let place = [lang, &site.default_lang].into_iter().find_map(|l| {
        let source = sources.i18n.iter().find(|s| s.lang == *l)?;
        let spans = KeySpans::of(&source.text, 0);
        spans.has(key).then(|| (source.file, spans.value(key)))
    });
    diags.push(match place {
        Some((file, span)) => d.at(file, span).label("not a slug"),
        None => d,
    });
    None
}

/// Returns `urls[entry][lang]`; reports duplicate URLs.
pub(super) fn compute(site: &Site, diags: &mut Diagnostics) -> Vec<Vec<Option<String>>> {
    let sections: HashMap<&Slug, EntryId> = site
        .entries
        .iter()
        .filter(|e| e.stem == INDEX)
        .filter_map(|e| e.section.as_ref().map(|s| (s, e.id)))
        .collect();
    let mut urls = Vec::with_capacity(site.entries.len());
    let mut reserved: HashMap<String, (&str, &Lang)> = HashMap::new();
    for (lang, g) in site.languages.iter().zip(&site.generated) {
        if let Some(u) = &g.full_text {
            reserved.insert(u.clone(), ("full_text_slug", lang));
        }
        if let Some(u) = &g.search {
            reserved.insert(u.clone(), ("search_slug", lang));
        }
        if let Some(u) = &g.history {
            reserved.insert(u.clone(), ("history_slug", lang));
        }
    }
    let mut seen: HashMap<String, EntryId> = HashMap::new();
    let mut reported = std::collections::HashSet::new();
    for e in &site.entries {
        let mut per_lang = Vec::with_capacity(site.languages.len());
        for lang in &site.languages {
            if site.page_for(e.id, lang).is_none() {
                per_lang.push(None);
                continue;
            }
            let slug = |id: EntryId| {
                let page = site
                    .translation(id, lang)
                    .unwrap_or_else(|| site.original(id));
                site.page(page).slug.as_str()
            };
            let url = match (e.kind, &e.section) {
                (Kind::Home, _) => format!("{lang}/"),
                (Kind::Section, _) | (_, None) => format!("{lang}/{}/", slug(e.id)),
                (_, Some(section)) => {
                    // A section without `_index.md` is reported elsewhere;
                    // its directory name stands in for the slug meanwhile.
                    let section_slug = sections.get(section).map_or(section.as_str(), |s| slug(*s));
                    format!("{lang}/{section_slug}/{}/", slug(e.id))
                }
            };
            if let Some((key, lang)) = reserved.get(&url) {
                let page = site.page(
                    site.translation(e.id, lang)
                        .unwrap_or_else(|| site.original(e.id)),
                );
                diags.push(
                    Diagnostic::error(
                        Code::DuplicateUrl,
                        format!("`/{url}` is the address of a page konzept generates (the UI string `{key}`)"),
                    )
                    .at(page.file, page.spans.key("slug"))
                    .label("this page")
                    .help(format!(
                        "give this page another `slug` (or rename its file), or change `{key}` in i18n/{lang}.yaml"
                    )),
                );
            }
            if let Some(other) = seen.insert(url.clone(), e.id) {
                // One clash shows in every language; report it once.
                if reported.insert((other, e.id)) {
                    diags.push(duplicate(site, &url, e.id, other, lang));
                }
            }
            per_lang.push(Some(url));
        }
        urls.push(per_lang);
    }
    urls
}

fn duplicate(site: &Site, url: &str, a: EntryId, b: EntryId, lang: &Lang) -> Diagnostic {
    let page_a = site.page(
        site.translation(a, lang)
            .unwrap_or_else(|| site.original(a)),
    );
    let page_b = site.page(
        site.translation(b, lang)
            .unwrap_or_else(|| site.original(b)),
    );
    // An untranslated page claims the URL with its original's slug, which
    // is not obvious from a file the editor never wrote.
    let label = |entry: EntryId, text: &str| match site.translation(entry, lang) {
        Some(_) => text.to_owned(),
        None => format!(
            "{text}: it has no {lang} translation, so its {} text is published there",
            site.default_lang
        ),
    };
    Diagnostic::error(
        Code::DuplicateUrl,
        format!("two pages would be published at `/{url}`"),
    )
    .at(page_a.file, page_a.spans.key("slug"))
    .label(label(a, "this page"))
    .secondary(
        page_b.file,
        Some(page_b.spans.key("slug")),
        label(b, "and this one"),
    )
    .help("give one of them another `slug` (or rename its file or directory)")
}
