//! What the server serves ([`Served`]) and tells open pages
//! ([`Reload`]), in one [`ServeState`] shared by the watcher and the HTTP
//! handlers.

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use tokio::sync::broadcast;

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
    pub(super) fn new(served: Served) -> Arc<ServeState> {
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
    pub(super) fn replace(&self, served: Served) {
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
    pub(super) fn set_search(&self, index: Vec<(String, Vec<u8>)>) {
        self.change_files(|files| {
            files.retain(|k, _| !k.starts_with(SEARCH_PREFIX));
            files.extend(index.into_iter().map(|(k, v)| (k, Arc::from(v))));
        });
    }

    /// Swaps the pages of `pages` (output path, bytes) into the current
    /// build and tells only the open pages among them to reload.
    pub(super) fn patch_pages(&self, pages: Vec<(String, Vec<u8>)>) {
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

    pub(super) fn subscribe(&self) -> broadcast::Receiver<Reload> {
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
