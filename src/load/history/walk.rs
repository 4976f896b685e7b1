//! The newest commit that changed each file of `HEAD`'s `content/`, with
//! the meaning of `git log --no-renames -- content`: commits newest first
//! by committer time, a merge followed only into a parent whose `content/`
//! it kept unchanged (git's history simplification), and no files shown for
//! merges.
//!
//! Trees are compared by id, so a directory that did not change is never
//! read, and the walk stops as soon as every file has its date: the cost
//! follows the changes to `content/`, not the size of the history.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, HashSet};

use gix::ObjectId;
use gix::objs::FindExt;
use gix::objs::tree::EntryMode;

use super::{Committed, Repository};
use crate::dates::Timestamp;

/// The last change of every file in `HEAD`'s `content/`, by path relative
/// to the site root.
pub(super) fn last_changes(repo: &Repository) -> Result<HashMap<String, Committed>, String> {
    let mut walk = Walk {
        repo,
        buf: Vec::new(),
        commits: HashMap::new(),
        files: HashMap::new(),
        undated: 0,
    };
    let head = walk.commit(repo.head)?;
    if let Some(content) = head.content {
        walk.list(content, "content")?;
    }
    walk.run()?;
    Ok(walk
        .files
        .into_iter()
        .filter_map(|(path, (blob, time))| Some((path, Committed { blob, time: time? })))
        .collect())
}

/// A commit as the walk needs it.
#[derive(Clone)]
struct Commit {
    time: Timestamp,
    parents: Vec<ObjectId>,
    /// The tree of the site's `content/`, if the commit has one.
    content: Option<ObjectId>,
}

/// A tree entry, owned, so that trees can be compared while others are read.
struct Entry {
    name: String,
    mode: EntryMode,
    id: ObjectId,
}

struct Walk<'a> {
    repo: &'a Repository,
    buf: Vec<u8>,
    /// Commits read but not yet walked (parents are read before their turn).
    commits: HashMap<ObjectId, Commit>,
    /// Every file of `HEAD`'s `content/`: its blob, and its time once found.
    files: HashMap<String, (ObjectId, Option<Timestamp>)>,
    undated: usize,
}

