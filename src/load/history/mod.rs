//! When each content file last changed: the time of the newest git commit
//! that touched it, for files whose bytes on disk are the ones committed.
//!
//! The history is read in-process from git's object database and nothing
//! else: no `git` subprocess, no index, no hooks, and the repository's
//! configuration is never read. A site's `.git/config` can therefore not make
//! a build run anything (`core.fsmonitor`, `core.sshCommand`, pagers,
//! filters, `include.path`, …), and `core.worktree` cannot move the work
//! tree: it is the directory that holds `.git` (docs/design.md § Trust,
//! issue 15). Environment variables such as `GIT_DIR` or
//! `GIT_CONFIG_PARAMETERS` are ignored too, so the dates depend on the
//! site's files alone.
//!
//! Without a repository, or in one that cannot be read (unborn `HEAD`,
//! missing objects, a SHA-256 or bare repository), the map is empty and
//! every page falls back to its front-matter `updated` and then to the
//! file's modification time (docs/design.md, issue 4 part 7); the reason is
//! logged at debug level.
//!
//! A site with page histories (one with an editions section) reads more:
//! [`History::read_all`] walks on past the last changes, bounded by
//! [`MAX_HISTORY_COMMITS`], and keeps for every file of `HEAD` the dates of up to
//! [`MAX_DATES`] commits that changed it, newest first. A file renamed
//! without a change to its bytes keeps its older dates (the walk pairs a
//! path that appears with one that vanishes in the same commit holding the
//! same blob); a rename with edits starts a new history, as
//! `git log --no-renames` shows it.

mod blobs;
mod past;
pub(super) mod revision;
mod versions;
mod walk;

pub use past::{MAX_COMMITS, PastFile};
pub use versions::{FileLog, MAX_LOG_CHANGES, MAX_LOG_COMMITS};

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};

use gix::ObjectId;
use gix::bstr::BString;
use gix::objs::FindExt;

use crate::dates::Timestamp;

/// The last commit of every file in `HEAD`'s `content/`, by path relative
/// to the site root (`content/projekte/ibis.md`), with the blob committed.
#[derive(Debug, Default)]
pub(super) struct History {
    files: HashMap<String, Committed>,
    /// Every file's change dates, newest first (filled by
    /// [`History::read_all`] only).
    changes: HashMap<String, Vec<Timestamp>>,
    /// Whether a repository was read.
    found: bool,
}

/// Commits a full walk ([`History::read_all`]) reads at most.
pub(super) const MAX_HISTORY_COMMITS: usize = 20_000;
/// Change dates kept per file.
pub(super) const MAX_DATES: usize = 100;

/// A file as `HEAD` has it and the time of the commit that last changed it.
#[derive(Debug, Clone, Copy)]
struct Committed {
    blob: ObjectId,
    time: Timestamp,
}

impl History {
    /// Reads the history of `content/` below the site directory `root`.
    pub(super) fn read(root: &Path) -> History {
        History::walk(root, false)
    }

    /// Reads the history of `content/` below `root` with every file's
    /// change dates (bounded).
    pub(super) fn read_all(root: &Path) -> History {
        History::walk(root, true)
    }

    fn walk(root: &Path, all: bool) -> History {
        match Repository::find(root).and_then(|repo| walk::last_changes(&repo, all)) {
            Ok((files, changes)) => History {
                files,
                changes,
                found: true,
            },
            Err(reason) => {
                // The reason may quote bytes of the repository (a garbled
                // `HEAD`, a path): no raw control characters on the terminal.
                log::debug!(
                    "no git history ({}); last-change dates come from front matter and file times",
                    reason.escape_debug()
                );
                History::default()
            }
        }
    }

    /// Whether the site lies in a git repository that could be read.
    pub(super) fn found(&self) -> bool {
        self.found
    }

    /// The dates of the commits that changed `path` (relative to the site
    /// root), newest first; empty unless read with [`History::read_all`].
    pub(super) fn changes(&self, path: &str) -> &[Timestamp] {
        self.changes.get(path).map_or(&[], Vec::as_slice)
    }

    /// The last commit touching `path` (relative to the site root), if
    /// `bytes`, the file as it is on disk, are what `HEAD` holds there: an
    /// edited or untracked file has no commit date yet. Line endings
    /// converted on checkout (`core.autocrlf`) still count as committed.
    pub(super) fn last_commit(&self, path: &str, bytes: &[u8]) -> Option<Timestamp> {
        let committed = self.files.get(path)?;
        if blob_id(bytes) == Some(committed.blob) {
            return Some(committed.time);
        }
        memchr::memmem::find(bytes, b"\r\n")?;
        let lf: Vec<u8> = bytes
            .iter()
            .enumerate()
            .filter(|&(i, &b)| !(b == b'\r' && bytes.get(i + 1) == Some(&b'\n')))
            .map(|(_, &b)| b)
            .collect();
        (blob_id(&lf) == Some(committed.blob)).then_some(committed.time)
    }
}

