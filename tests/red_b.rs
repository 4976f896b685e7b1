//! Holes found by an attacker's and careless editor's review of issue 15
//! (classes 5, 7, 8 and 9): each test is a reproduction that passed
//! silently before its fix.
//!
//! Links: a full or collapsed reference whose label has no definition
//! (`[Flyer][flyer]`, `[Plan][]`, `![Bild][logo]`) was plain text with
//! brackets, a web address no browser can open (`http://`,
//! `https://exa mple.org` in `<…>`) and a `tel:` link no phone can dial
//! were published as links. Each is now an error at its place.

mod common;

use common::{Run, TestSite, build_fails, built_site};

/// The error block of `stderr` whose message contains `message`.
fn block<'a>(run: &'a Run, message: &str) -> &'a str {
    run.stderr
        .split("\n\n")
        .find(|b| b.starts_with("error[") && b.lines().next().unwrap_or("").contains(message))
        .unwrap_or_else(|| panic!("no error `{message}` in:\n{}", run.stderr))
}

const IMPRESSUM: &str = "---\ntitle: Impressum\n---\nBeispielseite.\n\n";

#[test]
fn references_without_a_definition_are_errors_at_their_place() {
    let (site, before) = built_site();
    site.write(
        "content/impressum.md",
        &format!(
            "{IMPRESSUM}Der [Flyer][flyer] liegt bei.\n\
             Siehe [Plan][] und [sic] und […].\n\
             ![Plakat][plakat]\n\
             [Da][da] ist einer.\n\n\
             [da]: impressum.md\n"
        ),
    );
    let run = build_fails(&site, &before);
    let places = [
        ("`[flyer]`", "content/impressum.md:6:5"),
        ("`[Plan]`", "content/impressum.md:7:7"),
        ("`[plakat]`", "content/impressum.md:8:1"),
    ];
    for (label, place) in places {
        let found = block(&run, &format!("reference {label} has no definition"));
        assert!(found.contains(&format!("--> {place}")), "{found}");
        assert!(found.contains("[Text](datei.pdf)"), "{found}");
    }
    // A shortcut (`[sic]`, `[…]`) is ordinary text; a defined label works.
    assert_eq!(run.stderr.matches("error[").count(), 3, "{}", run.stderr);
}

#[test]
fn web_addresses_and_phone_numbers_that_lead_nowhere_are_errors() {
    let (site, before) = built_site();
    site.write(
        "content/impressum.md",
        &format!(
            "{IMPRESSUM}[leer](http://)\n\
             [Leerzeichen](<https://exa mple.org/>)\n\
             [kaputt](https://[::1/)\n\
             [ohne](//)\n\
             [Telefon](tel:bitte-eintragen)\n\
             [nichts](tel:)\n\
             [gut](https://www.saarbruecken.de/) [auch](tel:+49-681-905-1234) [frei](//example.org/)\n"
        ),
    );
    let run = build_fails(&site, &before);
    let places = [
        ("`http://` is not a web address", 6),
        ("`https://exa mple.org/` is not a web address", 7),
        ("`https://[::1/` is not a web address", 8),
        ("`//` is not a web address", 9),
        ("`tel:` link `bitte-eintragen`", 10),
        ("`tel:` link names no phone number", 11),
    ];
    for (message, line) in places {
        let found = block(&run, message);
        assert!(
            found.contains(&format!("--> content/impressum.md:{line}:1")),
            "{found}"
        );
    }
    assert_eq!(run.stderr.matches("error[").count(), 6, "{}", run.stderr);
}

/// A control character pasted into YAML was reported at line 1 (serde_yaml
/// gives only a character position for it), with a hint about quoting.
#[test]
fn a_control_character_in_yaml_is_reported_at_its_line() {
    let (site, before) = built_site();
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\nsummary: \"Kurz\u{1b}[2J\"\n---\nText.\n",
    );
    let run = build_fails(&site, &before);
    let found = block(&run, "the front matter is not valid YAML");
    assert!(found.contains("--> content/impressum.md:3:"), "{found}");
    assert!(found.contains("\\u{1b}"), "{found}");
    assert!(
        !found.contains('\u{1b}'),
        "raw escape on the terminal: {found}"
    );
    assert!(found.contains("help: delete it"), "{found}");

    let (site, before) = built_site();
    let path = site.path().join("i18n/de.yaml");
    let strings = std::fs::read_to_string(&path).expect("UI strings");
    let line = strings.lines().count() + 1;
    site.write("i18n/de.yaml", &format!("{strings}extra\u{7}: \"x\"\n"));
    let run = build_fails(&site, &before);
    let found = block(&run, "the UI strings file is not valid YAML");
    assert!(
        found.contains(&format!("--> i18n/de.yaml:{line}:6")),
        "{found}"
    );
    assert!(found.contains("help: delete it"), "{found}");
}

