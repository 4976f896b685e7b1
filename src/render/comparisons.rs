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

use super::changes::{Changes, Version};
use super::compare::{self, Field, Labels};
use super::context::PageContext;
use super::pages::{Builder, GeneratedPage};
use super::text_views::{CompareSide, CompareView, EditionChanges, PageLink};
use crate::config::Config;
use crate::ids::{Lang, Slug};
use crate::model::{ARCHIVE_DIR, Archive, EntryId, Site};

/// Where a version's pages' URLs start in `lang` (`de/`, or
/// `de/fortschreibungen/<id>/text/`).
fn prefix(v: &Version, current: &Site, lang: &Lang) -> Option<String> {
    match v.archive {
        None => Some(format!("{lang}/")),
        Some(_) => Some(format!("{}{ARCHIVE_DIR}/", current.url(v.edition, lang)?)),
    }
}

/// The comparison pages' jobs: per pair (by number), per changed page
/// (its entry in the newer edition) and language (by number).
pub(super) fn jobs(
    site: &Site,
    config: &Config,
    changes: &Changes,
) -> Vec<(usize, EntryId, usize)> {
    let mut jobs = Vec::new();
    for (n, (_, _, pair)) in changes.pairs().enumerate() {
        for &(_, new) in &pair.both {
            for (i, lang) in config.languages.iter().enumerate() {
                if published(site, changes, n, new, lang).is_some() {
                    jobs.push((n, new, i));
                }
            }
        }
    }
    jobs
}

/// The URL of the comparison of `new` (an entry of pair `n`'s newer
/// edition) with its older version in `lang`, if it is published: both
/// versions have a page for readers of `lang` and they differ.
fn published(
    site: &Site,
    changes: &Changes,
    n: usize,
    new: EntryId,
    lang: &Lang,
) -> Option<String> {
    if !changes.changed(n, new, lang) {
        return None;
    }
    let (_, newer, _) = changes.pair(n)?;
    let slug = site.ui.get(lang, "compare_slug");
    let slug = Slug::parse(slug)?;
    let edition = site.url(newer.edition, lang)?;
    let page = newer.site(site).url(new, lang)?;
    let rest = page.strip_prefix(prefix(&newer, site, lang)?.as_str())?;
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
        let changes = &*self.changes;
        let (older, newer, _) = changes.pair(pair)?;
        let old = changes.older_of(pair, new)?;
        let url = published(site, changes, pair, new, lang)?;
        let (older_site, newer_site) = (older.site(site), newer.site(site));
        let (a, b) = (
            older_site.page(older_site.page_for(old, lang)?.0),
            newer_site.page(newer_site.page_for(new, lang)?.0),
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
        let side = |v: &Version, entry: EntryId| CompareSide {
            edition: &site
                .page(
                    site.page_for(v.edition, lang)
                        .map_or(site.original(v.edition), |p| p.0),
                )
                .title,
            edition_url: base.href(site.link_url(v.edition, lang).0),
            url: base.href(v.site(site).link_url(entry, lang).0),
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
        let mut ctx = self.generated_context(lang, own, |l| published(site, changes, pair, new, l));
        ctx.compare = Some(Box::new(CompareView {
            title: &b.title,
            title_lang: b
                .title_lang
                .as_ref()
                .or((b.lang != *lang).then_some(&b.lang)),
            older: side(&older, old),
            newer: side(&newer, new),
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
        let changes = &*self.changes;
        let mut out = Vec::new();
        for (n, (older, newer, pair)) in changes.pairs().enumerate() {
            let (Some(edition), Some(since)) =
                (title(site, newer.edition), title(site, older.edition))
            else {
                continue;
            };
            let (older_site, newer_site) = (older.site(site), newer.site(site));
            let link = |s: &'a Site, e: EntryId| {
                Some(PageLink {
                    title: title(s, e)?.to_owned(),
                    url: base.href(s.url(e, lang)?),
                })
            };
            let changed = pair
                .both
                .iter()
                .filter_map(|&(_, new)| {
                    let url = published(site, changes, n, new, lang)?;
                    Some(PageLink {
                        title: title(newer_site, new)?.to_owned(),
                        url: base.href(&url),
                    })
                })
                .collect();
            out.push(EditionChanges {
                edition,
                edition_url: base.href(site.link_url(newer.edition, lang).0),
                since,
                added: pair
                    .added
                    .iter()
                    .filter_map(|&e| link(newer_site, e))
                    .collect(),
                removed: pair
                    .removed
                    .iter()
                    .filter_map(|&e| link(older_site, e))
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
pub(super) fn page_versions(
    site: &Site,
    changes: &Changes,
    entry: EntryId,
    lang: &Lang,
) -> Vec<PageVersion> {
    let mut out = Vec::new();
    for (k, v) in changes.versions().iter().enumerate() {
        let Some(here) = changes.in_version(v, entry) else {
            continue;
        };
        let Some(url) = v.site(site).url(here, lang) else {
            continue;
        };
        // Version `k` is the newer edition of pair `k - 1`.
        let compare = k
            .checked_sub(1)
            .and_then(|n| published(site, changes, n, here, lang));
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
    changes: &Changes,
    archive: &Archive,
    entry: EntryId,
    lang: &Lang,
) -> Option<String> {
    let n = changes.pair_after(site, archive)?;
    let new = changes.newer_of(n, entry)?;
    published(site, changes, n, new, lang)
}
