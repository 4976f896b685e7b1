//! The newest commit that changed each file of `HEAD`'s `content/`, with
//! the meaning of `git log --no-renames -- content`: commits newest first
//! by committer time, a merge followed only into a parent whose `content/`
//! it kept unchanged (git's history simplification), and no files shown for
//! merges.
//!
//! Trees are compared by id, so a directory that did not change is never
//! read, and the walk stops as soon as every file has its date: the cost
//! follows the changes to `content/`, not the size of the history.
//!
//! Reading all changes (page histories) walks on to the end of the history
//! or [`MAX_HISTORY_COMMITS`], comparing every changed directory, and follows
//! renames that kept a file's bytes.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap, HashSet};

use gix::ObjectId;
use gix::objs::FindExt;
use gix::objs::tree::{EntryMode, EntryRef};

use super::{Committed, MAX_DATES, MAX_HISTORY_COMMITS, Repository};
use crate::dates::Timestamp;

/// The last change of every file in `HEAD`'s `content/`, by path relative
/// to the site root; with `all`, also every file's change dates.
pub(super) fn last_changes(
    repo: &Repository,
    all: bool,
) -> Result<(HashMap<String, Committed>, Changes), String> {
    let mut walk = Walk {
        all,
        changes: HashMap::new(),
        renamed: HashMap::new(),
        appeared: Vec::new(),
        vanished: HashMap::new(),
        repo,
        buf: Vec::new(),
        old: Vec::new(),
        new: Vec::new(),
        commits: HashMap::new(),
        files: HashMap::new(),
        undated: HashMap::new(),
    };
    let head = walk.commit(repo.head)?;
    if let Some(content) = head.content {
        walk.list(content, "content")?;
    }
    walk.run()?;
    let mut changes = walk.changes;
    for dates in changes.values_mut() {
        // Committer times usually fall with the walk; a clock that was
        // wrong must not break the order readers see.
        dates.sort_by_key(|t| std::cmp::Reverse(t.seconds));
        dates.dedup_by_key(|t| t.seconds);
    }
    let files = walk
        .files
        .into_iter()
        .filter_map(|(path, (blob, time))| Some((path, Committed { blob, time: time? })))
        .collect();
    Ok((files, changes))
}

/// Every file's change dates, by its path in `HEAD`.
type Changes = HashMap<String, Vec<Timestamp>>;

/// A commit as the walk needs it.
#[derive(Clone)]
struct Commit {
    time: Timestamp,
    parents: Vec<ObjectId>,
    /// The tree of the site's `content/`, if the commit has one.
    content: Option<ObjectId>,
}

