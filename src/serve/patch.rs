//! Patches: rebuilds in `serve` that redo only what an edit touched.
//!
//! Two kinds of edit of a page are patched into the last build; everything
//! else (new or deleted files, `site.yaml`, `i18n/`, themes, and front
//! matter outside the text fields) runs the whole pipeline, which is always
//! correct. Neither may change the body's headings or the destinations of
//! its links, which other pages depend on. Deciding and applying a patch
//! is serve's alone: what it reuses (`parse::page`, the model's public
//! types, [`render::Renderer`]) knows nothing of patches.
//!
//! - **Text** (what an editor does most): the body changes, the front
//!   matter and the page's date of last change do not. Then only the HTML
//!   that shows that body can differ: the entry's own pages, the full-text
//!   page if it includes the entry, and the search index. This rests on
//!   one invariant of `render`: a page's body appears only there (feeds
//!   and the sitemap show front matter only, and a fingerprint leaves the
//!   body out); a new output that shows bodies elsewhere must be rendered
//!   again here too.
//! - **Text fields** (a title, a summary, a project's goal: the fields
//!   its kind declares [`Scope::Text`](crate::yaml::Scope::Text)) or the
//!   date of last change (the file's time, once git's commit no longer
//!   dates an edited file): no other key of the front matter changes its
//!   value ([`crate::yaml::changed_keys`]), so nothing the model derives
//!   changes but the order of lists sorted by title, which `edit.rs` sorts
//!   again. The new values go into the site's page; the entry's own pages
//!   are rendered and served, then every other file whose fingerprint
//!   changed (`fingerprints.rs`: lists, references, the menu, feeds), then
//!   the full text. If what every page shows changed (the footer's
//!   contact), the whole pipeline runs after all.
//!
//! Either way the edited page is served first and what follows reloads
//! only where it is open; the search index follows in the background
//! (`search.rs`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::edit::{Change, Committed, classify, put};
use super::fingerprints::{self, Fingerprints, Showing};
use super::state::Served;
use crate::Prepared;
use crate::diag::{Diagnostics, SourceMap};
use crate::model::EntryId;
use crate::render::{self, Job, Rendered, Renderer};

/// What the last full build left for patching: its stages' outputs and
/// the source map its diagnostics point into.
#[derive(Debug)]
pub(super) struct Cache {
    /// The text of every file read.
    pub(super) map: SourceMap,
    /// Config, sources, site and theme of the last full build, with the
    /// patches since applied.
    pub(super) prepared: Prepared,
    /// Fingerprints of the served files, once [`Cache::fingerprint`] made
    /// them (after a full build, while `serve` waits for the next change).
    fingerprints: Option<Fingerprints>,
    /// The text and commit time of every page file that was committed and
    /// unmodified when the last full build read it: an edit that puts that
    /// text back (an undo) makes it committed again.
    committed: Committed,
}

impl Cache {
    /// A cache of a full build, without fingerprints yet.
    pub(super) fn new(map: SourceMap, prepared: Prepared) -> Cache {
        let committed = prepared
            .sources
            .indexed_pages()
            .filter_map(|(i, s)| Some((i, (s.text.clone(), s.committed?))))
            .collect();
        Cache {
            map,
            prepared,
            fingerprints: None,
            committed,
        }
    }

    /// Makes the fingerprints a patch of text fields compares with, unless
    /// there are some (none if they cannot be made: such a patch then runs
    /// the whole pipeline).
    pub(super) fn fingerprint(&mut self) {
        if self.fingerprints.is_none() {
            let p = &self.prepared;
            self.fingerprints = Fingerprints::of(&p.site, &p.config, &p.theme).ok();
        }
    }
}

/// A patched site: the files to serve and the warnings of the edited files.
#[derive(Debug)]
pub(super) struct Patched {
    /// The new served site.
    pub(super) served: Served,
    /// How many pages were rendered again.
    pub(super) pages: usize,
    /// What is rendered again after the patched site is served.
    pub(super) follow: FollowUp,
    /// Warnings of the edited files (raw HTML), to print.
    pub(super) warnings: Diagnostics,
}

/// What is rendered again once the edited pages are served: readers of
/// the edited page get it first, the rest follows (only open pages among
/// these reload).
#[derive(Debug)]
pub(super) enum FollowUp {
    /// Nothing.
    Nothing,
    /// The full-text pages, which show an edited entry ([`full_text`]).
    FullText,
    /// Every other file that shows the edited text fields, found by its
    /// fingerprint ([`showing`]), then the full-text pages.
    Showing {
        /// The fingerprints of the files as served before the edit.
        before: Fingerprints,
        /// The edited entries, whose pages are served already.
        edited: Vec<EntryId>,
    },
}

