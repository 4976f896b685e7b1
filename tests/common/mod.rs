//! `TestSite`: a fixture site copied into a temporary directory, built by the
//! real `konzept` binary, and read back the way a reader or an editor would
//! see it (HTML parsed with an HTML parser, stderr as printed, exit code).

#![allow(dead_code, unreachable_pub)]

pub mod recipe;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use scraper::{Html, Selector};

/// The day the tests' builds run on (`KONZEPT_TODAY`), so a date-dependent
/// warning (an accessibility statement's old evaluation) does not appear
/// on its own one day.
pub const TODAY: &str = "2026-12-07";

/// A site in a temporary directory.
pub struct TestSite {
    dir: tempfile::TempDir,
}

/// The result of running the binary.
#[derive(Debug)]
pub struct Run {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error, with the temporary directory replaced by `[site]`.
    pub stderr: String,
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The base URL [`TestSite::build`] passes: an origin and the root path,
/// so links keep their `/de/…` paths.
pub const DEPLOY_BASE: &str = "https://example.org/";

impl TestSite {
    /// Copies `tests/fixtures/<name>`; if it has no `i18n/`, the repository's
    /// UI strings are added, so fixtures stay small.
    pub fn fixture(name: &str) -> TestSite {
        let site = TestSite {
            dir: tempfile::tempdir().expect("temporary directory"),
        };
        copy_dir(&repo().join("tests/fixtures").join(name), site.path());
        if !site.path().join("i18n").exists() {
            copy_dir(&repo().join("i18n"), &site.path().join("i18n"));
        }
        site
    }

    /// Copies the files of `tests/fixtures/<overlay>` over the site (used by
    /// the error fixtures, which hold only the files that differ from
    /// `tests/fixtures/minimal`).
    pub fn apply(&self, overlay: &str) -> &Self {
        copy_dir(&repo().join("tests/fixtures").join(overlay), self.path());
        self
    }

    /// The real Saarbrücken site (site.yaml, content/, i18n/, themes/ of the repository).
    pub fn saarbruecken() -> TestSite {
        let site = TestSite {
            dir: tempfile::tempdir().expect("temporary directory"),
        };
        std::fs::copy(repo().join("site.yaml"), site.path().join("site.yaml"))
            .expect("copy site.yaml");
        for dir in ["content", "i18n"] {
            copy_dir(&repo().join(dir), &site.path().join(dir));
        }
        site
    }

    /// The site's directory.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes (or overwrites) a file of the site.
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create dirs");
        std::fs::write(path, text).expect("write file");
        self
    }