/// The versions of the Markdown files `content/` held in the last
/// [`MAX_COMMITS`] commits of the first-parent line from `HEAD` (below the
/// site directory `root`), whose path (`content/projekte/alt.md`) `keep`
/// accepts; empty without a readable repository.
pub fn past_files(root: &Path, keep: &dyn Fn(&str) -> bool) -> Vec<PastFile> {
    match Repository::find(root).and_then(|repo| past::files(&repo, keep)) {
        Ok(files) => files,
        Err(reason) => {
            log::debug!("no git history for old URLs ({})", reason.escape_debug());
            Vec::new()
        }
    }
}

/// Whether the commit `HEAD` names holds `name` (a file or a directory)
/// directly in the site directory `root`; false without a readable
/// repository. The image cache asks it: a cache that came with the
/// content (committed) is not konzept's own and is not trusted.
pub fn head_holds(root: &Path, name: &str) -> bool {
    let Ok(repo) = Repository::find(root) else {
        return false;
    };
    let mut buf = Vec::new();
    let Ok(mut id) = repo
        .objects
        .find_commit(&repo.head, &mut buf)
        .map(|c| c.tree())
    else {
        return false;
    };
    let parts = repo
        .site
        .iter()
        .map(|p| p.as_slice())
        .chain([name.as_bytes()]);
    for part in parts {
        let Ok(tree) = repo.objects.find_tree(&id, &mut buf) else {
            return false;
        };
        match tree.entries.iter().find(|e| e.filename == part) {
            Some(entry) => id = entry.oid.to_owned(),
            None => return false,
        }
    }
    true
}

/// The id git gives `bytes` as a blob (`git hash-object`).
fn blob_id(bytes: &[u8]) -> Option<ObjectId> {
    gix::objs::compute_hash(gix::hash::Kind::Sha1, gix::objs::Kind::Blob, bytes).ok()
}

/// What the walk needs of a repository: its objects, the commit `HEAD`
/// names, the commits a shallow clone has cut off, and where the site's
/// `content/` lies in its trees.
struct Repository {
    objects: gix::odb::Handle,
    head: ObjectId,
    shallow: HashSet<ObjectId>,
    /// Path components from the work tree to `<site>/content`.
    content: Vec<BString>,
    /// Path components from the work tree to the site directory.
    site: Vec<BString>,
    /// The git directory and the common one (they differ in linked work
    /// trees), for resolving revisions (`revision.rs`).
    git_dir: PathBuf,
    common_dir: PathBuf,
}

/// Git's metadata files are small; anything larger is not one.
const MAX_METADATA_BYTES: u64 = 1 << 20;
/// Decoded delta bases kept while walking.
const PACK_CACHE_BYTES: usize = 8 << 20;
/// Decoded trees and commits kept while walking.
const OBJECT_CACHE_BYTES: usize = 4 << 20;

type PackCache = gix::odb::pack::cache::lru::MemoryCappedHashmap;
type ObjectCache = gix::odb::pack::cache::object::MemoryCappedHashmap;

impl Repository {
    /// The repository whose work tree holds the site directory `root`: the
    /// nearest `.git` (a directory, or a file `gitdir: …` as linked work
    /// trees and submodules have) in `root` or above it.
    fn find(root: &Path) -> Result<Repository, String> {
        let root = root
            .canonicalize()
            .map_err(|e| format!("{}: {e}", root.display()))?;
        let (work_tree, dot_git) = root
            .ancestors()
            .find_map(|dir| {
                let dot_git = dir.join(".git");
                dot_git.symlink_metadata().is_ok().then_some((dir, dot_git))
            })
            .ok_or("no .git in the site directory or above it")?;
        let git_dir = git_dir(&dot_git)?;
        let common_dir = match small_file(&git_dir.join("commondir")) {
            Ok(text) => git_dir.join(trimmed_path(&text)?),
            Err(_) => git_dir.clone(),
        };
        let head = head(&git_dir, &common_dir)?;
        let objects = objects(&common_dir.join("objects"))?;
        let shallow = match small_file(&common_dir.join("shallow")) {
            Ok(text) => text
                .split(|&b| b == b'\n')
                .filter(|line| !line.is_empty())
                .map(|line| ObjectId::from_hex(line).map_err(|e| format!("shallow: {e}")))
                .collect::<Result<_, _>>()?,
            Err(_) => HashSet::new(),
        };
        let relative = root
            .strip_prefix(work_tree)
            .expect("the work tree is an ancestor of the site directory");
        let mut site = Vec::new();
        for part in relative.components() {
            let part = part
                .as_os_str()
                .to_str()
                .ok_or_else(|| format!("{} is not UTF-8", relative.display()))?;
            site.push(BString::from(part));
        }
        let mut content = site.clone();
        content.push(BString::from("content"));
        Ok(Repository {
            objects,
            head,
            shallow,
            content,
            site,
            git_dir,
            common_dir,
        })
    }
}

