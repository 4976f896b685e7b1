//! Write: the rendered site into a staging directory beside the output
//! directory, then swapped in whole.
//!
//! Only under the output's lock, and only over a directory that holds
//! nothing but what the previous build listed in its manifest (`guard.rs`).
//!
//! A failed or killed build never leaves a half-written output: until the
//! swap, the old output is untouched; the swap is one `renameat2(EXCHANGE)`
//! where the filesystem supports it (else, and on Windows, two renames:
//! `osfs::exchange`). Leftover staging
//! directories of killed builds are removed by the next build.
//!
//! Pages arrive while they are rendered ([`Staging`] is a render
//! [`Sink`]); files whose bytes did not change are hard-linked from the
//! current output instead of written (see [`Staging::put`]).

mod guard;

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diag::{Code, Diagnostic};
use crate::render::{Output, Sink};
pub use guard::{MANIFEST, Manifest, OutputLock, refuse_link};

/// A new output tree being filled beside the current one. Committing swaps
/// it in; dropping it uncommitted removes it, so a failed build leaves the
/// current output as it was and nothing else behind.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    /// The current output, if any: unchanged files are linked from it.
    current: Option<PathBuf>,
    /// Every path put so far, for the manifest.
    written: Mutex<Vec<String>>,
    committed: bool,
}

impl Staging {
    /// Creates an empty staging directory for `out` (removing what killed
    /// builds left: only under the lock, so never another build's).
    pub fn create(out: &Path, _lock: &OutputLock) -> Result<Staging, Diagnostic> {
        let (parent, name) = guard::parent_and_name(out)?;
        clean_leftovers(&parent, &name);
        let dir = parent.join(format!(".{name}.konzept-staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)
                .map_err(|e| io_error(format!("cannot remove {}", dir.display()), e))?;
        }
        std::fs::create_dir(&dir)
            .map_err(|e| io_error(format!("cannot create {}", dir.display()), e))?;
        Ok(Staging {
            dir,
            out: out.to_path_buf(),
            current: out.is_dir().then(|| out.to_path_buf()),
            written: Mutex::new(Vec::new()),
            committed: false,
        })
    }

    /// Puts one file (`rel` below the output directory) into the staging
    /// directory.
    ///
    /// A file whose bytes equal the current output's file is hard-linked
    /// from it, not written: it keeps its mtime (rsync-style deploys send
    /// only what changed) and costs no new inode and no data write. The swap
    /// stays atomic, because a link only adds a name to the current file's
    /// inode: the current output is never written to and stays complete
    /// until the exchange, and since staging files are only ever created
    /// (`O_EXCL`), never written into, no write reaches a linked inode.
    ///
    /// Rejected: moving unchanged directories over (changes the live site
    /// before the swap); copying with the old mtime (all the I/O of a
    /// write); a list of hashes (trusts a file anyone can edit, and
    /// comparing bytes is cheaper than writing them); keeping the previous
    /// tree as a spare to update in place and swap back, which would save
    /// the `mkdir` per page and the removal of the old tree (most of a
    /// rebuild's system time) but keeps deleted pages on disk beside the
    /// output, possibly inside a served directory.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        self.written
            .lock()
            .expect("no thread panics while holding the lock")
            .push(rel.to_owned());
        let path = self.dir.join(rel);
        make_dir(
            path.parent()
                .expect("files lie inside the staging directory"),
        )
        .map_err(|e| {
            io_error(
                format!("cannot create the directory of {}", path.display()),
                e,
            )
        })?;
        if let Some(current) = &self.current {
            let old = current.join(rel);
            if same_bytes(&old, bytes) && std::fs::hard_link(&old, &path).is_ok() {
                return Ok(());
            }
        }
        // `create_new`: never through an existing name, which may be a link
        // to a file of the live site.
        File::options()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut file| file.write_all(bytes))
            .map_err(|e| io_error(format!("cannot write {}", path.display()), e))
    }

    /// Writes the rest of `output` (its files and copies), then swaps the
    /// staging directory in place of the output directory.
    pub fn commit(mut self, output: &Output) -> Result<(), Diagnostic> {
        output
            .files
            .par_iter()
            .try_for_each(|(rel, bytes)| self.put(rel, bytes))?;
        // Read through the site boundary again: a link swapped in since
        // the walk must not publish a file from outside.
        output.copies.par_iter().try_for_each(|(rel, source)| {
            let shown = source.rel().display().to_string();
            let bytes = source.read().map_err(|r| r.diagnostic(&shown))?;
            self.put(rel, &bytes)
        })?;
        let written = std::mem::take(
            &mut *self
                .written
                .lock()
                .expect("no thread panics while holding the lock"),
        );
        let manifest = self.dir.join(MANIFEST);
        File::options()
            .write(true)
            .create_new(true)
            .open(&manifest)
            .and_then(|mut file| file.write_all(Manifest::text(written).as_bytes()))
            .map_err(|e| io_error(format!("cannot write {}", manifest.display()), e))?;
        swap(&self.dir, &self.out).map_err(|e| {
            io_error(
                format!("cannot move the new site into {}", self.out.display()),
                e,
            )
        })?;
        self.committed = true;
        Ok(())
    }
}

