use std::process::Command;

use super::*;

/// Runs the git CLI in `dir` without the machine's configuration or the
/// caller's `GIT_*` variables, committing at `date` (author and committer).
fn git_at(dir: &Path, args: &[&str], date: &str) -> Vec<u8> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .env_remove("GIT_CONFIG_PARAMETERS")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_AUTHOR_NAME", "Redaktion")
        .env("GIT_AUTHOR_EMAIL", "redaktion@example.org")
        .env("GIT_COMMITTER_NAME", "Redaktion")
        .env("GIT_COMMITTER_EMAIL", "redaktion@example.org")
        .output()
        .expect("git runs");
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

fn git(dir: &Path, args: &[&str]) -> Vec<u8> {
    git_at(dir, args, "2024-01-01T00:00:00Z")
}

/// What the git CLI says: for every file of `HEAD`'s `content/` in the site
/// directory `site`, the first commit `git log --no-renames -- content`
/// lists it in.
fn git_cli_dates(site: &Path) -> HashMap<String, Timestamp> {
    let log = git(
        site,
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
    );
    let mut dates = HashMap::new();
    for record in log.split(|&b| b == 0x1e).filter(|r| !r.is_empty()) {
        let record = std::str::from_utf8(record).expect("UTF-8 paths");
        let mut fields = record.split('\0');
        let (seconds, iso) = fields
            .next()
            .and_then(|h| h.split_once(' '))
            .expect("a header");
        let time = Timestamp::with_rfc3339_offset(seconds.parse().expect("seconds"), iso)
            .expect("an offset");
        for path in fields.map(|p| p.trim_start_matches('\n')) {
            if !path.is_empty() {
                dates.entry(path.to_owned()).or_insert(time);
            }
        }
    }
    let listed = git(
        site,
        &[
            "ls-tree",
            "-r",
            "-z",
            "--name-only",
            "--full-name",
            "HEAD",
            "content",
        ],
    );
    let prefix = String::from_utf8(git(site, &["rev-parse", "--show-prefix"])).expect("UTF-8");
    let in_head: HashSet<String> = listed
        .split(|&b| b == 0)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let p = std::str::from_utf8(p).expect("UTF-8 paths");
            p.strip_prefix(prefix.trim())
                .expect("below the site")
                .to_owned()
        })
        .collect();
    dates.retain(|path, _| in_head.contains(path));
    assert_eq!(
        dates.len(),
        in_head.len(),
        "every file of HEAD has a log entry"
    );
    dates
}

fn dates(history: &History) -> HashMap<String, Timestamp> {
    history
        .files
        .iter()
        .map(|(path, c)| (path.clone(), c.time))
        .collect()
}

#[test]
fn a_directory_outside_git_has_no_history() {
    let dir = tempfile::tempdir().expect("temporary directory");
    assert!(History::read(dir.path()).files.is_empty());
}

#[test]
fn the_dates_of_this_repository_are_the_git_clis() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root.join(".git").exists() {
        eprintln!("skipped: this checkout has no .git");
        return;
    }
    let expected = git_cli_dates(root);
    assert!(!expected.is_empty());
    assert_eq!(dates(&History::read(root)), expected);
}

