//! Patches: rebuilds in `serve` that redo only what an edit touched.
//!
//! Two kinds of edit of a page are patched into the last build; everything
//! else (new or deleted files, `site.yaml`, `i18n/`, themes, and front
//! matter that changes what the model derives) runs the whole pipeline,
//! which is always correct. Neither may change the body's headings or the
//! destinations of its links, which other pages depend on.
//!
//! - **Text** (what an editor does most): the body changes, the values of
//!   the front matter and the page's date of last change do not. Then only the HTML
//!   that shows that body can differ: the entry's own pages, the full-text
//!   page if it includes the entry, and the search index. This rests on one
//!   invariant of `render`: a page's body appears only there (feeds and the
//!   sitemap show front matter only); a new output that shows bodies
//!   elsewhere must be rendered again in `render::entries` too.
//! - **Text fields** (a title, a summary, a project's goal, …) or the date
//!   of last change (the file's time, once git's commit no longer dates an
//!   edited file): the front matter changes only in fields whose value
//!   pages show, never in what the model derives from them (slugs,
//!   weights, references, `updated`, drafts:
//!   [`crate::parse::ParsedPage::structure`]). The new values go into the
//!   model in place ([`crate::model::Site::replace_text`]); the entry's
//!   own pages are rendered and served, then every other file whose
//!   fingerprint changed ([`showing`]: lists, references, the menu, feeds —
//!   whatever shows the entry, without a list of what that is), then the
//!   full text. If the fingerprints show that what every page shows
//!   changed (the footer's contact), the whole pipeline runs after all.
//!
//! Either way the edited page is served first and what follows reloads
//! only where it is open; the search index follows in the background
//! (`search.rs`). At 3 × 3,000 pages the edited page is served in about
//! 10 ms after the debounce instead of a second for the whole pipeline
//! (README, "konzept serve").

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Served;
use crate::Prepared;
use crate::dates::Timestamp;
use crate::diag::{Diagnostics, SourceMap};
use crate::load::PageSource;
use crate::model::{EntryId, LastChange};
use crate::parse::{self, ParsedPage};
use crate::render;

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
    pub(super) fingerprints: Option<render::Fingerprints>,
    /// The text and commit time of every page file that was committed and
    /// unmodified when the last full build read it (by index into the
    /// sources' pages): an edit that puts that text back (an undo) makes
    /// it committed again.
    committed: HashMap<usize, (Arc<str>, Timestamp)>,
}

