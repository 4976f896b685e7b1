//! Serve: the site built into memory, served on loopback, rebuilt on every
//! change and pushed to open browsers.
//!
//! Takes the site root and options; runs until interrupted. On every
//! debounced change, an edit of a page's text or text fields is patched
//! into the last build (`patch.rs`); anything else runs the whole pipeline
//! into memory (`render_site`). Either way the result is swapped in whole into
//! [`ServeState`]. A failed rebuild replaces the pages with an error page
//! showing the same diagnostics as the terminal; the server keeps running
//! and the next good save recovers. The search index follows in the
//! background (`search.rs`). `serve` never writes into the site directory.

mod edit;
mod fingerprints;
mod guard;
mod http;
mod patch;
mod search;
mod terminal;
mod watch;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use tokio::sync::broadcast;

use crate::config::Overrides;
use crate::diag::{SourceMap, Style, render_all};
use crate::render::SearchIndex;

/// Options of [`run`].
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site's directory.
    pub root: PathBuf,
    /// Address to listen on (loopback unless `--bind` says otherwise).
    pub addr: SocketAddr,
    /// `site.yaml` overrides (base URL is always `/` when serving).
    pub overrides: Overrides,
    /// Open a browser once the server listens.
    pub open: bool,
    /// Host names answered besides IP addresses and `localhost`
    /// (`--allow-host`); requests naming any other host get 421.
    pub allow_hosts: Vec<String>,
}

/// What the server currently serves: the last build's files, or the
/// diagnostics of a failed build.
#[derive(Debug)]
pub enum Served {
    /// A successful build.
    Site {
        /// Generated files by path (shared, so a patch copies only the map).
        files: BTreeMap<String, Arc<[u8]>>,
        /// Files served from disk (content assets) by output path.
        copies: BTreeMap<String, crate::sitefs::SiteFile>,
    },
    /// A failed build: the diagnostics as plain text.
    Error(String),
}

/// State shared by the watcher and the HTTP handlers.
#[derive(Debug)]
pub struct ServeState {
    served: RwLock<Arc<Served>>,
    reload: broadcast::Sender<Reload>,
    generation: std::sync::atomic::AtomicU64,
}

impl ServeState {
    fn new(served: Served) -> Arc<ServeState> {
        let (reload, _) = broadcast::channel(16);
        Arc::new(ServeState {
            served: RwLock::new(Arc::new(served)),
            reload,
            generation: std::sync::atomic::AtomicU64::new(0),
        })
    }

    /// The current build.
    pub fn current(&self) -> Arc<Served> {
        self.served
            .read()
            .expect("no thread panics while holding the lock")
            .clone()
    }

    /// Swaps in a new build and tells every open page to reload. Until the
    /// new build's search index is ready, the previous one is served.
    fn replace(&self, served: Served) {
        let mut current = self
            .served
            .write()
            .expect("no thread panics while holding the lock");
        let served = match (served, &**current) {
            (Served::Site { mut files, copies }, Served::Site { files: old, .. }) => {
                if !files.keys().any(|k| k.starts_with(SEARCH_PREFIX)) {
                    files.extend(
                        old.range(SEARCH_PREFIX.to_owned()..)
                            .take_while(|(k, _)| k.starts_with(SEARCH_PREFIX))
                            .map(|(k, v)| (k.clone(), v.clone())),
                    );
                }
                Served::Site { files, copies }
            }
            (served, _) => served,
        };
        *current = Arc::new(served);
        drop(current);
        self.announce(None);
    }

    /// Puts a new search index in place of the old one; no reload, the
    /// pages themselves did not change.
    fn set_search(&self, index: Vec<(String, Vec<u8>)>) {
        self.change_files(|files| {
            files.retain(|k, _| !k.starts_with(SEARCH_PREFIX));
            files.extend(index.into_iter().map(|(k, v)| (k, Arc::from(v))));
        });
    }