/// Applies the edits of `changed` (absolute paths) to `cache` and to the
/// files of `current`, if every one of them is an edit of a page's text or
/// text fields; `None` means the whole pipeline must run (the cache may
/// then be stale).
pub(super) fn apply(
    cache: &mut Cache,
    root: &Path,
    changed: &[PathBuf],
    current: &Served,
) -> Option<Patched> {
    let Served::Site { files, copies } = current else {
        return None;
    };
    let mut edits = Vec::new();
    let mut warnings = Diagnostics::new();
    for path in changed {
        match classify(&cache.prepared, &cache.committed, root, path) {
            Change::Unchanged => {}
            Change::Patchable(edit, w) => {
                edits.push(*edit);
                warnings.extend(w);
            }
            Change::Rebuild => return None,
        }
    }
    let fields = edits.iter().any(|e| e.fields);
    if fields {
        // What the files were rendered from, before anything changes.
        cache.fingerprint();
    }
    let before = if fields {
        Some(cache.fingerprints.take()?)
    } else {
        None
    };
    let mut entries: Vec<EntryId> = edits
        .into_iter()
        .map(|e| put(&mut cache.prepared, &mut cache.map, e))
        .collect();
    entries.sort_unstable();
    entries.dedup();
    let p = &cache.prepared;
    let renderer = Renderer::new(&p.site, &p.config, &p.theme).ok()?;
    let rendered = render_all(&renderer, renderer.entry_jobs(&entries))?;
    let follow = match before {
        None => {
            if let Some(f) = &mut cache.fingerprints {
                // Rendered from what the fingerprints do not know.
                f.forget(rendered.iter().map(|(path, _)| path.as_str()));
            }
            if render::shown_in_full_text(&p.site, &entries) {
                FollowUp::FullText
            } else {
                FollowUp::Nothing
            }
        }
        Some(before) => FollowUp::Showing {
            before,
            edited: entries,
        },
    };
    Some(Patched {
        pages: rendered.len(),
        served: served_with(files, copies, rendered),
        follow,
        warnings,
    })
}

/// The served site `files` and `copies` with the `rendered` files in place.
fn served_with(
    files: &BTreeMap<String, Arc<[u8]>>,
    copies: &BTreeMap<String, crate::sitefs::SiteFile>,
    rendered: Vec<Rendered>,
) -> Served {
    let mut files = files.clone();
    for (path, bytes) in rendered {
        files.insert(path, Arc::from(bytes));
    }
    Served::Site {
        files,
        copies: copies.clone(),
    }
}

/// The files that show the text fields a patch changed, besides the pages
/// of the edited entries (served already): every file whose fingerprint
/// differs from `before`'s, rendered. `None` if the globals changed (the
/// footer shows an edited entry) or the files cannot be rendered: the
/// whole pipeline must run.
pub(super) fn showing(
    cache: &mut Cache,
    before: &Fingerprints,
    edited: &[EntryId],
) -> Option<Vec<Rendered>> {
    let p = &cache.prepared;
    match fingerprints::changed(&p.site, &p.config, &p.theme, before, edited).ok()? {
        Showing::Files(after, files) => {
            cache.fingerprints = Some(after);
            Some(files)
        }
        Showing::Everything => None,
    }
}

/// The full-text pages of the cached build, and the comparison pages
/// (they show the current pages' text word by word), rendered again after
/// a patch of an entry they show: the edited page is served first, these
/// follow.
/// `None` if they cannot be rendered (the next full build reports why).
pub(super) fn full_text(cache: &Cache) -> Option<Vec<Rendered>> {
    let p = &cache.prepared;
    let renderer = Renderer::new(&p.site, &p.config, &p.theme).ok()?;
    let jobs = renderer.jobs();
    render_all(
        &renderer,
        jobs.into_iter()
            .filter(|j| matches!(j, Job::FullText(_) | Job::Compare(..)))
            .collect(),
    )
}

/// Renders `jobs` in parallel; `None` if one fails (the next full build
/// reports why).
fn render_all(renderer: &Renderer<'_>, jobs: Vec<Job>) -> Option<Vec<Rendered>> {
    jobs.into_par_iter()
        .map(|job| renderer.render(job))
        .collect::<Result<Vec<_>, _>>()
        .ok()
}
