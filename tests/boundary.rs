//! The site's directory is a boundary (issue 15, docs/design.md § Trust):
//! nothing outside it is read, published, served or quoted, whatever symbolic
//! links say; FIFOs never block a build; names that are not UTF-8 are refused
//! instead of merged.

#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{Run, TestSite, run_within};

/// A secret beside the site, as a CI machine would hold one.
const SECRET: &str = "DEPLOY_TOKEN=ghp_geheim_4711";

/// The minimal site, built, with a secret file outside its directory.
struct Setup {
    site: TestSite,
    outside: tempfile::TempDir,
    before: BTreeMap<String, Vec<u8>>,
}

impl Setup {
    fn new() -> Setup {
        let site = TestSite::fixture("minimal");
        site.build_clean();
        let outside = tempfile::tempdir().expect("temporary directory");
        std::fs::write(outside.path().join("geheim.txt"), SECRET).expect("write secret");
        std::fs::write(outside.path().join("geheim.md"), format!("---\n{SECRET}\n"))
            .expect("write secret page");
        let before = site.public_tree();
        Setup {
            site,
            outside,
            before,
        }
    }

    /// The absolute path of a file outside the site.
    fn outside(&self, name: &str) -> String {
        self.outside.path().join(name).display().to_string()
    }

    /// `konzept <args>` fails with exit 1, says nothing of the secret,
    /// gives a hint and leaves `public/` as it was.
    fn fails(&self, args: &[&str]) -> Run {
        let run = self.site.run(args);
        assert_eq!(run.code, 1, "expected exit 1:\n{}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(
            !run.stderr.contains("ghp_geheim"),
            "quoted:\n{}",
            run.stderr
        );
        assert!(run.stderr.contains("help: "), "no hint:\n{}", run.stderr);
        assert!(
            self.site.public_tree() == self.before,
            "a failed build changed public/"
        );
        run
    }
}

fn places(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
        .collect()
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(status.success());
}

#[test]
fn issue_15_an_asset_linked_to_a_file_outside_is_not_published() {
    let s = Setup::new();
    s.site
        .symlink(&s.outside("geheim.txt"), "content/adressen.txt");
    let run = s.fails(&["build"]);
    assert!(run.stderr.contains(
        "error[outside-site]: `content/adressen.txt` is a symbolic link to a file outside the site's directory"
    ));
    assert_eq!(places(&run.stderr), ["content/adressen.txt"]);
    assert!(run.stderr.contains("copy the file into the site instead"));
    // `check` refuses it as well.
    let run = s.fails(&["check"]);
    assert!(run.stderr.contains("error[outside-site]"));
}

#[test]
fn a_relative_link_climbing_out_of_the_site_is_refused() {
    let s = Setup::new();
    // From content/ up to `/`, then down to the secret.
    let content = s.site.path().join("content");
    let secret = s.outside("geheim.txt");
    let climb = format!(
        "{}{}",
        "../".repeat(content.components().count() - 1),
        secret.trim_start_matches('/')
    );
    s.site.symlink(&climb, "content/liste.txt");
    let run = s.fails(&["build"]);
    assert!(run.stderr.contains("error[outside-site]"), "{}", run.stderr);
    assert_eq!(places(&run.stderr), ["content/liste.txt"]);
}

#[test]
fn issue_15_the_process_environment_is_not_published() {
    let s = Setup::new();
    s.site.symlink("/proc/self/environ", "content/env.txt");
    let run = s.fails(&["build"]);
    assert!(run.stderr.contains("error[outside-site]"), "{}", run.stderr);
    assert_eq!(places(&run.stderr), ["content/env.txt"]);
}

#[test]
fn a_page_linked_to_a_file_outside_is_neither_read_nor_quoted() {
    let s = Setup::new();
    s.site.symlink(&s.outside("geheim.md"), "content/geheim.md");
    let run = s.fails(&["build"]);
    assert!(
        run.stderr.contains(
            "`content/geheim.md` is a symbolic link to a file outside the site's directory"
        )
    );
    assert_eq!(places(&run.stderr), ["content/geheim.md"]);
}

