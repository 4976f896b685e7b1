//! Comparison pages (issue 17, "What changed"): for every page present in
//! two consecutive editions whose text this site has (the current content,
//! and each edition published from git), in date order, a page per
//! language showing what was added and removed word by word
//! (`compare/`). It lives under the newer edition's page:
//! `/de/fortschreibungen/<newer id>/vergleich/<the page's path>/`
//! (`compare_slug`), `noindex`, in no sitemap or search index. Only pages
//! whose title, summary or text changed get one. The editions section's
//! page lists per edition the pages added, removed and changed.

use std::borrow::Cow;
use std::collections::HashMap;

use super::compare::{self, Field, Labels};
use super::context::PageContext;
use super::pages::{Builder, GeneratedPage};
use super::text_views::{CompareSide, CompareView, EditionChanges, PageLink};
use crate::config::Config;
use crate::ids::{Lang, Slug};
use crate::model::{ARCHIVE_DIR, Archive, EntryId, Page, Site};
use crate::parse::kinds::{EditionSource, Kind};

/// One edition's text: the current site's or an archive's.
#[derive(Clone, Copy)]
struct Version<'a> {
    /// The edition's entry in the current site.
    edition: EntryId,
    /// Its pages.
    site: &'a Site,
    /// The archive, for an edition published from git.
    archive: Option<&'a Archive>,
}

impl<'a> Version<'a> {
    /// Where its pages' URLs start in `lang` (`de/`, or
    /// `de/fortschreibungen/<id>/text/`).
    fn prefix(&self, current: &Site, lang: &Lang) -> Option<String> {
        match self.archive {
            None => Some(format!("{lang}/")),
            Some(_) => Some(format!(
                "{}{ARCHIVE_DIR}/",
                current.url(self.edition, lang)?
            )),
        }
    }

    /// Its entries by content place (section and stem), the editions'
    /// own pages left out.
    fn keyed(&self) -> HashMap<(Option<&'a Slug>, &'a str), EntryId> {
        self.site
            .entries
            .iter()
            .filter(|e| e.kind != Kind::Edition && !super::editions::list_here(e))
            .map(|e| ((e.section.as_ref(), e.stem.as_str()), e.id))
            .collect()
    }
}

/// The editions whose text the site has, oldest first.
fn versions(site: &Site) -> Vec<Version<'_>> {
    site.editions()
        .iter()
        .filter_map(|e| match e.source {
            EditionSource::Current => Some(Version {
                edition: e.entry,
                site,
                archive: None,
            }),
            EditionSource::Git(_) => site
                .archives
                .iter()
                .find(|a| a.edition == e.entry)
                .map(|a| Version {
                    edition: e.entry,
                    site: &a.site,
                    archive: Some(a),
                }),
            EditionSource::Elsewhere => None,
        })
        .collect()
}

/// What changed from one edition to the next.
struct Pair<'a> {
    older: Version<'a>,
    newer: Version<'a>,
    /// Entries in both: (older, newer, changed).
    both: Vec<(EntryId, EntryId)>,
    added: Vec<EntryId>,
    removed: Vec<EntryId>,
}

/// Every pair of consecutive editions with text, and what they share.
fn pairs(site: &Site) -> Vec<Pair<'_>> {
    let versions = versions(site);
    versions
        .windows(2)
        .map(|w| {
            let (older, newer) = (w[0], w[1]);
            let old = older.keyed();
            let new = newer.keyed();
            let mut both = Vec::new();
            let mut added = Vec::new();
            for e in &newer.site.entries {
                let key = (e.section.as_ref(), e.stem.as_str());
                match (new.get(&key), old.get(&key)) {
                    (Some(_), Some(&o)) => both.push((o, e.id)),
                    (Some(_), None) => added.push(e.id),
                    _ => {}
                }
            }
            let removed = older
                .site
                .entries
                .iter()
                .filter(|e| {
                    let key = (e.section.as_ref(), e.stem.as_str());
                    old.contains_key(&key) && !new.contains_key(&key)
                })
                .map(|e| e.id)
                .collect();
            Pair {
                older,
                newer,
                both,
                added,
                removed,
            }
        })
        .collect()
}

/// The consecutive editions with text, without what they share (cheap:
/// for one page's job).
fn version_pairs(site: &Site) -> Vec<(Version<'_>, Version<'_>)> {
    let versions = versions(site);
    versions.windows(2).map(|w| (w[0], w[1])).collect()
}

/// The entry of `older` at the same content place as `new` of `newer`
/// (a scan: one page's job looks up one entry).
fn older_of(older: &Version<'_>, newer: &Version<'_>, new: EntryId) -> Option<EntryId> {
    let e = newer.site.entry(new);
    if e.kind == Kind::Edition || super::editions::list_here(e) {
        return None;
    }
    older
        .site
        .entries
        .iter()
        .find(|o| o.section == e.section && o.stem == e.stem)
        .map(|o| o.id)
}

