//! The image cache: each encoded image in one file
//! `.konzept-cache/images/<key>.bin` in the site's root, keyed by the
//! SHA-256 of the original's bytes and of the encoding settings
//! ([`SETTINGS`](super::encode::SETTINGS)), so an unchanged image is not
//! encoded again on every build and `serve` stays fast.
//!
//! An entry is written to a temporary file and renamed into place, so a
//! build running at the same time reads a whole entry or none. An entry
//! ends with the SHA-256 of what comes before it: a cut or corrupt one is
//! read as missing and the image encoded again. A cache that cannot be
//! written (a read-only checkout) only costs time.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::encode::{Encoded, SETTINGS, Variant};

/// The cache directory, relative to the site's root.
pub const DIR: &str = ".konzept-cache/images";

const MAGIC: &[u8] = b"konzept-image-1\n";

/// The cache key of an image file's bytes: 64 hex digits.
pub(crate) fn key(bytes: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(SETTINGS.as_bytes());
    hash.update([0]);
    hash.update(bytes);
    hex(&hash.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where the entry of `key` lives under the site's `root`.
fn path(root: &Path, key: &str) -> PathBuf {
    root.join(DIR).join(format!("{key}.bin"))
}

/// The cached encoding of `key`, if there is a whole one.
pub(crate) fn get(root: &Path, key: &str) -> Option<Encoded> {
    let bytes = std::fs::read(path(root, key)).ok()?;
    let decoded = decode(&bytes);
    if decoded.is_none() {
        log::debug!("image cache entry {key} is damaged; the image is encoded again");
    }
    decoded
}

/// Stores `encoded` as the entry of `key` (a failure is logged only).
pub(crate) fn put(root: &Path, key: &str, encoded: &Encoded) {
    let dir = root.join(DIR);
    let result = std::fs::create_dir_all(&dir).and_then(|()| {
        let temp = dir.join(format!(
            ".{key}.{}.{:?}.tmp",
            std::process::id(),
            std::thread::current().id()
        ));
        std::fs::write(&temp, encode(encoded))?;
        std::fs::rename(&temp, path(root, key)).inspect_err(|_| {
            let _ = std::fs::remove_file(&temp);
        })
    });
    if let Err(e) = result {
        log::debug!(
            "the image cache in {} cannot be written: {e}",
            dir.display()
        );
    }
}

fn encode(e: &Encoded) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend(e.width.to_le_bytes());
    out.extend(e.height.to_le_bytes());
    out.push(u8::from(e.alpha));
    blob(&mut out, &e.full);
    out.extend((e.variants.len() as u32).to_le_bytes());
    for v in &e.variants {
        out.extend(v.width.to_le_bytes());
        out.extend(v.height.to_le_bytes());
        blob(&mut out, &v.modern);
        blob(&mut out, &v.fallback);
    }
    let sum = Sha256::digest(&out);
    out.extend(sum);
    out
}

fn blob(out: &mut Vec<u8>, bytes: &[u8]) {
    out.extend((bytes.len() as u64).to_le_bytes());
    out.extend(bytes);
}

/// Reads an entry; `None` for anything but a whole, unchanged one.
fn decode(bytes: &[u8]) -> Option<Encoded> {
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(32)?)?;
    if Sha256::digest(body).as_slice() != sum {
        return None;
    }
    let mut r = Reader(body.strip_prefix(MAGIC)?);
    let width = r.u32()?;
    let height = r.u32()?;
    let alpha = r.take(1)?[0] == 1;
    let full = r.blob()?;
    let n = r.u32()?;
    let mut variants = Vec::new();
    for _ in 0..n {
        variants.push(Variant {
            width: r.u32()?,
            height: r.u32()?,
            modern: r.blob()?,
            fallback: r.blob()?,
        });
    }
    r.0.is_empty().then_some(Encoded {
        width,
        height,
        alpha,
        full,
        variants,
    })
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let (head, rest) = self.0.split_at_checked(n)?;
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn blob(&mut self) -> Option<Vec<u8>> {
        let n = u64::from_le_bytes(self.take(8)?.try_into().ok()?);
        Some(self.take(usize::try_from(n).ok()?)?.to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Encoded {
        Encoded {
            width: 3,
            height: 2,
            alpha: false,
            full: vec![1, 2, 3],
            variants: vec![Variant {
                width: 3,
                height: 2,
                modern: vec![4],
                fallback: vec![5, 6],
            }],
        }
    }

    #[test]
    fn an_entry_reads_back_and_a_damaged_one_does_not() {
        let bytes = encode(&sample());
        let back = decode(&bytes).expect("reads");
        assert_eq!((back.width, back.height, back.full), (3, 2, vec![1, 2, 3]));
        assert_eq!(back.variants[0].fallback, vec![5, 6]);
        let mut flipped = bytes.clone();
        flipped[MAGIC.len() + 1] ^= 1;
        assert!(decode(&flipped).is_none());
        assert!(decode(&bytes[..bytes.len() - 1]).is_none());
        assert!(decode(b"").is_none());
    }
}