/// Files under `/files/` that a Windows or macOS checkout cannot hold were
/// published: `Flyer.pdf` beside `flyer.pdf` (one file there, so a link
/// shows the wrong one), and names Windows reserves (`nul/plan.pdf`).
#[test]
fn file_names_a_checkout_cannot_hold_are_errors() {
    let (site, before) = built_site();
    site.write("content/Flyer.pdf", "alt")
        .write("content/flyer.pdf", "neu")
        .write("content/nul/plan.pdf", "x")
        .write("content/bilder/AUX.png", "x")
        .write("content/a:b.pdf", "x")
        .write("content/auxiliar.pdf", "x");
    let run = build_fails(&site, &before);
    let found = block(&run, "differ only in upper and lower case");
    assert!(found.contains("--> content/"), "{found}");
    assert!(
        found.contains("Flyer.pdf") && found.contains("flyer.pdf"),
        "{found}"
    );
    for (path, why) in [
        ("content/nul/plan.pdf", "reserves `nul`"),
        ("content/bilder/AUX.png", "reserves `AUX`"),
        ("content/a:b.pdf", "does not allow `a:b.pdf`"),
    ] {
        let found = block(&run, &format!("`{path}` cannot be checked out"));
        assert!(found.contains(why), "{found}");
        assert!(found.contains(&format!("--> {path}")), "{found}");
    }
    assert_eq!(run.stderr.matches("error[").count(), 4, "{}", run.stderr);
}

/// A title of invisible characters only (a zero-width space pasted from
/// an office program) made an empty `<h1>`, like `title:` left empty.
#[test]
fn a_title_of_invisible_characters_is_empty() {
    let (site, before) = built_site();
    site.write(
        "content/impressum.md",
        "---\ntitle: \"\u{200b}\u{feff} \u{ad}\"\n---\nText.\n",
    );
    let run = build_fails(&site, &before);
    let found = block(&run, "`title` is empty");
    assert!(found.contains("--> content/impressum.md:2:8"), "{found}");
}

/// A raw `<a>` kept any `https:`, `mailto:` or `tel:` address, also one
/// that leads nowhere (`http://`, `mailto:bitte eintragen`): now such a
/// link is removed with a warning at its place, its text kept, as a raw
/// link into the site is.
#[test]
fn raw_links_that_lead_nowhere_lose_their_link() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/impressum.md",
        &format!(
            "{IMPRESSUM}<a href=\"http://\">leer</a> \
             <a href=\"mailto:bitte eintragen\">Mail</a> \
             <a href=\"tel:abc\">Tel</a> \
             <a href=\"https://www.saarbruecken.de/\">gut</a>\n"
        ),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (link, column) in [
        ("http://", 1),
        ("mailto:bitte eintragen", 28),
        ("tel:abc", 70),
    ] {
        let place = format!("--> content/impressum.md:6:{column}");
        let warning = run
            .stderr
            .split("\n\n")
            .find(|b| b.contains(&format!("`<a href=\"{link}\">` was removed")))
            .unwrap_or_else(|| panic!("no warning for {link}:\n{}", run.stderr));
        assert!(warning.contains(&place), "{warning}");
    }
    let page = site.page("de/impressum/");
    let hrefs = page.attrs(".prose a", "href");
    assert_eq!(hrefs, ["https://www.saarbruecken.de/"], "{}", page.text);
}

/// A control character in a front-matter text (a `\e` escape in quotes, or
/// pasted) reached the pages and the Atom feed, which XML forbids it in.
#[test]
fn a_control_character_in_a_value_is_an_error_at_its_place() {
    let (site, before) = built_site();
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\nsummary: \"Kurz\\e]0;pwned\\a\"\n---\nText.\n",
    );
    let run = build_fails(&site, &before);
    let found = block(&run, "`summary` holds the control character `\\u{1b}`");
    assert!(found.contains("--> content/impressum.md:3:10"), "{found}");
    assert!(
        !found.contains('\u{1b}'),
        "raw escape on the terminal: {found}"
    );
}