#[test]
fn a_directory_linked_outside_is_not_entered() {
    let s = Setup::new();
    s.site
        .symlink(&s.outside.path().display().to_string(), "content/ablage");
    let run = s.fails(&["build"]);
    assert!(run.stderr.contains(
        "`content/ablage` is a symbolic link to a directory outside the site's directory"
    ));
    assert!(run.stderr.contains("copy the directory into the site"));
    // Not even the names of the files there are listed.
    assert_eq!(places(&run.stderr), ["content/ablage"]);
    assert!(!run.stderr.contains("geheim.txt"));
}

#[test]
fn a_theme_static_file_linked_outside_is_not_published() {
    let s = Setup::new();
    std::fs::create_dir_all(s.site.path().join("themes/default/static")).expect("mkdir");
    s.site
        .symlink(&s.outside("geheim.txt"), "themes/default/static/extra.css");
    let run = s.fails(&["build"]);
    assert!(run.stderr.contains("error[outside-site]"), "{}", run.stderr);
    assert_eq!(places(&run.stderr), ["themes/default/static/extra.css"]);
}

#[test]
fn site_yaml_and_ui_strings_linked_outside_are_refused() {
    let s = Setup::new();
    s.site.remove("site.yaml");
    let yaml = s.outside.path().join("site.yaml");
    std::fs::write(&yaml, "languages: [de]\ndefault_language: de\n").expect("write");
    s.site.symlink(&yaml.display().to_string(), "site.yaml");
    let run = s.fails(&["build"]);
    assert!(
        run.stderr
            .contains("`site.yaml` is a symbolic link to a file outside")
    );
    assert_eq!(places(&run.stderr), ["site.yaml"]);

    let s = Setup::new();
    s.site.remove("i18n/fr.yaml");
    s.site.symlink(&s.outside("geheim.txt"), "i18n/fr.yaml");
    let run = s.fails(&["build"]);
    assert!(
        run.stderr
            .contains("`i18n/fr.yaml` is a symbolic link to a file outside")
    );
    assert_eq!(places(&run.stderr), ["i18n/fr.yaml"]);
}

#[test]
fn a_link_into_the_sites_git_directory_is_refused() {
    // actions/checkout keeps the token in `.git/config`, inside the site.
    let s = Setup::new();
    s.site.write(
        ".git/config",
        &format!("[http]\n\textraheader = {SECRET}\n"),
    );
    s.site
        .symlink("../.git/config", "content/konfiguration.txt");
    s.site.symlink("../.git", "content/archiv");
    let run = s.fails(&["build"]);
    assert!(run.stderr.contains(
        "`content/konfiguration.txt` is a symbolic link into `.git`, a hidden part of the site"
    ));
    assert_eq!(
        places(&run.stderr),
        ["content/archiv", "content/konfiguration.txt"]
    );
    assert!(run.stderr.contains("are never published"));
}

#[test]
fn links_that_stay_inside_the_site_keep_working() {
    let site = TestSite::fixture("minimal");
    site.write("content/flyer.pdf", "%PDF-1.4 flyer");
    site.symlink("flyer.pdf", "content/handzettel.pdf");
    std::fs::create_dir_all(site.path().join("ablage")).expect("mkdir");
    site.write("ablage/plan.pdf", "%PDF-1.4 plan");
    site.symlink("../ablage", "content/dokumente");
    site.build_clean();
    let tree = site.public_tree();
    assert_eq!(tree["files/handzettel.pdf"], b"%PDF-1.4 flyer");
    assert_eq!(tree["files/dokumente/plan.pdf"], b"%PDF-1.4 plan");
}

#[test]
fn a_fifo_as_site_yaml_or_ui_strings_does_not_block() {
    for rel in ["site.yaml", "i18n/fr.yaml"] {
        let s = Setup::new();
        s.site.remove(rel);
        mkfifo(&s.site.path().join(rel));
        let (code, stderr) = run_within(&s.site, &["build"], Duration::from_secs(30));
        assert_eq!(code, 1, "{rel}:\n{stderr}");
        assert!(
            stderr.contains(&format!("`{rel}` is not a regular file")),
            "{stderr}"
        );
        assert!(stderr.contains(&format!("--> {rel}")), "{stderr}");
        assert!(s.site.public_tree() == s.before);
    }
}

