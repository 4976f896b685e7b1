//! First-hour frictions (issue 20, deliverable 6): every value error of a
//! file, and of every file, in one run; and no follow-on message that
//! contradicts the real error (a file that exists but has errors is never
//! reported missing, and a suggestion of it says it has errors).

mod common;

use common::{Run, build_fails, built_site};

const PROJECT: &str = "content/projekte/projekt.md";

/// The error blocks of `run` with this code, at this place.
fn error_at<'a>(run: &'a Run, code: &str, place: &str) -> Vec<&'a str> {
    run.stderr
        .split("\n\n")
        .filter(|b| {
            b.starts_with(&format!("error[{code}]")) && b.contains(&format!("--> {place}\n"))
        })
        .collect()
}

#[test]
fn every_value_error_and_reference_of_every_file_comes_in_one_run() {
    let (site, before) = built_site();
    site.write(
        PROJECT,
        "---\ntitle: Ein Projekt\ngoal: Ein Ziel.\ncontact: bureau\nguidelines: [eins, zwei]\n\
         status: laeuft\nupdated: 2024-02-30\nweight: viel\nfarbe: rot\n---\nText.\n",
    );
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\nweight: [1]\n---\nText.\n",
    );
    let run = build_fails(&site, &before);
    let expected = [
        ("missing-reference", "4:10", "the contact ids are: `buero`"),
        ("missing-reference", "5:20", "the guideline ids are: `eins`"),
        ("invalid-value", "6:9", "status"),
        ("invalid-value", "7:10", "updated"),
        ("invalid-value", "8:9", "weight: 10"),
        ("unknown-field", "9:1", "project fields are"),
    ];
    for (code, at, help) in expected {
        let found = error_at(&run, code, &format!("{PROJECT}:{at}"));
        assert_eq!(found.len(), 1, "no {code} at {at}:\n{}", run.stderr);
        assert!(found[0].contains(help), "{}", found[0]);
    }
    assert_eq!(
        error_at(&run, "invalid-value", "content/impressum.md:3:9").len(),
        1,
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error[").count(), 7, "{}", run.stderr);
    assert_eq!(site.public_tree(), before, "nothing written");
}

#[test]
fn a_file_with_errors_is_not_named_as_missing_or_as_a_fine_suggestion() {
    let (site, before) = built_site();
    // The contact and the guideline have errors; the project names both,
    // the home page links to a misspelt name of the project, which has
    // errors too, and the guideline has a French translation.
    site.write(
        "content/kontakte/buero.md",
        "---\ntitle: Beispielbüro\nfarbe: rot\n---\n",
    );
    site.write("content/leitlinien/eins.md", "---\ntitle: [Eins\n---\n");
    site.write(
        "content/leitlinien/eins.fr.md",
        "---\ntitle: Un\nsummary: Un.\n---\n",
    );
    site.write(
        PROJECT,
        "---\ntitle: Ein Projekt\ngoal: Ein Ziel.\ncontact: buero\nguidelines: [eins]\nstatus: running\nweight: viel\n---\n",
    );
    site.write(
        "content/_index.md",
        "---\ntitle: Start\n---\nSiehe [das Projekt](projekte/projeckt.md).\n",
    );
    let run = build_fails(&site, &before);
    let link = error_at(&run, "broken-link", "content/_index.md:4:7");
    assert_eq!(link.len(), 1, "{}", run.stderr);
    assert!(
        link[0].contains(
            "did you mean `content/projekte/projekt.md` (it has errors of its own, see above)?"
        ),
        "{}",
        link[0]
    );
    // Each file's own errors, and nothing about what names them.
    assert_eq!(
        error_at(&run, "unknown-field", "content/kontakte/buero.md:3:1").len(),
        1,
        "{}",
        run.stderr
    );
    assert_eq!(
        error_at(&run, "yaml-syntax", "content/leitlinien/eins.md:3:1").len(),
        1,
        "{}",
        run.stderr
    );
    assert_eq!(
        error_at(&run, "invalid-value", &format!("{PROJECT}:7:9")).len(),
        1,
        "{}",
        run.stderr
    );
    for follow_on in ["missing-reference", "orphan-translation", "there is no"] {
        assert!(
            !run.stderr.contains(follow_on),
            "{follow_on}:\n{}",
            run.stderr
        );
    }
}
