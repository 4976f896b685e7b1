//! When each content file last changed: the date of the last git commit
//! that touched it, for files that are committed and unmodified.
//!
//! Two `git` runs per build (`log` for the dates, `status` for files with
//! uncommitted changes) instead of one per file, so the cost does not grow
//! with the number of pages. Without git, outside a repository, or in a
//! repository git refuses to read, the map is empty and every page falls
//! back to its front-matter `updated` and then to the file's modification
//! time (DESIGN.md, issue 4 part 7); the reason is logged at debug level.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;

use crate::dates::Timestamp;

/// Commit times of committed, unmodified files, by path relative to the
/// site root (`content/projekte/ibis.md`).
#[derive(Debug, Default)]
pub(super) struct History {
    commits: HashMap<String, Timestamp>,
}

impl History {
    /// Reads the history of `content/` below `root`.
    pub(super) fn read(root: &Path) -> History {
        let Some(log) = git(
            root,
            &[
                "log",
                "--format=%x1e%ct %cI",
                "--name-only",
                "-z",
                "--no-renames",
                "--relative",
                "--",
                "content",
            ],
        ) else {
            return History::default();
        };
        let Some(status) = git(
            root,
            &[
                "status",
                "--porcelain",
                "-z",
                "--no-renames",
                "--untracked-files=all",
                "--",
                "content",
            ],
        ) else {
            return History::default();
        };
        let dirty = changed_paths(&status);
        let mut commits = parse_log(&log);
        commits.retain(|path, _| !dirty.contains(path.as_str()));
        History { commits }
    }

    /// The last commit touching `path` (relative to the site root), if the
    /// file is committed and has no uncommitted changes.
    pub(super) fn last_commit(&self, path: &str) -> Option<Timestamp> {
        self.commits.get(path).copied()
    }
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    let output = match Command::new("git").arg("-C").arg(root).args(args).output() {
        Ok(o) => o,
        Err(e) => {
            log::debug!("no git ({e}); last-change dates come from front matter and file times");
            return None;
        }
    };
    if !output.status.success() {
        log::debug!(
            "git {} failed ({}); last-change dates come from front matter and file times",
            args[0],
            String::from_utf8_lossy(&output.stderr).trim()
        );
        return None;
    }
    String::from_utf8(output.stdout).ok()
}

/// `git log --format=%x1e%ct %cI --name-only -z`: records start with
/// U+001E, then `<seconds> <iso>` and NUL, then NUL-terminated paths. Newest
/// first, so the first time a path appears is its last change.
fn parse_log(log: &str) -> HashMap<String, Timestamp> {
    let mut out = HashMap::new();
    for record in log.split('\u{1e}').filter(|r| !r.is_empty()) {
        let mut fields = record.split('\0');
        let header = fields.next().unwrap_or_default();
        let Some((seconds, iso)) = header.split_once(' ') else {
            continue;
        };
        let Some(time) = seconds
            .trim()
            .parse()
            .ok()
            .and_then(|s| Timestamp::with_rfc3339_offset(s, iso))
        else {
            continue;
        };
        for path in fields {
            let path = path.trim_start_matches('\n');
            if !path.is_empty() {
                out.entry(path.to_owned()).or_insert(time);
            }
        }
    }
    out
}

/// `git status --porcelain -z --no-renames`: `XY path` entries, NUL-terminated.
fn changed_paths(status: &str) -> HashSet<&str> {
    status
        .split('\0')
        .filter_map(|entry| entry.get(3..))
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_of_a_path_wins() {
        let log = "\u{1e}200 2026-12-01T10:00:00+01:00\0\ncontent/a.md\0\u{1e}100 2026-11-01T10:00:00Z\0\ncontent/a.md\0content/b md.md\0";
        let map = parse_log(log);
        assert_eq!(map["content/a.md"].seconds, 200);
        assert_eq!(map["content/a.md"].offset_minutes, 60);
        assert_eq!(map["content/b md.md"].seconds, 100);
    }

    #[test]
    fn modified_and_untracked_files_are_recognised() {
        let dirty = changed_paths(" M content/a.md\0?? content/neu.md\0");
        assert!(dirty.contains("content/a.md"));
        assert!(dirty.contains("content/neu.md"));
    }

    #[test]
    fn a_directory_outside_git_has_no_history() {
        let dir = tempfile::tempdir().expect("temporary directory");
        assert!(History::read(dir.path()).commits.is_empty());
    }
}
