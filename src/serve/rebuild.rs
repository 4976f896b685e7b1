//! Rebuilding after a change: a patch of the last build if the edit
//! allows one (`patch.rs`), else the whole pipeline into memory.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::patch;
use super::state::Served;
use super::terminal;
use crate::config::Overrides;
use crate::diag::{SourceMap, Style, escape_line, render_all};
use crate::render::SearchIndex;

/// Builds the site into memory, all but the search index; on failure, the
/// diagnostics as text.
/// Returns what the site serves, the line to print, and on success what a
/// patch of the next edit starts from.
pub(super) fn build_in_memory(
    root: &Path,
    overrides: &Overrides,
) -> (Served, String, Option<patch::Cache>) {
    let start = Instant::now();
    let mut sources = SourceMap::new();
    match crate::render_site(root, overrides, &mut sources, SearchIndex::Skip) {
        Ok(built) => {
            let pages: usize = built.output.pages_per_lang.iter().map(|(_, n)| n).sum();
            let mut line = format!("built {pages} pages in {} ms", start.elapsed().as_millis());
            if !built.warnings.is_empty() {
                terminal::diagnostics(&render_all(&built.warnings, &sources, terminal::style()));
                line.push_str(&format!(", {} warnings", built.warnings.warning_count()));
            }
            // As `build` and `check` say it: a paused language is left out.
            for note in built.prepared.sources.notes() {
                terminal::diagnostics(&format!("{}\n", escape_line(&note)));
            }
            let files = built
                .output
                .files
                .into_iter()
                .map(|(path, bytes)| (path, Arc::from(bytes)))
                .collect();
            let cache = patch::Cache::new(sources, built.prepared);
            (
                Served::Site {
                    files,
                    copies: built.output.copies,
                },
                line,
                Some(cache),
            )
        }
        Err(failure) => {
            terminal::diagnostics(&render_all(
                &failure.diagnostics,
                &sources,
                terminal::style(),
            ));
            let text = render_all(&failure.diagnostics, &sources, Style::Plain);
            let n = failure.diagnostics.error_count();
            (
                Served::Error(text),
                format!(
                    "build failed: {n} error{}; serving the error page",
                    if n == 1 { "" } else { "s" }
                ),
                None,
            )
        }
    }
}

/// Rebuilds after a change of `changed` (absolute paths below `root`): a
/// patch of the cached build if the edit allows one, else the whole
/// pipeline. Returns what to serve, the line to print, and what is still
/// to be rendered again once it is served (after a patch).
pub(super) fn rebuild(
    root: &Path,
    overrides: &Overrides,
    changed: &[PathBuf],
    cache: &mut Option<patch::Cache>,
    current: &Served,
) -> (Served, String, patch::FollowUp) {
    let start = Instant::now();
    if let Some(c) = cache.as_mut()
        && let Some(patched) = patch::apply(c, root, changed, current)
    {
        if !patched.warnings.is_empty() {
            terminal::diagnostics(&render_all(&patched.warnings, &c.map, terminal::style()));
        }
        let line = format!(
            "rendered {} page{} again in {} ms",
            patched.pages,
            if patched.pages == 1 { "" } else { "s" },
            start.elapsed().as_millis()
        );
        return (patched.served, line, patched.follow);
    }
    let (served, line, fresh) = build_in_memory(root, overrides);
    *cache = fresh;
    (served, line, patch::FollowUp::Nothing)
}
