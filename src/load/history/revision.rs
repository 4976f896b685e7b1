//! A revision's `content/`, read from git's object database into memory:
//! the text of an archived edition (issue 17). Nothing is checked out and
//! nothing executed, as in the rest of `history/`: the revision is resolved
//! through the reference files and the objects alone, the repository's
//! configuration is never read, and no subprocess runs.
//!
//! What is read is bounded ([`MAX_FILES`], [`MAX_BLOB_BYTES`],
//! [`MAX_TOTAL_BYTES`], [`MAX_DEPTH`]). Symbolic links (mode 120000) and
//! submodules are skipped, never followed; a name that is not UTF-8, or
//! that is empty, `.`, `..` or holds a `/`, `\` or NUL, is refused. Either
//! is reported as a [`Skipped`] file, which the caller turns into a
//! warning.

use gix::ObjectId;
use gix::objs::FindExt;
use gix::objs::tree::EntryKind;

use super::blobs::{self, Found};
use super::{Repository, no_special_file};
use crate::dates::Timestamp;

/// Files read from one revision, at most.
pub(crate) const MAX_FILES: usize = 50_000;
/// Bytes of one file, at most; a larger blob is skipped unread.
pub(crate) const MAX_BLOB_BYTES: u64 = 8 << 20;
/// Bytes of all files of one revision together, at most.
pub(crate) const MAX_TOTAL_BYTES: u64 = 512 << 20;
/// Directory levels below `content/`, at most.
pub(crate) const MAX_DEPTH: usize = 32;
/// Annotated tags followed from a tag to its commit, at most.
const MAX_PEELS: usize = 16;

/// The files of `content/` at a revision.
#[derive(Debug)]
pub(crate) struct Revision {
    /// The commit the revision names (full hex).
    pub(crate) commit: String,
    /// Its committer time.
    pub(crate) time: Timestamp,
    /// Files: path relative to the site directory (`content/projekte/a.md`)
    /// and bytes, in tree order.
    pub(crate) files: Vec<(String, Vec<u8>)>,
    /// Entries left out, with why.
    pub(crate) skipped: Vec<Skipped>,
}

/// An entry of the revision's tree that was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Skipped {
    /// Its path relative to the site directory (lossy if not UTF-8).
    pub(crate) path: String,
    /// Why, in a sentence's middle ("is a symbolic link").
    pub(crate) reason: String,
}

/// Reads `content/` of the site at `root` as `revision` (a tag, a branch,
/// a full or abbreviated commit id) has it. The error says why nothing
/// could be read (no repository, an unknown or ambiguous revision, a bound
/// exceeded).
pub(crate) fn read(root: &std::path::Path, revision: &str) -> Result<Revision, String> {
    let repo = Repository::find(root)?;
    // Objects borrowed from another repository could publish text from
    // outside the site (a commit id of a repository elsewhere on the
    // machine): archived editions are read from the site's own objects.
    let alternates = repo.common_dir.join("objects/info/alternates");
    if alternates.symlink_metadata().is_ok() {
        return Err(format!(
            "the repository borrows objects from elsewhere ({}); archived editions are read only from the site's own repository (clone it without --shared or --reference)",
            alternates.display()
        ));
    }
    let commit = resolve(&repo, revision)?;
    let mut buf = Vec::new();
    let (tree, time) = {
        let c = repo
            .objects
            .find_commit(&commit, &mut buf)
            .map_err(|e| format!("commit {commit}: {e}"))?;
        let time = c
            .committer()
            .and_then(|c| c.time())
            .map_err(|e| format!("commit {commit}: {e}"))?;
        (c.tree(), time)
    };
    let mut reader = Reader {
        repo: &repo,
        found: Vec::new(),
        blobs: 0,
    };
    let mut site = Some(tree);
    for part in &repo.site {
        site = site
            .and_then(|id| reader.child_tree(id, part).transpose())
            .transpose()?;
    }
    let content = match site {
        Some(id) => reader.child_tree(id, b"content")?,
        None => None,
    };
    if let Some(content) = content {
        reader.tree(content, "content", 0)?;
    }
    let (files, skipped) = blobs::read(&repo.objects, reader.found)?;
    Ok(Revision {
        commit: commit.to_string(),
        time: Timestamp {
            seconds: time.seconds,
            offset_minutes: i16::try_from(time.offset / 60).unwrap_or(0),
        },
        files,
        skipped,
    })
}

