//! A new city adopts konzept: `konzept init` into an empty directory (with
//! each `--ci` recipe), themed (accent, logo with its alt text per
//! language, its own stylesheet), a project with a photo (alt text per
//! language, credits) added in three languages, `check`,
//! `build` with a base URL, and the recipe's own check and build commands,
//! read from its YAML, run here with the konzept under test on `PATH` (the
//! download and cache steps are the host's and are skipped).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::recipe;
use konzept::scaffold::ci;
use scraper::{Html, Selector};

const BASE: &str = "https://example.org/stadt/";

/// The result of a command: exit code and stderr.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(cmd: &mut Command) -> Run {
    let out = cmd
        .env("NO_COLOR", "1")
        .env("KONZEPT_TODAY", common::TODAY)
        .env_remove("RUST_LOG")
        .output()
        .expect("run");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn konzept(dir: &Path, args: &[&str]) -> Run {
    run(Command::new(env!("CARGO_BIN_EXE_konzept"))
        .args(args)
        .current_dir(dir))
}

/// `konzept init stadt --ci <ci>` in a new temporary directory.
fn init(ci: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temporary directory");
    let r = konzept(tmp.path(), &["init", "stadt", "--ci", ci]);
    assert_eq!(r.code, 0, "init --ci {ci}:\n{}", r.stderr);
    let site = tmp.path().join("stadt");
    (tmp, site)
}

