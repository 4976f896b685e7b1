//! Page dates from git history read in-process (issue 15): a cloned site's
//! git configuration, hooks, attributes and the caller's `GIT_*` variables
//! never make a build run anything, and the dates are still the commits'.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use common::{TestSite, git};
use scraper::{Html, Selector};

const COMMIT: &str = "2024-05-06T10:00:00+02:00";

/// `TestSite::fixture("minimal")`, committed at [`COMMIT`].
fn committed_site() -> TestSite {
    let site = TestSite::fixture("minimal");
    git(site.path(), &["init", "-q", "-b", "main"], COMMIT);
    git(site.path(), &["add", "."], COMMIT);
    git(
        site.path(),
        &["commit", "-q", "-m", "Erste Fassung"],
        COMMIT,
    );
    site
}

/// The last-change date a built page shows (`public/<dir>/<url>index.html`).
fn updated(public: &Path, url: &str) -> String {
    let path = public.join(url).join("index.html");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let html = Html::parse_document(&text);
    let selector = Selector::parse(".updated time").expect("a selector");
    html.select(&selector)
        .next()
        .and_then(|t| t.value().attr("datetime"))
        .unwrap_or_else(|| panic!("no date on {url}"))
        .to_owned()
}

/// Every path below `dir` but `public/` (and its staging siblings).
fn files(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(dir).expect("below");
        let rel = rel.to_string_lossy().into_owned();
        if !rel.starts_with("public") && !rel.starts_with(".public") {
            out.insert(rel);
        }
    }
    out
}

/// Runs `konzept <args>` in `dir` with `env` added, as CI would.
fn konzept(dir: &Path, args: &[&str], env: &[(&str, String)]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_konzept"))
        .arg("--verbose")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .output()
        .expect("run konzept");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code().unwrap_or(-1), stderr)
}

/// Every way a repository's configuration, hooks and attributes make git
/// run a command, each leaving a file in `marks` if it runs.
fn make_hostile(git_dir: &Path, work_tree: &Path, marks: &Path, outside: &Path) {
    let m = marks.display();
    let included = outside.join("extra.config");
    std::fs::write(
        &included,
        format!("[core]\n\tfsmonitor = \"touch {m}/included\"\n"),
    )
    .expect("write the included config");
    let hooks = work_tree.join("hooks");
    std::fs::create_dir_all(&hooks).expect("hooks directory");
    for hook in [
        "post-checkout",
        "post-commit",
        "pre-commit",
        "post-index-change",
        "reference-transaction",
        "fsmonitor-watchman",
        "pre-auto-gc",
    ] {
        for dir in [&hooks, &git_dir.join("hooks")] {
            let path = dir.join(hook);
            std::fs::write(&path, format!("#!/bin/sh\ntouch {m}/hook-{hook}\n")).expect("hook");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
                    .expect("make the hook executable");
            }
        }
    }
    let config = git_dir.join("config");
    let mut text = std::fs::read_to_string(&config).unwrap_or_default();
    text.push_str(&format!(
        "[core]\n\tbare = false\n\tworktree = .\n\tfsmonitor = \"touch {m}/fsmonitor; echo ran > M\"\n\
         \thooksPath = {hooks}\n\tpager = \"touch {m}/pager\"\n\tsshCommand = \"touch {m}/ssh\"\n\
         \teditor = \"touch {m}/editor\"\n\taskPass = \"touch {m}/askpass\"\n\
         [alias]\n\tlog = \"!touch {m}/alias-log\"\n\tstatus = \"!touch {m}/alias-status\"\n\
         [pager]\n\tlog = \"touch {m}/pager-log\"\n\tstatus = \"touch {m}/pager-status\"\n\
         [diff]\n\texternal = \"touch {m}/diff-external\"\n\
         [diff \"md\"]\n\ttextconv = \"touch {m}/textconv\"\n\
         [filter \"x\"]\n\tclean = \"touch {m}/clean\"\n\tsmudge = \"touch {m}/smudge\"\n\
         \tprocess = \"touch {m}/process\"\n\trequired = true\n\
         [include]\n\tpath = {included}\n\
         [gc]\n\tauto = 1\n\tautoDetach = false\n",
        hooks = hooks.display(),
        included = included.display(),
    ));
    std::fs::write(&config, text).expect("write .git/config");
    for dir in [work_tree.to_owned(), work_tree.join("content")] {
        std::fs::write(dir.join(".gitattributes"), "* filter=x diff=md\n").expect("attributes");
    }
}