    /// Writes (or overwrites) a file of the site with exact bytes.
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create dirs");
        std::fs::write(path, bytes).expect("write file");
        self
    }

    /// Creates a symbolic link `rel` (in the site) pointing at `target` (as given).
    #[cfg(unix)]
    pub fn symlink(&self, target: &str, rel: &str) -> &Self {
        std::os::unix::fs::symlink(target, self.path().join(rel)).expect("create symlink");
        self
    }

    /// Removes a file of the site.
    pub fn remove(&self, rel: &str) -> &Self {
        std::fs::remove_file(self.path().join(rel)).expect("remove file");
        self
    }

    /// A corpus of the benchmark's generator (`benches/corpus.py`), about
    /// `pages` pages per language.
    pub fn generated(pages: usize) -> TestSite {
        let site = TestSite {
            dir: tempfile::tempdir().expect("temporary directory"),
        };
        let status = Command::new("python3")
            .arg(repo().join("benches/corpus.py"))
            .arg(site.path())
            .arg(pages.to_string())
            .status()
            .expect("run python3 benches/corpus.py");
        assert!(status.success(), "benches/corpus.py failed");
        site
    }

    /// Runs `konzept <args>` in the site's directory, without colour, on
    /// [`TODAY`].
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_on(TODAY, args)
    }

    /// Runs `konzept <args>` as if today were `today` (`KONZEPT_TODAY`).
    pub fn run_on(&self, today: &str, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_konzept"))
            .args(args)
            .current_dir(self.path())
            .env("NO_COLOR", "1")
            .env("KONZEPT_TODAY", today)
            .env_remove("RUST_LOG")
            .output()
            .expect("run konzept");
        let redact = |bytes: &[u8]| {
            String::from_utf8_lossy(bytes).replace(&self.path().display().to_string(), "[site]")
        };
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: redact(&output.stdout),
            stderr: redact(&output.stderr),
        }
    }

    /// `konzept build --base-url https://example.org/`: built as every
    /// deploy recipe builds (docs/deploy.md), with an absolute base URL, so
    /// canonical and `hreflang` links, the sitemap and the feeds are written
    /// and the build does not warn about their absence (`tests/seo.rs`
    /// builds without one on purpose).
    pub fn build(&self) -> Run {
        self.run(&["build", "--base-url", DEPLOY_BASE])
    }

    /// [`TestSite::build`], asserting success without warnings.
    pub fn build_clean(&self) -> Run {
        let run = self.build();
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        assert!(
            run.stderr.is_empty(),
            "build printed warnings:\n{}",
            run.stderr
        );
        run
    }

    /// A page of `public/`, parsed (`fr/projets/ibis/` reads its `index.html`).
    pub fn page(&self, url: &str) -> Page {
        let rel = if url.is_empty() || url.ends_with('/') {
            format!("{url}index.html")
        } else {
            url.to_owned()
        };
        let path = self.path().join("public").join(&rel);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("no page {rel}: {e}"));
        Page {
            html: Html::parse_document(&text),
            text,
        }
    }

    /// Whether `public/<rel>` exists.
    pub fn exists(&self, rel: &str) -> bool {
        self.path().join("public").join(rel).exists()
    }

    /// Every file of `public/` with its bytes.
    pub fn public_tree(&self) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        let root = self.path().join("public");
        if root.exists() {
            collect(&root, &root, &mut out);
        }
        out
    }
}

/// A parsed HTML page.
pub struct Page {
    /// The parsed document.
    pub html: Html,
    /// The raw text.
    pub text: String,
}