/// A repository with the site in `site/`, branches, an `-s ours` merge that
/// dropped a branch's edit, an ordinary merge, a mode change, a deletion
/// and re-addition, and commits outside `content/`.
fn branchy_repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary directory");
    let repo = dir.path();
    let site = repo.join("site");
    let write = |rel: &str, text: &str| {
        let path = site.join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    let commit = |message: &str, date: &str| {
        git_at(repo, &["add", "-A"], date);
        git_at(repo, &["commit", "-q", "-m", message], date);
    };
    git(repo, &["init", "-q", "-b", "main"]);
    write("content/a.md", "a\n");
    write("content/b.md", "b\n");
    write("site.yaml", "title: x\n");
    std::fs::write(repo.join("README"), "r\n").expect("write");
    commit("start", "2024-01-01T10:00:00+01:00");
    git(repo, &["checkout", "-q", "-b", "side"]);
    write("content/a.md", "a from side\n");
    commit("side edit", "2024-03-01T10:00:00+01:00");
    git(repo, &["checkout", "-q", "main"]);
    write("content/b.md", "b2\n");
    commit("b", "2024-02-01T10:00:00+01:00");
    write("content/c.md", "c\n");
    commit("c", "2024-02-15T10:00:00-05:00");
    git_at(
        repo,
        &["merge", "-q", "-s", "ours", "--no-edit", "side"],
        "2024-04-01T10:00:00+02:00",
    );
    git(repo, &["checkout", "-q", "-b", "side2"]);
    write("content/c.md", "c2\n");
    commit("c2", "2024-06-01T10:00:00+02:00");
    git(repo, &["checkout", "-q", "main"]);
    write("content/nested/deep/d.md", "d\n");
    commit("d", "2024-05-01T10:00:00+02:00");
    git_at(
        repo,
        &["merge", "-q", "--no-edit", "side2"],
        "2024-07-01T10:00:00+02:00",
    );
    std::fs::write(repo.join("README"), "r2\n").expect("write");
    write("site.yaml", "title: y\n");
    commit("outside", "2024-08-01T10:00:00+02:00");
    git(repo, &["config", "core.fileMode", "false"]);
    git(repo, &["update-index", "--chmod=+x", "site/content/b.md"]);
    commit("mode", "2024-09-01T10:00:00+02:00");
    std::fs::remove_file(site.join("content/nested/deep/d.md")).expect("remove");
    commit("gone", "2024-10-01T10:00:00+02:00");
    write("content/nested/deep/d.md", "d\n");
    commit("back", "2024-11-01T10:00:00+01:00");
    dir
}

#[test]
fn merges_modes_and_deletions_are_dated_as_git_log_dates_them() {
    let repo = branchy_repository();
    let site = repo.path().join("site");
    let expected = git_cli_dates(&site);
    let found = dates(&History::read(&site));
    assert_eq!(found, expected);
    // The `-s ours` merge dropped the side branch's edit of a.md: git log
    // does not follow that branch, and neither do we.
    assert_eq!(found["content/a.md"].date().iso(), "2024-01-01");
    assert_eq!(found["content/c.md"].date().iso(), "2024-06-01");
    assert_eq!(found["content/c.md"].offset_minutes, 120);
    assert_eq!(found["content/b.md"].date().iso(), "2024-09-01");
    assert_eq!(found["content/nested/deep/d.md"].date().iso(), "2024-11-01");
    assert_eq!(found.len(), 4);
}

#[test]
fn only_the_committed_bytes_have_the_commit_date() {
    let repo = branchy_repository();
    let history = History::read(&repo.path().join("site"));
    let date = |path: &str, bytes: &[u8]| history.last_commit(path, bytes).map(|t| t.date().iso());
    assert_eq!(date("content/a.md", b"a\n").as_deref(), Some("2024-01-01"));
    assert_eq!(
        date("content/a.md", b"a\r\n").as_deref(),
        Some("2024-01-01")
    );
    assert_eq!(date("content/a.md", b"a\n\n"), None);
    assert_eq!(date("content/a.md", b"a from side\n"), None);
    assert_eq!(date("content/neu.md", b"a\n"), None);
    assert_eq!(date("site.yaml", b"title: y\n"), None);
}

#[test]
fn a_linked_work_tree_and_a_shallow_clone_have_git_dates() {
    let repo = branchy_repository();
    let linked = repo.path().join("linked");
    git(repo.path(), &["worktree", "add", "-q", "linked", "side2"]);
    let site = linked.join("site");
    assert_eq!(dates(&History::read(&site)), git_cli_dates(&site));
    let shallow = repo.path().join("shallow");
    let url = format!("file://{}", repo.path().display());
    git(
        repo.path(),
        &["clone", "-q", "--depth", "2", &url, "shallow"],
    );
    let site = shallow.join("site");
    let found = dates(&History::read(&site));
    assert_eq!(found, git_cli_dates(&site));
    assert_eq!(found["content/a.md"].date().iso(), "2024-10-01");
}