impl Walk<'_> {
    /// Walks from `HEAD` until every file has a date or the history ends.
    fn run(&mut self) -> Result<(), String> {
        // Newest committer time first; among equal times, first queued first,
        // as git's own queue orders them.
        let mut queue = BinaryHeap::new();
        let mut queued = HashSet::new();
        let mut counter = 0u64;
        queue.push((0, Reverse(counter), self.repo.head));
        queued.insert(self.repo.head);
        while self.undated > 0 {
            let Some((_, _, id)) = queue.pop() else {
                break;
            };
            let commit = self.commit(id)?;
            self.commits.remove(&id);
            let mut parents = Vec::with_capacity(commit.parents.len());
            for &parent in &commit.parents {
                parents.push((parent, self.commit(parent)?));
            }
            let followed: Vec<&(ObjectId, Commit)> = match parents.as_slice() {
                [] => {
                    self.diff(None, commit.content, "content", commit.time)?;
                    Vec::new()
                }
                [only] => {
                    self.diff(only.1.content, commit.content, "content", commit.time)?;
                    vec![only]
                }
                merge => match merge.iter().find(|(_, p)| p.content == commit.content) {
                    Some(same) => vec![same],
                    None => merge.iter().collect(),
                },
            };
            for (parent, p) in followed {
                if queued.insert(*parent) {
                    counter += 1;
                    queue.push((p.time.seconds, Reverse(counter), *parent));
                }
            }
        }
        Ok(())
    }

    /// A commit, read once (it is needed as a parent and again in its turn).
    fn commit(&mut self, id: ObjectId) -> Result<Commit, String> {
        if let Some(commit) = self.commits.get(&id) {
            return Ok(commit.clone());
        }
        let (tree, time, mut parents) = {
            let commit = self
                .repo
                .objects
                .find_commit(&id, &mut self.buf)
                .map_err(|e| format!("commit {id}: {e}"))?;
            let time = commit
                .committer()
                .and_then(|c| c.time())
                .map_err(|e| format!("commit {id}: {e}"))?;
            (commit.tree(), time, commit.parents().collect::<Vec<_>>())
        };
        if self.repo.shallow.contains(&id) {
            // A shallow clone's boundary: git treats it as a root commit.
            parents.clear();
        }
        let time = Timestamp {
            seconds: time.seconds,
            offset_minutes: i16::try_from(time.offset / 60).unwrap_or(0),
        };
        let content = self.subtree(tree)?;
        let commit = Commit {
            time,
            parents,
            content,
        };
        self.commits.insert(id, commit.clone());
        Ok(commit)
    }

    /// The tree of the site's `content/` within the commit's `tree`.
    fn subtree(&mut self, tree: ObjectId) -> Result<Option<ObjectId>, String> {
        let mut id = tree;
        for part in &self.repo.content {
            let found = self
                .entries(id)?
                .into_iter()
                .find(|e| e.mode.is_tree() && e.name.as_bytes() == part.as_slice());
            match found {
                Some(entry) => id = entry.id,
                None => return Ok(None),
            }
        }
        Ok(Some(id))
    }

    fn entries(&mut self, tree: ObjectId) -> Result<Vec<Entry>, String> {
        let tree = self
            .repo
            .objects
            .find_tree(&tree, &mut self.buf)
            .map_err(|e| format!("tree {tree}: {e}"))?;
        Ok(tree
            .entries
            .iter()
            .map(|e| Entry {
                name: String::from_utf8_lossy(e.filename).into_owned(),
                mode: e.mode,
                id: e.oid.to_owned(),
            })
            .collect())
    }

    /// Records every file below `tree` (at `path`) as undated.
    fn list(&mut self, tree: ObjectId, path: &str) -> Result<(), String> {
        for entry in self.entries(tree)? {
            let path = format!("{path}/{}", entry.name);
            if entry.mode.is_tree() {
                self.list(entry.id, &path)?;
            } else if entry.mode.is_blob_or_symlink() {
                self.files.insert(path, (entry.id, None));
                self.undated += 1;
            }
        }
        Ok(())
    }

    /// Dates every file that differs between the trees `old` and `new` (at
    /// `path`; `None` is a tree that does not exist) with `time`, unless a
    /// newer commit dated it already.
    fn diff(
        &mut self,
        old: Option<ObjectId>,
        new: Option<ObjectId>,
        path: &str,
        time: Timestamp,
    ) -> Result<(), String> {
        if old == new || self.undated == 0 {
            return Ok(());
        }
        let mut before: HashMap<String, Entry> = match old {
            Some(id) => self
                .entries(id)?
                .into_iter()
                .map(|e| (e.name.clone(), e))
                .collect(),
            None => HashMap::new(),
        };
        let after = match new {
            Some(id) => self.entries(id)?,
            None => Vec::new(),
        };
        let mut changes = Vec::new();
        for entry in after {
            let previous = before.remove(&entry.name);
            if previous
                .as_ref()
                .is_some_and(|p| p.mode == entry.mode && p.id == entry.id)
            {
                continue;
            }
            changes.push((entry.name.clone(), previous, Some(entry)));
        }
        changes.extend(
            before
                .into_values()
                .map(|e| (e.name.clone(), Some(e), None)),
        );
        for (name, previous, current) in changes {
            let child = format!("{path}/{name}");
            let tree_of = |e: &Option<Entry>| e.as_ref().filter(|e| e.mode.is_tree()).map(|e| e.id);
            let is_file = |e: &Option<Entry>| e.as_ref().is_some_and(|e| !e.mode.is_tree());
            if tree_of(&previous).is_some() || tree_of(&current).is_some() {
                self.diff(tree_of(&previous), tree_of(&current), &child, time)?;
            }
            if is_file(&previous) || is_file(&current) {
                self.date(&child, time);
            }
        }
        Ok(())
    }

    fn date(&mut self, path: &str, time: Timestamp) {
        if let Some((_, date @ None)) = self.files.get_mut(path) {
            *date = Some(time);
            self.undated -= 1;
        }
    }
}