/// Whether two versions of a page differ in what readers read.
/// Equal HTML (most pages of consecutive editions) is settled without
/// splitting both bodies into blocks, which each history page, archived
/// page and the editions page ask again.
fn differs(a: &Page, b: &Page) -> bool {
    a.title != b.title
        || a.summary != b.summary
        || (a.body.html != b.body.html
            && compare::blocks(&a.body.html) != compare::blocks(&b.body.html))
}

/// The comparison pages' jobs: per pair (by number), per changed page
/// (its entry in the newer edition) and language (by number).
pub(super) fn jobs(site: &Site, config: &Config) -> Vec<(usize, EntryId, usize)> {
    let mut jobs = Vec::new();
    for (n, pair) in pairs(site).iter().enumerate() {
        for &(old, new) in &pair.both {
            for (i, lang) in config.languages.iter().enumerate() {
                if published(site, pair, old, new, lang).is_some() {
                    jobs.push((n, new, i));
                }
            }
        }
    }
    jobs
}

/// The URL of the comparison of `old` and `new` in `lang`, if it is
/// published: both versions have a page for readers of `lang` and they
/// differ.
fn published(
    site: &Site,
    pair: &Pair<'_>,
    old: EntryId,
    new: EntryId,
    lang: &Lang,
) -> Option<String> {
    let a = pair.older.site.page(pair.older.site.page_for(old, lang)?.0);
    let b = pair.newer.site.page(pair.newer.site.page_for(new, lang)?.0);
    if !differs(a, b) {
        return None;
    }
    url(site, pair, new, lang)
}

/// The URL of the comparison of `new` (an entry of the pair's newer
/// edition) with its older version.
fn url(site: &Site, pair: &Pair<'_>, new: EntryId, lang: &Lang) -> Option<String> {
    let slug = site.ui.get(lang, "compare_slug");
    let slug = Slug::parse(slug)?;
    let edition = site.url(pair.newer.edition, lang)?;
    let page = pair.newer.site.url(new, lang)?;
    let rest = page.strip_prefix(pair.newer.prefix(site, lang)?.as_str())?;
    Some(format!("{edition}{slug}/{rest}"))
}

impl<'a> Builder<'a> {
    /// The comparison page of job `Job::Compare(pair, new, _)` in `lang`.
    pub(super) fn comparison(
        &self,
        pair: usize,
        new: EntryId,
        lang: &'a Lang,
    ) -> Option<(String, PageContext<'a>)> {
        let site = self.site;
        let (older, newer) = *version_pairs(site).get(pair)?;
        let old = older_of(&older, &newer, new)?;
        let pair = &Pair {
            older,
            newer,
            both: Vec::new(),
            added: Vec::new(),
            removed: Vec::new(),
        };
        let url = published(site, pair, old, new, lang)?;
        let (a, b) = (
            pair.older.site.page(pair.older.site.page_for(old, lang)?.0),
            pair.newer.site.page(pair.newer.site.page_for(new, lang)?.0),
        );
        let ui = |key: &str| site.ui.get(lang, key);
        let field = |key: &str, old: Option<&str>, new: Option<&str>| Field {
            label: ui(key).to_owned(),
            old: old.map(str::to_owned),
            new: new.map(str::to_owned),
        };
        let fields = [
            field("compare_field_title", Some(&a.title), Some(&b.title)),
            field(
                "compare_field_summary",
                a.summary.as_deref(),
                b.summary.as_deref(),
            ),
        ];
        let found = compare::compare(
            &compare::blocks(&a.body.html),
            &compare::blocks(&b.body.html),
            &fields,
        );
        let labels = Labels {
            added: ui("compare_added"),
            removed: ui("compare_removed"),
        };
        let base = &self.config.base_url;
        let side = |v: &Version<'a>, entry: EntryId| CompareSide {
            edition: &site
                .page(
                    site.page_for(v.edition, lang)
                        .map_or(site.original(v.edition), |p| p.0),
                )
                .title,
            edition_url: base.href(site.link_url(v.edition, lang).0),
            url: base.href(v.site.link_url(entry, lang).0),
        };
        let own = GeneratedPage {
            kind: "compare",
            title: Cow::Owned(format!(
                "{}{} {}",
                ui("compare_title"),
                ui("colon"),
                b.title
            )),
            description: Cow::Owned(format!(
                "{}{} {}",
                b.title,
                ui("colon"),
                ui("compare_description")
            )),
            url: url.clone(),
            indexable: false,
        };
        let mut ctx = self.generated_context(lang, own, |l| published(site, pair, old, new, l));
        ctx.compare = Some(Box::new(CompareView {
            title: &b.title,
            title_lang: b
                .title_lang
                .as_ref()
                .or((b.lang != *lang).then_some(&b.lang)),
            older: side(&pair.older, old),
            newer: side(&pair.newer, new),
            added: found.added.to_string(),
            removed: found.removed.to_string(),
            capped: found.capped,
            fields_html: found.fields_html(labels),
            html: found.html(labels),
        }));
        Some((format!("{url}index.html"), ctx))
    }

    /// Per edition with an older one before it, newest first: the pages
    /// added, removed and changed (for the editions section's page).
    pub(super) fn edition_changes(&self, lang: &'a Lang) -> Vec<EditionChanges<'a>> {
        let site = self.site;
        let base = &self.config.base_url;
        let title = |s: &'a Site, e: EntryId| -> Option<&'a str> {
            s.page_for(e, lang).map(|(p, _)| s.page(p).title.as_str())
        };
        let mut out = Vec::new();
        for pair in pairs(site) {
            let (Some(edition), Some(since)) = (
                title(site, pair.newer.edition),
                title(site, pair.older.edition),
            ) else {
                continue;
            };
            let link = |s: &'a Site, e: EntryId| {
                Some(PageLink {
                    title: title(s, e)?.to_owned(),
                    url: base.href(s.url(e, lang)?),
                })
            };
            let changed = pair
                .both
                .iter()
                .filter_map(|&(old, new)| {
                    let url = published(site, &pair, old, new, lang)?;
                    Some(PageLink {
                        title: title(pair.newer.site, new)?.to_owned(),
                        url: base.href(&url),
                    })
                })
                .collect();
            out.push(EditionChanges {
                edition,
                edition_url: base.href(site.link_url(pair.newer.edition, lang).0),
                since,
                added: pair
                    .added
                    .iter()
                    .filter_map(|&e| link(pair.newer.site, e))
                    .collect(),
                removed: pair
                    .removed
                    .iter()
                    .filter_map(|&e| link(pair.older.site, e))
                    .collect(),
                changed,
            });
        }
        out.reverse();
        out
    }
}