/// Whether `revision` is written as konzept resolves it: a ref name or an
/// object id, without git's revision expressions (`^`, `~`, `:`, `@{`),
/// which could name something other than what the editor meant.
fn plain(revision: &str) -> bool {
    !revision.is_empty()
        && revision.len() <= 200
        && !revision.starts_with(['-', '/', '.'])
        && !revision.contains("..")
        && !revision.contains("//")
        && revision
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._/-".contains(&b))
}

/// The commit `revision` names: a reference (as git looks names up:
/// itself, `refs/`, `refs/tags/`, `refs/heads/`, …) peeled through
/// annotated tags, or an object id, full or abbreviated (at least 4 hex
/// digits, unambiguous).
fn resolve(repo: &Repository, revision: &str) -> Result<ObjectId, String> {
    if !plain(revision) {
        return Err(format!(
            "`{}` is not a tag, branch or commit id konzept reads (letters, digits, `.`, `_`, `-`, `/`)",
            revision.escape_debug()
        ));
    }
    let is_hex = revision.bytes().all(|b| b.is_ascii_hexdigit());
    let id = if is_hex && revision.len() == 40 {
        ObjectId::from_hex(revision.as_bytes()).map_err(|e| e.to_string())?
    } else if let Some(id) = reference(repo, revision)? {
        id
    } else if is_hex && revision.len() >= 4 {
        let prefix = gix::hash::Prefix::from_hex(revision).map_err(|e| e.to_string())?;
        match repo.objects.lookup_prefix(prefix, None) {
            Ok(Some(Ok(id))) => id,
            Ok(Some(Err(()))) => {
                return Err(format!(
                    "`{revision}` names more than one object: write more of its digits"
                ));
            }
            Ok(None) => {
                return Err(format!(
                    "no tag, branch or commit `{revision}` in the repository"
                ));
            }
            Err(e) => return Err(format!("{revision}: {e}")),
        }
    } else {
        return Err(format!(
            "no tag, branch or commit `{revision}` in the repository"
        ));
    };
    peel(repo, id, revision)
}

/// The object a reference named `name` points to, following symbolic
/// references (five at most, as git does).
fn reference(repo: &Repository, name: &str) -> Result<Option<ObjectId>, String> {
    let refs = if repo.git_dir == repo.common_dir {
        gix::refs::file::Store::at(repo.git_dir.clone(), gix::hash::Kind::Sha1)
    } else {
        gix::refs::file::Store::for_linked_worktree(
            repo.git_dir.clone(),
            repo.common_dir.clone(),
            gix::hash::Kind::Sha1,
        )
    };
    no_special_file(&repo.common_dir.join("packed-refs"))?;
    // A FIFO among the loose refs would block the lookup.
    for dir in ["", "refs/", "refs/tags/", "refs/heads/", "refs/remotes/"] {
        for base in [&repo.git_dir, &repo.common_dir] {
            no_special_file(&base.join(format!("{dir}{name}")))?;
        }
    }
    let mut found = match refs.try_find(name) {
        Ok(Some(r)) => r,
        Ok(None) => return Ok(None),
        Err(e) => return Err(format!("{name}: {e}")),
    };
    for _ in 0..5 {
        match found.target {
            gix::refs::Target::Object(id) => return Ok(Some(id)),
            gix::refs::Target::Symbolic(next) => {
                found = refs
                    .find(next.as_ref().as_partial_name())
                    .map_err(|e| format!("{next}: {e}"))?;
            }
        }
    }
    Err(format!("{name}: too many symbolic references"))
}

