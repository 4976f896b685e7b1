//! Two frictions of a city's first hour (issue 20.6): the home page lists
//! its sections in the order of the menu, and two guidelines with one
//! number (`ordinal`) are an error, as are numbers no concept has.

mod common;

use common::{TestSite, build_fails, build_passes, built_site};

/// The headings of the home page's sections in `lang`.
fn home_sections(site: &TestSite, lang: &str) -> Vec<String> {
    site.page(&format!("{lang}/")).texts(".home-section h2")
}

#[test]
fn the_home_page_lists_the_sections_in_menu_order_then_the_others() {
    let site = TestSite::fixture("minimal");
    site.write(
        "site.yaml",
        "languages: [de, fr, en]\ndefault_language: de\ncontact: buero\nmenu: [projekte, kontakte, leitlinien]\nfooter: [impressum]\n",
    );
    // Two sections outside the menu: after it, by weight, then by title.
    site.write("content/berichte/_index.md", "---\ntitle: Berichte\n---\n")
        .write(
            "content/aktuelles/_index.md",
            "---\ntitle: Aktuelles\n---\n",
        );
    build_passes(&site);
    let expected = [
        "Projekte",
        "Kontakte",
        "Leitlinien",
        "Aktuelles",
        "Berichte",
    ];
    assert_eq!(home_sections(&site, "de"), expected);
    // Translations follow the same order (here with the German fallbacks).
    assert_eq!(home_sections(&site, "fr"), expected);
}

/// The file first by path keeps the number; each other one is an error.
#[test]
fn two_guidelines_with_one_number_are_an_error_at_the_second() {
    let (site, before) = built_site();
    let second =
        "---\ntitle: Zweite Leitlinie\nsummary: Noch ein Beispiel.\nordinal: 1\n---\nText.\n";
    site.write("content/leitlinien/zwei.md", second)
        .write("content/leitlinien/zwei-kopie.md", second);
    let run = build_fails(&site, &before);
    for (file, expected) in [
        (
            "zwei-kopie",
            "error[duplicate-ordinal]: guideline number 1 is taken: content/leitlinien/eins.md has it already\n --> content/leitlinien/zwei-kopie.md:4:10\n",
        ),
        (
            "zwei",
            "error[duplicate-ordinal]: guideline number 1 is taken: content/leitlinien/eins.md has it already\n --> content/leitlinien/zwei.md:4:10\n",
        ),
    ] {
        assert!(run.stderr.contains(expected), "{file}:\n{}", run.stderr);
    }
    assert!(
        run.stderr.contains(" ::: content/leitlinien/eins.md:4:10"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "= help: give one of them a number no other guideline has: 2 is the first free one"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.stderr.matches("error[duplicate-ordinal]").count(), 2);
}

#[test]
fn zero_huge_negative_and_translated_numbers_are_errors_in_one_run() {
    let (site, before) = built_site();
    let guideline = |n: &str| {
        format!("---\ntitle: Leitlinie\nsummary: Ein Beispiel.\nordinal: {n}\n---\nText.\n")
    };
    site.write("content/leitlinien/null.md", &guideline("0"))
        .write("content/leitlinien/gross.md", &guideline("1000"))
        .write("content/leitlinien/negativ.md", &guideline("-2"))
        .write(
            "content/leitlinien/eins.fr.md",
            "---\ntitle: Première\nsummary: Un exemple.\nordinal: 2\n---\nTexte.\n",
        );
    let run = build_fails(&site, &before);
    for expected in [
        "error[invalid-value]: 0 cannot be a guideline's number: they count from 1 to 999\n --> content/leitlinien/null.md:4:10",
        "error[invalid-value]: 1000 cannot be a guideline's number: they count from 1 to 999\n --> content/leitlinien/gross.md:4:10",
        " --> content/leitlinien/negativ.md:4:10",
        "error[neutral-field]: `ordinal` is the same in every language and cannot be set in a translation\n --> content/leitlinien/eins.fr.md:4:1",
    ] {
        assert!(
            run.stderr.contains(expected),
            "{expected}\nnot in:\n{}",
            run.stderr
        );
    }
}

#[test]
fn gaps_between_numbers_are_fine_and_a_new_guideline_takes_the_first_free_one() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/leitlinien/drei.md",
        "---\ntitle: Dritte Leitlinie\nsummary: Ein Beispiel.\nordinal: 3\n---\nText.\n",
    );
    // Guideline 2 was withdrawn: 1 and 3 keep their numbers.
    site.build_clean();
    let run = site.run(&["new", "guideline", "neu", "--lang", "de"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text =
        std::fs::read_to_string(site.path().join("content/leitlinien/neu.md")).expect("created");
    assert!(text.contains("\nordinal: 2 "), "{text}");
}