/// The same in a UI string, which every page and the feed show.
#[test]
fn a_control_character_in_a_ui_string_is_an_error_at_its_place() {
    let (site, before) = built_site();
    let path = site.path().join("i18n/fr.yaml");
    let strings = std::fs::read_to_string(&path).expect("UI strings");
    let line = strings.lines().count() + 1;
    site.write(
        "i18n/fr.yaml",
        &format!("{strings}extra_hint: \"Texte\\a\"\n"),
    );
    let run = build_fails(&site, &before);
    let found = block(&run, "`extra_hint` holds the control character `\\u{7}`");
    assert!(
        found.contains(&format!("--> i18n/fr.yaml:{line}:13")),
        "{found}"
    );
}

/// A GPX track (or KML, MathML, …) is served as `…+xml`, which browsers
/// render as an XML document that runs the script of XHTML elements: it
/// was published under `/files/` unchecked.
#[test]
fn xml_documents_of_every_type_are_refused() {
    let (site, before) = built_site();
    let xml = "<gpx xmlns=\"http://www.topografix.com/GPX/1/1\">\
               <script xmlns=\"http://www.w3.org/1999/xhtml\">alert(document.domain)</script></gpx>";
    site.write("content/touren/rad.gpx", xml)
        .write("content/karte.KML", xml)
        .write("content/formel.mml", xml);
    let run = build_fails(&site, &before);
    for path in [
        "content/touren/rad.gpx",
        "content/karte.KML",
        "content/formel.mml",
    ] {
        let found = block(
            &run,
            &format!("`{path}` is a document browsers run script in"),
        );
        assert!(found.contains(&format!("--> {path}")), "{found}");
    }
}

/// A text-direction override in a file name was published:
/// `rechnung\u{202e}fdp.exe` shows as `rechnungexe.pdf` in links and
/// download bars.
#[test]
fn a_file_name_with_a_direction_override_is_refused() {
    let (site, before) = built_site();
    site.write("content/rechnung\u{202e}fdp.exe", "MZ");
    let run = build_fails(&site, &before);
    let found = block(&run, "a text-direction control");
    assert!(
        found.contains("--> content/rechnung\\u{202e}fdp.exe"),
        "{found}"
    );
    assert!(
        !found.contains('\u{202e}'),
        "raw override on the terminal: {found}"
    );
}

/// A heading whose id is one the theme gives its own elements (`## Main`,
/// `{#toc-heading}`) put that id on the page twice: the table of contents
/// jumped to the theme's element and the footer's label named the heading.
#[test]
fn heading_ids_never_repeat_the_themes_ids() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/impressum.md",
        &format!(
            "{IMPRESSUM}## Main\n\nText.\n\n## Inhalt {{#toc-heading}}\n\nText.\n\n\
             ## Kontakt {{#footer-contact-heading}}\n\nText.\n"
        ),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("de/impressum/");
    let mut ids = page.attrs("[id]", "id");
    let all = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all, "an id appears twice: {ids:?}");
    let toc = page.attrs(".toc a", "href");
    for target in &toc {
        let id = target.trim_start_matches('#');
        let heading = page.attrs(&format!(".prose [id=\"{id}\"]"), "id");
        assert_eq!(
            heading.len(),
            1,
            "{target} does not lead to a heading of the text"
        );
    }
    assert!(toc.len() >= 3, "{toc:?}");
}

/// An explicit `{#id}` that an earlier heading (or the theme) already has
/// was given a suffix without a word: links to `#id` reached the other
/// heading. Now a warning at the heading says so; repeated headings without
/// an explicit id stay quiet.
#[test]
fn an_explicit_heading_id_that_is_taken_is_a_warning_at_its_heading() {
    let site = TestSite::fixture("minimal");
    site.write(
        "content/impressum.md",
        &format!(
            "{IMPRESSUM}## Eins {{#anschrift}}\n\nText.\n\n## Zwei {{#anschrift}}\n\nText.\n\n\
             ## Ziele\n\nText.\n\n## Ziele\n\nText.\n\n## Inhalt {{#toc-heading}}\n\nText.\n"
        ),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    common::assert_every_error_has_a_hint(&run);
    let warnings: Vec<&str> = run
        .stderr
        .split("\n\n")
        .filter(|b| b.starts_with("warning[broken-anchor]"))
        .collect();
    assert_eq!(warnings.len(), 2, "{}", run.stderr);
    let first_line = IMPRESSUM.lines().count() + 1;
    assert!(
        warnings[0].contains("the heading id `anschrift` is taken")
            && warnings[0].contains("gets `anschrift-2`")
            && warnings[0].contains(&format!("--> content/impressum.md:{}:1", first_line + 4)),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[1].contains("the heading id `toc-heading` is taken"),
        "{}",
        warnings[1]
    );
    let page = site.page("de/impressum/");
    assert_eq!(page.text("#anschrift"), "Eins");
    assert_eq!(page.text("#anschrift-2"), "Zwei");
}