#[test]
fn issue_15_names_that_are_not_utf8_are_refused_not_merged() {
    use std::os::unix::ffi::OsStrExt;
    let s = Setup::new();
    for name in [&b"caf\xe9.pdf"[..], &b"caf\xfc.pdf"[..]] {
        let path = s
            .site
            .path()
            .join("content")
            .join(std::ffi::OsStr::from_bytes(name));
        std::fs::write(path, name).expect("write");
    }
    let run = s.fails(&["build"]);
    assert_eq!(
        places(&run.stderr),
        ["content/caf\\xe9.pdf", "content/caf\\xfc.pdf"]
    );
    assert!(
        run.stderr
            .contains("the name of `content/caf\\xe9.pdf` is not valid UTF-8")
    );
    assert!(run.stderr.contains("help: rename it"));
}

/// Active files (issue 15): published under `/files/` they would run on the
/// site's origin, where the hosts ignore `_headers`.
mod active {
    use super::*;

    const PLAIN_SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 2 2\">\n  <rect width=\"2\" height=\"2\" fill=\"#c00\"/>\n</svg>\n";

    fn refused(rel: &str, text: &str) -> Run {
        let s = Setup::new();
        s.site.write(rel, text);
        let run = s.fails(&["build"]);
        assert!(run.stderr.contains("error[active-file]"), "{}", run.stderr);
        run
    }

    #[test]
    fn issue_15_an_html_file_in_content_is_refused() {
        let run = refused(
            "content/flyer.html",
            "<!doctype html><script>fetch('/x?'+document.cookie)</script>",
        );
        assert!(run.stderr.contains(
            "`content/flyer.html` is a document browsers run script in: published as is, it would run on the site's origin"
        ));
        assert_eq!(places(&run.stderr), ["content/flyer.html"]);
        assert!(run.stderr.contains("write the page in Markdown"));
        for rel in [
            "content/a.HTM",
            "content/b.xhtml",
            "content/c.xsl",
            "content/d.svgz",
        ] {
            let run = refused(rel, "<x/>");
            assert_eq!(places(&run.stderr), [rel]);
        }
    }

    #[test]
    fn issue_15_an_svg_with_an_event_handler_is_refused_at_its_line() {
        let run = refused(
            "content/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"\n     onload=\"alert(1)\"/>\n",
        );
        assert!(
            run.stderr
                .contains("the SVG image has an event handler (`onload`)")
        );
        assert_eq!(places(&run.stderr), ["content/logo.svg:2:6"]);
        assert!(run.stderr.contains("must not run script"));
    }

    #[test]
    fn svg_variations_are_refused() {
        let cases = [
            (
                "content/LOGO.SVG",
                "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<script>alert(1)</script></svg>",
                "content/LOGO.SVG:2:1",
            ),
            (
                "content/x.svg",
                "<html><body onload=\"alert(1)\"></body></html>",
                "content/x.svg:1:1",
            ),
            (
                "content/link.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"javascript:alert(1)\"><text>x</text></a></svg>",
                "content/link.svg:1:44",
            ),
            (
                "content/font.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><style>@import url(https://fonts.example/a.css);</style></svg>",
                "content/font.svg:1:48",
            ),
            (
                "themes/default/static/icon.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject/></svg>",
                "themes/default/static/icon.svg:1:41",
            ),
        ];
        for (rel, svg, place) in cases {
            let run = refused(rel, svg);
            assert_eq!(places(&run.stderr), [place], "{rel}:\n{}", run.stderr);
        }
    }

    #[test]
    fn scripts_are_refused_in_content_but_are_the_themes_own_code() {
        let run = refused("content/app.js", "alert(1)");
        assert!(run.stderr.contains("`content/app.js` is a script"));
        assert!(run.stderr.contains("scripts belong to the theme"));

        let site = TestSite::fixture("minimal");
        site.write("themes/default/static/menu.js", "// Menü");
        site.write("content/logo.svg", PLAIN_SVG);
        site.build_clean();
        let tree = site.public_tree();
        assert_eq!(tree["files/logo.svg"], PLAIN_SVG.as_bytes());
        assert!(
            tree.values()
                .any(|bytes| bytes.as_slice() == "// Menü".as_bytes()),
            "the theme's script was not published"
        );
    }
}

/// `serve` reads copies at request time and rebuilds on every change: the
/// boundary holds there too.
mod serve {
    use super::*;
    use std::io::BufRead;
    use std::sync::mpsc::{Receiver, channel};

    const PATIENCE: Duration = Duration::from_secs(60);