impl Sink for Staging {
    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        Staging::put(self, &path, &bytes)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// `mkdir`, with its parents only when they are missing: one system call
/// for the usual case of a page's own directory.
fn make_dir(dir: &Path) -> io::Result<()> {
    match std::fs::create_dir(dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists && dir.is_dir() => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            make_dir(dir.parent().ok_or(e)?)?;
            match std::fs::create_dir(dir) {
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
                other => other,
            }
        }
        Err(e) => Err(e),
    }
}

/// Whether `path` is a regular file (not a symbolic link) holding exactly
/// `bytes`. Reads it only if the length matches, in chunks on the stack: a
/// buffer the size of each page would raise a rebuild's peak memory
/// (docs/speed.md).
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    let Ok(mut file) = crate::osfs::open(File::options().read(true), path) else {
        return false;
    };
    if !file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
    {
        return false;
    }
    let mut chunk = [0u8; 16 * 1024];
    bytes.chunks(chunk.len()).all(|expected| {
        let old = &mut chunk[..expected.len()];
        file.read_exact(old).is_ok() && old == expected
    })
}

/// Refuses output directories whose replacement would destroy something
/// that is not a built site: the site's directory or anything above it, its
/// `content/`, `i18n/` or `themes/` (or anything inside them), a directory
/// holding sources or a repository, and a non-empty directory without an
/// `index.html` (konzept's output always has one).
pub fn check_target(out: &Path, root: &Path) -> Result<(), Diagnostic> {
    let root = resolved(root);
    let target = resolved(out);
    let shown = out.components().collect::<PathBuf>();
    let refuse = |why: &str| {
        Err(usage(format!(
            "refusing to replace `{}`: {why}",
            shown.display()
        )))
    };
    if std::fs::symlink_metadata(&target).is_ok_and(|m| !m.is_dir()) {
        return refuse("it is a file, not a directory");
    }
    if root.starts_with(&target) {
        return refuse("it contains the site's own sources");
    }
    if ["content", "i18n", "themes", "site.yaml"]
        .iter()
        .any(|d| target.starts_with(root.join(d)))
    {
        return refuse("it is part of the site's sources");
    }
    if ["site.yaml", "content", ".git", "Cargo.toml"]
        .iter()
        .any(|f| target.join(f).exists())
    {
        return refuse("it holds a site's sources or a repository");
    }
    let non_empty = std::fs::read_dir(&target).is_ok_and(|mut d| d.next().is_some());
    if non_empty && !target.join("index.html").exists() {
        return refuse(
            "it is not empty and does not look like a site konzept built (no index.html); empty or delete it first",
        );
    }
    Ok(())
}

/// The absolute path with symbolic links and `..` resolved as far as it exists.
fn resolved(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => resolved(if parent.as_os_str().is_empty() {
            Path::new(".")
        } else {
            parent
        })
        .join(name),
        _ => std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    }
}

