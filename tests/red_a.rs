//! An attacker's review of issue 15 (boundary, output, hangs): holes found
//! in the merged code, each with the variation that got through.

#![cfg(unix)]

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{TestSite, run_within};

/// A cloned site may hold a symbolic link where the output's lock file
/// goes (`.public.konzept.lock`, beside `public/`): opening it with
/// `O_CREAT` would create (or open for writing) whatever it points to.
#[test]
fn a_lock_file_that_is_a_link_is_not_followed() {
    let outside = tempfile::tempdir().expect("temporary directory");
    let existing = outside.path().join("authorized_keys");
    std::fs::write(&existing, "bleibt").expect("write");
    let missing = outside.path().join("neu.txt");
    for target in [&missing, &existing] {
        let site = TestSite::fixture("minimal");
        site.symlink(&target.display().to_string(), ".public.konzept.lock");
        let run = site.build();
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(
            run.stderr.contains("cannot lock") && run.stderr.contains("symbolic link"),
            "{}",
            run.stderr
        );
        assert!(!missing.exists(), "the link's target was created");
        assert_eq!(std::fs::read_to_string(&existing).expect("read"), "bleibt");
        assert!(!site.exists("public"), "something was written");
    }
}

/// 25 levels of doubled directory links below `content/bomb`.
fn link_bomb(site: &TestSite) {
    let levels = 25;
    site.write(&format!("content/bomb/d{levels}/f.txt"), "x");
    for i in 0..levels {
        std::fs::create_dir_all(site.path().join(format!("content/bomb/d{i}"))).expect("mkdir");
        for name in ["a", "b"] {
            site.symlink(
                &format!("../d{}", i + 1),
                &format!("content/bomb/d{i}/{name}"),
            );
        }
    }
}

/// Symbolic links that stay inside the site are followed; a few of them,
/// each doubling the paths below (`d0/{a,b} → d1`, `d1/{a,b} → d2`, …),
/// made a walk of 2^25 paths to one file: the build never ended. Each
/// directory is now read once, and a second path to it is an error there.
#[test]
fn directory_links_that_multiply_paths_are_an_error_not_a_hang() {
    let site = TestSite::fixture("minimal");
    let before = site.public_tree();
    let levels = 25;
    site.write(&format!("content/bomb/d{levels}/f.txt"), "x");
    for i in 0..levels {
        std::fs::create_dir_all(site.path().join(format!("content/bomb/d{i}"))).expect("mkdir");
        for name in ["a", "b"] {
            site.symlink(
                &format!("../d{}", i + 1),
                &format!("content/bomb/d{i}/{name}"),
            );
        }
    }
    for command in ["build", "check"] {
        let (code, stderr) = run_within(&site, &[command], Duration::from_secs(20));
        assert_eq!(code, 1, "{command}:\n{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(
            stderr.contains(
                "error[io]: `content/bomb/d0/b` is the directory `content/bomb/d0/a` again, through a symbolic link"
            ),
            "{stderr}"
        );
        assert!(stderr.contains("--> content/bomb/d0/b"), "{stderr}");
        assert!(
            stderr.contains("help: each directory is read once"),
            "{stderr}"
        );
        assert!(site.public_tree() == before, "public/ changed");
    }
    // One link to a directory outside `content/` (but inside the site) works.
    std::fs::remove_dir_all(site.path().join("content/bomb")).expect("remove");
    site.write("ablage/plan.pdf", "%PDF-1.4 plan");
    site.symlink("../ablage", "content/dokumente");
    site.build_clean();
    assert_eq!(
        site.public_tree()["files/dokumente/plan.pdf"],
        b"%PDF-1.4 plan"
    );
    // A second link to it is the error, whichever comes first.
    site.symlink("../ablage", "content/akten");
    let (code, stderr) = run_within(&site, &["build"], Duration::from_secs(20));
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("`content/dokumente` is the directory `content/akten` again"),
        "{stderr}"
    );
}

/// `serve` watches the sources; its watcher followed symbolic links, so a
/// link to `/usr` (refused by the build) added a watch for every directory
/// below it, and the link bomb above never let it finish: the preview
/// never answered. Both now show the error page at once.
#[test]
fn serve_answers_despite_links_to_big_or_endless_trees() {
    for setup in ["bomb", "usr"] {
        let site = TestSite::fixture("minimal");
        if setup == "bomb" {
            link_bomb(&site);
        } else {
            site.symlink("/usr", "content/system");
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_konzept"))
            .args(["serve", "--port", "0"])
            .current_dir(site.path())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start konzept serve");
        let stdout = child.stdout.take().expect("piped");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(rest) = line.strip_prefix("serving on http://") {
                    let _ = tx.send(rest.split('/').next().unwrap_or_default().to_owned());
                }
            }
        });
        let addr = rx.recv_timeout(Duration::from_secs(20));
        let answer = addr.as_ref().map(|addr| {
            let mut stream = std::net::TcpStream::connect(addr).expect("connect");
            stream
                .set_read_timeout(Some(Duration::from_secs(20)))
                .expect("timeout");
            write!(
                stream,
                "GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
            )
            .expect("send");
            let mut text = String::new();
            let _ = stream.read_to_string(&mut text);
            text
        });
        let _ = child.kill();
        let _ = child.wait();
        let answer = answer.unwrap_or_else(|_| panic!("{setup}: serve never listened"));
        assert!(
            answer.starts_with("HTTP/1.1 500") && answer.contains("The build failed"),
            "{setup}: {answer}"
        );
    }
}

/// `--help` and `--version` into a full disk said nothing and exited 0:
/// the redirected file is incomplete, which is exit 2 like every other
/// write error on stdout.
#[test]
fn help_and_version_into_a_full_disk_exit_2() {
    let Ok(full) = std::fs::File::options().write(true).open("/dev/full") else {
        return;
    };
    for args in [&["--help"][..], &["--version"], &["build", "--help"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_konzept"))
            .args(args)
            .stdout(full.try_clone().expect("clone"))
            .stderr(Stdio::piped())
            .output()
            .expect("run konzept");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains("cannot write to standard output"),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// A cloned site may hold a `public/` with a forged manifest: every line
/// became an entry of a set, so 256 MiB of one-character lines (the former
/// read limit) would have taken gigabytes. A manifest larger than konzept
/// writes is refused before it is read, and nothing changes.
#[test]
fn a_huge_forged_manifest_is_refused_before_it_is_read() {
    let site = TestSite::fixture("minimal");
    site.build_clean();
    let path = site.path().join("public/.konzept-manifest");
    let mut text = std::fs::read_to_string(&path).expect("manifest");
    let lines = (17 << 20) / 2;
    text.reserve(lines * 2);
    for _ in 0..lines {
        text.push_str("x\n");
    }
    std::fs::write(&path, text).expect("write");
    let before = site.public_tree();
    let (code, stderr) = run_within(&site, &["build"], Duration::from_secs(20));
    assert_eq!(code, 2, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains(
            "error[limit]: refusing to replace `public`: its .konzept-manifest is larger than 16 MiB"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("help: konzept did not write a manifest this large"),
        "{stderr}"
    );
    assert!(site.public_tree() == before, "public/ changed");
}