#[test]
fn an_unreadable_repository_has_no_history() {
    let repo = branchy_repository();
    let site = repo.path().join("site");
    let git_dir = repo.path().join(".git");
    // Unborn branch.
    std::fs::write(git_dir.join("HEAD"), "ref: refs/heads/nie\n").expect("write");
    assert!(History::read(&site).files.is_empty());
    // A commit that is not there.
    std::fs::write(git_dir.join("HEAD"), format!("{}\n", "ab".repeat(20))).expect("write");
    assert!(History::read(&site).files.is_empty());
    // Garbage.
    std::fs::write(git_dir.join("HEAD"), "\u{1b}[2J").expect("write");
    assert!(History::read(&site).files.is_empty());
    // A `.git` file pointing nowhere.
    let other = tempfile::tempdir().expect("temporary directory");
    std::fs::create_dir(other.path().join("content")).expect("mkdir");
    std::fs::write(other.path().join(".git"), "gitdir: /nicht/da\n").expect("write");
    assert!(History::read(other.path()).files.is_empty());
}

#[cfg(unix)]
#[test]
fn a_fifo_as_head_is_not_read() {
    let repo = branchy_repository();
    let head = repo.path().join(".git/HEAD");
    std::fs::remove_file(&head).expect("remove HEAD");
    let status = Command::new("mkfifo").arg(&head).status().expect("mkfifo");
    assert!(status.success());
    assert!(History::read(&repo.path().join("site")).files.is_empty());
}

/// A repository of `files` pages under `content/` and `commits` commits,
/// each after the first changing 15 pages, written with `git fast-import`.
fn generated_repository(files: usize, commits: usize) -> tempfile::TempDir {
    use std::fmt::Write as _;
    let dir = tempfile::tempdir().expect("temporary directory");
    git(dir.path(), &["init", "-q", "-b", "main"]);
    let mut stream = String::new();
    let page = |i: usize| format!("content/bereich-{}/seite-{i}.md", i % 40);
    for c in 0..commits {
        let time = 1_700_000_000 + c * 3600;
        let message = format!("Fassung {c}");
        let _ = writeln!(
            stream,
            "commit refs/heads/main\nmark :{}\ncommitter R <r@example.org> {time} +0100\ndata {}\n{message}",
            c + 1,
            message.len()
        );
        if c > 0 {
            let _ = writeln!(stream, "from :{c}");
        }
        let changed: Vec<usize> = if c == 0 {
            (0..files).collect()
        } else {
            (0..15).map(|k| (c * 7919 + k * 104_729) % files).collect()
        };
        for i in changed {
            let text = format!("---\ntitle: Seite {i}\n---\nFassung {c}.\n");
            let _ = writeln!(
                stream,
                "M 100644 inline {}\ndata {}\n{text}",
                page(i),
                text.len()
            );
        }
        stream.push('\n');
    }
    let mut child = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(dir.path())
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("git fast-import");
    std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), stream.as_bytes())
        .expect("feed fast-import");
    assert!(child.wait().expect("fast-import ends").success());
    dir
}

/// `cargo test --lib history::tests::measure -- --ignored --nocapture`:
/// the time `History::read` takes here and on a generated repository, next
/// to `git log` for the same answer.
#[test]
#[ignore = "a measurement, run by hand"]
fn measure() {
    let generated = generated_repository(3000, 200);
    for root in [Path::new(env!("CARGO_MANIFEST_DIR")), generated.path()] {
        if !root.join(".git").exists() {
            continue;
        }
        let start = std::time::Instant::now();
        let history = History::read(root);
        let ours = start.elapsed();
        let start = std::time::Instant::now();
        let expected = git_cli_dates(root);
        let cli = start.elapsed();
        assert_eq!(dates(&history), expected);
        println!(
            "{}: {} files, History::read {ours:.2?}, git log + ls-tree {cli:.2?}",
            root.display(),
            history.files.len()
        );
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_as_branch_or_packed_refs_is_not_read() {
    for fifo in [".git/refs/heads/main", ".git/packed-refs"] {
        let repo = branchy_repository();
        let path = repo.path().join(fifo);
        let _ = std::fs::remove_file(&path);
        let status = Command::new("mkfifo").arg(&path).status().expect("mkfifo");
        assert!(status.success());
        assert!(
            History::read(&repo.path().join("site")).files.is_empty(),
            "{fifo}"
        );
    }
}

#[test]
fn a_sha256_repository_has_no_history() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let repo = dir.path();
    let ok = Command::new("git")
        .args(["init", "-q", "--object-format=sha256", "-b", "main"])
        .current_dir(repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("skipped: this git cannot make SHA-256 repositories");
        return;
    }
    std::fs::create_dir(repo.join("content")).expect("mkdir");
    std::fs::write(repo.join("content/a.md"), "a\n").expect("write");
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "a"]);
    assert!(History::read(repo).files.is_empty());
}

