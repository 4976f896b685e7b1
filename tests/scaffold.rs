//! `konzept new`, `konzept init` and `konzept schema`: the files they
//! create build clean, they never overwrite, and the schemas match the
//! parser's types.

mod common;

use common::TestSite;

/// `konzept new` writes a draft: the site builds clean without it, and
/// once `draft: true` goes, the page is published and its placeholders
/// are reported (tests/placeholders.rs has the details).
#[test]
fn new_project_creates_every_language_as_a_draft() {
    let site = TestSite::fixture("minimal");
    let run = site.run(&["new", "project", "x"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in ["x.md", "x.fr.md", "x.en.md"] {
        assert!(
            run.stdout.contains(&format!("content/projekte/{file}")),
            "{file} not printed:\n{}",
            run.stdout
        );
        assert!(site.path().join("content/projekte").join(file).exists());
    }
    assert!(
        run.stderr
            .contains("remove `draft: true` when the page is ready"),
        "{}",
        run.stderr
    );
    site.build_clean();
    assert!(!site.exists("fr/projekte/x/index.html"));
    let path = site.path().join("content/projekte/x.md");
    let text = std::fs::read_to_string(&path).expect("created");
    let line = text
        .lines()
        .find(|l| l.starts_with("draft: true"))
        .expect("a `draft: true` line");
    site.write(
        "content/projekte/x.md",
        &text.replace(&format!("{line}\n"), ""),
    );
    let build = site.build();
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        build.stderr.contains("warning[placeholder]"),
        "{}",
        build.stderr
    );
    assert!(site.exists("fr/projekte/x/index.html"));
}

#[test]
fn new_project_template_names_an_existing_contact() {
    let site = TestSite::fixture("minimal");
    assert_eq!(site.run(&["new", "project", "x"]).code, 0);
    let read = |f: &str| {
        std::fs::read_to_string(site.path().join("content/projekte").join(f)).expect("created")
    };
    let original = read("x.md");
    insta::assert_snapshot!("new_project_de", original);
    insta::assert_snapshot!("new_project_fr", read("x.fr.md"));
    assert!(original.contains("\ncontact: buero "));
}

#[test]
fn new_project_without_contacts_leaves_a_placeholder_and_a_note() {
    let site = TestSite::fixture("minimal");
    site.remove("content/kontakte/buero.md");
    let run = site.run(&["new", "project", "x", "--lang", "de"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("contact: kontakt-id"), "{}", run.stderr);
    assert!(!site.path().join("content/projekte/x.fr.md").exists());
}

#[test]
fn new_translations_hold_no_neutral_fields() {
    let site = TestSite::fixture("minimal");
    assert_eq!(site.run(&["new", "contact", "amt"]).code, 0);
    let fr =
        std::fs::read_to_string(site.path().join("content/kontakte/amt.fr.md")).expect("created");
    for neutral in ["street:", "email:", "phone:", "postal_code:", "weight:"] {
        assert!(!fr.contains(neutral), "{neutral} in translation:\n{fr}");
    }
    site.build_clean();
}

#[test]
fn new_refuses_to_overwrite() {
    let site = TestSite::fixture("minimal");
    let before = std::fs::read_to_string(site.path().join("content/projekte/projekt.md"))
        .expect("fixture file");
    let run = site.run(&["new", "project", "projekt"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("content/projekte/projekt.md already exists"),
        "{}",
        run.stderr
    );
    let after = std::fs::read_to_string(site.path().join("content/projekte/projekt.md"))
        .expect("fixture file");
    assert_eq!(before, after);
    assert!(!site.path().join("content/projekte/projekt.fr.md").exists());
}

#[test]
fn new_rejects_bad_kind_slug_and_language() {
    let site = TestSite::fixture("minimal");
    for args in [
        &["new", "projec", "x"][..],
        &["new", "project", "Über uns"],
        &["new", "project", "x", "--lang", "de,xx"],
        &["new", "project", "x", "--lang", "FR"],
    ] {
        let run = site.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
    assert!(!site.path().join("content/projekte/x.md").exists());
}

#[test]
fn new_accessibility_creates_the_statement_in_every_language_and_it_builds() {
    let site = TestSite::fixture("minimal");
    let run = site.run(&["new", "accessibility", "erklaerung"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("konzept new accessibility barrierefreiheit"),
        "{}",
        run.stderr
    );
    let run = site.run(&["new", "accessibility", "barrierefreiheit"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in [
        "barrierefreiheit.md",
        "barrierefreiheit.fr.md",
        "barrierefreiheit.en.md",
    ] {
        assert!(site.path().join("content").join(file).exists(), "{file}");
    }
    let de =
        std::fs::read_to_string(site.path().join("content/barrierefreiheit.md")).expect("created");
    assert!(de.contains("feedback_email: "), "{de}");
    site.write(
        "content/barrierefreiheit.md",
        &de.replace("\ndraft: true", "\n# draft: true"),
    );
    let build = site.build();
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert_eq!(
        site.page("en/barrierefreiheit/")
            .texts(".statement-part h2")
            .len(),
        5
    );
}

#[test]
fn init_creates_a_site_that_builds_in_three_languages_and_names_its_placeholders() {
    let site = TestSite::fixture("minimal");
    let dir = tempfile::tempdir().expect("temporary directory");
    let new = dir.path().join("site");
    let new_arg = new.to_str().expect("UTF-8 temp path");
    let run = site.run(&["init", new_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Built as a deploy recipe builds it (without a base URL `build` says
    // what needs one: tests/check.rs, tests/readers.rs).
    let build = site.run(&["-C", new_arg, "build", "--base-url", common::DEPLOY_BASE]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    // The warnings: the example indicator's figures are made up, and
    // every text is a placeholder (tests/new_city.rs replaces them).
    let warnings = build.stderr.matches("warning[").count();
    let example_data = build.stderr.matches("warning[example-data]").count();
    let placeholders = build.stderr.matches("warning[placeholder]").count();
    assert_eq!(example_data, 1, "warnings:\n{}", build.stderr);
    assert!(placeholders > 0, "warnings:\n{}", build.stderr);
    assert_eq!(warnings, example_data + placeholders, "{}", build.stderr);
    for lang in ["de", "fr", "en"] {
        assert!(new.join("public").join(lang).join("index.html").exists());
        assert!(new.join("i18n").join(format!("{lang}.yaml")).exists());
    }
    let ui = std::fs::read_to_string(new.join("i18n/de.yaml")).expect("created");
    assert!(!ui.contains("Saarbrücken"));
}

#[test]
fn init_refuses_a_non_empty_directory() {
    let site = TestSite::fixture("minimal");
    let path = site.path().to_str().expect("UTF-8 temp path").to_owned();
    let run = site.run(&["init", &path]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("is not empty"), "{}", run.stderr);
    assert!(!site.path().join(".gitignore").exists());
}

#[test]
fn schema_writes_one_json_schema_per_kind_and_site_yaml() {
    let site = TestSite::fixture("minimal");
    let run = site.run(&["schema", "--out", "out"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for name in ["guideline", "project", "contact", "page", "site"] {
        let path = site.path().join(format!("out/{name}.schema.json"));
        let text = std::fs::read_to_string(&path).expect("schema written");
        let json: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(json["additionalProperties"], false, "{name}");
        assert!(run.stdout.contains(&format!("{name}.schema.json")));
    }
    let project: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(site.path().join("out/project.schema.json")).expect("written"),
    )
    .expect("valid JSON");
    for field in ["goal", "contact", "duration", "status"] {
        assert!(project["properties"].get(field).is_some(), "{field}");
    }
}