    struct Server {
        child: std::process::Child,
        base: String,
        /// Kept, so the server's stdout stays open.
        _lines: Receiver<String>,
    }

    impl Server {
        fn start(site: &TestSite) -> Server {
            let mut child = Command::new(env!("CARGO_BIN_EXE_konzept"))
                .args(["serve", "--port", "0"])
                .current_dir(site.path())
                .env("NO_COLOR", "1")
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .expect("start konzept serve");
            let (tx, lines) = channel();
            let stdout = child.stdout.take().expect("piped stdout");
            std::thread::spawn(move || {
                for line in std::io::BufReader::new(stdout)
                    .lines()
                    .map_while(Result::ok)
                {
                    if tx.send(line).is_err() {
                        break;
                    }
                }
            });
            let base = loop {
                let line: String = lines.recv_timeout(PATIENCE).expect("serve starts");
                if let Some(rest) = line.strip_prefix("serving on ") {
                    break rest
                        .split_whitespace()
                        .next()
                        .expect("address")
                        .trim_end_matches('/')
                        .to_owned();
                }
            };
            Server {
                child,
                base,
                _lines: lines,
            }
        }

        fn get(&self, path: &str) -> (u16, String) {
            let agent: ureq::Agent = ureq::Agent::config_builder()
                .http_status_as_error(false)
                .build()
                .into();
            let mut response = agent
                .get(&format!("{}{path}", self.base))
                .call()
                .expect("request");
            let status = response.status().as_u16();
            (
                status,
                response.body_mut().read_to_string().unwrap_or_default(),
            )
        }

        fn events(&self) -> Receiver<String> {
            let response = ureq::get(&format!("{}/__konzept/reload", self.base))
                .call()
                .expect("event stream");
            let (tx, rx) = channel();
            std::thread::spawn(move || {
                let reader = std::io::BufReader::new(response.into_body().into_reader());
                for line in reader.lines().map_while(Result::ok) {
                    if line.starts_with("data:") && tx.send(line).is_err() {
                        break;
                    }
                }
            });
            rx
        }

        /// Waits, one reload event at a time, until `path` answers with
        /// `status` and a body containing `text`.
        fn until(&self, events: &Receiver<String>, path: &str, status: u16, text: &str) {
            loop {
                let (got, body) = self.get(path);
                if got == status && body.contains(text) {
                    return;
                }
                events.recv_timeout(PATIENCE).unwrap_or_else(|_| {
                    panic!("{path} never answered {status} with {text:?}: {got} {body}")
                });
            }
        }
    }

    impl Drop for Server {
        fn drop(&mut self) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }

    #[test]
    fn issue_15_a_link_swapped_in_after_the_build_is_not_served() {
        let s = Setup::new();
        s.site.write("content/adressen.txt", "öffentlich");
        let server = Server::start(&s.site);
        let events = server.events();
        assert_eq!(
            server.get("/files/adressen.txt"),
            (200, "öffentlich".to_owned())
        );
        // Swapped in atomically, as an attacker racing the rebuild would.
        let tmp = s.site.path().join("content/.neu");
        std::os::unix::fs::symlink(s.outside("geheim.txt"), &tmp).expect("link");
        std::fs::rename(&tmp, s.site.path().join("content/adressen.txt")).expect("rename");
        let (_, body) = server.get("/files/adressen.txt");
        assert!(!body.contains("ghp_geheim"), "served the secret");
        server.until(&events, "/files/adressen.txt", 500, "error[outside-site]");
        let (_, body) = server.get("/files/adressen.txt");
        assert!(!body.contains("ghp_geheim"), "served the secret");
    }

    #[test]
    fn a_fifo_for_a_moment_does_not_stop_rebuilding() {
        let site = TestSite::fixture("minimal");
        let server = Server::start(&site);
        let events = server.events();
        for rel in ["site.yaml", "i18n/fr.yaml"] {
            let path = site.path().join(rel);
            let text = std::fs::read_to_string(&path).expect("read");
            std::fs::remove_file(&path).expect("remove");
            mkfifo(&path);
            server.until(
                &events,
                "/de/",
                500,
                &format!("`{rel}` is not a regular file"),
            );
            std::fs::remove_file(&path).expect("remove fifo");
            std::fs::write(&path, text).expect("restore");
            server.until(&events, "/de/", 200, "<h1");
        }
    }
}