#[cfg(unix)]
#[test]
fn a_fifo_among_the_objects_is_not_read() {
    let repo = branchy_repository();
    let objects = repo.path().join(".git/objects");
    // The commit HEAD names, as a loose object file (gix reads only regular
    // files there).
    let head = String::from_utf8(git(repo.path(), &["rev-parse", "HEAD"])).expect("UTF-8");
    let head = head.trim();
    let loose = objects.join(&head[..2]).join(&head[2..]);
    std::fs::remove_file(&loose).expect("HEAD's commit is a loose object");
    let status = Command::new("mkfifo").arg(&loose).status().expect("mkfifo");
    assert!(status.success());
    assert!(History::read(&repo.path().join("site")).files.is_empty());
    std::fs::remove_file(&loose).expect("remove the FIFO");
    for fifo in ["info/alternates", "pack/pack-0123.idx"] {
        let path = objects.join(fifo);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        let status = Command::new("mkfifo").arg(&path).status().expect("mkfifo");
        assert!(status.success());
        assert!(
            History::read(&repo.path().join("site")).files.is_empty(),
            "{fifo}"
        );
        std::fs::remove_file(&path).expect("remove the FIFO");
    }
}

/// The dates `git log` gives for one path, newest first, as ISO days.
fn git_cli_changes(site: &Path, path: &str, follow: bool) -> Vec<String> {
    let mut args = vec!["log", "--format=%cs"];
    args.push(if follow { "--follow" } else { "--no-renames" });
    args.extend(["--", path]);
    let out = String::from_utf8(git(site, &args)).expect("UTF-8");
    out.lines().map(str::to_owned).collect()
}

fn change_days(history: &History, path: &str) -> Vec<String> {
    history
        .changes(path)
        .iter()
        .map(|t| t.date().iso())
        .collect()
}

#[test]
fn a_full_walk_keeps_every_change_newest_first_through_a_rename() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let site = dir.path();
    let write = |rel: &str, text: &str| {
        let path = site.join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    };
    git(site, &["init", "-q", "-b", "main"]);
    write("content/a.md", "a\n");
    write("content/projekte/alt.md", "Projekt\n");
    git(site, &["add", "-A"]);
    git_at(site, &["commit", "-qm", "1"], "2020-01-01T10:00:00Z");
    write("content/a.md", "a2\n");
    git(site, &["add", "-A"]);
    git_at(site, &["commit", "-qm", "2"], "2021-02-01T10:00:00Z");
    git(
        site,
        &["mv", "content/projekte/alt.md", "content/projekte/neu.md"],
    );
    write("site.yaml", "x\n");
    git(site, &["add", "-A"]);
    git_at(site, &["commit", "-qm", "3"], "2022-03-01T10:00:00Z");
    write("content/projekte/neu.md", "Projekt, neu\n");
    git(site, &["add", "-A"]);
    git_at(site, &["commit", "-qm", "4"], "2023-04-01T10:00:00Z");
    write("site.yaml", "y\n");
    git(site, &["add", "-A"]);
    git_at(site, &["commit", "-qm", "5"], "2024-05-01T10:00:00Z");

    let history = History::read_all(site);
    assert!(history.found());
    assert_eq!(
        change_days(&history, "content/a.md"),
        ["2021-02-01", "2020-01-01"]
    );
    assert_eq!(
        change_days(&history, "content/a.md"),
        git_cli_changes(site, "content/a.md", false)
    );
    assert_eq!(
        change_days(&history, "content/projekte/neu.md"),
        git_cli_changes(site, "content/projekte/neu.md", true)
    );
    assert_eq!(
        change_days(&history, "content/projekte/neu.md"),
        ["2023-04-01", "2022-03-01", "2020-01-01"]
    );
    // The last-change dates stay those of a walk for them alone.
    assert_eq!(dates(&history), dates(&History::read(site)));
    // Without asking for them, no change lists.
    assert!(History::read(site).changes("content/a.md").is_empty());
}