    /// Swaps the pages of `pages` (output path, bytes) into the current
    /// build and tells only the open pages among them to reload.
    fn patch_pages(&self, pages: Vec<(String, Vec<u8>)>) {
        if pages.is_empty() {
            // Nothing changed; an empty list would reload every page.
            return;
        }
        let urls: Vec<String> = pages
            .iter()
            .map(|(path, _)| format!("/{}", path.strip_suffix("index.html").unwrap_or(path)))
            .collect();
        if self.change_files(|files| {
            files.extend(pages.into_iter().map(|(k, v)| (k, Arc::from(v))));
        }) {
            self.announce(Some(urls));
        }
    }

    /// Changes the files of the current build, if it is a site (not the
    /// error page); returns whether it was.
    fn change_files(&self, change: impl FnOnce(&mut BTreeMap<String, Arc<[u8]>>)) -> bool {
        let mut current = self
            .served
            .write()
            .expect("no thread panics while holding the lock");
        let Served::Site { files, copies } = &**current else {
            return false;
        };
        let mut files = files.clone();
        change(&mut files);
        *current = Arc::new(Served::Site {
            files,
            copies: copies.clone(),
        });
        true
    }

    /// Tells the open pages (`only`: those with these URL paths) to reload.
    fn announce(&self, only: Option<Vec<String>>) {
        let generation = self
            .generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            + 1;
        // No receivers (no open page) is fine.
        let _ = self.reload.send(Reload { generation, only });
    }

    fn subscribe(&self) -> broadcast::Receiver<Reload> {
        self.reload.subscribe()
    }
}

/// A message to the open pages: a new build is served.
#[derive(Debug, Clone)]
pub(crate) struct Reload {
    /// Counts the builds served.
    pub(crate) generation: u64,
    /// The URL paths (`/de/volltext/`) of the pages that changed, if only
    /// these did; `None`: every page reloads.
    pub(crate) only: Option<Vec<String>>,
}

impl Reload {
    /// The event's data: the generation, then the changed pages' paths if
    /// only these changed, separated by spaces (URL paths have none).
    pub(crate) fn data(&self) -> String {
        let mut data = self.generation.to_string();
        for url in self.only.iter().flatten() {
            data.push(' ');
            data.push_str(url);
        }
        data
    }
}

/// Where the search runtime and index live in the output.
const SEARCH_PREFIX: &str = "pagefind/";

/// Builds the site into memory, all but the search index; on failure, the
/// diagnostics as text.
/// Returns what the site serves, the line to print, and on success what a
/// patch of the next edit starts from.
fn build_in_memory(root: &Path, overrides: &Overrides) -> (Served, String, Option<patch::Cache>) {
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
fn rebuild(
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

/// Serves the site until the process is interrupted. Returns an error message
/// for usage problems (address in use, unwatchable directory).
pub fn run(options: &ServeOptions) -> Result<(), String> {
    let overrides = Overrides {
        base_url: Some("/".to_owned()),
        ..options.overrides.clone()
    };
    let (served, line, cache) = build_in_memory(&options.root, &overrides);
    terminal::line(&line);
    let state = ServeState::new(served);
    let indexer = search::Indexer::start(state.clone());
    if let Some(c) = &cache {
        indexer.request(&c.prepared.site, &c.prepared.config, &state.current());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server runtime: {e}"))?;
    watch::start(&options.root, overrides, state.clone(), cache, indexer)?;
    guard::raise_file_limit();
    let hosts = guard::Hosts::new(&options.allow_hosts);
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", options.addr))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        terminal::line(&format!("serving on http://{addr}/ (Ctrl+C to stop)"));
        if options.open {
            open_browser(&format!("http://{addr}/"));
        }
        tokio::select! {
            () = http::serve(listener, state, hosts) => {}
            _ = tokio::signal::ctrl_c() => {}
        }
        Ok(())
    })
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if let Err(e) = std::process::Command::new(opener).arg(url).spawn() {
        log::warn!("could not open a browser ({opener}): {e}");
    }
}