/// A page's versions, oldest edition first: each edition whose text has
/// the page (the current entry `entry`, or the archived entry that is its
/// counterpart), with the page's URL there and the comparison with the
/// edition before, where one is published.
pub(super) struct PageVersion {
    /// The edition's entry in the current site.
    pub(super) edition: EntryId,
    /// The page in that edition (site-relative).
    pub(super) url: String,
    /// Whether it is the current content.
    pub(super) current: bool,
    /// The comparison with the edition before (site-relative).
    pub(super) compare: Option<String>,
}

/// The versions of the current site's `entry` for readers of `lang`.
pub(super) fn page_versions(site: &Site, entry: EntryId, lang: &Lang) -> Vec<PageVersion> {
    let in_version = |v: &Version<'_>| match v.archive {
        None => Some(entry),
        Some(a) => a
            .site
            .entries
            .iter()
            .map(|e| e.id)
            .find(|&e| a.counterpart(e) == Some(entry)),
    };
    let pairs = version_pairs(site);
    let mut out = Vec::new();
    for v in versions(site) {
        let Some(here) = in_version(&v) else {
            continue;
        };
        let Some(url) = v.site.url(here, lang) else {
            continue;
        };
        let compare = pairs
            .iter()
            .filter(|(_, newer)| newer.edition == v.edition)
            .find_map(|&(older, newer)| {
                let old = older_of(&older, &newer, here)?;
                let pair = Pair {
                    older,
                    newer,
                    both: Vec::new(),
                    added: Vec::new(),
                    removed: Vec::new(),
                };
                published(site, &pair, old, here, lang)
            });
        out.push(PageVersion {
            edition: v.edition,
            url: url.to_owned(),
            current: v.archive.is_none(),
            compare,
        });
    }
    out
}

/// The comparison of an archived page (`entry` of `archive`) with its
/// version in the next edition with text, if one is published.
pub(super) fn next_comparison(
    site: &Site,
    archive: &Archive,
    entry: EntryId,
    lang: &Lang,
) -> Option<String> {
    let (older, newer) = version_pairs(site)
        .into_iter()
        .find(|(older, _)| older.archive.is_some_and(|a| std::ptr::eq(a, archive)))?;
    let e = older.site.entry(entry);
    let new = newer
        .site
        .entries
        .iter()
        .find(|n| n.section == e.section && n.stem == e.stem)?
        .id;
    let pair = Pair {
        older,
        newer,
        both: Vec::new(),
        added: Vec::new(),
        removed: Vec::new(),
    };
    published(site, &pair, entry, new, lang)
}
