//! Serve: the site built into memory, served on loopback, rebuilt on every
//! change and pushed to open browsers.
//!
//! Takes the site root and options; runs until interrupted. The whole
//! pipeline runs into memory on every debounced change (`render_site`, as
//! `build` uses) and the result is swapped in whole into [`ServeState`]. A
//! failed rebuild replaces the pages with an error page showing the same
//! diagnostics as the terminal; the server keeps running and the next good
//! save recovers. `serve` never writes into the site directory.

mod http;
mod watch;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use tokio::sync::broadcast;

use crate::config::Overrides;
use crate::diag::{SourceMap, Style, render_all};

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
}

/// What the server currently serves: the last build's files, or the
/// diagnostics of a failed build.
#[derive(Debug)]
pub enum Served {
    /// A successful build.
    Site {
        /// Generated files by path.
        files: BTreeMap<String, Vec<u8>>,
        /// Files served from disk (content assets) by output path.
        copies: BTreeMap<String, PathBuf>,
    },
    /// A failed build: the diagnostics as plain text.
    Error(String),
}

/// State shared by the watcher and the HTTP handlers.
#[derive(Debug)]
pub struct ServeState {
    served: RwLock<Arc<Served>>,
    reload: broadcast::Sender<u64>,
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

    /// Swaps in a new build and tells every open page to reload.
    fn replace(&self, served: Served) {
        *self
            .served
            .write()
            .expect("no thread panics while holding the lock") = Arc::new(served);
        let generation = self
            .generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
            + 1;
        // No receivers (no open page) is fine.
        let _ = self.reload.send(generation);
    }

    fn subscribe(&self) -> broadcast::Receiver<u64> {
        self.reload.subscribe()
    }
}

/// Builds the site into memory; on failure, the diagnostics as text.
pub fn build_in_memory(root: &Path, overrides: &Overrides) -> (Served, String) {
    let start = Instant::now();
    let mut sources = SourceMap::new();
    match crate::render_site(root, overrides, &mut sources) {
        Ok((output, warnings)) => {
            let pages: usize = output.pages_per_lang.iter().map(|(_, n)| n).sum();
            let mut line = format!("built {pages} pages in {} ms", start.elapsed().as_millis());
            if !warnings.is_empty() {
                eprint!(
                    "{}",
                    render_all(&warnings, &sources, crate::cli::stderr_style())
                );
                line.push_str(&format!(", {} warnings", warnings.warning_count()));
            }
            (
                Served::Site {
                    files: output.files,
                    copies: output.copies,
                },
                line,
            )
        }
        Err(failure) => {
            eprint!(
                "{}",
                render_all(&failure.diagnostics, &sources, crate::cli::stderr_style())
            );
            let text = render_all(&failure.diagnostics, &sources, Style::Plain);
            let n = failure.diagnostics.error_count();
            (
                Served::Error(text),
                format!(
                    "build failed: {n} error{}; serving the error page",
                    if n == 1 { "" } else { "s" }
                ),
            )
        }
    }
}

/// Serves the site until the process is interrupted. Returns an error message
/// for usage problems (address in use, unwatchable directory).
pub fn run(options: &ServeOptions) -> Result<(), String> {
    let overrides = Overrides {
        base_url: Some("/".to_owned()),
        ..options.overrides.clone()
    };
    let (served, line) = build_in_memory(&options.root, &overrides);
    println!("{line}");
    let state = ServeState::new(served);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server runtime: {e}"))?;
    watch::start(&options.root, overrides, state.clone())?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", options.addr))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        println!("serving on http://{addr}/ (Ctrl+C to stop)");
        if options.open {
            open_browser(&format!("http://{addr}/"));
        }
        tokio::select! {
            () = http::serve(listener, state) => {}
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