fn write(site: &Path, rel: &str, text: &str) {
    let path = site.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// The project photo's alt text per language.
const PHOTO_ALT: [(&str, &str); 3] = [
    ("de", "Testbild des Projekts A"),
    ("fr", "Image de test du projet A"),
    ("en", "Test picture of project A"),
];

/// What a city adds: a project and its contact, written out in German,
/// French and English (test data, not published anywhere), with a photo
/// (alt text per language, credits beside it).
fn add_project(site: &Path) {
    let photo = image::RgbImage::from_fn(1600, 1200, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    photo
        .save(site.join("content/projekte/projekt-a.jpg"))
        .expect("write the photo");
    write(
        site,
        "content/projekte/projekt-a.jpg.yaml",
        "author: Amt A der Teststadt\nlicence: CC BY 4.0\nsource: eigene Aufnahme\n",
    );
    write(
        site,
        "content/projekte/projekt-a.md",
        "---\ntitle: Projekt A für den Test\ngoal: Ein Ziel des Testprojekts.\n\
         contact: amt-a\nstatus: running\n---\n\
         Beschreibung des Testprojekts.\n\n![Testbild des Projekts A](projekt-a.jpg)\n",
    );
    write(
        site,
        "content/projekte/projekt-a.fr.md",
        "---\ntitle: Projet A pour le test\nslug: projet-a\ngoal: Un objectif du projet de test.\n---\n\
         Description du projet de test.\n\n![Image de test du projet A](projekt-a.jpg)\n",
    );
    write(
        site,
        "content/projekte/projekt-a.en.md",
        "---\ntitle: Project A for the test\nslug: project-a\ngoal: A goal of the test project.\n---\n\
         Description of the test project.\n\n![Test picture of project A](projekt-a.jpg)\n",
    );
    write(
        site,
        "content/kontakte/amt-a.md",
        "---\ntitle: Amt A für den Test\norganisation: Amt A der Teststadt\nstreet: Teststraße 2\n\
         postal_code: \"99999\"\ncity: Teststadt\nemail: amt-a@stadt.test\nphone: \"+49 999 1234\"\n---\n\
         Anschrift des Amtes für den Test.\n",
    );
    for (lang, title, city) in [
        ("fr", "Service A pour le test", "Ville de test"),
        ("en", "Office A for the test", "Test City"),
    ] {
        write(
            site,
            &format!("content/kontakte/amt-a.{lang}.md"),
            &format!("---\ntitle: {title}\norganisation: {title}\ncity: {city}\n---\n{title}.\n"),
        );
    }
}

/// The accent the test city sets (dark enough for every contrast check).
const ACCENT: &str = "#876c00";

/// The logo's alt text per language, as the test city writes it.
const LOGO_ALT: [(&str, &str); 3] = [
    ("de", "Logo der Teststadt"),
    ("fr", "Logo de la ville de test"),
    ("en", "Logo of the test city"),
];

/// What a city does to look like itself (docs/theming.md): an accent, a
/// logo with its alt text in every language, and its own stylesheet.
fn theme_it(site: &Path) {
    write(
        site,
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"40\"><rect width=\"40\" height=\"40\"/></svg>\n",
    );
    write(site, "static/stadt.css", ".site-logo { height: 2.5rem; }\n");
    let mut yaml = std::fs::read_to_string(site.join("site.yaml")).expect("site.yaml");
    yaml.push_str(&format!(
        "accent: \"{ACCENT}\"\nlogo:\n  file: static/logo.svg\n  alt:\n"
    ));
    for (lang, alt) in LOGO_ALT {
        yaml.push_str(&format!("    {lang}: {alt}\n"));
    }
    yaml.push_str("stylesheet: static/stadt.css\n");
    write(site, "site.yaml", &yaml);
}

/// Every language's home page in `public` shows the logo with its alt
/// text, loads the city's stylesheet after the theme's, and the theme's
/// carries the accent.
fn assert_themed(public: &Path) {
    for (lang, alt) in LOGO_ALT {
        let text = std::fs::read_to_string(public.join(lang).join("index.html"))
            .unwrap_or_else(|e| panic!("{lang}: {e}"));
        let html = Html::parse_document(&text);
        let logo = Selector::parse("img.site-logo").expect("selector");
        let img = html
            .select(&logo)
            .next()
            .unwrap_or_else(|| panic!("{lang}: no logo"));
        assert_eq!(img.value().attr("alt"), Some(alt), "{lang}");
        let links = Selector::parse("link[rel=stylesheet]").expect("selector");
        let sheets: Vec<&str> = html
            .select(&links)
            .filter_map(|l| l.value().attr("href"))
            .collect();
        let [theme, own] = sheets[..] else {
            panic!("{lang}: not the theme's and the city's stylesheet: {sheets:?}");
        };
        assert!(own.contains("/assets/stadt."), "{lang}: {sheets:?}");
        let theme_css = public.join(theme.strip_prefix("/stadt/").expect("below the base path"));
        let css = std::fs::read_to_string(&theme_css).expect("the theme's stylesheet");
        assert!(
            css.contains(&format!("--accent: {ACCENT}")),
            "{lang}: no accent"
        );
    }
}

/// What a city does before it publishes: `init`'s examples deleted, its
/// own contact in `site.yaml`, and its own words in place of every
/// placeholder (read from konzept's own list, `parse/placeholder.rs`).
fn write_own_words(site: &Path) {
    use konzept::parse::kinds::Kind;
    use konzept::parse::placeholder::{EXAMPLE_MARKS, LEADS, TODO_MARKS};
    use konzept::yaml::Example;
    let yaml = std::fs::read_to_string(site.join("site.yaml")).expect("site.yaml");
    write(
        site,
        "site.yaml",
        &yaml.replace("contact: beispiel-kontakt", "contact: amt-a"),
    );
    let mut dirs = vec![site.join("content")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("content directory") {
            let path = entry.expect("entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if path.is_dir() {
                dirs.push(path);
            } else if name.starts_with("beispiel-") {
                std::fs::remove_file(&path).expect("remove an example");
            } else if name.ends_with(".md") {
                let mut text = std::fs::read_to_string(&path).expect("page");
                for mark in EXAMPLE_MARKS.iter().chain(&TODO_MARKS) {
                    text = text.replace(&format!(" {mark}"), "");
                }
                for field in Kind::Accessibility.fields() {
                    if let Example::Text(texts) = field.example {
                        for t in texts {
                            text = text
                                .replace(&format!("\"{t}\""), &format!("\"{t} der Teststadt\""));
                        }
                    }
                }
                text = text.replace(
                    "barrierefreiheit@example.org",
                    "barrierefreiheit@stadt.test",
                );
                let own: Vec<&str> = text
                    .lines()
                    .map(|l| {
                        if LEADS.iter().any(|lead| l.contains(lead)) {
                            "Eigener Text der Teststadt."
                        } else {
                            l
                        }
                    })
                    .collect();
                std::fs::write(&path, own.join("\n") + "\n").expect("write page");
            }
        }
    }
}

/// The project's pages in `public` carry the base URL's path in their
/// canonical links and their language switch.
fn assert_published(public: &Path) {
    for (page, canonical) in [
        (
            "de/projekte/projekt-a",
            "https://example.org/stadt/de/projekte/projekt-a/",
        ),
        (
            "fr/projets/projet-a",
            "https://example.org/stadt/fr/projets/projet-a/",
        ),
        (
            "en/projects/project-a",
            "https://example.org/stadt/en/projects/project-a/",
        ),
    ] {
        let path = public.join(page).join("index.html");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{} not built: {e}", path.display()));
        let html = Html::parse_document(&text);
        let link = Selector::parse("link[rel=canonical]").expect("selector");
        let href = html
            .select(&link)
            .next()
            .and_then(|l| l.value().attr("href"))
            .unwrap_or_else(|| panic!("{page}: no canonical link"));
        assert_eq!(href, canonical);
        let h1 = Selector::parse("h1").expect("selector");
        let title: String = html.select(&h1).next().expect("h1").text().collect();
        assert!(title.contains(" A "), "{page}: h1 {title:?}");
        let lang = &page[..2];
        let img = Selector::parse("picture img").expect("selector");
        let alt = html
            .select(&img)
            .next()
            .and_then(|i| i.value().attr("alt"))
            .unwrap_or_else(|| panic!("{page}: no picture"));
        let want = PHOTO_ALT.iter().find(|(l, _)| *l == lang).expect("lang").1;
        assert_eq!(alt, want, "{page}");
    }
    for credits in [
        "de/bildnachweis",
        "fr/credits-photographiques",
        "en/image-credits",
    ] {
        let text = std::fs::read_to_string(public.join(credits).join("index.html"))
            .unwrap_or_else(|e| panic!("{credits}: {e}"));
        assert!(text.contains("Amt A der Teststadt"), "{credits}: no author");
    }
}

/// `PATH` with the konzept under test first, as the recipe's install step
/// leaves it.
fn path_with_konzept() -> std::ffi::OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_konzept"))
        .parent()
        .expect("bin dir");
    std::env::join_paths(
        std::iter::once(bin.to_path_buf()).chain(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        )),
    )
    .expect("PATH")
}