/// The commit an object is or an annotated tag leads to.
fn peel(repo: &Repository, mut id: ObjectId, revision: &str) -> Result<ObjectId, String> {
    let mut buf = Vec::new();
    for _ in 0..MAX_PEELS {
        let object = repo
            .objects
            .find(&id, &mut buf)
            .map_err(|e| format!("{revision}: {e}"))?;
        match object.kind {
            gix::objs::Kind::Commit => return Ok(id),
            gix::objs::Kind::Tag => {
                id = object
                    .decode()
                    .map_err(|e| format!("{revision}: {e}"))?
                    .into_tag()
                    .ok_or_else(|| format!("{revision}: not a tag"))?
                    .target();
            }
            kind => return Err(format!("`{revision}` names a {kind}, not a commit")),
        }
    }
    Err(format!("`{revision}`: too many tags in a row"))
}

/// Walks trees, collecting their files (read afterwards, in parallel:
/// `blobs.rs`) and what is left out, in tree order.
struct Reader<'a> {
    repo: &'a Repository,
    found: Vec<Found>,
    /// Files found so far.
    blobs: usize,
}

impl Reader<'_> {
    /// The subtree `name` of the tree `id`, if it has one.
    fn child_tree(&self, id: ObjectId, name: &[u8]) -> Result<Option<ObjectId>, String> {
        let mut buf = Vec::new();
        let tree = self
            .repo
            .objects
            .find_tree(&id, &mut buf)
            .map_err(|e| format!("tree {id}: {e}"))?;
        Ok(tree
            .entries
            .iter()
            .find(|e| e.mode.is_tree() && e.filename == name)
            .map(|e| e.oid.to_owned()))
    }

    /// Collects every file below the tree `id` at `path`.
    fn tree(&mut self, id: ObjectId, path: &str, depth: usize) -> Result<(), String> {
        if depth > MAX_DEPTH {
            self.skip(path, format!("lies more than {MAX_DEPTH} directories deep"));
            return Ok(());
        }
        let mut buf = Vec::new();
        let entries: Vec<(EntryKind, Vec<u8>, ObjectId)> = self
            .repo
            .objects
            .find_tree(&id, &mut buf)
            .map_err(|e| format!("tree {id}: {e}"))?
            .entries
            .iter()
            .map(|e| (e.mode.kind(), e.filename.to_vec(), e.oid.to_owned()))
            .collect();
        for (kind, name, oid) in entries {
            let Some(name) = valid_name(&name) else {
                let shown = String::from_utf8_lossy(&name).escape_debug().to_string();
                self.skip(
                    &format!("{path}/{shown}"),
                    "has a name that is not a plain UTF-8 file name".to_owned(),
                );
                continue;
            };
            let child = format!("{path}/{name}");
            match kind {
                EntryKind::Tree => self.tree(oid, &child, depth + 1)?,
                EntryKind::Blob | EntryKind::BlobExecutable => {
                    if self.blobs >= MAX_FILES {
                        return Err(format!(
                            "the revision has more than {MAX_FILES} files in content/"
                        ));
                    }
                    self.blobs += 1;
                    self.found.push(Found::Blob(child, oid));
                }
                EntryKind::Link => self.skip(
                    &child,
                    "is a symbolic link, which is never followed".to_owned(),
                ),
                EntryKind::Commit => {
                    self.skip(&child, "is a submodule, which is not read".to_owned())
                }
            }
        }
        Ok(())
    }

    fn skip(&mut self, path: &str, reason: String) {
        self.found.push(Found::Skipped(Skipped {
            path: path.to_owned(),
            reason,
        }));
    }
}

/// A tree entry's name as a path component, if it is one: UTF-8, not
/// empty, not `.` or `..`, without `/`, `\` or control characters.
fn valid_name(name: &[u8]) -> Option<&str> {
    let name = std::str::from_utf8(name).ok()?;
    let bad = name.is_empty()
        || name == "."
        || name == ".."
        || name
            .chars()
            .any(|c| c == '/' || c == '\\' || c.is_control());
    (!bad).then_some(name)
}

#[cfg(test)]
mod tests {
    // The test with symbolic links is Unix-only; its helpers with it.
    #![cfg_attr(not(unix), allow(dead_code, unused_imports))]
    use std::path::Path;
    use std::process::Command;

    use super::{MAX_BLOB_BYTES, plain, read, valid_name};

