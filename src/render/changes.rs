//! Which pages changed between consecutive editions (issue 17), decided
//! once per page and language when a renderer is set up, in parallel, and
//! looked up from then on: by the comparison jobs and pages
//! (`comparisons.rs`), the history pages, the archived pages' links to
//! their comparison and the editions page. Without archived editions it
//! holds nothing but the editions with text.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use super::compare;
use super::editions::list_here;
use crate::ids::{Lang, Slug};
use crate::model::{Archive, EntryId, Page, Site};
use crate::parse::kinds::{EditionSource, Kind};

/// One edition whose text the site has: the current site's or an
/// archive's.
#[derive(Debug, Clone, Copy)]
pub(super) struct Version {
    /// The edition's entry in the current site.
    pub(super) edition: EntryId,
    /// The archive (its index in `Site::archives`), for an edition
    /// published from git.
    pub(super) archive: Option<usize>,
}

impl Version {
    /// Its pages.
    pub(super) fn site<'s>(&self, current: &'s Site) -> &'s Site {
        match self.archive {
            None => current,
            Some(i) => &current.archives[i].site,
        }
    }
}

/// What changed from one edition to the next.
#[derive(Debug, Default)]
pub(super) struct Pair {
    /// Entries at the same content place in both, in the newer
    /// edition's order: (older, newer).
    pub(super) both: Vec<(EntryId, EntryId)>,
    /// Entries only the newer edition has.
    pub(super) added: Vec<EntryId>,
    /// Entries only the older edition has.
    pub(super) removed: Vec<EntryId>,
    /// Of each entry of `both`, the older version by the newer one.
    older: HashMap<EntryId, EntryId>,
    /// And the newer version by the older one.
    newer: HashMap<EntryId, EntryId>,
    /// The newer entries of `both` and languages (by place in `site.yaml`)
    /// whose two versions have a page for readers of the language and
    /// differ in what readers read.
    changed: HashSet<(EntryId, usize)>,
}

/// Every edition with text and what changed between consecutive ones.
#[derive(Debug, Default)]
pub(super) struct Changes {
    /// The editions with text, oldest first.
    versions: Vec<Version>,
    /// Per pair of consecutive versions (`versions[n]`, `versions[n + 1]`).
    pairs: Vec<Pair>,
    /// Per archive: each current entry's first archived counterpart.
    in_archive: Vec<HashMap<EntryId, EntryId>>,
    /// The site's languages, in `site.yaml` order.
    langs: Vec<Lang>,
}

impl Changes {
    /// Compares every page present in two consecutive editions, in every
    /// language of `langs`.
    pub(super) fn new(site: &Site, langs: &[Lang]) -> Changes {
        let versions = versions(site);
        let pairs = versions
            .windows(2)
            .map(|w| pair(site, w[0], w[1], langs))
            .collect();
        let in_archive = site
            .archives
            .iter()
            .map(|a| {
                let mut first = HashMap::new();
                for e in &a.site.entries {
                    if let Some(current) = a.counterpart(e.id) {
                        first.entry(current).or_insert(e.id);
                    }
                }
                first
            })
            .collect();
        Changes {
            versions,
            pairs,
            in_archive,
            langs: langs.to_vec(),
        }
    }

    /// The editions with text, oldest first.
    pub(super) fn versions(&self) -> &[Version] {
        &self.versions
    }

    /// Pair `n`: its older and newer version and what changed.
    pub(super) fn pair(&self, n: usize) -> Option<(Version, Version, &Pair)> {
        Some((
            *self.versions.get(n)?,
            *self.versions.get(n + 1)?,
            self.pairs.get(n)?,
        ))
    }

    /// Every pair, oldest first.
    pub(super) fn pairs(&self) -> impl Iterator<Item = (Version, Version, &Pair)> {
        (0..self.pairs.len()).filter_map(|n| self.pair(n))
    }

    /// The entry of version `v` that is the current site's `entry`.
    pub(super) fn in_version(&self, v: &Version, entry: EntryId) -> Option<EntryId> {
        match v.archive {
            None => Some(entry),
            Some(i) => self.in_archive.get(i)?.get(&entry).copied(),
        }
    }