/// Runs the recipe's `commands` as the host's shell would, in `site`, with
/// the konzept under test first on `PATH` and `BASE_URL` set as the recipe
/// sets it from the Pages address.
fn run_recipe(site: &Path, commands: &[String]) {
    let path = path_with_konzept();
    for command in commands {
        let r = run(Command::new("sh")
            .args(["-euc", command])
            .current_dir(site)
            .env("PATH", &path)
            .env("BASE_URL", BASE));
        assert_eq!(r.code, 0, "`{command}` failed:\n{}{}", r.stdout, r.stderr);
    }
}

/// The gate: `init`'s pages hold placeholders and its example indicator
/// made-up figures, so the recipe's `check --strict` fails, naming them,
/// until the city has written its own words; then it passes.
fn gate_fails_until_the_placeholders_are_replaced(site: &Path, commands: &[String]) {
    let path = path_with_konzept();
    let first = &commands[0];
    assert!(
        first.contains("--strict"),
        "the gate is `check --strict`: {first}"
    );
    let gate = || {
        run(Command::new("sh")
            .args(["-euc", first])
            .current_dir(site)
            .env("PATH", &path)
            .env("BASE_URL", BASE))
    };
    let r = gate();
    assert_eq!(
        r.code, 1,
        "`{first}` let placeholders through:\n{}",
        r.stderr
    );
    for named in [
        "error[example-data]",
        "error[placeholder]: `email` still holds the placeholder “kontakt@example.org”\n  --> content/kontakte/beispiel-kontakt.md:",
        "error[placeholder]: `phone` still holds the placeholder “+49 000 000000”",
        "error[placeholder]: `title` still holds the placeholder “Impressum (Platzhalter)”\n --> content/impressum.md:2:",
        "error[placeholder]: the text still holds the placeholder “**Texte provisoire.**”\n --> content/datenschutz.fr.md:",
    ] {
        assert!(r.stderr.contains(named), "{named}\nnot in:\n{}", r.stderr);
    }
    write_own_words(site);
    let r = gate();
    assert_eq!(
        r.code, 0,
        "`{first}` after the placeholders were replaced:\n{}",
        r.stderr
    );
}

