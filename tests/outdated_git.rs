//! The notice "this translation may be outdated" counts only commits that
//! changed what translators translate (the body, title, summary and a
//! kind's text fields): editing a language-neutral field of the original
//! (`status`, `untranslated`, `weight`, …) flags no translation.

mod common;

use common::{TestSite, git};

/// The minimal site's project as first committed.
const ORIGINAL: &str = "---\ntitle: Ein Projekt\ngoal: Ein Ziel.\ncontact: buero\nguidelines: [eins]\nstatus: running\n---\nBeschreibung.\n";

/// The minimal site with a French translation of its project, both
/// committed on 6 May 2024.
fn translated() -> TestSite {
    let site = TestSite::fixture("minimal");
    site.write("content/projekte/projekt.md", ORIGINAL);
    site.write(
        "content/projekte/projekt.fr.md",
        "---\ntitle: Un projet\ngoal: Un objectif.\n---\nDescription.\n",
    );
    let dir = site.path();
    let then = "2024-05-06T10:00:00+02:00";
    git(dir, &["init", "-q", "-b", "main"], then);
    git(dir, &["add", "."], then);
    git(dir, &["commit", "-q", "-m", "Erste Fassung"], then);
    site
}

/// Commits the original as `text` at `date`.
fn commit_original(site: &TestSite, text: &str, date: &str) {
    site.write("content/projekte/projekt.md", text);
    git(site.path(), &["commit", "-q", "-am", "Projekt"], date);
}

/// The texts of the notice on the French page (none: empty).
fn notices(site: &TestSite) -> Vec<String> {
    site.build_clean();
    site.page("fr/projekte/projekt/")
        .texts("main .note-outdated")
}

#[test]
fn editing_only_neutral_and_per_file_fields_flags_no_translation() {
    let site = translated();
    let edits = [
        (
            ORIGINAL.replace("status: running", "status: completed"),
            "2024-06-03T09:00:00+02:00",
        ),
        (
            ORIGINAL.replace("status: running", "status: completed\nuntranslated: [en]"),
            "2024-06-10T09:00:00+02:00",
        ),
        (
            ORIGINAL.replace(
                "status: running",
                "status: completed\nuntranslated: [en]\nweight: 3\ndistricts: [Malstatt]\nupdated: 2024-06-17",
            ),
            "2024-06-17T09:00:00+02:00",
        ),
        (
            ORIGINAL.replace("contact: buero\nguidelines: [eins]", "guidelines: [eins]\ncontact: buero\nduration:\n  start: 2024-01"),
            "2024-06-24T09:00:00+02:00",
        ),
    ];
    for (text, date) in &edits {
        commit_original(&site, text, date);
    }
    assert_eq!(notices(&site), Vec::<String>::new());
    // The original itself did change: its own date is its last commit.
    let de = site.page("de/projekte/projekt/");
    assert_eq!(de.attr(".updated time", "datetime"), "2024-06-24");
}

#[test]
fn a_comment_or_reformatting_in_the_front_matter_flags_no_translation() {
    let site = translated();
    let text = ORIGINAL.replace(
        "title: Ein Projekt\ngoal: Ein Ziel.",
        "# Titel wie im Beschluss\ngoal:   \"Ein Ziel.\"\ntitle: 'Ein Projekt'",
    );
    commit_original(&site, &text, "2024-06-03T09:00:00+02:00");
    // Line endings and trailing blank lines of the body neither.
    let crlf = format!("{}\r\n\r\n", text.replace('\n', "\r\n").trim_end());
    commit_original(&site, &crlf, "2024-06-10T09:00:00+02:00");
    assert_eq!(notices(&site), Vec::<String>::new());
}

