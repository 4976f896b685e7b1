//! Output you can trust (issue 15, docs/design.md § Trust): konzept deletes
//! only what it created, never writes through a symbolic link, builds one at
//! a time per output directory, and fails cleanly when the disk says no.

#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{Run, TestSite};

/// Every file below `dir` (not following links) with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    collect(dir, dir, &mut out);
    out
}

fn collect(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let entry = entry.expect("entry");
        let rel = entry
            .path()
            .strip_prefix(root)
            .expect("below")
            .display()
            .to_string();
        let kind = entry.file_type().expect("file type");
        if kind.is_dir() {
            collect(root, &entry.path(), out);
        } else if kind.is_symlink() {
            let target = std::fs::read_link(entry.path()).expect("link");
            out.insert(rel, format!("-> {}", target.display()).into_bytes());
        } else {
            out.insert(rel, std::fs::read(entry.path()).expect("read"));
        }
    }
}

/// A refusal before any change: exit 2, no panic, a hint.
fn refused(run: &Run) {
    assert_eq!(run.code, 2, "expected exit 2:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(run.stderr.contains("help: "), "no hint:\n{}", run.stderr);
}

fn built() -> TestSite {
    let site = TestSite::fixture("minimal");
    site.build_clean();
    site
}

#[test]
fn issue_15_a_symlinked_public_is_refused_and_its_target_kept() {
    let site = built();
    let deploy = tempfile::tempdir().expect("temporary directory");
    let target = deploy.path().join("www");
    std::fs::rename(site.path().join("public"), &target).expect("move public");
    std::fs::write(target.join("keep-me.txt"), "bleibt").expect("write");
    site.symlink(&target.display().to_string(), "public");
    let before = tree(deploy.path());
    for args in [
        &["build"][..],
        &["build", "--out", "public/"],
        &["build", "--out", "public/."],
    ] {
        let run = site.run(args);
        refused(&run);
        assert!(
            run.stderr
                .contains("refusing to write into `public`: it is a symbolic link"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains("pass the real directory"));
        assert!(tree(deploy.path()) == before, "the link's target changed");
    }
    // The link itself is still there, and nothing was staged beside it.
    assert!(
        std::fs::symlink_metadata(site.path().join("public"))
            .expect("public")
            .file_type()
            .is_symlink()
    );
}

#[test]
fn issue_15_files_konzept_did_not_write_stop_the_build() {
    let site = built();
    site.write("public/CNAME", "integration.example.org");
    site.write("public/de/notizen/keep-me.txt", "bleibt");
    std::fs::create_dir_all(site.path().join("public/leer")).expect("mkdir");
    let before = site.public_tree();
    let run = site.build();
    refused(&run);
    assert!(
        run.stderr.contains(
            "refusing to replace `public`: it holds files konzept did not write: `CNAME`, `de/notizen/`, `leer/`"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("a `CNAME`) belongs in `content/`"));
    assert!(site.public_tree() == before, "public/ changed");
    assert!(site.path().join("public/leer").is_dir());
}

#[test]
fn a_directory_without_a_manifest_is_not_replaced() {
    let site = TestSite::fixture("minimal");
    // A deploy directory that looks like a site, but konzept never built it.
    site.write("public/index.html", "<!doctype html><title>alt</title>");
    site.write("public/keep-me.txt", "bleibt");
    let before = site.public_tree();
    let run = site.build();
    refused(&run);
    assert!(
        run.stderr
            .contains("it is not empty and konzept did not build it (it has no .konzept-manifest)"),
        "{}",
        run.stderr
    );
    assert!(site.public_tree() == before, "public/ changed");
    // An empty directory is fine.
    let empty = tempfile::tempdir().expect("temporary directory");
    let out = empty.path().join("leer");
    std::fs::create_dir(&out).expect("mkdir");
    let run = site.run(&["build", "--out", &out.display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn a_manifest_that_is_a_link_is_not_followed() {
    let site = built();
    let manifest = site.path().join("public/.konzept-manifest");
    // A forged manifest elsewhere that lists a file konzept did not write,
    // then a device that never ends: neither is read.
    let forged = tempfile::tempdir().expect("temporary directory");
    let text = std::fs::read_to_string(&manifest).expect("manifest") + "keep-me.txt\n";
    std::fs::write(forged.path().join("manifest"), text).expect("write");
    site.write("public/keep-me.txt", "bleibt");
    for target in [forged.path().join("manifest"), "/dev/zero".into()] {
        std::fs::remove_file(&manifest).expect("remove");
        std::os::unix::fs::symlink(&target, &manifest).expect("link");
        let before = tree(&site.path().join("public"));
        let run = site.build();
        refused(&run);
        assert!(
            run.stderr.contains("konzept did not build it"),
            "{}",
            run.stderr
        );
        assert!(tree(&site.path().join("public")) == before);
    }
}

#[test]
fn the_manifest_lists_exactly_the_files_of_the_build() {
    let site = TestSite::fixture("minimal");
    site.write("content/flyer.pdf", "%PDF-1.4");
    site.build_clean();
    let files = site.public_tree();
    let manifest = String::from_utf8(files[".konzept-manifest"].clone()).expect("UTF-8");
    let listed: Vec<&str> = manifest.lines().skip(1).collect();
    let expected: Vec<&str> = files
        .keys()
        .map(String::as_str)
        .filter(|f| *f != ".konzept-manifest")
        .collect();
    assert_eq!(listed, expected);
    assert!(listed.contains(&"files/flyer.pdf"));
    // A second build replaces the first without complaint.
    site.build_clean();
}

#[test]
fn removing_the_previous_site_never_follows_a_link() {
    let site = built();
    let outside = tempfile::tempdir().expect("temporary directory");
    std::fs::write(outside.path().join("wichtig.txt"), "bleibt").expect("write");
    // A page konzept wrote, replaced by a link to a directory elsewhere.
    let page = site.path().join("public/de/impressum/index.html");
    std::fs::remove_file(&page).expect("remove");
    std::os::unix::fs::symlink(outside.path(), &page).expect("link");
    site.build_clean();
    assert!(outside.path().join("wichtig.txt").exists());
    assert!(site.page("de/impressum/").text("h1").contains("Impressum"));
}

#[test]
fn issue_15_two_builds_into_one_directory_wait_for_each_other() {
    let big = TestSite::generated(300);
    let clean = tempfile::tempdir().expect("temporary directory");
    let reference = clean.path().join("public");
    let run = big.run(&["build", "--out", &reference.display().to_string()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected: Vec<String> = tree(&reference).into_keys().collect();

    // A second site, with an error, built into the first one's output.
    let broken = TestSite::fixture("minimal");
    broken.write("content/impressum.md", "---\ntitle: [\n---\n");
    let out = big.path().join("public");
    let first = Command::new(env!("CARGO_BIN_EXE_konzept"))
        .arg("build")
        .current_dir(big.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the big build");
    std::thread::sleep(Duration::from_millis(100));
    let second = broken.run(&["build", "--out", &out.display().to_string()]);
    let first = first.wait_with_output().expect("big build");
    let first_err = String::from_utf8_lossy(&first.stderr);
    assert_eq!(first.status.code(), Some(0), "{first_err}");
    assert!(String::from_utf8_lossy(&first.stdout).contains("built"));
    assert_eq!(second.code, 1, "{}", second.stderr);
    assert!(
        second.stderr.contains(&format!(
            "waiting for another build into {} to finish",
            out.display()
        )),
        "{}",
        second.stderr
    );
    assert!(!first_err.contains("panicked") && !second.stderr.contains("panicked"));
    let got: Vec<String> = tree(&out).into_keys().collect();
    assert_eq!(got, expected, "the first build's public/ is incomplete");
    // Nothing left beside it but the lock.
    let beside: Vec<String> = std::fs::read_dir(big.path())
        .expect("read")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    assert_eq!(beside, [".public.konzept.lock"]);
}

#[test]
fn a_file_size_limit_is_an_error_not_a_panic() {
    let site = built();
    let before = site.public_tree();
    // New, so written (unchanged files are linked, not written), and
    // larger than the limit.
    site.write("content/plan.pdf", &"%PDF-1.4 ".repeat(20_000));
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!(
            // SIGXFSZ ignored (inherited through exec): the write fails
            // with EFBIG, as under a process that ignores the signal itself.
            "trap '' XFSZ && ulimit -f 16 && exec {} build --base-url {}",
            env!("CARGO_BIN_EXE_konzept"),
            common::DEPLOY_BASE
        ))
        .current_dir(site.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run sh");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("error[io]: cannot write "), "{stderr}");
    assert!(stderr.contains("plan.pdf"), "{stderr}");
    assert!(stderr.contains("File too large"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(site.public_tree() == before, "public/ changed");
}