fn assert_nothing_ran(marks: &Path, site: &Path, before: &BTreeSet<String>) {
    let ran: Vec<_> = std::fs::read_dir(marks)
        .expect("marks")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert!(ran.is_empty(), "commands ran: {ran:?}");
    let after = files(site);
    let new: Vec<_> = after.difference(before).collect();
    assert!(new.is_empty(), "the build created {new:?}");
}

#[test]
fn a_hostile_git_configuration_runs_nothing_and_the_dates_are_the_commits() {
    let site = committed_site();
    let marks = tempfile::tempdir().expect("temporary directory");
    let outside = tempfile::tempdir().expect("temporary directory");
    make_hostile(
        &site.path().join(".git"),
        site.path(),
        marks.path(),
        outside.path(),
    );
    let before = files(site.path());
    let (code, stderr) = konzept(site.path(), &["build"], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_nothing_ran(marks.path(), site.path(), &before);
    let public = site.path().join("public");
    assert_eq!(updated(&public, "de/impressum/"), "2024-05-06");
    assert_eq!(updated(&public, "de/projekte/projekt/"), "2024-05-06");
    let (code, stderr) = konzept(site.path(), &["check"], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_nothing_ran(marks.path(), site.path(), &before);
}

#[test]
fn a_site_that_is_itself_a_git_directory_runs_nothing() {
    // Reproduction 1 of issue 15: git metadata committed as the site's own
    // files (HEAD, config, objects/, refs/ beside content/), which git
    // would discover as the repository of the work tree `.`.
    let site = TestSite::fixture("minimal");
    let other = committed_site();
    let git_dir = other.path().join(".git");
    for entry in walkdir::WalkDir::new(&git_dir).min_depth(1) {
        let entry = entry.expect("walk");
        let to = site
            .path()
            .join(entry.path().strip_prefix(&git_dir).expect("below"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&to).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &to).expect("copy");
        }
    }
    let marks = tempfile::tempdir().expect("temporary directory");
    let outside = tempfile::tempdir().expect("temporary directory");
    make_hostile(site.path(), site.path(), marks.path(), outside.path());
    let before = files(site.path());
    let (code, stderr) = konzept(site.path(), &["build"], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_nothing_ran(marks.path(), site.path(), &before);
    assert!(stderr.contains("no git history"), "{stderr}");
}

#[test]
fn git_environment_variables_are_ignored() {
    let site = committed_site();
    // Another repository with the same files, committed years earlier.
    let other = TestSite::fixture("minimal");
    let old = "2019-01-01T10:00:00+01:00";
    git(other.path(), &["init", "-q", "-b", "main"], old);
    git(other.path(), &["add", "."], old);
    git(other.path(), &["commit", "-q", "-m", "alt"], old);
    let marks = tempfile::tempdir().expect("temporary directory");
    let m = marks.path().display();
    let home = tempfile::tempdir().expect("temporary directory");
    let config = home.path().join(".gitconfig");
    std::fs::write(
        &config,
        format!("[core]\n\tfsmonitor = \"touch {m}/home\"\n"),
    )
    .expect("write");
    let config = config.display().to_string();
    let env = [
        ("GIT_DIR", other.path().join(".git").display().to_string()),
        ("GIT_WORK_TREE", other.path().display().to_string()),
        (
            "GIT_CONFIG_PARAMETERS",
            format!("'core.fsmonitor'='touch {m}/params'"),
        ),
        ("GIT_CONFIG_COUNT", "1".to_owned()),
        ("GIT_CONFIG_KEY_0", "core.fsmonitor".to_owned()),
        ("GIT_CONFIG_VALUE_0", format!("touch {m}/count")),
        ("GIT_CONFIG_GLOBAL", config.clone()),
        ("GIT_CONFIG_SYSTEM", config),
        ("GIT_EXTERNAL_DIFF", format!("touch {m}/external")),
        ("GIT_PAGER", format!("touch {m}/pager")),
        ("GIT_SSH_COMMAND", format!("touch {m}/ssh")),
        ("HOME", home.path().display().to_string()),
        ("XDG_CONFIG_HOME", home.path().display().to_string()),
    ];
    let before = files(site.path());
    let (code, stderr) = konzept(site.path(), &["build"], &env);
    assert_eq!(code, 0, "{stderr}");
    assert_nothing_ran(marks.path(), site.path(), &before);
    assert_eq!(
        updated(&site.path().join("public"), "de/impressum/"),
        "2024-05-06"
    );
}

#[test]
fn edited_and_untracked_files_are_dated_by_front_matter() {
    let site = committed_site();
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\nupdated: 2024-08-01\n---\nNeue Anschrift.\n",
    );
    site.write(
        "content/neu.md",
        "---\ntitle: Neu\nupdated: 2024-09-09\n---\nNoch nicht eingecheckt.\n",
    );
    // Line endings converted on checkout (Windows, `core.autocrlf`) are not an edit.
    let path = site.path().join("content/projekte/projekt.md");
    let text = std::fs::read_to_string(&path).expect("projekt.md");
    std::fs::write(&path, text.replace('\n', "\r\n")).expect("write");
    let (code, stderr) = konzept(site.path(), &["build"], &[]);
    assert_eq!(code, 0, "{stderr}");
    let public = site.path().join("public");
    assert_eq!(updated(&public, "de/impressum/"), "2024-08-01");
    assert_eq!(updated(&public, "de/neu/"), "2024-09-09");
    assert_eq!(updated(&public, "de/projekte/projekt/"), "2024-05-06");
}

#[test]
fn a_site_in_a_subdirectory_of_a_repository_has_its_own_dates() {
    let repo = TestSite::fixture("minimal");
    let root = repo.path();
    std::fs::create_dir(root.join("site")).expect("mkdir");
    for name in ["content", "i18n", "site.yaml"] {
        std::fs::rename(root.join(name), root.join("site").join(name)).expect("move");
    }
    // The repository's own `content/` is not the site's.
    std::fs::create_dir(root.join("content")).expect("mkdir");
    std::fs::write(root.join("content/impressum.md"), "anders\n").expect("write");
    git(root, &["init", "-q", "-b", "main"], COMMIT);
    git(root, &["add", "."], COMMIT);
    git(root, &["commit", "-q", "-m", "Erste Fassung"], COMMIT);
    let later = "2025-02-03T10:00:00+01:00";
    std::fs::write(root.join("content/impressum.md"), "noch anders\n").expect("write");
    std::fs::write(root.join("site/site.yaml.orig"), "").expect("write");
    git(root, &["add", "."], later);
    git(root, &["commit", "-q", "-m", "Nebenan"], later);
    let (code, stderr) = konzept(root, &["-C", "site", "build"], &[]);
    assert_eq!(code, 0, "{stderr}");
    let public = root.join("site/public");
    assert_eq!(updated(&public, "de/impressum/"), "2024-05-06");
}

#[test]
fn a_site_without_git_is_dated_by_front_matter() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\nupdated: 2023-03-04\n---\nText.\n",
    );
    let (code, stderr) = konzept(site.path(), &["build"], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("no git history"), "{stderr}");
    assert_eq!(
        updated(&site.path().join("public"), "de/impressum/"),
        "2023-03-04"
    );
}

