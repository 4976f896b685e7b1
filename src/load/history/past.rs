//! The Markdown files `content/` held in earlier commits, for `check`'s
//! warning about old URLs that lead nowhere now. Read like the dates
//! (`walk.rs`): from git's object database, nothing executed, no
//! configuration read.
//!
//! The work is bounded: the first-parent line from `HEAD` back at most
//! [`MAX_COMMITS`] commits, each `content/` tree (and each subtree) listed
//! once however many commits share it, at most [`MAX_VERSIONS`] versions
//! of a path and [`MAX_FILES`] versions in all, and of each only its first
//! [`MAX_TEXT`] bytes (the front matter, where a `slug:` changes a URL).

use std::collections::{HashMap, HashSet};

use gix::ObjectId;
use gix::objs::FindExt;

use super::Repository;

/// Commits walked back from `HEAD`.
pub const MAX_COMMITS: usize = 500;
/// File versions remembered in all.
const MAX_FILES: usize = 20_000;
/// Distinct versions of one path remembered, newest first.
const MAX_VERSIONS: usize = 8;
/// Bytes of a file's text read (its front matter is at the start).
const MAX_TEXT: usize = 16 * 1024;
/// Directory depth below `content/` followed (sections are one level).
const MAX_DEPTH: usize = 3;

/// A version of a content file, as the newest commit that had it.
#[derive(Debug, Clone)]
pub struct PastFile {
    /// Its path from the site root (`content/projekte/alt.md`).
    pub path: String,
    /// The beginning of its text (lossy UTF-8).
    pub text: String,
    /// The commit, abbreviated (`1a2b3c4`).
    pub commit: String,
}

/// The versions of the Markdown files of `content/` in the last
/// [`MAX_COMMITS`] commits whose path `keep` accepts.
pub(super) fn files(
    repo: &Repository,
    keep: &dyn Fn(&str) -> bool,
) -> Result<Vec<PastFile>, String> {
    let mut buf = Vec::new();
    let mut seen_trees: HashSet<ObjectId> = HashSet::new();
    let mut found = Found::default();
    let mut id = repo.head;
    for _ in 0..MAX_COMMITS {
        let (tree, parent) = {
            let commit = repo
                .objects
                .find_commit(&id, &mut buf)
                .map_err(|e| format!("commit {id}: {e}"))?;
            (commit.tree(), commit.parents().next())
        };
        if let Some(content) = subtree(repo, tree)? {
            list(
                repo,
                content,
                "content",
                0,
                id,
                &mut seen_trees,
                &mut found,
                keep,
            )?;
        }
        match parent {
            Some(p) if !repo.shallow.contains(&id) && found.total < MAX_FILES => id = p,
            _ => break,
        }
    }
    let mut out: Vec<PastFile> = found
        .versions
        .into_iter()
        .flat_map(|(path, versions)| versions.into_iter().map(move |v| (path.clone(), v)))
        .map(|(path, (blob, commit))| {
            let text = match repo.objects.find_blob(&blob, &mut buf) {
                Ok(b) => {
                    let data = &b.data[..b.data.len().min(MAX_TEXT)];
                    String::from_utf8_lossy(data).into_owned()
                }
                Err(_) => String::new(),
            };
            PastFile {
                path,
                text,
                commit: commit.to_hex_with_len(7).to_string(),
            }
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// The versions found so far: per path, distinct blobs with the newest
/// commit that had each.
#[derive(Default)]
struct Found {
    versions: HashMap<String, Vec<(ObjectId, ObjectId)>>,
    total: usize,
}

/// The site's `content/` tree within a commit's tree.
fn subtree(repo: &Repository, tree: ObjectId) -> Result<Option<ObjectId>, String> {
    let mut buf = Vec::new();
    let mut id = tree;
    for part in &repo.content {
        let tree = repo
            .objects
            .find_tree(&id, &mut buf)
            .map_err(|e| format!("tree {id}: {e}"))?;
        match tree
            .entries
            .iter()
            .find(|e| e.mode.is_tree() && e.filename == part.as_slice())
        {
            Some(entry) => id = entry.oid.to_owned(),
            None => return Ok(None),
        }
    }
    Ok(Some(id))
}

/// Records the Markdown files below `tree` not yet found (a newer commit's
/// version wins); a tree listed before is skipped.
#[allow(clippy::too_many_arguments)]
fn list(
    repo: &Repository,
    tree: ObjectId,
    path: &str,
    depth: usize,
    commit: ObjectId,
    seen: &mut HashSet<ObjectId>,
    found: &mut Found,
    keep: &dyn Fn(&str) -> bool,
) -> Result<(), String> {
    if depth > MAX_DEPTH || !seen.insert(tree) {
        return Ok(());
    }
    let mut buf = Vec::new();
    let entries: Vec<(String, bool, ObjectId)> = repo
        .objects
        .find_tree(&tree, &mut buf)
        .map_err(|e| format!("tree {tree}: {e}"))?
        .entries
        .iter()
        .map(|e| {
            (
                format!("{path}/{}", String::from_utf8_lossy(e.filename)),
                e.mode.is_tree(),
                e.oid.to_owned(),
            )
        })
        .collect();
    for (child, is_tree, id) in entries {
        if is_tree {
            list(repo, id, &child, depth + 1, commit, seen, found, keep)?;
        } else if child.ends_with(".md") && found.total < MAX_FILES && keep(&child) {
            let versions = found.versions.entry(child).or_default();
            if versions.len() < MAX_VERSIONS && versions.iter().all(|(blob, _)| *blob != id) {
                versions.push((id, commit));
                found.total += 1;
            }
        }
    }
    Ok(())
}
