//! One edited page file: whether it can be patched into the last build
//! (`patch.rs` says when: its body's headings and link destinations stay,
//! and every front-matter key whose value changed is a text field of its
//! kind, [`Scope::Text`]), and putting it there.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::Prepared;
use crate::dates::Timestamp;
use crate::diag::{Diagnostics, SourceMap};
use crate::load::{PageSource, SourceIndex};
use crate::model::{EntryId, LastChange, PageId, Site, sort_key};
use crate::parse::front_matter::split;
use crate::parse::{self, Markdown, ParsedPage};
use crate::yaml::{self, Scope};

/// One edited file, checked and parsed, not yet applied.
#[derive(Debug)]
pub(super) struct Edit {
    /// The site's page of the file.
    page: PageId,
    /// The file among the sources' pages.
    index: SourceIndex,
    /// The file as it is now.
    source: PageSource,
    parsed: Box<ParsedPage>,
    last_change: Option<LastChange>,
    /// Whether what other files show of the page may have changed: its
    /// text fields or its date (else only its body did).
    pub(super) fields: bool,
}

/// What a changed file is to a patch.
#[derive(Debug)]
pub(super) enum Change {
    /// Its text is what the last build read.
    Unchanged,
    /// An edit of a known page's text or text fields, with the file's
    /// warnings.
    Patchable(Box<Edit>, Diagnostics),
    /// Anything else: the whole pipeline must run.
    Rebuild,
}

/// The text and commit time of every page file that was committed and
/// unmodified when the last full build read it.
pub(super) type Committed = HashMap<SourceIndex, (Arc<str>, Timestamp)>;

/// Checks one changed file (an absolute path below `root`) against the
/// last build, `p`.
pub(super) fn classify(p: &Prepared, committed: &Committed, root: &Path, path: &Path) -> Change {
    let Some(index) = source_index(p, root, path) else {
        return Change::Rebuild;
    };
    let loaded = p.sources.page(index);
    let Some(text) = read(root, path) else {
        return Change::Rebuild;
    };
    if text == loaded.text {
        return Change::Unchanged;
    }
    let Some(page) = p.site.pages.iter().find(|page| page.file == loaded.file) else {
        return Change::Rebuild;
    };
    let source = PageSource {
        // Edited since: git's commit time no longer dates it (as `load`
        // finds for a file with uncommitted changes), unless the edit put
        // the committed text back.
        committed: committed
            .get(&index)
            .filter(|(committed, _)| **committed == *text)
            .map(|(_, time)| *time),
        text,
        modified: crate::load::modified(path),
        ..loaded.clone()
    };
    let Ok((parsed, warnings)) = parse::page(index, &source, &p.config) else {
        return Change::Rebuild;
    };
    if warnings.has_errors() || !same_links(&parsed.body, &page.body) {
        return Change::Rebuild;
    }
    let Some(changed) = changed_keys(&loaded.text, &source) else {
        return Change::Rebuild;
    };
    let fields = parsed.kind.fields();
    let text_field = |key: &String| {
        fields
            .iter()
            .any(|f| f.name == key.as_str() && f.scope == Scope::Text)
    };
    if !changed.iter().all(text_field) {
        return Change::Rebuild;
    }
    let last_change = LastChange::of(source.committed, parsed.common.updated, source.modified);
    let edit = Edit {
        page: page.id,
        index,
        fields: !changed.is_empty() || last_change != page.last_change,
        source,
        parsed: Box::new(parsed),
        last_change,
    };
    Change::Patchable(Box::new(edit), warnings)
}

/// Whether two versions of a body have the same headings and link
/// destinations, which other pages depend on.
fn same_links(new: &Markdown, old: &Markdown) -> bool {
    new.headings == old.headings
        && new.links.len() == old.links.len()
        && new
            .links
            .iter()
            .zip(&old.links)
            .all(|(a, b)| a.dest == b.dest)
}

/// The file at `path` among the sources' pages, if it is one.
fn source_index(p: &Prepared, root: &Path, path: &Path) -> Option<SourceIndex> {
    let rel = path.strip_prefix(root.join("content")).ok()?;
    let rel = rel
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<Vec<_>>>()?
        .join("/");
    p.sources
        .pages
        .binary_search_by(|s| s.path.as_str().cmp(&rel))
        .ok()
        .map(SourceIndex::new)
}

/// The text of the file at `path` as `load` reads it (UTF-8, without a
/// byte-order mark).
fn read(root: &Path, path: &Path) -> Option<Arc<str>> {
    let bytes = crate::sitefs::read(root, path.strip_prefix(root).ok()?).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    Some(Arc::from(text.strip_prefix('\u{feff}').unwrap_or(&text)))
}

/// The front-matter keys whose values differ between `old` and the new
/// version of its file.
fn changed_keys(old: &str, new: &PageSource) -> Option<Vec<String>> {
    let old = split(old, new.file).ok()?;
    let new = split(&new.text, new.file).ok()?;
    yaml::changed_keys(old.yaml, new.yaml)
}

/// Puts a checked edit into the last build: the page's text and date into
/// the site, its file into the sources and the source map. Returns the
/// edited entry.
pub(super) fn put(p: &mut Prepared, map: &mut SourceMap, edit: Edit) -> EntryId {
    let site = &mut p.site;
    let ParsedPage {
        common,
        text,
        body,
        spans,
        ..
    } = *edit.parsed;
    let page = &mut site.pages[edit.page.index()];
    let retitled = page.title != common.title;
    page.title = common.title;
    page.summary = common.summary;
    page.text = text;
    page.body = body;
    page.spans = spans;
    page.last_change = edit.last_change;
    let entry = page.entry;
    if retitled && site.original(entry) == edit.page {
        sort_again(site, entry);
    }
    map.replace(edit.source.file, edit.source.text.clone());
    p.sources.pages[edit.index.index()] = edit.source;
    entry
}

/// Sorts again the lists that hold `entry` (a section's pages, the
/// projects of a guideline or contact), which are sorted by the original's
/// title ([`sort_key`]) and whose original was retitled.
fn sort_again(site: &mut Site, entry: EntryId) {
    let lists: Vec<EntryId> = site
        .entries
        .iter()
        .filter(|e| e.children.contains(&entry) || e.referenced_by.contains(&entry))
        .map(|e| e.id)
        .collect();
    for list in lists {
        // From entry order, as `model::assemble` sorts them: equal keys
        // keep the order a full build gives them.
        let sorted = |mut ids: Vec<EntryId>, site: &Site| {
            ids.sort_unstable();
            ids.sort_by_cached_key(|id| sort_key(site, *id));
            ids
        };
        let e = &mut site.entries[list.index()];
        let (children, referenced_by) = (
            std::mem::take(&mut e.children),
            std::mem::take(&mut e.referenced_by),
        );
        let children = sorted(children, site);
        let referenced_by = sorted(referenced_by, site);
        let e = &mut site.entries[list.index()];
        e.children = children;
        e.referenced_by = referenced_by;
    }
}