/// Init, add a project, check, build, as a new city does.
fn adopt(site: &Path) {
    theme_it(site);
    add_project(site);
    let check = konzept(site, &["check", "--base-url", BASE]);
    assert_eq!(check.code, 0, "check:\n{}", check.stderr);
    let out = site.join("local");
    let out_arg = out.to_str().expect("UTF-8 temp path");
    let build = konzept(site, &["build", "--base-url", BASE, "--out", out_arg]);
    assert_eq!(build.code, 0, "build:\n{}", build.stderr);
    assert_published(&out);
    assert_themed(&out);
}

#[test]
fn a_new_city_on_github_publishes_what_the_recipe_checks_and_builds() {
    let (_tmp, site) = init("github");
    let text = std::fs::read_to_string(site.join(".github/workflows/pages.yml"))
        .expect("the GitHub recipe is written");
    assert!(!site.join(".gitlab-ci.yml").exists());
    let workflow = recipe::parse(&text, "pages.yml");
    assert_eq!(
        workflow["env"]["KONZEPT_VERSION"].as_str(),
        Some(env!("CARGO_PKG_VERSION")),
        "the recipe pins the konzept that wrote it"
    );
    let steps = recipe::github_steps(&workflow);
    let (install, site_steps) = steps.split_first().expect("steps");
    assert_eq!(install.name, "Install konzept");
    assert!(install.run.contains("sha256sum -c"), "{}", install.run);
    assert!(install.run.contains("$KONZEPT_SHA256"), "{}", install.run);
    let commands: Vec<String> = site_steps.iter().map(|s| s.run.clone()).collect();
    assert_eq!(commands, ci::SITE_COMMANDS);
    for step in site_steps {
        assert!(
            step.env
                .iter()
                .any(|(k, v)| k == "BASE_URL" && v == "${{ steps.pages.outputs.base_url }}/"),
            "{}: BASE_URL not from the Pages address: {:?}",
            step.name,
            step.env
        );
    }
    adopt(&site);
    gate_fails_until_the_placeholders_are_replaced(&site, &commands);
    run_recipe(&site, &commands);
    assert_published(&site.join("public"));
    assert_themed(&site.join("public"));
}