#[test]
fn a_garbled_git_file_is_reported_without_control_characters() {
    let site = TestSite::fixture("minimal");
    std::fs::write(
        site.path().join(".git"),
        "gitdir: /nicht/da\rgebaut, alles gut\u{1b}]0;pwned\u{7}\u{1b}[2J\n",
    )
    .expect("write");
    let (code, stderr) = konzept(site.path(), &["build"], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("no git history"), "{stderr}");
    assert!(!stderr.contains(['\r', '\u{1b}', '\u{7}']), "{stderr:?}");
}

#[test]
fn old_urls_are_read_from_a_hostile_repository_without_running_anything() {
    let site = committed_site();
    git(
        site.path(),
        &[
            "mv",
            "content/projekte/projekt.md",
            "content/projekte/projekt-neu.md",
        ],
        COMMIT,
    );
    git(site.path(), &["commit", "-q", "-m", "Umbenannt"], COMMIT);
    let marks = tempfile::tempdir().expect("temporary directory");
    let outside = tempfile::tempdir().expect("temporary directory");
    make_hostile(
        &site.path().join(".git"),
        site.path(),
        marks.path(),
        outside.path(),
    );
    let before = files(site.path());
    let (code, stderr) = konzept(site.path(), &["check"], &[]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "warning[old-url]: `/de/projekte/projekt/` (content/projekte/projekt.md in commit"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("aliases: [/de/projekte/projekt/]"),
        "{stderr}"
    );
    assert_nothing_ran(marks.path(), site.path(), &before);
}
