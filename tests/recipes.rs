//! The CI recipes of this repository and the ones `konzept init --ci`
//! writes: their commands are the lists in `konzept::scaffold::ci`, the
//! Saarbrücken site passes them, actions are pinned to commits, and the
//! release publishes the archive the sites' recipes download.
//! (`tests/new_city.rs` runs a new site's recipe.)

mod common;

use std::path::Path;

use common::recipe;
use konzept::scaffold::ci::{self, Ci};

fn repo_file(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// This repository's GitHub workflow: Rust installed, then exactly
/// `SOURCE_COMMANDS`, with `BASE_URL` from the Pages address.
fn github_source_commands() -> Vec<String> {
    let workflow = recipe::parse(&repo_file(".github/workflows/pages.yml"), "pages.yml");
    let steps = recipe::github_steps(&workflow);
    let (rust, rest) = steps.split_first().expect("steps");
    assert_eq!(rust.name, "Install Rust");
    for step in rest.iter().filter(|s| s.run.contains("$BASE_URL")) {
        assert!(
            step.env
                .iter()
                .any(|(k, v)| k == "BASE_URL" && v == "${{ steps.pages.outputs.base_url }}/"),
            "{}: {:?}",
            step.name,
            step.env
        );
    }
    rest.iter().map(|s| s.run.clone()).collect()
}

#[test]
fn this_repositorys_recipes_run_the_source_commands() {
    assert_eq!(github_source_commands(), ci::SOURCE_COMMANDS);
    let pipeline = recipe::parse(&repo_file(".gitlab-ci.yml"), ".gitlab-ci.yml");
    assert_eq!(
        recipe::gitlab_lines(&pipeline, "pages", "script"),
        ci::SOURCE_COMMANDS
    );
    assert_eq!(
        pipeline["pages"]["variables"]["BASE_URL"].as_str(),
        Some("$CI_PAGES_URL/")
    );
    let cached: Vec<&str> = pipeline["pages"]["cache"]["paths"]
        .as_sequence()
        .expect("a cache")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(cached.contains(&"target/"), "{cached:?}");
}

#[cfg(unix)]
#[test]
fn the_saarbruecken_site_passes_the_recipes_site_commands() {
    use common::TestSite;
    use std::process::Command;
    let site = TestSite::saarbruecken();
    // `cargo build --locked --release` is the tool's own build, which this
    // test's harness has done; the konzept under test stands in for it.
    let release = site.path().join("target/release");
    std::fs::create_dir_all(&release).expect("mkdir");
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_konzept"), release.join("konzept"))
        .expect("link");
    let commands = github_source_commands();
    let (cargo, site_commands) = commands.split_first().expect("commands");
    assert!(cargo.starts_with("cargo build --locked"), "{cargo}");
    for command in site_commands {
        let out = Command::new("sh")
            .args(["-euc", command])
            .current_dir(site.path())
            .env("BASE_URL", "https://example.org/konzept/")
            .env("NO_COLOR", "1")
            .env("KONZEPT_TODAY", common::TODAY)
            .output()
            .expect("sh");
        assert!(
            out.status.success(),
            "`{command}`:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let home = site.page("de/");
    assert_eq!(
        home.attr("link[rel=canonical]", "href"),
        "https://example.org/konzept/de/"
    );
}

/// Every workflow this repository has or `init` writes: (name, text).
fn workflows() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = ["pages.yml", "release.yml"]
        .iter()
        .map(|f| {
            let rel = format!(".github/workflows/{f}");
            let text = repo_file(&rel);
            (rel, text)
        })
        .collect();
    out.extend(ci::recipe(Ci::Github).map(|(rel, text)| (format!("init: {rel}"), text)));
    out
}

#[test]
fn workflows_pin_actions_to_commits_and_grant_nothing_by_default() {
    for (name, text) in workflows() {
        let workflow = recipe::parse(&text, &name);
        assert!(
            workflow["permissions"]
                .as_mapping()
                .is_some_and(|m| m.is_empty()),
            "{name}: the workflow's own permissions are not `{{}}`"
        );
        for (_, job) in workflow["jobs"].as_mapping().expect("jobs") {
            assert!(
                job["permissions"].is_mapping(),
                "{name}: a job without permissions"
            );
        }
        assert!(!recipe::github_uses(&workflow).is_empty());
        for line in text.lines().filter(|l| l.contains("uses: ")) {
            let uses = line.split("uses: ").nth(1).expect("uses");
            let (_, rest) = uses
                .split_once('@')
                .unwrap_or_else(|| panic!("{name}: {line}"));
            let (sha, comment) = rest.split_once(" # v").unwrap_or((rest, ""));
            assert!(
                sha.len() == 40
                    && sha.bytes().all(|b| b.is_ascii_hexdigit())
                    && !comment.is_empty(),
                "{name}: not pinned to a commit with its version: {line}"
            );
        }
        for step in recipe::github_steps(&workflow) {
            assert!(
                !step.run.contains("${{"),
                "{name}: an expression inside `run:` (pass it through env): {}",
                step.run
            );
        }
    }
}

#[test]
fn the_release_publishes_the_archive_the_recipes_download() {
    let text = repo_file(".github/workflows/release.yml");
    let workflow = recipe::parse(&text, "release.yml");
    let targets: Vec<&str> = workflow["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .expect("a matrix")
        .iter()
        .filter_map(|t| t["target"].as_str())
        .collect();
    for target in [
        ci::RECIPE_TARGET,
        "aarch64-unknown-linux-musl",
        "aarch64-apple-darwin",
        "x86_64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(targets.contains(&target), "{target} not built: {targets:?}");
    }
    let runs: Vec<String> = recipe::github_steps(&workflow)
        .into_iter()
        .map(|s| s.run)
        .collect();
    let all = runs.join("\n");
    assert!(all.contains("build --locked --release"), "{all}");
    // The recipes fetch `$KONZEPT_RELEASES/v$KONZEPT_VERSION/konzept-$KONZEPT_VERSION-<target>.tar.gz`.
    assert!(
        all.contains("\"dist/konzept-${GITHUB_REF_NAME#v}-$TARGET.tar.gz\" -C \"target/$TARGET/release\" konzept"),
        "{all}"
    );
    // Windows gets a .zip, summed with the rest.
    assert!(
        all.contains(
            "7z a -tzip \"../../../dist/konzept-${GITHUB_REF_NAME#v}-$TARGET.zip\" konzept.exe"
        ),
        "{all}"
    );
    assert!(
        all.contains("sha256sum -- *.tar.gz *.zip > SHA256SUMS"),
        "{all}"
    );
    let (_, github) = ci::recipe(Ci::Github).expect("recipe");
    assert!(github.contains(&format!(
        "archive=\"konzept-$KONZEPT_VERSION-{}.tar.gz\"",
        ci::RECIPE_TARGET
    )));
    assert!(github.contains("\"$KONZEPT_RELEASES/v$KONZEPT_VERSION/$archive\""));
}

#[test]
fn the_docker_image_holds_only_the_static_binary_and_runs_unprivileged() {
    let text = repo_file("Dockerfile");
    let froms: Vec<&str> = text.lines().filter(|l| l.starts_with("FROM ")).collect();
    assert_eq!(froms.last(), Some(&"FROM scratch"), "{froms:?}");
    let last_stage = text.rsplit("FROM scratch").next().expect("final stage");
    let copies: Vec<&str> = last_stage
        .lines()
        .filter(|l| l.starts_with("COPY"))
        .collect();
    assert_eq!(copies, ["COPY --from=build /konzept /konzept"]);
    assert!(last_stage.contains("\nUSER 65532:65532\n"));
    assert!(last_stage.contains("ENTRYPOINT [\"/konzept\"]"));
    assert!(text.contains("cargo build --locked --release --bin konzept"));
}
