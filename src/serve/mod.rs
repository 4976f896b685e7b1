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
mod rebuild;
mod search;
mod startup;
mod state;
mod terminal;
mod watch;

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::config::Overrides;
use crate::diag::Diagnostic;
use rebuild::build_in_memory;
pub use state::{ServeState, Served};

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

/// Serves the site until the process is interrupted. Returns the problem
/// that kept it from starting (address in use, unwatchable directory); a
/// site that does not build is served as an error page instead.
pub fn run(options: &ServeOptions) -> Result<(), Diagnostic> {
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
        .map_err(startup::runtime)?;
    watch::start(&options.root, overrides, state.clone(), cache, indexer)?;
    guard::raise_file_limit();
    let hosts = guard::Hosts::new(&options.allow_hosts);
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(options.addr)
            .await
            .map_err(|e| startup::listen(options.addr, e))?;
        let addr = listener.local_addr().map_err(startup::local_addr)?;
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
