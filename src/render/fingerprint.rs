//! Fingerprints: a hash of everything a file is made from (its template's
//! name and context, see [`super::renderer::JobContext`]), so that `serve`
//! renders again only the files whose input changed after an edit of
//! front matter. A page's context holds all it shows of other entries
//! (titles in lists and the menu, references, links with their URLs filled
//! in), so equal fingerprints mean equal files, whatever the edit touched;
//! what depends on which entry never has to be listed. This holds because
//! templates see nothing but their context and the language's globals
//! (fingerprinted apart: [`super::Renderer::globals_fingerprints`]):
//! konzept registers no Tera function or filter that reads the site. One
//! that did would have to be fingerprinted too.

use std::hash::{BuildHasher, Hasher};

use serde::Serialize;

/// The fingerprint of `template` rendered with `ctx`.
pub(super) fn of<T: Serialize>(template: &str, ctx: &T) -> Result<u64, serde_json::Error> {
    serialized(ctx, |h| {
        h.write(template.as_bytes());
        h.write_u8(0xff);
    })
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