fn clean_leftovers(parent: &Path, name: &str) {
    let prefix = format!(".{name}.konzept-");
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let out = parent.join(name);
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        // Only directories are ours; a file of that name is left alone.
        if !file_name.starts_with(&prefix) || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        // A build killed between the two renames of the fallback swap left
        // the previous site here and none at `out`: put it back.
        if file_name.ends_with("-old")
            && !out.exists()
            && std::fs::rename(entry.path(), &out).is_ok()
        {
            continue;
        }
        log::debug!(
            "removing {} left by an interrupted build",
            entry.path().display()
        );
        let _ = std::fs::remove_dir_all(entry.path());
    }
}

/// Puts `staging` in place of `out`. With an existing `out`, the two are
/// exchanged atomically and the old tree (now at `staging`) is removed.
fn swap(staging: &Path, out: &Path) -> io::Result<()> {
    if !out.exists() {
        return std::fs::rename(staging, out);
    }
    match crate::osfs::exchange(staging, out) {
        Ok(()) => {}
        Err(_) => {
            // No RENAME_EXCHANGE (some filesystems, and Windows): two renames, with a short
            // window in which `out` is missing but never half-written.
            let old = PathBuf::from(format!("{}-old", staging.display()));
            std::fs::rename(out, &old)?;
            if let Err(e) = std::fs::rename(staging, out) {
                // Put the previous site back before reporting.
                std::fs::rename(&old, out)?;
                return Err(e);
            }
            return remove_tree(&old);
        }
    }
    remove_tree(staging)
}

/// `remove_dir_all`, with sibling directories removed in parallel: the old
/// tree goes at the end of every build, and unlinking thousands of page
/// directories one by one kept one core idle.
///
/// Never follows a symbolic link: a link (even at `dir` itself) is removed,
/// not the tree it points to.
fn remove_tree(dir: &Path) -> io::Result<()> {
    if !std::fs::symlink_metadata(dir)?.is_dir() {
        return crate::osfs::remove_entry(dir);
    }
    let mut subdirs = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            subdirs.push(entry.path());
        } else {
            crate::osfs::remove_entry(&entry.path())?;
        }
    }
    subdirs.par_iter().try_for_each(|d| remove_tree(d))?;
    std::fs::remove_dir(dir)
}

fn io_error(message: String, e: io::Error) -> Diagnostic {
    Diagnostic::error(Code::Io, message)
        .help("check that the output directory's parent is writable and the disk is not full")
        .source(e)
}

fn usage(message: String) -> Diagnostic {
    Diagnostic::error(Code::Io, message).help("choose another directory with `--out`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn remove_tree_removes_links_not_what_they_point_to() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let kept = dir.path().join("deploy");
        std::fs::create_dir(&kept).expect("mkdir");
        std::fs::write(kept.join("keep-me.txt"), "bleibt").expect("write");
        let old = dir.path().join("old");
        std::fs::create_dir(&old).expect("mkdir");
        std::os::unix::fs::symlink(&kept, old.join("inner")).expect("link");
        let top = dir.path().join("top");
        std::os::unix::fs::symlink(&kept, &top).expect("link");
        remove_tree(&old).expect("remove a tree holding a link");
        remove_tree(&top).expect("remove a link given as the tree");
        assert!(!old.exists() && std::fs::symlink_metadata(&top).is_err());
        assert!(kept.join("keep-me.txt").exists());
    }

    #[test]
    fn same_bytes_compares_every_chunk_and_the_length() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("index.html");
        let page: Vec<u8> = (0..40_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &page).expect("write");
        assert!(same_bytes(&path, &page));
        // A difference in the last, partial chunk.
        let mut changed = page.clone();
        *changed.last_mut().expect("not empty") ^= 1;
        assert!(!same_bytes(&path, &changed));
        // In the second chunk.
        let mut changed = page.clone();
        changed[20_000] ^= 1;
        assert!(!same_bytes(&path, &changed));
        assert!(!same_bytes(&path, &page[..39_999]));
        assert!(!same_bytes(&dir.path().join("missing.html"), b""));
        let empty = dir.path().join("empty.html");
        std::fs::write(&empty, b"").expect("write");
        assert!(same_bytes(&empty, b""));
    }
}
