//! One file's versions, newest first, for the newest change a caller
//! counts: `model` asks it for an original whose last commit is newer than
//! a translation, and counts a change only if it touched what translators
//! translate (docs/design.md § Translations). Read like the dates
//! (`walk.rs`): from git's object database, nothing executed, no
//! configuration read.
//!
//! The walk follows the file's line of history from `HEAD`, as
//! `git log -- <file>` simplifies it: through a merge into a parent that
//! holds the same version, else into the first parent (the merge then
//! counts as the change, compared with that parent's version). A commit
//! where the file appears (added, or renamed with or without edits) counts
//! as a change. The work is bounded: [`MAX_LOG_COMMITS`] commits walked
//! and [`MAX_LOG_CHANGES`] versions compared per file, no version larger
//! than the revision reader's `MAX_BLOB_BYTES`; past a bound the answer is
//! "unknown".

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;

use gix::ObjectId;
use gix::objs::{FindExt, FindHeader};

use super::Repository;
use super::revision::MAX_BLOB_BYTES;
use crate::dates::Timestamp;

/// Commits walked back from `HEAD` per file.
pub const MAX_LOG_COMMITS: usize = 2_000;
/// Changes of one file compared (each reads one more version).
pub const MAX_LOG_CHANGES: usize = 25;

/// A site's git repository, opened once to look back through the versions
/// of several files. The walks of different files pass the same commits
/// and directories: each commit and each directory lookup is read once.
pub struct FileLog {
    repo: Repository,
    commits: RefCell<HashMap<ObjectId, Rc<Commit>>>,
    /// A tree and a name in it, to the entry's object if it is one of
    /// the kind wanted (a directory, or a file for a path's last part).
    entries: RefCell<HashMap<EntryKey, Option<ObjectId>>>,
}

/// A tree and a name in it.
type EntryKey = (ObjectId, Vec<u8>);

/// A commit as the walk needs it: its time, parents and tree.
struct Commit {
    time: Timestamp,
    parents: Vec<ObjectId>,
    tree: ObjectId,
}

impl FileLog {
    /// The repository whose work tree holds the site directory `root`, if
    /// there is one that can be read.
    pub fn open(root: &Path) -> Option<FileLog> {
        match Repository::find(root) {
            Ok(repo) => Some(FileLog {
                repo,
                commits: RefCell::default(),
                entries: RefCell::default(),
            }),
            Err(reason) => {
                log::debug!("no git history ({})", reason.escape_debug());
                None
            }
        }
    }

    /// The time of the newest commit that changed the file at `path`
    /// (relative to the site directory: `content/projekte/ibis.md`) in a way
    /// `counts(new, old)` counts, given the file's bytes after and before
    /// the commit; a commit where the file appears always counts. `None`
    /// if `HEAD` has no such file, a bound was reached, or the repository
    /// could not be read.
    pub fn newest_change(
        &self,
        path: &str,
        counts: &mut dyn FnMut(&[u8], &[u8]) -> bool,
    ) -> Option<Timestamp> {
        match self.walk(path, counts) {
            Ok(found) => found,
            Err(reason) => {
                log::debug!("history of {path}: {}", reason.escape_debug());
                None
            }
        }
    }

    fn walk(
        &self,
        path: &str,
        counts: &mut dyn FnMut(&[u8], &[u8]) -> bool,
    ) -> Result<Option<Timestamp>, String> {
        let parts: Vec<&[u8]> = self
            .repo
            .site
            .iter()
            .map(|p| p.as_slice())
            .chain(path.split('/').map(str::as_bytes))
            .collect();
        let mut commit = self.commit(self.repo.head)?;
        let Some(mut blob) = self.blob_at(commit.tree, &parts)? else {
            return Ok(None);
        };
        // The bytes of `blob`, once read (each version is read once).
        let mut bytes: Option<Vec<u8>> = None;
        let mut compared = 0;
        for _ in 0..MAX_LOG_COMMITS {
            let mut first = None;
            let mut same = None;
            for &id in &commit.parents {
                let parent = self.commit(id)?;
                let old = self.blob_at(parent.tree, &parts)?;
                if old == Some(blob) {
                    same = Some(parent);
                    break;
                }
                if first.is_none() {
                    first = Some((parent, old));
                }
            }
            if let Some(parent) = same {
                commit = parent;
                continue;
            }
            // This commit changed the file: a root commit, or one whose
            // parent had no such file, made it.
            let Some((parent, Some(old))) = first else {
                return Ok(Some(commit.time));
            };
            compared += 1;
            if compared > MAX_LOG_CHANGES {
                return Ok(None);
            }
            let new = match bytes.take() {
                Some(b) => b,
                None => match self.blob(blob)? {
                    Some(b) => b,
                    None => return Ok(None),
                },
            };
            let Some(old_bytes) = self.blob(old)? else {
                return Ok(None);
            };
            if counts(&new, &old_bytes) {
                return Ok(Some(commit.time));
            }
            (commit, blob, bytes) = (parent, old, Some(old_bytes));
        }
        Ok(None)
    }