impl Page {
    /// Text of every element matching `selector`, whitespace collapsed.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let sel =
            Selector::parse(selector).unwrap_or_else(|e| panic!("bad selector {selector}: {e:?}"));
        self.html
            .select(&sel)
            .map(|e| {
                // Only ASCII white space is collapsed: U+202F and U+00A0 are content.
                e.text()
                    .collect::<String>()
                    .split(|c: char| c.is_ascii_whitespace())
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// Text of the one element matching `selector`.
    pub fn text(&self, selector: &str) -> String {
        let all = self.texts(selector);
        assert_eq!(
            all.len(),
            1,
            "expected one `{selector}`, found {}: {all:?}",
            all.len()
        );
        all.into_iter().next().expect("one element")
    }

    /// An attribute of every element matching `selector`.
    pub fn attrs(&self, selector: &str, attr: &str) -> Vec<String> {
        let sel =
            Selector::parse(selector).unwrap_or_else(|e| panic!("bad selector {selector}: {e:?}"));
        self.html
            .select(&sel)
            .filter_map(|e| e.value().attr(attr).map(str::to_owned))
            .collect()
    }

    /// The attribute of the one element matching `selector`.
    pub fn attr(&self, selector: &str, attr: &str) -> String {
        let all = self.attrs(selector, attr);
        assert_eq!(
            all.len(),
            1,
            "expected one `{selector}[{attr}]`, found {all:?}"
        );
        all.into_iter().next().expect("one element")
    }

    /// `(hreflang, href)` of every alternate link, in document order.
    pub fn hreflangs(&self) -> Vec<(String, String)> {
        let sel = Selector::parse(r#"link[rel="alternate"][hreflang]"#).expect("valid selector");
        self.html
            .select(&sel)
            .map(|e| {
                (
                    e.value().attr("hreflang").unwrap_or("").to_owned(),
                    e.value().attr("href").unwrap_or("").to_owned(),
                )
            })
            .collect()
    }

    /// `(lang, href)` of the language switch links (the current language has no href).
    pub fn language_switch(&self) -> Vec<(String, Option<String>)> {
        let sel = Selector::parse(".lang-switch li > *").expect("valid selector");
        self.html
            .select(&sel)
            .map(|e| {
                (
                    e.value().attr("lang").unwrap_or("").to_owned(),
                    e.value().attr("href").map(str::to_owned),
                )
            })
            .collect()
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).unwrap_or_else(|e| panic!("read {}: {e}", from.display()))
    {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

fn collect(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            collect(root, &path, out);
        } else {
            let rel = path
                .strip_prefix(root)
                .expect("below root")
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(&path).expect("read file"));
        }
    }
}

/// Runs `git` in `dir` as the editors' office would commit, at `date`
/// (author and committer), ignoring the machine's git configuration.
pub fn git(dir: &Path, args: &[&str], date: &str) {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_AUTHOR_NAME", "Redaktion")
        .env("GIT_AUTHOR_EMAIL", "redaktion@example.org")
        .env("GIT_COMMITTER_NAME", "Redaktion")
        .env("GIT_COMMITTER_EMAIL", "redaktion@example.org")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

/// Every file of `public/` with its bytes.
pub type Tree = BTreeMap<String, Vec<u8>>;

/// The minimal site, built cleanly, and its `public/` before the mistake.
pub fn built_site() -> (TestSite, Tree) {
    let site = TestSite::fixture("minimal");
    site.build_clean();
    let before = site.public_tree();
    (site, before)
}

/// Builds a site with content errors: exit code 1, no panic, every error
/// with a hint, and the previous `public/` stays as it was. Built without
/// `--base-url`, which would override a `base_url` in `site.yaml`.
pub fn build_fails(site: &TestSite, before: &Tree) -> Run {
    let run = site.run(&["build"]);
    assert_eq!(
        run.code, 1,
        "expected content errors (exit 1):\n{}",
        run.stderr
    );
    assert_no_panic(&run);
    assert_every_error_has_a_hint(&run);
    assert!(
        site.public_tree() == *before,
        "a failed build changed public/"
    );
    run
}

/// A build that succeeds (maybe with warnings) without a panic.
pub fn build_passes(site: &TestSite) -> Run {
    let run = site.build();
    assert_eq!(run.code, 0, "expected a build:\n{}", run.stderr);
    assert_no_panic(&run);
    run
}

/// konzept did not panic.
pub fn assert_no_panic(run: &Run) {
    assert!(
        !run.stderr.contains("panicked"),
        "konzept panicked:\n{}",
        run.stderr
    );
}

/// Every `error[…]`/`warning[…]` block ends with a `help:` line.
pub fn assert_every_error_has_a_hint(run: &Run) {
    let blocks = run
        .stderr
        .split("\n\n")
        .filter(|b| b.starts_with("error[") || b.starts_with("warning["));
    for block in blocks {
        assert!(block.contains("= help: "), "no hint in:\n{block}");
    }
}

/// Runs konzept in the site's directory; panics if it takes longer than
/// `limit` (a hang is a failure, not a test that never ends). Exit code and
/// stderr, read while it runs so a long report cannot block it.
pub fn run_within(site: &TestSite, args: &[&str], limit: std::time::Duration) -> (i32, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_konzept"))
        .args(args)
        .current_dir(site.path())
        .env("NO_COLOR", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run konzept");
    let mut pipe = child.stderr.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut pipe, &mut text).expect("read stderr");
        text
    });
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > limit {
            child.kill().expect("kill");
            let _ = child.wait();
            panic!("konzept {args:?} hung");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    (status.code().unwrap_or(-1), reader.join().expect("reader"))
}

/// A `width` × `height` JPEG with a colour gradient.
pub fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode_image(&img)
        .expect("encode jpeg");
    out
}