#[test]
fn a_new_city_on_gitlab_publishes_what_the_recipe_checks_and_builds() {
    let (_tmp, site) = init("gitlab");
    let text = std::fs::read_to_string(site.join(".gitlab-ci.yml")).expect("the GitLab recipe");
    assert!(!site.join(".github").exists());
    let pipeline = recipe::parse(&text, ".gitlab-ci.yml");
    let vars = &pipeline["pages"]["variables"];
    assert_eq!(
        vars["KONZEPT_VERSION"].as_str(),
        Some(env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(vars["BASE_URL"].as_str(), Some("$CI_PAGES_URL/"));
    assert_eq!(vars["GIT_DEPTH"].as_u64(), Some(0));
    let install = recipe::gitlab_lines(&pipeline, "pages", "before_script").join("\n");
    assert!(install.contains("sha256sum -c"), "{install}");
    assert_eq!(
        pipeline["pages"]["artifacts"]["paths"][0].as_str(),
        Some("public")
    );
    let commands = recipe::gitlab_lines(&pipeline, "pages", "script");
    assert_eq!(commands, ci::SITE_COMMANDS);
    adopt(&site);
    gate_fails_until_the_placeholders_are_replaced(&site, &commands);
    run_recipe(&site, &commands);
    assert_published(&site.join("public"));
    assert_themed(&site.join("public"));
}

#[test]
fn a_new_city_without_ci_gets_no_recipe_and_builds_all_the_same() {
    let (_tmp, site) = init("none");
    assert!(!site.join(".github").exists());
    assert!(!site.join(".gitlab-ci.yml").exists());
    adopt(&site);
}

#[test]
fn the_recipe_refuses_to_run_until_the_checksum_is_filled_in() {
    let (_tmp, site) = init("github");
    let text = std::fs::read_to_string(site.join(".github/workflows/pages.yml")).expect("recipe");
    let workflow = recipe::parse(&text, "pages.yml");
    let install = &recipe::github_steps(&workflow)[0];
    let env = &workflow["env"];
    let r = run(Command::new("bash")
        .args(["-eo", "pipefail", "-c", &install.run])
        .current_dir(&site)
        .env(
            "KONZEPT_VERSION",
            env["KONZEPT_VERSION"].as_str().expect("version"),
        )
        .env(
            "KONZEPT_RELEASES",
            env["KONZEPT_RELEASES"].as_str().expect("releases"),
        )
        .env(
            "KONZEPT_SHA256",
            env["KONZEPT_SHA256"].as_str().expect("sum"),
        )
        .env("GITHUB_PATH", site.join("github-path")));
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("fill in KONZEPT_RELEASES and KONZEPT_SHA256"),
        "{}",
        r.stdout
    );
    assert!(!site.join(".konzept-cache").exists(), "nothing downloaded");
}

#[test]
fn init_never_overwrites_a_recipe() {
    for (ci, rel) in [
        ("github", ".github/workflows/pages.yml"),
        ("gitlab", ".gitlab-ci.yml"),
    ] {
        let tmp = tempfile::tempdir().expect("temporary directory");
        let site = tmp.path().join("stadt");
        write(&site, rel, "# our own recipe\n");
        let r = konzept(tmp.path(), &["init", "stadt", "--ci", ci]);
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(
            r.stderr.contains("is not empty; nothing was written"),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr.contains("help: name a new or empty directory"),
            "{}",
            r.stderr
        );
        assert_eq!(
            std::fs::read_to_string(site.join(rel)).expect("kept"),
            "# our own recipe\n"
        );
        assert!(!site.join("site.yaml").exists());
    }
}

/// The recipe's install step, run on an archive restored from the cache
/// (so nothing is downloaded): it unpacks only what matches the pinned sum.
#[test]
fn the_recipes_install_only_the_archive_whose_checksum_is_pinned() {
    for ci in ["github", "gitlab"] {
        let (tmp, site) = init(ci);
        let archive = format!(
            "konzept-{}-{}.tar.gz",
            env!("CARGO_PKG_VERSION"),
            ci::RECIPE_TARGET
        );
        let cache = site.join(".konzept-cache");
        std::fs::create_dir_all(&cache).expect("mkdir");
        // A small stand-in for the released binary (the debug build is large).
        let release = tmp.path().join("release");
        write(&release, "konzept", "#!/bin/sh\necho konzept released\n");
        let packed = run(Command::new("sh")
            .arg("-c")
            .arg("chmod +x \"$1/konzept\" && tar -czf \"$2\" -C \"$1\" konzept")
            .arg("sh")
            .arg(&release)
            .arg(cache.join(&archive)));
        assert_eq!(packed.code, 0, "{}", packed.stderr);
        let sum = run(Command::new("sha256sum").arg(cache.join(&archive)));
        let sum = sum.stdout.split(' ').next().expect("a sum").to_owned();
        // A stand-in for Alpine's package manager (the GitLab job's image).
        let stubs = tmp.path().join("stubs");
        write(&stubs, "apk", "#!/bin/sh\nexit 0\n");
        let chmod = run(Command::new("chmod").arg("+x").arg(stubs.join("apk")));
        assert_eq!(chmod.code, 0);
        let (script, path_file) = install_script(&site, ci);
        let install = |pinned: &str| {
            let path = format!(
                "{}:{}",
                stubs.display(),
                std::env::var("PATH").unwrap_or_default()
            );
            run(Command::new("bash")
                .args(["-eo", "pipefail", "-c", &script])
                .current_dir(&site)
                .env("PATH", path)
                .env("KONZEPT_VERSION", env!("CARGO_PKG_VERSION"))
                .env("KONZEPT_RELEASES", "https://releases.invalid/download")
                .env("KONZEPT_SHA256", pinned)
                .env("GITHUB_PATH", &path_file))
        };
        // The right sum with its last digit changed (never equal to it).
        let last = if sum.ends_with('0') { '1' } else { '0' };
        let wrong = format!("{}{last}", &sum[..63]);
        let r = install(&wrong);
        assert_ne!(r.code, 0, "{ci}: a wrong sum was accepted");
        assert!(
            r.stdout.contains("FAILED"),
            "{ci}: {}{}",
            r.stdout,
            r.stderr
        );
        assert!(!cache.join("bin/konzept").exists(), "{ci}: unpacked anyway");
        let r = install(&sum);
        assert_eq!(r.code, 0, "{ci}: {}{}", r.stdout, r.stderr);
        let unpacked = run(Command::new(cache.join("bin/konzept")).arg("--version"));
        assert_eq!(unpacked.stdout, "konzept released\n");
        if ci == "github" {
            let added = std::fs::read_to_string(&path_file).expect("GITHUB_PATH written");
            assert_eq!(added.trim(), cache.join("bin").to_str().expect("UTF-8"));
        }
    }
}

/// The install part of a recipe as one shell script, and the file that
/// stands in for `$GITHUB_PATH`.
fn install_script(site: &Path, ci: &str) -> (String, PathBuf) {
    let path_file = site.join("github-path");
    if ci == "github" {
        let text =
            std::fs::read_to_string(site.join(".github/workflows/pages.yml")).expect("recipe");
        let steps = recipe::github_steps(&recipe::parse(&text, "pages.yml"));
        (steps[0].run.clone(), path_file)
    } else {
        let text = std::fs::read_to_string(site.join(".gitlab-ci.yml")).expect("recipe");
        let pipeline = recipe::parse(&text, ".gitlab-ci.yml");
        let lines = recipe::gitlab_lines(&pipeline, "pages", "before_script");
        (lines.join("\n"), path_file)
    }
}

/// A city clones its new, empty repository and creates the site in it.
#[test]
fn init_accepts_a_fresh_clone_and_nothing_else_that_is_not_empty() {
    let tmp = tempfile::tempdir().expect("temporary directory");
    let site = tmp.path().join("stadt");
    std::fs::create_dir_all(&site).expect("mkdir");
    let git = run(Command::new("git").args(["init", "-q"]).current_dir(&site));
    assert_eq!(git.code, 0, "{}", git.stderr);
    let r = konzept(tmp.path(), &["init", "stadt", "--ci", "gitlab"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(site.join(".gitlab-ci.yml").exists());
    let build = konzept(&site, &["build", "--base-url", BASE]);
    assert_eq!(build.code, 0, "{}", build.stderr);

    let other = tmp.path().join("other");
    write(&other, ".git/HEAD", "ref: refs/heads/main\n");
    write(&other, "notes.txt", "ours\n");
    let r = konzept(tmp.path(), &["init", "other"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(!other.join("site.yaml").exists());
}