/// The object database in `objects_dir`, with caches. Its alternates file
/// and packs must be regular files: gix would block reading a FIFO.
fn objects(objects_dir: &Path) -> Result<gix::odb::Handle, String> {
    no_special_file(&objects_dir.join("info/alternates"))?;
    if let Ok(packs) = std::fs::read_dir(objects_dir.join("pack")) {
        for pack in packs.flatten() {
            no_special_file(&pack.path())?;
        }
    }
    let mut objects = gix::odb::at(objects_dir, gix::hash::Kind::Sha1)
        .map_err(|e| format!("{}: {e}", objects_dir.display()))?;
    // Walking history reads each tree twice (as a commit's and as its
    // parent's) and resolves long delta chains: without caches every read
    // starts again from the chain's base.
    objects.set_pack_cache(|| Box::new(PackCache::new(PACK_CACHE_BYTES)));
    objects.set_object_cache(|| Box::new(ObjectCache::new(OBJECT_CACHE_BYTES)));
    Ok(objects)
}

/// The git directory `.git` stands for.
fn git_dir(dot_git: &Path) -> Result<PathBuf, String> {
    let meta = dot_git
        .metadata()
        .map_err(|e| format!("{}: {e}", dot_git.display()))?;
    if meta.is_dir() {
        return Ok(dot_git.to_owned());
    }
    let text = small_file(dot_git)?;
    let target = text.strip_prefix(b"gitdir:").ok_or_else(|| {
        format!(
            "{} is neither a directory nor `gitdir: …`",
            dot_git.display()
        )
    })?;
    let target = trimmed_path(target)?;
    let parent = dot_git.parent().expect("`.git` has a parent directory");
    Ok(parent.join(target))
}

/// The commit `HEAD` names, through a branch (loose or packed) if it is
/// one. An unborn branch or a `HEAD` naming anything but a commit is an
/// error.
fn head(git_dir: &Path, common_dir: &Path) -> Result<ObjectId, String> {
    // `HEAD` is read by gix below; a FIFO there would block it forever.
    small_file(&git_dir.join("HEAD"))?;
    let refs = if git_dir == common_dir {
        gix::refs::file::Store::at(git_dir.to_owned(), gix::hash::Kind::Sha1)
    } else {
        gix::refs::file::Store::for_linked_worktree(
            git_dir.to_owned(),
            common_dir.to_owned(),
            gix::hash::Kind::Sha1,
        )
    };
    no_special_file(&common_dir.join("packed-refs"))?;
    let mut reference = refs.find("HEAD").map_err(|e| format!("HEAD: {e}"))?;
    // Git itself follows at most five symbolic references.
    for _ in 0..5 {
        match reference.target {
            gix::refs::Target::Object(id) => return Ok(id),
            gix::refs::Target::Symbolic(name) => {
                let loose = std::str::from_utf8(name.as_bstr())
                    .map_err(|_| "a ref name that is not UTF-8")?;
                for dir in [git_dir, common_dir] {
                    no_special_file(&dir.join(loose))?;
                }
                reference = refs
                    .find(name.as_ref().as_partial_name())
                    .map_err(|e| format!("{name}: {e}"))?;
            }
        }
    }
    Err("HEAD: too many symbolic references".to_owned())
}

/// A git metadata file's bytes, if it is a regular file of sensible size
/// (never a FIFO or device, which would block or never end).
fn small_file(path: &Path) -> Result<Vec<u8>, String> {
    let fail = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let meta = path.metadata().map_err(|e| fail(&e))?;
    if !meta.is_file() || meta.len() > MAX_METADATA_BYTES {
        return Err(fail(&"not a small regular file"));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_METADATA_BYTES).read_to_end(&mut bytes))
        .map_err(|e| fail(&e))?;
    Ok(bytes)
}

/// Fails if `path` is there but neither a regular file nor a directory:
/// gix would block reading a FIFO.
fn no_special_file(path: &Path) -> Result<(), String> {
    match path.metadata() {
        Ok(meta) if !meta.is_file() && !meta.is_dir() => {
            Err(format!("{}: not a regular file", path.display()))
        }
        _ => Ok(()),
    }
}

/// A path written in a git metadata file, without its trailing newline.
fn trimmed_path(bytes: &[u8]) -> Result<PathBuf, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "a path that is not UTF-8".to_owned())?;
    let text = text.trim();
    if text.is_empty() {
        return Err("an empty path".to_owned());
    }
    Ok(PathBuf::from(text))
}

#[cfg(test)]
mod tests;