#[test]
fn a_body_edit_flags_the_translation_with_its_own_date_not_a_later_neutral_one() {
    let site = translated();
    let neutral = ORIGINAL.replace("status: running", "status: completed");
    commit_original(&site, &neutral, "2024-06-03T09:00:00+02:00");
    let body = neutral.replace("Beschreibung.", "Neue Beschreibung.");
    commit_original(&site, &body, "2024-07-08T09:00:00+02:00");
    let later = body.replace("status: completed", "status: completed\nweight: 4");
    commit_original(&site, &later, "2024-08-12T09:00:00+02:00");
    let notices = notices(&site);
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("8 juillet 2024"), "{notices:?}");
    assert_eq!(
        site.page("de/projekte/projekt/")
            .attr(".updated time", "datetime"),
        "2024-08-12"
    );
}

#[test]
fn a_title_or_text_field_edit_flags_the_translation() {
    for (from, to) in [
        ("title: Ein Projekt", "title: Ein neues Projekt"),
        ("goal: Ein Ziel.", "goal: Ein anderes Ziel."),
        ("status: running", "status: running\nsummary: Kurz gesagt."),
    ] {
        let site = translated();
        let text = ORIGINAL.replace(from, to);
        commit_original(&site, &text, "2024-07-08T09:00:00+02:00");
        // A neutral edit after it does not move the date the notice gives.
        let later = text.replace("contact: buero", "contact: buero\nweight: 4");
        commit_original(&site, &later, "2024-08-12T09:00:00+02:00");
        let notices = notices(&site);
        assert_eq!(notices.len(), 1, "{to}: {notices:?}");
        assert!(notices[0].contains("8 juillet 2024"), "{to}: {notices:?}");
    }
}

#[test]
fn a_commit_that_edits_a_neutral_field_and_the_body_flags_the_translation() {
    let site = translated();
    let both = ORIGINAL
        .replace("status: running", "status: completed")
        .replace("Beschreibung.", "Neue Beschreibung.");
    commit_original(&site, &both, "2024-07-08T09:00:00+02:00");
    let later = both.replace("contact: buero", "contact: buero\nweight: 4");
    commit_original(&site, &later, "2024-08-12T09:00:00+02:00");
    let notices = notices(&site);
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("8 juillet 2024"), "{notices:?}");
}

#[test]
fn a_translation_newer_than_the_text_change_is_not_flagged() {
    let site = translated();
    let body = ORIGINAL.replace("Beschreibung.", "Neue Beschreibung.");
    commit_original(&site, &body, "2024-07-08T09:00:00+02:00");
    site.write(
        "content/projekte/projekt.fr.md",
        "---\ntitle: Un projet\ngoal: Un objectif.\n---\nNouvelle description.\n",
    );
    git(
        site.path(),
        &["commit", "-q", "-am", "Traduction"],
        "2024-07-15T09:00:00+02:00",
    );
    let neutral = body.replace("status: running", "status: completed");
    commit_original(&site, &neutral, "2024-08-12T09:00:00+02:00");
    assert_eq!(notices(&site), Vec::<String>::new());
}

#[test]
fn past_the_bound_of_versions_compared_the_last_commit_counts_as_before() {
    let site = translated();
    let n = konzept::load::MAX_LOG_CHANGES + 1;
    for i in 0..n {
        let text = ORIGINAL.replace("status: running", &format!("status: running\nweight: {i}"));
        commit_original(
            &site,
            &text,
            &format!("2024-06-{:02}T09:00:00+02:00", i + 1),
        );
    }
    let notices = notices(&site);
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].contains(&format!("{n} juin 2024")),
        "{notices:?}"
    );
}

#[test]
fn within_the_bound_neutral_commits_are_looked_past() {
    let site = translated();
    for i in 0..konzept::load::MAX_LOG_CHANGES {
        let text = ORIGINAL.replace("status: running", &format!("status: running\nweight: {i}"));
        commit_original(
            &site,
            &text,
            &format!("2024-06-{:02}T09:00:00+02:00", i + 1),
        );
    }
    assert_eq!(notices(&site), Vec::<String>::new());
}