    /// Runs git in `dir` without the machine's configuration.
    fn git(dir: &Path, args: &[&str]) {
        let out = Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_AUTHOR_NAME", "Redaktion")
            .env("GIT_AUTHOR_EMAIL", "redaktion@example.org")
            .env("GIT_COMMITTER_NAME", "Redaktion")
            .env("GIT_COMMITTER_EMAIL", "redaktion@example.org")
            .env("GIT_AUTHOR_DATE", "2007-12-10T10:00:00+01:00")
            .env("GIT_COMMITTER_DATE", "2007-12-10T10:00:00+01:00")
            .output()
            .expect("git runs");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_tag_reads_its_files_and_skips_links_and_huge_blobs() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("content/projekte")).expect("mkdir");
        std::fs::write(
            site.join("content/_index.md"),
            "---\ntitle: Alt\n---\nDamals.\n",
        )
        .expect("write");
        std::fs::write(site.join("content/projekte/a.md"), "---\ntitle: A\n---\n").expect("write");
        std::os::unix::fs::symlink("/etc/passwd", site.join("content/passwd.md")).expect("symlink");
        std::os::unix::fs::symlink("../..", site.join("content/up")).expect("symlink");
        let huge = vec![b'x'; usize::try_from(MAX_BLOB_BYTES).expect("fits") + 1];
        std::fs::write(site.join("content/huge.md"), huge).expect("write");
        git(dir.path(), &["init", "-q", "-b", "main"]);
        git(dir.path(), &["add", "."]);
        git(dir.path(), &["commit", "-q", "-m", "Fassung 1"]);
        git(dir.path(), &["tag", "-a", "-m", "Fassung 1", "fassung-1"]);
        std::fs::write(site.join("content/_index.md"), "---\ntitle: Neu\n---\n").expect("write");
        git(dir.path(), &["commit", "-q", "-am", "Fassung 2"]);

        let old = read(&site, "fassung-1").expect("the tag is read");
        let paths: Vec<&str> = old.files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["content/_index.md", "content/projekte/a.md"]);
        assert_eq!(old.files[0].1, b"---\ntitle: Alt\n---\nDamals.\n");
        let skipped: Vec<&str> = old.skipped.iter().map(|s| s.path.as_str()).collect();
        assert_eq!(
            skipped,
            ["content/huge.md", "content/passwd.md", "content/up"]
        );
        assert!(old.skipped[1].reason.contains("symbolic link"));

        let short = &old.commit[..7];
        assert_eq!(read(&site, short).expect("a short id").commit, old.commit);
        assert_eq!(read(&site, &old.commit).expect("a full id").files.len(), 2);
        let now = read(&site, "main").expect("a branch");
        assert!(String::from_utf8_lossy(&now.files[0].1).contains("Neu"));
        for bad in ["nope", "fassung-1^", "main:content", "../x"] {
            assert!(read(&site, bad).is_err(), "{bad}");
        }
        // Objects borrowed from elsewhere are not read.
        let info = dir.path().join(".git/objects/info");
        std::fs::create_dir_all(&info).expect("mkdir");
        std::fs::write(info.join("alternates"), "/elsewhere/objects\n").expect("write");
        let refused = read(&site, "fassung-1").expect_err("alternates are refused");
        assert!(refused.contains("borrows objects"), "{refused}");
    }

    #[test]
    fn only_plain_revisions_are_resolved() {
        for ok in [
            "v2007",
            "fassung-2012",
            "refs/tags/v1",
            "a1b2c3d",
            "release/2.0",
        ] {
            assert!(plain(ok), "{ok}");
        }
        for bad in [
            "",
            "HEAD^",
            "v1~2",
            "main:content",
            "@{1}",
            "a..b",
            "-x",
            "/etc",
            "v 1",
        ] {
            assert!(!plain(bad), "{bad}");
        }
    }

    #[test]
    fn names_that_leave_their_directory_are_refused() {
        assert_eq!(valid_name(b"a.md"), Some("a.md"));
        for bad in [&b""[..], b".", b"..", b"a/b", b"a\\b", b"\xff.md", b"a\nb"] {
            assert_eq!(valid_name(bad), None, "{bad:?}");
        }
    }
}
