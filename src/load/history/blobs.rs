//! A revision's files, read from the object database in parallel once
//! the tree walk (`revision.rs`) has found them: each worker reads a run
//! of files with a handle of its own (the store shared, the caches its
//! own), and every bound is checked before a file's bytes are read.
//! What comes out is in tree order, as the walk found it, whichever
//! worker read what.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};

use gix::ObjectId;
use gix::objs::{FindExt, FindHeader};
use rayon::prelude::*;

use super::revision::{MAX_BLOB_BYTES, MAX_TOTAL_BYTES, Skipped};

/// An entry of the revision's tree, as the walk found it.
pub(super) enum Found {
    /// A file to read: its path relative to the site directory and blob.
    Blob(String, ObjectId),
    /// An entry left out, with why.
    Skipped(Skipped),
}

/// Files read: path relative to the site directory and bytes.
type Files = Vec<(String, Vec<u8>)>;

/// What became of one file.
enum Outcome {
    Read(Vec<u8>),
    /// Larger than [`MAX_BLOB_BYTES`]: left out unread.
    TooLarge(u64),
    /// Past [`MAX_TOTAL_BYTES`] with the files counted before it.
    OverTotal,
    Failed(String),
}

/// Runs of files per worker thread: small enough to even out the work,
/// large enough that a worker's caches (delta bases) serve several files.
const RUNS_PER_THREAD: usize = 4;

/// The files of `found` (path and bytes) and the entries left out, both
/// in `found`'s order. The error says why nothing could be read: a
/// missing or broken object (the first in tree order), or the bytes of
/// all files together past [`MAX_TOTAL_BYTES`].
pub(super) fn read(
    objects: &gix::odb::Handle,
    found: Vec<Found>,
) -> Result<(Files, Vec<Skipped>), String> {
    let shared = Mutex::new(
        objects
            .clone()
            .into_arc()
            .map_err(|e| format!("the object database: {e}"))?,
    );
    let blobs: Vec<(&str, ObjectId)> = found
        .iter()
        .filter_map(|f| match f {
            Found::Blob(path, id) => Some((path.as_str(), *id)),
            Found::Skipped(_) => None,
        })
        .collect();
    let run = blobs
        .len()
        .div_ceil(rayon::current_num_threads() * RUNS_PER_THREAD)
        .max(1);
    let total = AtomicU64::new(0);
    let outcomes: Vec<Outcome> = blobs
        .par_chunks(run)
        .flat_map_iter(|run| {
            let objects = shared
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone();
            run.iter()
                .map(|&(path, id)| one(&objects, path, id, &total))
                .collect::<Vec<_>>()
        })
        .collect();
    let over = || format!("the revision's content/ has more than {MAX_TOTAL_BYTES} bytes");
    // Whether the sum is past the bound does not depend on which worker
    // counted last.
    if outcomes.iter().any(|o| matches!(o, Outcome::OverTotal)) {
        return Err(over());
    }
    let mut outcomes = outcomes.into_iter();
    let (mut files, mut skipped) = (Vec::new(), Vec::new());
    for f in found {
        match f {
            Found::Skipped(s) => skipped.push(s),
            Found::Blob(path, _) => match outcomes.next() {
                Some(Outcome::Read(bytes)) => files.push((path, bytes)),
                Some(Outcome::TooLarge(size)) => skipped.push(Skipped {
                    path,
                    reason: format!(
                        "has {size} bytes, more than the {MAX_BLOB_BYTES} read from a revision"
                    ),
                }),
                Some(Outcome::Failed(e)) => return Err(e),
                Some(Outcome::OverTotal) | None => return Err(over()),
            },
        }
    }
    Ok((files, skipped))
}

/// Reads one blob, unless it is past a bound: its size is looked up
/// first, and counted into `total` before its bytes are read.
fn one(objects: &gix::odb::HandleArc, path: &str, id: ObjectId, total: &AtomicU64) -> Outcome {
    let size = match objects.try_header(&id) {
        Ok(Some(header)) => header.size,
        Ok(None) => return Outcome::Failed(format!("{path}: object {id} is missing")),
        Err(e) => return Outcome::Failed(format!("{path}: {e}")),
    };
    if size > MAX_BLOB_BYTES {
        return Outcome::TooLarge(size);
    }
    if total.fetch_add(size, Ordering::Relaxed) + size > MAX_TOTAL_BYTES {
        return Outcome::OverTotal;
    }
    let mut bytes = Vec::new();
    match objects.find_blob(&id, &mut bytes) {
        Ok(_) => Outcome::Read(bytes),
        Err(e) => Outcome::Failed(format!("{path}: {e}")),
    }
}
