//! The watcher: `content/`, `i18n/`, `themes/` and `site.yaml`, debounced;
//! editor temporary files, `public/` and staging directories are ignored (they
//! are not watched at all, or filtered by name).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};

use super::patch::{Cache, FollowUp};
use super::rebuild::{build_in_memory, rebuild};
use super::search::Indexer;
use super::startup;
use super::state::ServeState;
use crate::config::Overrides;
use crate::diag::{Diagnostic, Diagnostics, Severity, SourceMap, render_all};

/// Quiet time after the last change before rebuilding: editors write a file
/// in several steps (temporary file, rename), one rebuild is enough.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// The source directories watched recursively.
const SOURCE_DIRS: [&str; 4] = ["content", "i18n", "themes", crate::load::STATIC_DIR];

/// Starts watching in a thread of its own, which rebuilds on every relevant
/// change for as long as the process runs.
pub(super) fn start(
    root: &Path,
    overrides: Overrides,
    state: Arc<ServeState>,
    mut cache: Option<Cache>,
    indexer: Arc<Indexer>,
) -> Result<(), Diagnostic> {
    // notify reports absolute paths on some platforms; compare like with like.
    let root = root.canonicalize().map_err(|e| startup::watch(root, e))?;
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    // Symbolic links are not followed: a link to `/usr` (an error for the
    // build) had notify add a watch for every directory below it before
    // the preview answered, and a few doubled directory links inside the
    // site (`d0/{a,b} → d1`, …) never let it finish. Edits inside a
    // directory reached through a link are therefore not noticed.
    let config = notify::Config::default().with_follow_symlinks(false);
    let mut debouncer = new_debouncer_opt(DEBOUNCE, None, tx, RecommendedCache::new(), config)
        .map_err(startup::watcher)?;
    for dir in SOURCE_DIRS {
        watch_dir(&mut debouncer, &root.join(dir))?;
    }
    // The root itself only non-recursively: site.yaml, and source
    // directories created later (watched from then on); never `public/` or
    // `target/`.
    debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| startup::watch(&root, e))?;
    std::thread::spawn(move || {
        // Fingerprints of the first build, before the first edit comes.
        if let Some(c) = &mut cache {
            c.fingerprint();
        }
        for result in rx {
            let Ok(events) = result else { continue };
            // Reading files (as every rebuild does) raises access events; only
            // changes count, or each rebuild would trigger the next.
            let changed: Vec<&Path> = events
                .iter()
                .filter(|e| is_change(&e.kind))
                .flat_map(|e| e.paths.iter())
                .map(PathBuf::as_path)
                .filter(|p| is_source(&root, p))
                .collect();
            log::debug!("changed: {changed:?}");
            if changed.is_empty() {
                continue;
            }
            for dir in SOURCE_DIRS.map(|d| root.join(d)) {
                if changed.contains(&dir.as_path())
                    && let Err(e) = watch_dir(&mut debouncer, &dir)
                {
                    // A directory created while serving: the server goes on
                    // without noticing edits in it.
                    let warning = Diagnostic {
                        severity: Severity::Warning,
                        ..e
                    };
                    super::terminal::diagnostics(&render_all(
                        &Diagnostics::from(warning),
                        &SourceMap::new(),
                        super::terminal::style(),
                    ));
                }
            }
            let changed: Vec<PathBuf> = changed.into_iter().map(Path::to_path_buf).collect();
            let (served, line, follow) =
                rebuild(&root, &overrides, &changed, &mut cache, &state.current());
            state.replace(served);
            super::terminal::line(&line);
            let request = |cache: &Option<Cache>| {
                if let Some(c) = cache {
                    indexer.request(&c.prepared.site, &c.prepared.config, &state.current());
                }
            };
            // The search index reads the entries' pages as served: after the
            // pages that show edited text fields (a project's contact card)
            // are, if they follow.
            let pages_follow = matches!(follow, FollowUp::Showing { .. });
            if !pages_follow {
                request(&cache);
            }
            if follow_up(follow, &root, &overrides, &state, &mut cache) || pages_follow {
                request(&cache);
            }
            if let Some(c) = &mut cache {
                // After a full build: ready for the next edit of text fields.
                c.fingerprint();
            }
        }
    });
    Ok(())
}

/// Renders what follows a patch once the edited pages are served: the
/// other pages showing edited text fields, the full-text pages. If the
/// edit turns out to need the whole pipeline (it changed what every page
/// shows), runs it and returns `true`.
fn follow_up(
    follow: FollowUp,
    root: &Path,
    overrides: &Overrides,
    state: &ServeState,
    cache: &mut Option<Cache>,
) -> bool {
    let Some(c) = cache.as_mut() else {
        return false;
    };
    if let FollowUp::Showing { before, edited } = &follow {
        let start = std::time::Instant::now();
        let Some(pages) = super::patch::showing(c, before, edited) else {
            let (served, line, fresh) = build_in_memory(root, overrides);
            state.replace(served);
            super::terminal::line(&line);
            *cache = fresh;
            return true;
        };
        let n = pages.len();
        state.patch_pages(pages);
        super::terminal::line(&format!(
            "rendered {n} page{} showing the edit again in {} ms",
            if n == 1 { "" } else { "s" },
            start.elapsed().as_millis()
        ));
    }
    if matches!(follow, FollowUp::Nothing) {
        return false;
    }
    let start = std::time::Instant::now();
    if let Some(pages) = super::patch::full_text(c) {
        let n = pages.len();
        state.patch_pages(pages);
        super::terminal::line(&format!(
            "rendered the full text ({n} pages) again in {} ms",
            start.elapsed().as_millis()
        ));
    } else {
        log::warn!("the full text could not be rendered again; it shows the last full build");
    }
    false
}

fn watch_dir(
    debouncer: &mut Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    dir: &Path,
) -> Result<(), Diagnostic> {
    if !dir.is_dir() {
        return Ok(());
    }
    debouncer
        .watch(dir, RecursiveMode::Recursive)
        .map_err(|e| startup::watch(dir, e))
}

fn is_change(kind: &EventKind) -> bool {
    use notify::event::ModifyKind;
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Whether a changed path is part of the site's sources.
fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp");
    if temp {
        return false;
    }
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    matches!(first.as_str(), "content" | "i18n" | "themes")
        || first == crate::load::STATIC_DIR
        || rel == Path::new("site.yaml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_trigger_rebuilds() {
        let root = Path::new("/site");
        assert!(is_source(root, Path::new("/site/content/a.md")));
        assert!(is_source(root, Path::new("/site/site.yaml")));
        assert!(is_source(
            root,
            Path::new("/site/themes/default/templates/page.html")
        ));
        assert!(!is_source(root, Path::new("/site/public/index.html")));
        assert!(!is_source(
            root,
            Path::new("/site/.public.konzept-staging-1/x")
        ));
        assert!(!is_source(root, Path::new("/site/content/.a.md.swp")));
        assert!(!is_source(root, Path::new("/site/content/a.md~")));
    }
}