struct Walk<'a> {
    repo: &'a Repository,
    /// Whether every change is read (page histories), not only the last.
    all: bool,
    /// Every file's change dates so far, by its path in `HEAD`.
    changes: Changes,
    /// Older paths of renamed files, to their paths in `HEAD`.
    renamed: HashMap<String, String>,
    /// Files that appeared and vanished in the commit being compared.
    appeared: Vec<(String, ObjectId)>,
    vanished: HashMap<ObjectId, String>,
    /// Buffers for a commit, and for the two trees being compared.
    buf: Vec<u8>,
    old: Vec<u8>,
    new: Vec<u8>,
    /// Commits read but not yet walked (parents are read before their turn).
    commits: HashMap<ObjectId, Commit>,
    /// Every file of `HEAD`'s `content/`: its blob, and its time once found.
    files: HashMap<String, (ObjectId, Option<Timestamp>)>,
    /// How many files are still without a date, by directory (`content`,
    /// `content/projekte`, …): directories without any are not compared.
    undated: HashMap<String, usize>,
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
        let mut walked = 0;
        while self.all || self.is_undated("content") {
            let Some((_, _, id)) = queue.pop() else {
                break;
            };
            walked += 1;
            if self.all && walked > MAX_HISTORY_COMMITS {
                log::debug!("page histories end after {MAX_HISTORY_COMMITS} commits");
                break;
            }
            let commit = self.commit(id)?;
            self.commits.remove(&id);
            let mut parents = Vec::with_capacity(commit.parents.len());
            for &parent in &commit.parents {
                parents.push((parent, self.commit(parent)?));
            }
            let followed: Vec<&(ObjectId, Commit)> = match parents.as_slice() {
                [] => {
                    self.diff(None, commit.content, "content", commit.time)?;
                    self.follow_renames();
                    Vec::new()
                }
                [only] => {
                    self.diff(only.1.content, commit.content, "content", commit.time)?;
                    self.follow_renames();
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
            let tree = find_tree(self.repo, id, &mut self.old)?;
            let found = tree
                .entries
                .iter()
                .find(|e| e.mode.is_tree() && e.filename == part.as_slice());
            match found {
                Some(entry) => id = entry.oid.to_owned(),
                None => return Ok(None),
            }
        }
        Ok(Some(id))
    }

    /// Records every file below `tree` (at `path`) as undated.
    fn list(&mut self, tree: ObjectId, path: &str) -> Result<(), String> {
        let mut subtrees = Vec::new();
        for entry in &find_tree(self.repo, tree, &mut self.old)?.entries {
            let path = format!("{path}/{}", entry.filename);
            if entry.mode.is_tree() {
                subtrees.push((path, entry.oid.to_owned()));
            } else if entry.mode.is_blob_or_symlink() {
                for dir in parents(&path) {
                    *self.undated.entry(dir.to_owned()).or_default() += 1;
                }
                self.files.insert(path, (entry.oid.to_owned(), None));
            }
        }
        for (path, id) in subtrees {
            self.list(id, &path)?;
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
        if old == new || (!self.all && !self.is_undated(path)) {
            return Ok(());
        }
        for change in self.changes(old, new)? {
            let child = format!("{path}/{}", change.name);
            let tree = |side: Option<Side>| side.filter(|s| s.0.is_tree()).map(|s| s.1);
            let file = |side: Option<Side>| side.is_some_and(|s| !s.0.is_tree());
            if tree(change.old).is_some() || tree(change.new).is_some() {
                self.diff(tree(change.old), tree(change.new), &child, time)?;
            }
            if file(change.old) || file(change.new) {
                self.date(&child, time);
            }
            if self.all {
                match (change.old, change.new) {
                    (Some(old), new) if !old.0.is_tree() && !file(new) => {
                        self.vanished.insert(old.1, child.clone());
                    }
                    (old, Some(new)) if !new.0.is_tree() && !file(old) => {
                        self.appeared.push((child.clone(), new.1));
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// The entries that differ between two trees, found by walking both in
    /// git's order side by side.
    fn changes(
        &mut self,
        old: Option<ObjectId>,
        new: Option<ObjectId>,
    ) -> Result<Vec<Change>, String> {
        let mut old_buf = std::mem::take(&mut self.old);
        let mut new_buf = std::mem::take(&mut self.new);
        let changes = (|| {
            let before = match old {
                Some(id) => find_tree(self.repo, id, &mut old_buf)?,
                None => gix::objs::TreeRef::empty(),
            };
            let after = match new {
                Some(id) => find_tree(self.repo, id, &mut new_buf)?,
                None => gix::objs::TreeRef::empty(),
            };
            Ok(merge_join(&before.entries, &after.entries))
        })();
        self.old = old_buf;
        self.new = new_buf;
        changes
    }

    /// Pairs each file that appeared in the commit just compared with one
    /// that vanished holding the same bytes: older commits' changes of the
    /// vanished path belong to the history of the file it became.
    fn follow_renames(&mut self) {
        for (path, blob) in std::mem::take(&mut self.appeared) {
            if let Some(old) = self.vanished.remove(&blob) {
                let head = self.renamed.get(&path).cloned().unwrap_or(path);
                if self.files.contains_key(&head) {
                    self.renamed.insert(old, head);
                }
            }
        }
        self.vanished.clear();
    }

    fn date(&mut self, path: &str, time: Timestamp) {
        if self.all {
            let head = self.renamed.get(path).map_or(path, String::as_str);
            if self.files.contains_key(head) {
                let dates = self.changes.entry(head.to_owned()).or_default();
                if dates.len() < MAX_DATES {
                    dates.push(time);
                }
            }
        }
        if let Some((_, date @ None)) = self.files.get_mut(path) {
            *date = Some(time);
            for dir in parents(path) {
                if let Some(count) = self.undated.get_mut(dir) {
                    *count -= 1;
                }
            }
        }
    }

    /// Whether a file below the directory `path` still needs a date.
    fn is_undated(&self, path: &str) -> bool {
        self.undated.get(path).is_some_and(|&n| n > 0)
    }
}

/// An entry's mode and object.
type Side = (EntryMode, ObjectId);

/// A name whose entry differs between two trees.
struct Change {
    name: String,
    old: Option<Side>,
    new: Option<Side>,
}

fn find_tree<'a>(
    repo: &Repository,
    id: ObjectId,
    buf: &'a mut Vec<u8>,
) -> Result<gix::objs::TreeRef<'a>, String> {
    repo.objects
        .find_tree(&id, buf)
        .map_err(|e| format!("tree {id}: {e}"))
}

/// The differences between two sorted lists of tree entries. A name that
/// is a file on one side and a directory on the other sorts apart in git's
/// order, and so comes out as one removed and one added entry.
fn merge_join(before: &[EntryRef<'_>], after: &[EntryRef<'_>]) -> Vec<Change> {
    let side = |e: &EntryRef<'_>| Some((e.mode, e.oid.to_owned()));
    let change = |e: &EntryRef<'_>, old, new| Change {
        name: String::from_utf8_lossy(e.filename).into_owned(),
        old,
        new,
    };
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < before.len() || j < after.len() {
        let order = match (before.get(i), after.get(j)) {
            (Some(b), Some(a)) => b.cmp(a),
            (Some(_), None) => Ordering::Less,
            _ => Ordering::Greater,
        };
        match order {
            Ordering::Less => {
                out.push(change(&before[i], side(&before[i]), None));
                i += 1;
            }
            Ordering::Greater => {
                out.push(change(&after[j], None, side(&after[j])));
                j += 1;
            }
            Ordering::Equal => {
                let (b, a) = (&before[i], &after[j]);
                if b.mode != a.mode || b.oid != a.oid {
                    out.push(change(a, side(b), side(a)));
                }
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// The directories above a path: `content/a/b.md` → `content/a`, `content`.
fn parents(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(|(i, _)| &path[..i])
}