#[test]
fn a_full_walk_of_merges_lists_what_git_log_lists() {
    let repo = branchy_repository();
    let site = repo.path().join("site");
    let history = History::read_all(&site);
    for path in history.files.keys() {
        let rel = path.strip_prefix("content/").expect("under content/");
        let cli = git_cli_changes(&site.join("content"), rel, false);
        assert_eq!(change_days(&history, path), cli, "{path}");
    }
}

#[test]
fn outside_git_a_full_walk_finds_nothing() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let history = History::read_all(dir.path());
    assert!(!history.found());
    assert!(history.changes("content/a.md").is_empty());
}

/// A change counts if the text after the front matter's closing `---`
/// differs (a stand-in for `model/outdated.rs`'s comparison).
fn body_differs(new: &[u8], old: &[u8]) -> bool {
    let body = |b: &[u8]| {
        let text = String::from_utf8_lossy(b).into_owned();
        text.rsplit_once("---\n").map(|(_, body)| body.to_owned())
    };
    body(new) != body(old)
}

#[test]
fn a_file_s_versions_are_looked_past_through_a_merge_to_the_change_that_counts() {
    let repo = tempfile::tempdir().expect("temporary directory");
    let dir = repo.path();
    std::fs::create_dir_all(dir.join("site/content")).expect("content");
    let page = dir.join("site/content/p.md");
    let write = |text: &str| std::fs::write(&page, text).expect("write");
    git(dir, &["init", "-q", "-b", "main"]);
    write("---\ntitle: P\n---\nText.\n");
    git(dir, &["add", "."]);
    git_at(dir, &["commit", "-q", "-m", "one"], "2024-01-01T10:00:00Z");
    git(dir, &["checkout", "-q", "-b", "side"]);
    write("---\ntitle: P\n---\nNeuer Text.\n");
    git_at(
        dir,
        &["commit", "-q", "-am", "body"],
        "2024-02-01T10:00:00Z",
    );
    git(dir, &["checkout", "-q", "main"]);
    std::fs::write(dir.join("site/content/q.md"), "---\ntitle: Q\n---\n").expect("q");
    git(dir, &["add", "."]);
    git_at(
        dir,
        &["commit", "-q", "-m", "other"],
        "2024-03-01T10:00:00Z",
    );
    git_at(
        dir,
        &["merge", "-q", "--no-ff", "-m", "merge", "side"],
        "2024-04-01T10:00:00Z",
    );
    write("---\ntitle: P\nweight: 2\n---\nNeuer Text.\n");
    git_at(
        dir,
        &["commit", "-q", "-am", "weight"],
        "2024-05-01T10:00:00Z",
    );
    let log = FileLog::open(&dir.join("site")).expect("a repository");
    let found = |counts: &mut dyn FnMut(&[u8], &[u8]) -> bool| {
        log.newest_change("content/p.md", counts)
            .map(|t| t.date().iso())
    };
    // The merge kept the side branch's version: the change is the body edit.
    assert_eq!(found(&mut body_differs).as_deref(), Some("2024-02-01"));
    assert_eq!(
        found(&mut |new, old| new != old).as_deref(),
        Some("2024-05-01")
    );
    // Nothing counts: the commit that added the file does.
    assert_eq!(found(&mut |_, _| false).as_deref(), Some("2024-01-01"));
    assert_eq!(log.newest_change("content/none.md", &mut |_, _| true), None);
    assert!(FileLog::open(&dir.join("..").join("no-such-dir")).is_none());
}