    /// A commit's time, parents (none at a shallow clone's boundary) and
    /// tree, read once.
    fn commit(&self, id: ObjectId) -> Result<Rc<Commit>, String> {
        if let Some(commit) = self.commits.borrow().get(&id) {
            return Ok(Rc::clone(commit));
        }
        let commit = Rc::new(self.read_commit(id)?);
        self.commits.borrow_mut().insert(id, Rc::clone(&commit));
        Ok(commit)
    }

    fn read_commit(&self, id: ObjectId) -> Result<Commit, String> {
        let mut buf = Vec::new();
        let commit = self
            .repo
            .objects
            .find_commit(&id, &mut buf)
            .map_err(|e| format!("commit {id}: {e}"))?;
        let time = commit
            .committer()
            .and_then(|c| c.time())
            .map_err(|e| format!("commit {id}: {e}"))?;
        let parents = if self.repo.shallow.contains(&id) {
            Vec::new()
        } else {
            commit.parents().collect()
        };
        Ok(Commit {
            time: Timestamp {
                seconds: time.seconds,
                offset_minutes: i16::try_from(time.offset / 60).unwrap_or(0),
            },
            parents,
            tree: commit.tree(),
        })
    }

    /// The blob at `parts` below `tree`, if there is a file there.
    fn blob_at(&self, tree: ObjectId, parts: &[&[u8]]) -> Result<Option<ObjectId>, String> {
        let mut id = tree;
        for (i, part) in parts.iter().enumerate() {
            let last = i + 1 == parts.len();
            match self.entry(id, part, last)? {
                Some(found) => id = found,
                None => return Ok(None),
            }
        }
        Ok(Some(id))
    }

    /// The object named `name` in `tree`: a file if `file`, else a
    /// directory (only a path's last part is a file, so a name never
    /// stands for both in one tree's lookups).
    fn entry(&self, tree: ObjectId, name: &[u8], file: bool) -> Result<Option<ObjectId>, String> {
        let key = (tree, name.to_vec());
        if let Some(found) = self.entries.borrow().get(&key) {
            return Ok(*found);
        }
        let mut buf = Vec::new();
        let found = self
            .repo
            .objects
            .find_tree(&tree, &mut buf)
            .map_err(|e| format!("tree {tree}: {e}"))?
            .entries
            .iter()
            .find(|e| {
                e.filename == name
                    && if file {
                        e.mode.is_blob()
                    } else {
                        e.mode.is_tree()
                    }
            })
            .map(|e| e.oid.to_owned());
        self.entries.borrow_mut().insert(key, found);
        Ok(found)
    }

    /// A blob's bytes, unless it is larger than [`MAX_BLOB_BYTES`].
    fn blob(&self, id: ObjectId) -> Result<Option<Vec<u8>>, String> {
        let size = match self.repo.objects.try_header(&id) {
            Ok(Some(header)) => header.size,
            Ok(None) => return Err(format!("object {id} is missing")),
            Err(e) => return Err(format!("object {id}: {e}")),
        };
        if size > MAX_BLOB_BYTES {
            return Ok(None);
        }
        let mut bytes = Vec::new();
        self.repo
            .objects
            .find_blob(&id, &mut bytes)
            .map_err(|e| format!("blob {id}: {e}"))?;
        Ok(Some(bytes))
    }
}
