//! Where rendered pages go: the [`Sink`] trait, and the in-memory sink
//! behind [`site`](super::site).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Mutex;

use crate::diag::Diagnostic;

/// Where pages go the moment each is rendered: into memory ([`site`](super::site), for
/// `serve` and `check`) or straight into the staging directory (`build`), so
/// a build never holds the whole rendered site in memory, the largest thing
/// it would hold.
pub trait Sink: Sync {
    /// Takes one generated file; `path` is relative to the output directory.
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), Diagnostic>;
}

/// Pages kept in memory, for [`site`](super::site).
#[derive(Default)]
pub(super) struct Memory(pub(super) Mutex<BTreeMap<String, Vec<u8>>>);

impl Sink for Memory {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        self.0
            .lock()
            .expect("no thread panics while holding the lock")
            .insert(path, bytes);
        Ok(())
    }
}

/// Passes every file on to another sink and keeps a copy of those in
/// `paths`: the pages the search index needs, in a build that writes the
/// rest straight to disk.
pub(super) struct Keeping<'a> {
    inner: &'a dyn Sink,
    paths: HashSet<String>,
    kept: Mutex<HashMap<String, Vec<u8>>>,
}

impl<'a> Keeping<'a> {
    pub(super) fn new<'p>(
        inner: &'a dyn Sink,
        paths: impl IntoIterator<Item = &'p String>,
    ) -> Keeping<'a> {
        Keeping {
            inner,
            paths: paths.into_iter().cloned().collect(),
            kept: Mutex::new(HashMap::new()),
        }
    }

    /// The kept files by path.
    pub(super) fn into_kept(self) -> HashMap<String, Vec<u8>> {
        self.kept
            .into_inner()
            .expect("no thread panicked while holding the lock")
    }
}

impl Sink for Keeping<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        if self.paths.contains(&path) {
            self.kept
                .lock()
                .expect("no thread panics while holding the lock")
                .insert(path.clone(), bytes.clone());
        }
        self.inner.put(path, bytes)
    }
}
