//! Fingerprints: a hash of everything a file is rendered from (its
//! template's name and context, and the language's globals), so that
//! `serve` renders again only the files whose input changed after an edit
//! of front matter (`subset::changed`). A page's context holds all it shows
//! of other entries (titles in lists and the menu, references, links with
//! their URLs filled in), so equal fingerprints mean equal files, whatever
//! the edit touched; what depends on which entry never has to be listed.
//! This holds because templates see nothing but their context and the
//! globals: konzept registers no Tera function or filter that reads the
//! site. One that did would have to be fingerprinted too.

use std::collections::BTreeMap;
use std::hash::{BuildHasher, Hasher};

use serde::Serialize;

/// Every file's fingerprint, by output path, and the globals' of every
/// language (in `site.yaml` order).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Fingerprints {
    /// Output path → fingerprint.
    pub(super) files: BTreeMap<String, u64>,
    /// The fingerprint of each language's [`super::Globals`].
    pub(super) globals: Vec<u64>,
}

impl Fingerprints {
    /// Forgets the fingerprints of `paths`, whose files were rendered from
    /// something else since (a patch of a page's text): the next comparison
    /// takes them as changed.
    pub fn forget<'p>(&mut self, paths: impl IntoIterator<Item = &'p str>) {
        for path in paths {
            self.files.remove(path);
        }
    }
}

/// The fingerprint of `template` rendered with `ctx`, as the eight bytes
/// [`super::pages::Renderer::template`] returns in fingerprint mode.
pub(super) fn of<T: Serialize>(template: &str, ctx: &T) -> Result<Vec<u8>, tera::Error> {
    let hash = serialized(ctx, |h| {
        h.write(template.as_bytes());
        h.write_u8(0xff);
    })
    .map_err(|e| tera::Error::message(format!("cannot fingerprint the context: {e}")))?;
    Ok(hash.to_le_bytes().to_vec())
}

/// The fingerprint of a value (the globals).
pub(super) fn value<T: Serialize>(v: &T) -> Result<u64, serde_json::Error> {
    serialized(v, |_| {})
}

/// Hashes `v` as JSON, after what `prefix` hashes. The JSON goes into a
/// buffer of the thread's first, hashed at once: serde writes every quote
/// and colon on its own, and millions of small writes into the hasher
/// cost more than the serializing.
fn serialized<T: Serialize>(
    v: &T,
    prefix: impl FnOnce(&mut Hash),
) -> Result<u64, serde_json::Error> {
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUFFER.with_borrow_mut(|buffer| {
        buffer.clear();
        serde_json::to_writer(&mut *buffer, v)?;
        let mut h = hasher();
        prefix(&mut h);
        h.write(buffer);
        Ok(h.finish())
    })
}

/// The hasher: foldhash (hashbrown's), many times faster than std's
/// SipHash on the megabytes a fingerprint pass hashes; fixed seeds, so
/// equal input gives equal fingerprints for as long as the process runs
/// (they are never stored).
type Hash = foldhash::quality::FoldHasher<'static>;

fn hasher() -> Hash {
    foldhash::quality::FixedState::default().build_hasher()
}

/// The fingerprint of a file's bytes (files made without a template).
pub(super) fn bytes(b: &[u8]) -> u64 {
    let mut h = hasher();
    h.write(b);
    h.finish()
}

/// Reads a fingerprint back from the bytes [`of`] returned.
pub(super) fn read(b: &[u8]) -> u64 {
    match <[u8; 8]>::try_from(b) {
        Ok(a) => u64::from_le_bytes(a),
        // Not a fingerprint: never equal to the last one by chance.
        Err(_) => bytes(b),
    }
}
