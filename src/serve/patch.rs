//! Patches: rebuilds in `serve` that redo only what an edit touched.
//!
//! The usual edit — an editor saving the text of a page — changes neither
//! its front matter nor its headings nor the destinations of its links.
//! Then only the HTML that shows that body can differ: the entry's own
//! pages, the full-text page if it includes the entry, and the search
//! index; everything the model decides (URLs, order, references, link
//! targets, anchors) depends only on what stayed the same. Such an edit
//! re-renders the file's Markdown and the entry's pages in every language
//! it is shown in, and swaps those files into the served site; then the
//! full-text pages if they show the entry (only open full-text pages
//! reload), while the search index follows in the background
//! (`search.rs`); at 3 × 3,000 pages that is milliseconds instead of a
//! second for the whole pipeline (README, "konzept serve"). Every other
//! change (front matter, headings, links, new or deleted files,
//! `site.yaml`, `i18n/`, themes) runs the whole pipeline, which is always
//! correct.
//!
//! This rests on one invariant of `render`: a page's body appears only on
//! that entry's own pages, the full-text page and the search index
//! (feeds and the sitemap show front matter only). A new output that shows
//! bodies elsewhere must be rendered again in `render::entries` too, or
//! make body edits take the whole pipeline.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Served;
use crate::Prepared;
use crate::diag::{Diagnostics, SourceMap};
use crate::parse::{front_matter, markdown};

/// What the last full build left for patching: its stages' outputs and
/// the source map its diagnostics point into.
#[derive(Debug)]
pub(super) struct Cache {
    /// The text of every file read.
    pub(super) map: SourceMap,
    /// Config, sources, site and theme of the last full build, with the
    /// patches since applied.
    pub(super) prepared: Prepared,
}

/// A patched site: the files to serve and the warnings of the edited files.
#[derive(Debug)]
pub(super) struct Patched {
    /// The new served site.
    pub(super) served: Served,
    /// How many pages were rendered again.
    pub(super) pages: usize,
    /// Whether the full-text pages show an edited entry: they are rendered
    /// again after the patched site is served ([`full_text`]).
    pub(super) full_text: bool,
    /// Warnings of the edited files (raw HTML), to print.
    pub(super) warnings: Diagnostics,
}

/// Applies the edits of `changed` (absolute paths) to `cache` and to the
/// files of `current`, if every one of them is a body-only edit of a page;
/// `None` means the whole pipeline must run (the cache may then be stale).
pub(super) fn apply(
    cache: &mut Cache,
    root: &Path,
    changed: &[PathBuf],
    current: &Served,
) -> Option<Patched> {
    let Served::Site { files, copies } = current else {
        return None;
    };
    let mut entries = Vec::new();
    let mut warnings = Diagnostics::new();
    for path in changed {
        if let Some((entry, w)) = edit(cache, root, path)? {
            entries.push(entry);
            warnings.extend(w);
        }
    }
    entries.sort_unstable();
    entries.dedup();
    let p = &cache.prepared;
    let rendered = crate::render::entries(&p.site, &p.config, &p.theme, &entries).ok()?;
    let pages = rendered.len();
    let full_text = crate::render::shown_in_full_text(&p.site, &entries);
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
        full_text,
        warnings,
    })
}

/// The full-text pages of the cached build, rendered again after a patch
/// of an entry they show: the edited page is served first, these follow.
/// `None` if they cannot be rendered (the next full build reports why).
pub(super) fn full_text(cache: &Cache) -> Option<Vec<(String, Vec<u8>)>> {
    let p = &cache.prepared;
    crate::render::full_text(&p.site, &p.config, &p.theme).ok()
}

/// Applies one changed file to the cache: `Some(None)` if its text did not
/// change, `Some(Some(entry))` if its body changed and `entry` must be
/// rendered again, `None` if this is not a body-only edit of a known page.
fn edit(
    cache: &mut Cache,
    root: &Path,
    path: &Path,
) -> Option<Option<(crate::model::EntryId, Diagnostics)>> {
    let rel = path.strip_prefix(root.join("content")).ok()?;
    let rel = rel
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<Vec<_>>>()?
        .join("/");
    let p = &mut cache.prepared;
    let index = p
        .sources
        .pages
        .binary_search_by(|s| s.path.as_str().cmp(&rel))
        .ok()?;
    let text = std::fs::read_to_string(path).ok()?;
    let text: Arc<str> = Arc::from(text.strip_prefix('\u{feff}').unwrap_or(&text));
    let source = &p.sources.pages[index];
    if text == source.text {
        return Some(None);
    }
    let (old, new) = (
        front_matter::split(&source.text, source.file).ok()?,
        front_matter::split(&text, source.file).ok()?,
    );
    if old.body_offset != new.body_offset
        || source.text[..old.body_offset] != text[..new.body_offset]
    {
        return None;
    }
    let page = p
        .site
        .pages
        .iter()
        .position(|page| page.file == source.file)?;
    let (body, warnings) = markdown::render(
        new.body,
        new.body_offset,
        source.file,
        source.lang.as_str(),
        p.config.raw_html,
    );
    let old_body = &p.site.pages[page].body;
    let same_links = body.links.len() == old_body.links.len()
        && body
            .links
            .iter()
            .zip(&old_body.links)
            .all(|(a, b)| a.dest == b.dest);
    if body.headings != old_body.headings || !same_links {
        return None;
    }
    let file = source.file;
    p.site.pages[page].body = body;
    p.sources.pages[index].text = text.clone();
    cache.map.replace(file, text);
    Some(Some((p.site.pages[page].entry, warnings)))
}
