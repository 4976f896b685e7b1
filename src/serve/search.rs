//! The search index in `serve`: built in a thread of its own after every
//! build and patch, and swapped into what is served when it is ready, so an
//! edited page is back in the browser at once while Pagefind (the costliest
//! step of a build at scale) catches up. Until then the previous index is
//! served. Only the newest request is worked on: edits arriving faster than
//! the indexer runs skip the versions in between. It works on one thread,
//! outside the pool that renders, so it never holds up the next edit.

use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;

use super::state::{ServeState, Served};
use crate::config::Config;
use crate::model::Site;

/// The pages to index, per language: output path and HTML, shared with the
/// served site.
type Pages = Vec<(String, Vec<(String, Arc<[u8]>)>)>;

/// A handle on the indexing thread.
#[derive(Debug)]
pub(super) struct Indexer {
    next: Mutex<Option<Pages>>,
    wake: Condvar,
}

impl Indexer {
    /// Starts the thread, which indexes into `state`.
    pub(super) fn start(state: Arc<ServeState>) -> Arc<Indexer> {
        let indexer = Arc::new(Indexer {
            next: Mutex::new(None),
            wake: Condvar::new(),
        });
        let worker = indexer.clone();
        std::thread::spawn(move || {
            // A pool of one thread of its own: on rayon's global pool the
            // index would hold up the next patch, which renders there.
            let pool = match rayon::ThreadPoolBuilder::new()
                .num_threads(1)
                .thread_name(|_| "search index".to_owned())
                .build()
            {
                Ok(pool) => pool,
                Err(e) => {
                    log::warn!("search index: no thread for it ({e}); serving without search");
                    return;
                }
            };
            loop {
                let pages = worker.wait();
                let start = Instant::now();
                match pool.install(|| crate::render::search_index(&pages)) {
                    Ok(files) => {
                        state.set_search(files);
                        super::terminal::line(&format!(
                            "search index of {} pages ready in {} ms",
                            pages.iter().map(|(_, p)| p.len()).sum::<usize>(),
                            start.elapsed().as_millis()
                        ));
                    }
                    Err(d) => {
                        for d in d.iter() {
                            log::warn!("search index: {}", d.message);
                        }
                    }
                }
            }
        });
        indexer
    }

    /// Asks for the index of the pages `served` holds for `site`, replacing
    /// any request not yet started. Nothing without search.
    pub(super) fn request(&self, site: &Site, config: &Config, served: &Served) {
        let Served::Site { files, .. } = served else {
            return;
        };
        let pages: Pages = crate::render::pick(crate::render::search_paths(site, config), |p| {
            files.get(p).cloned()
        });
        if pages.iter().all(|(_, p)| p.is_empty()) {
            return;
        }
        *self
            .next
            .lock()
            .expect("no thread panics while holding the lock") = Some(pages);
        self.wake.notify_one();
    }

    fn wait(&self) -> Pages {
        let mut next = self
            .next
            .lock()
            .expect("no thread panics while holding the lock");
        loop {
            if let Some(pages) = next.take() {
                return pages;
            }
            next = self
                .wake
                .wait(next)
                .expect("no thread panics while holding the lock");
        }
    }
}