impl Cache {
    /// A cache of a full build, without fingerprints yet.
    pub(super) fn new(map: SourceMap, prepared: Prepared) -> Cache {
        let committed = prepared
            .sources
            .pages
            .iter()
            .enumerate()
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
    /// there are some (`None` if they cannot be made: such a patch then
    /// runs the whole pipeline).
    pub(super) fn fingerprint(&mut self) {
        if self.fingerprints.is_none() {
            let p = &self.prepared;
            self.fingerprints = render::fingerprints(&p.site, &p.config, &p.theme).ok();
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
        before: render::Fingerprints,
        /// The edited entries, whose pages are served already.
        edited: Vec<EntryId>,
    },
}

/// One edited file, checked and parsed, not yet applied.
struct Edit {
    /// Index into the site's pages.
    page: usize,
    /// Index into the sources' pages.
    index: usize,
    /// The file as it is now.
    source: PageSource,
    parsed: Box<ParsedPage>,
    last_change: Option<LastChange>,
    /// Whether what other files show of the page may have changed: its
    /// text fields or its date (else only its body did).
    fields: bool,
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
        if let Some((edit, w)) = classify(cache, root, path)? {
            edits.push(edit);
            warnings.extend(w);
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
    let mut entries: Vec<EntryId> = edits.into_iter().map(|e| put(cache, e)).collect();
    entries.sort_unstable();
    entries.dedup();
    let p = &cache.prepared;
    let rendered = render::entries(&p.site, &p.config, &p.theme, &entries).ok()?;
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
    let pages = rendered.len();
    let mut files: BTreeMap<String, Arc<[u8]>> = files.clone();
    for (path, bytes) in rendered {
        files.insert(path, Arc::from(bytes));
    }
    Some(Patched {
        served: Served::Site {
            files,
            copies: copies.clone(),
        },
        pages,
        follow,
        warnings,
    })
}

/// The files that show the text fields a patch changed, besides the pages
/// of the edited entries (served already): every file whose fingerprint
/// differs from `before`'s, rendered. `None` if the globals changed (the
/// footer shows an edited entry) or the files cannot be rendered: the
/// whole pipeline must run.
pub(super) fn showing(
    cache: &mut Cache,
    before: &render::Fingerprints,
    edited: &[EntryId],
) -> Option<Vec<(String, Vec<u8>)>> {
    let p = &cache.prepared;
    let (after, files) = render::changed(&p.site, &p.config, &p.theme, before, edited).ok()??;
    cache.fingerprints = Some(after);
    Some(files)
}

/// The full-text pages of the cached build, rendered again after a patch
/// of an entry they show: the edited page is served first, these follow.
/// `None` if they cannot be rendered (the next full build reports why).
pub(super) fn full_text(cache: &Cache) -> Option<Vec<(String, Vec<u8>)>> {
    let p = &cache.prepared;
    render::full_text(&p.site, &p.config, &p.theme).ok()
}

/// Checks one changed file: `Some(None)` if its text did not change,
/// `Some(Some(edit))` with the file's warnings if it is an edit of a known
/// page's text or text fields, `None` if it is anything else.
fn classify(cache: &Cache, root: &Path, path: &Path) -> Option<Option<(Edit, Diagnostics)>> {
    let rel = path.strip_prefix(root.join("content")).ok()?;
    let rel = rel
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<Vec<_>>>()?
        .join("/");
    let p = &cache.prepared;
    let index = p
        .sources
        .pages
        .binary_search_by(|s| s.path.as_str().cmp(&rel))
        .ok()?;
    let bytes = crate::sitefs::read(root, path.strip_prefix(root).ok()?).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    let text: Arc<str> = Arc::from(text.strip_prefix('\u{feff}').unwrap_or(&text));
    let loaded = &p.sources.pages[index];
    if text == loaded.text {
        return Some(None);
    }
    let page = p
        .site
        .pages
        .iter()
        .position(|page| page.file == loaded.file)?;
    let source = PageSource {
        // Edited since: git's commit time no longer dates it (as `load`
        // finds for a file with uncommitted changes), unless the edit put
        // the committed text back.
        committed: cache
            .committed
            .get(&index)
            .filter(|(committed, _)| **committed == *text)
            .map(|(_, time)| *time),
        text,
        modified: crate::load::modified(path),
        ..loaded.clone()
    };
    let (parsed, warnings) = parse::page(index, &source, &p.config).ok()?;
    let old_body = &p.site.pages[page].body;
    let same_links = parsed.body.headings == old_body.headings
        && parsed.body.links.len() == old_body.links.len()
        && parsed
            .body
            .links
            .iter()
            .zip(&old_body.links)
            .all(|(a, b)| a.dest == b.dest);
    if warnings.has_errors() || !same_links {
        return None;
    }
    let (before, _) = parse::page(index, loaded, &p.config).ok()?;
    let neutral = |p: &ParsedPage| {
        let c = &p.common;
        (
            p.kind,
            p.data.clone(),
            c.slug.clone(),
            c.weight,
            c.draft,
            c.updated,
        )
    };
    if neutral(&parsed) != neutral(&before) {
        return None;
    }
    let last_change = LastChange::of(source.committed, parsed.common.updated, source.modified);
    let fields = parsed.common != before.common
        || parsed.data != before.data
        || parsed.text != before.text
        || last_change != p.site.pages[page].last_change;
    let edit = Edit {
        page,
        index,
        source,
        parsed: Box::new(parsed),
        last_change,
        fields,
    };
    Some(Some((edit, warnings)))
}

/// Puts a checked edit into the cache; returns the edited entry.
fn put(cache: &mut Cache, edit: Edit) -> EntryId {
    let p = &mut cache.prepared;
    let page = &mut p.site.pages[edit.page];
    page.last_change = edit.last_change;
    let id = page.id;
    p.site.replace_text(id, *edit.parsed);
    cache
        .map
        .replace(edit.source.file, edit.source.text.clone());
    p.sources.pages[edit.index] = edit.source;
    p.site.pages[edit.page].entry
}