    /// The older version of `new` (an entry of pair `n`'s newer edition).
    pub(super) fn older_of(&self, n: usize, new: EntryId) -> Option<EntryId> {
        self.pairs.get(n)?.older.get(&new).copied()
    }

    /// The newer version of `old` (an entry of pair `n`'s older edition).
    pub(super) fn newer_of(&self, n: usize, old: EntryId) -> Option<EntryId> {
        self.pairs.get(n)?.newer.get(&old).copied()
    }

    /// The pair whose older edition is the archive `archive`.
    pub(super) fn pair_after(&self, site: &Site, archive: &Archive) -> Option<usize> {
        let i = site
            .archives
            .iter()
            .position(|a| std::ptr::eq(a, archive))?;
        self.versions[..self.versions.len().saturating_sub(1)]
            .iter()
            .position(|v| v.archive == Some(i))
    }

    /// Whether `new` (an entry of pair `n`'s newer edition) changed since
    /// the older edition for readers of `lang`.
    pub(super) fn changed(&self, n: usize, new: EntryId, lang: &Lang) -> bool {
        let Some(i) = self.langs.iter().position(|l| l == lang) else {
            return false;
        };
        self.pairs
            .get(n)
            .is_some_and(|p| p.changed.contains(&(new, i)))
    }
}

/// The editions whose text the site has, oldest first.
fn versions(site: &Site) -> Vec<Version> {
    site.editions()
        .iter()
        .filter_map(|e| match e.source {
            EditionSource::Current => Some(Version {
                edition: e.entry,
                archive: None,
            }),
            EditionSource::Git(_) => {
                site.archives
                    .iter()
                    .position(|a| a.edition == e.entry)
                    .map(|i| Version {
                        edition: e.entry,
                        archive: Some(i),
                    })
            }
            EditionSource::Elsewhere => None,
        })
        .collect()
}

/// A site's entries by content place (section and stem), the editions'
/// own pages left out.
fn keyed(site: &Site) -> HashMap<(Option<&Slug>, &str), EntryId> {
    site.entries
        .iter()
        .filter(|e| e.kind != Kind::Edition && !list_here(e))
        .map(|e| ((e.section.as_ref(), e.stem.as_str()), e.id))
        .collect()
}

/// What changed from `older` to `newer`: the entries they share, add and
/// remove, and, compared in parallel, which shared pages differ.
fn pair(site: &Site, older: Version, newer: Version, langs: &[Lang]) -> Pair {
    let (old_site, new_site) = (older.site(site), newer.site(site));
    let old = keyed(old_site);
    let new = keyed(new_site);
    let mut both = Vec::new();
    let mut added = Vec::new();
    for e in &new_site.entries {
        let key = (e.section.as_ref(), e.stem.as_str());
        match (new.get(&key), old.get(&key)) {
            (Some(_), Some(&o)) => both.push((o, e.id)),
            (Some(_), None) => added.push(e.id),
            _ => {}
        }
    }
    let removed = old_site
        .entries
        .iter()
        .filter(|e| {
            let key = (e.section.as_ref(), e.stem.as_str());
            old.contains_key(&key) && !new.contains_key(&key)
        })
        .map(|e| e.id)
        .collect();
    let changed = both
        .par_iter()
        .flat_map_iter(|&(o, n)| {
            langs.iter().enumerate().filter_map(move |(i, lang)| {
                let a = old_site.page(old_site.page_for(o, lang)?.0);
                let b = new_site.page(new_site.page_for(n, lang)?.0);
                differs(a, b).then_some((n, i))
            })
        })
        .collect();
    Pair {
        older: both.iter().map(|&(o, n)| (n, o)).collect(),
        newer: both.iter().copied().collect(),
        both,
        added,
        removed,
        changed,
    }
}

/// Whether two versions of a page differ in what readers read. Equal HTML
/// (most pages of consecutive editions) is settled without splitting both
/// bodies into blocks.
fn differs(a: &Page, b: &Page) -> bool {
    a.title != b.title
        || a.summary != b.summary
        || (a.body.html != b.body.html
            && compare::blocks(&a.body.html) != compare::blocks(&b.body.html))
}
