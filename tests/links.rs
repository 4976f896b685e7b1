//! Link and image destinations, read as CommonMark defines them and
//! resolved by konzept (issue 15, "every link resolves or fails").
//!
//! The positive cases are written from the rules of the CommonMark spec
//! sections "Links", "Images", "Autolinks", "Link reference definitions",
//! "Backslash escapes" and "Entity and numeric character references": one
//! link per destination form, each to a file the fixture has. The page
//! holding them is built as a top-level page, its French translation, a
//! section entry and an English fallback rendering; with the root base, a
//! `--base-url` with a path prefix and `--relative`. From the parsed HTML,
//! each `href`/`src` must equal the expected URL, and resolving it the
//! way a browser does (the `url` crate, WHATWG) must reach a file that
//! exists in `public/` at the percent-decoded path.
//!
//! The negative cases put every form that leads nowhere into every kind of
//! page at once: each must be an error at its own `file:line:col`.

mod common;

use common::{Page, Run, TestSite};
use scraper::Selector;

/// Files the destinations lead to, besides the fixture's `flyer.pdf` and
/// `plakat.png` (written here: the names are the point of the test).
const ASSETS: &[&str] = &[
    "mein flyer.pdf",
    "mein plakat.png",
    "plan(2).pdf",
    "a&b.pdf",
    "a_b.pdf",
    "Übersicht.pdf",
    "100%.pdf",
];

/// What a destination must become.
#[derive(Clone, Copy)]
enum Want {
    /// A file of the site, as the URL path below the base (encoded);
    /// `{lang}` is the reader's language.
    Site(&'static str),
    /// Exactly this `href` (another site, `mailto:`, `tel:`, or `#…`).
    Exact(&'static str),
    /// An image of `content/` of this width: its `src` is its variant
    /// (`assets/img/<hash>-<width>.jpg`: opaque, so a JPEG; docs/images.md).
    Image(u32),
}

/// A PNG `width` pixels wide, one high.
fn png(width: u32) -> Vec<u8> {
    let img = image::RgbImage::from_pixel(width, 1, image::Rgb([32, 64, 128]));
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("encode png");
    out
}

/// One destination form: the text (or image `alt`) that finds the
/// element, the Markdown (`{up}` is `../` in a section entry), and the
/// expected URL.
struct Case {
    text: &'static str,
    markdown: &'static str,
    want: Want,
}

const fn case(text: &'static str, markdown: &'static str, want: Want) -> Case {
    Case {
        text,
        markdown,
        want,
    }
}

use Want::{Exact, Image, Site};

/// Every destination form, one per line of the page.
const CASES: &[Case] = &[
    // Inline links: plain, in `<…>` with a space, percent-encoded.
    case("c01", "[c01]({up}flyer.pdf)", Site("files/flyer.pdf")),
    case(
        "c02",
        "[c02](<{up}mein flyer.pdf>)",
        Site("files/mein%20flyer.pdf"),
    ),
    case(
        "c03",
        "[c03]({up}mein%20flyer.pdf)",
        Site("files/mein%20flyer.pdf"),
    ),
    // Balanced parentheses, escaped ones, and parentheses inside `<…>`.
    case(
        "c04",
        "[c04]({up}plan(2).pdf)",
        Site("files/plan%282%29.pdf"),
    ),
    case(
        "c05",
        r"[c05]({up}plan\(2\).pdf)",
        Site("files/plan%282%29.pdf"),
    ),
    case(
        "c06",
        "[c06](<{up}plan(2).pdf>)",
        Site("files/plan%282%29.pdf"),
    ),
    // Entity and numeric character references (decimal, hexadecimal).
    case("c07", "[c07]({up}a&amp;b.pdf)", Site("files/a%26b.pdf")),
    case(
        "c08",
        "[c08]({up}&#97;&#x26;b.pdf)",
        Site("files/a%26b.pdf"),
    ),
    case(
        "c09",
        "[c09]({up}&Uuml;bersicht.pdf)",
        Site("files/%C3%9Cbersicht.pdf"),
    ),
    // A backslash escape of punctuation.
    case("c10", r"[c10]({up}a\_b.pdf)", Site("files/a_b.pdf")),
    // Non-ASCII: composed, decomposed (NFD), encoded in either case.
    case(
        "c11",
        "[c11]({up}Übersicht.pdf)",
        Site("files/%C3%9Cbersicht.pdf"),
    ),
    case(
        "c12",
        "[c12]({up}U\u{308}bersicht.pdf)",
        Site("files/%C3%9Cbersicht.pdf"),
    ),
    case(
        "c13",
        "[c13]({up}%C3%9Cbersicht.pdf)",
        Site("files/%C3%9Cbersicht.pdf"),
    ),
    case(
        "c14",
        "[c14]({up}%c3%9cbersicht.pdf)",
        Site("files/%C3%9Cbersicht.pdf"),
    ),
    // A `%` that starts no escape is a `%`; `%25` is one too.
    case("c15", "[c15]({up}100%.pdf)", Site("files/100%25.pdf")),
    case("c16", "[c16]({up}100%25.pdf)", Site("files/100%25.pdf")),
    // Titles in all three quotings, and spaces around the destination.
    case(
        "c17",
        r#"[c17]({up}flyer.pdf "Titel")"#,
        Site("files/flyer.pdf"),
    ),
    case(
        "c18",
        "[c18]({up}flyer.pdf 'Titel')",
        Site("files/flyer.pdf"),
    ),
    case(
        "c19",
        "[c19]({up}flyer.pdf (Titel))",
        Site("files/flyer.pdf"),
    ),
    case("c20", "[c20](  {up}flyer.pdf  )", Site("files/flyer.pdf")),
    // A fragment on a file is kept; a path from content/'s root; `./`.
    case(
        "c21",
        "[c21]({up}flyer.pdf#page=2)",
        Site("files/flyer.pdf#page=2"),
    ),
    case("c22", "[c22](/flyer.pdf)", Site("files/flyer.pdf")),
    case("c23", "[c23](./{up}flyer.pdf)", Site("files/flyer.pdf")),
    // Pages, directories, anchors (one percent-encoded), the home page.
    case(
        "p01",
        "[p01]({up}leitlinien/eins.md)",
        Site("{lang}/leitlinien/eins/"),
    ),
    case(
        "p02",
        "[p02]({up}leitlinien/eins.md#ziele)",
        Site("{lang}/leitlinien/eins/#ziele"),
    ),
    case("p03", "[p03]({up}leitlinien/)", Site("{lang}/leitlinien/")),
    case(
        "p04",
        "[p04]({up}leitlinien/eins.md#zi%65le)",
        Site("{lang}/leitlinien/eins/#ziele"),
    ),
    case("p05", "[p05](/impressum.md)", Site("{lang}/impressum/")),
    case("p06", "[p06](/)", Site("{lang}/")),
    case("p07", "[p07](#abschnitt)", Exact("#abschnitt")),
    case("p08", "[p08](#)", Exact("#")),
    // Reference links: full, case-insensitive label, collapsed, shortcut,
    // definitions with `<…>`, titles and line breaks.
    case("r01", "[r01][flyer]", Site("files/flyer.pdf")),
    case("r02", "[r02][MEIN  Flyer]", Site("files/mein%20flyer.pdf")),
    case("r03", "[r03][]", Site("files/plan%282%29.pdf")),
    case("r04", "[r04]", Site("files/a%26b.pdf")),
    case("r05", "[r05][eins]", Site("{lang}/leitlinien/eins/#ziele")),
    // Images: inline, `<…>`, reference, with a title, inside a link.
    case("i01", "![i01]({up}plakat.png)", Image(3)),
    case("i02", "![i02](<{up}mein plakat.png>)", Image(5)),
    case("i03", "![i03][plakat]", Image(3)),
    case("i04", r#"![i04]({up}mein%20plakat.png "Titel")"#, Image(5)),
    case("i05", "[![i05]({up}plakat.png)]({up}flyer.pdf)", Image(3)),
    // Autolinks: URI (a backslash is no escape there), e-mail, and other
    // schemes; `mailto:` and `tel:` links.
    case(
        "https://example.org/a?b=c&d",
        "<https://example.org/a?b=c&d>",
        Exact("https://example.org/a?b=c&d"),
    ),
    case(
        r"https://example.org/a\b",
        r"<https://example.org/a\b>",
        Exact("https://example.org/a%5Cb"),
    ),
    case(
        "zib@saarbruecken.de",
        "<zib@saarbruecken.de>",
        Exact("mailto:zib@saarbruecken.de"),
    ),
    case(
        "a.b+c@example.org",
        "<a.b+c@example.org>",
        Exact("mailto:a.b+c@example.org"),
    ),
    case(
        "MAILTO:zib@saarbruecken.de",
        "<MAILTO:zib@saarbruecken.de>",
        Exact("MAILTO:zib@saarbruecken.de"),
    ),
    case(
        "irc://example.org/kanal",
        "<irc://example.org/kanal>",
        Exact("irc://example.org/kanal"),
    ),
    case(
        "m01",
        "[m01](mailto:zib@saarbruecken.de?subject=Frage)",
        Exact("mailto:zib@saarbruecken.de?subject=Frage"),
    ),
    case("t01", "[t01](tel:+49681905)", Exact("tel:+49681905")),
    case("x01", "[x01](//example.org/x)", Exact("//example.org/x")),
];

/// The reference definitions the `r…` and `i03` cases use.
const DEFINITIONS: &str = "[flyer]: {up}flyer.pdf\n\
[mein flyer]: <{up}mein flyer.pdf> \"Titel\"\n\
[r03]: {up}plan(2).pdf\n\
[r04]:\n  {up}a&amp;b.pdf\n  'Titel'\n\
[eins]: {up}leitlinien/eins.md#ziele\n\
[plakat]: {up}plakat.png\n";

/// The conformance page's body, with `{up}` for its depth.
fn body(up: &str) -> String {
    let mut text = String::from("Alle Formen.\n\n## Abschnitt\n\n");
    for case in CASES {
        text.push_str(&case.markdown.replace("{up}", up));
        text.push_str("\n\n");
    }
    text.push_str(&DEFINITIONS.replace("{up}", up));
    text
}

/// The fixture with the named files and the conformance page as a
/// top-level page (with a French translation) and a section entry.
fn conformance_site() -> TestSite {
    let site = TestSite::fixture("links");
    for name in ASSETS {
        site.write(&format!("content/{name}"), "Datei\n");
    }
    // Images are decoded: `mein plakat.png` is a real PNG, 5 pixels wide
    // (the fixture's `plakat.png` is 3), so each variant tells its file.
    site.write_bytes("content/mein plakat.png", &png(5));
    site.write(
        "content/konform.md",
        &format!("---\ntitle: Konform\n---\n{}", body("")),
    );
    site.write(
        "content/konform.fr.md",
        &format!("---\ntitle: Conforme\n---\n{}", body("")),
    );
    site.write(
        "content/aktuelles/konform.md",
        &format!("---\ntitle: Im Bereich\n---\n{}", body("../")),
    );
    site
}

/// The pages that hold the cases: output path and reader language. The
/// English ones are fallback renderings of the German originals.
const PAGES: &[(&str, &str)] = &[
    ("de/konform/index.html", "de"),
    ("fr/konform/index.html", "fr"),
    ("en/konform/index.html", "en"),
    ("de/aktuelles/konform/index.html", "de"),
    ("en/aktuelles/konform/index.html", "en"),
];

/// The `href` (or `src` for an image) of the element a case is found by.
fn url_of(page: &Page, text: &str) -> String {
    let img = Selector::parse("main img").expect("selector");
    if let Some(e) = page
        .html
        .select(&img)
        .find(|e| e.value().attr("alt") == Some(text))
    {
        return e.value().attr("src").unwrap_or_default().to_owned();
    }
    let a = Selector::parse("main a").expect("selector");
    let found: Vec<_> = page
        .html
        .select(&a)
        .filter(|e| e.text().collect::<String>() == text)
        .collect();
    assert_eq!(found.len(), 1, "expected one link `{text}` in the page");
    found[0].value().attr("href").unwrap_or_default().to_owned()
}

/// Decodes `%XX` (for the test's own resolution, independent of konzept's).
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 3 <= bytes.len()
            && let Ok(b) = u8::from_str_radix(&text[i + 1..i + 3], 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).expect("UTF-8 after decoding")
}

/// Follows `href` from the page at `from` the way a browser does, with the
/// site published at `origin` + `prefix`, and asserts that it reaches a
/// file in `public/` and, for a page, an element with the fragment's id.
fn assert_reaches(site: &TestSite, origin: &str, prefix: &str, from: &str, href: &str) {
    let base = url::Url::parse(&format!("{origin}{prefix}{from}")).expect("page URL");
    let target = base.join(href).expect("href is a valid URL");
    let path = target
        .path()
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("`{href}` on {from} leaves the site: {target}"));
    let mut file = decode(path);
    if file.is_empty() || file.ends_with('/') {
        file.push_str("index.html");
    }
    assert!(
        site.exists(&file),
        "`{href}` on {from} reaches no file: public/{file}"
    );
    let fragment = target.fragment().map(decode).unwrap_or_default();
    if file.ends_with(".html") && !fragment.is_empty() {
        let page = site.page(&file);
        let sel = Selector::parse("[id]").expect("selector");
        assert!(
            page.html
                .select(&sel)
                .any(|e| e.value().attr("id") == Some(fragment.as_str())),
            "`{href}` on {from}: public/{file} has no id `{fragment}`"
        );
    }
}

/// Checks every case on every page of a build published under `prefix`
/// (`relative`: links are relative to the page).
fn check_cases(site: &TestSite, prefix: &str, relative: bool) {
    for (from, lang) in PAGES {
        let page = site.page(from);
        for case in CASES {
            let href = url_of(&page, case.text);
            match case.want {
                Exact(want) => assert_eq!(href, want, "{} on {from}", case.markdown),
                Image(width) => assert!(
                    href.contains("assets/img/") && href.ends_with(&format!("-{width}.jpg")),
                    "{} on {from}: {href}",
                    case.markdown
                ),
                Site(path) if !relative => {
                    let want = format!("{prefix}{}", path.replace("{lang}", lang));
                    assert_eq!(href, want, "{} on {from}", case.markdown);
                }
                Site(_) => assert!(
                    !href.starts_with('/') && !href.contains("://"),
                    "`{href}` ({}) on {from} is not relative",
                    case.markdown
                ),
            }
            if !href.contains(':') && !href.starts_with("//") {
                assert_reaches(site, "https://example.org", prefix, from, &href);
            }
        }
    }
}

fn built(site: &TestSite, args: &[&str]) -> Run {
    let run = site.run(args);
    assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

#[test]
fn every_destination_form_reaches_the_written_file() {
    let site = conformance_site();
    built(&site, &["build"]);
    check_cases(&site, "/", false);
}

#[test]
fn destinations_reach_their_files_below_a_path_prefix() {
    let site = conformance_site();
    built(
        &site,
        &["build", "--base-url", "https://example.org/prefix/"],
    );
    check_cases(&site, "/prefix/", false);
}

#[test]
fn destinations_reach_their_files_in_a_relative_build() {
    let site = conformance_site();
    built(&site, &["build", "--relative"]);
    check_cases(&site, "/", true);
}

#[test]
fn a_file_named_in_nfd_on_disk_is_reached_from_a_composed_link() {
    let site = TestSite::fixture("links");
    site.write("content/U\u{308}bersicht.pdf", "Datei\n");
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\n---\n[nfc](Übersicht.pdf) [enc](%C3%9Cbersicht.pdf)\n",
    );
    built(&site, &["build"]);
    let page = site.page("de/impressum/");
    for text in ["nfc", "enc"] {
        let href = url_of(&page, text);
        assert_eq!(href, "/files/U%CC%88bersicht.pdf");
        assert_reaches(
            &site,
            "https://example.org",
            "/",
            "de/impressum/index.html",
            &href,
        );
    }
}

#[test]
fn check_finds_no_broken_output_link_in_encoded_hrefs() {
    let site = conformance_site();
    for args in [
        &["check"][..],
        &["check", "--base-url", "https://example.org/prefix/"],
    ] {
        let run = site.run(args);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert!(
            !run.stderr.contains("broken-output-link"),
            "false positives with {args:?}:\n{}",
            run.stderr
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
    }
}

/// A destination that leads nowhere: the page it is in, the Markdown, a
/// part of the message, and a part of the hint.
struct Broken {
    file: &'static str,
    markdown: &'static str,
    message: &'static str,
    help: &'static str,
}

const fn broken(
    file: &'static str,
    markdown: &'static str,
    message: &'static str,
    help: &'static str,
) -> Broken {
    Broken {
        file,
        markdown,
        message,
        help,
    }
}

const TOP: &str = "content/impressum.md";

/// Every way to lead nowhere, in every kind of page.
const BROKEN: &[Broken] = &[
    broken(
        TOP,
        "[Flyer](gibt-es-nicht.pdf)",
        "`content/gibt-es-nicht.pdf`, which does not exist",
        "link to an existing file",
    ),
    broken(
        TOP,
        "[Flyer](Flyer.pdf)",
        "`content/Flyer.pdf`, which does not exist",
        "did you mean `content/flyer.pdf`?",
    ),
    broken(
        "content/_index.md",
        "![Plakat](plakat.pgn)",
        "`content/plakat.pgn`, which does not exist",
        "did you mean `content/plakat.png`?",
    ),
    broken(
        "content/_index.fr.md",
        "![Affiche](<mein plakat.png>)",
        "`content/mein plakat.png`, which does not exist",
        "link to an existing file",
    ),
    broken(
        "content/aktuelles/_index.md",
        "[Impressum](../impresum.md)",
        "`content/impresum.md`, which does not exist",
        "did you mean `content/impressum.md`?",
    ),
    broken(
        "content/leitlinien/eins.md",
        "[Ziele](#zeile)",
        "`#zeile` is not a heading in this page",
        "did you mean `#ziele`?",
    ),
    broken(
        "content/leitlinien/eins.fr.md",
        "[x](../impressum.md#nirgends)",
        "`#nirgends` is not a heading in content/impressum.fr.md",
        "has no headings",
    ),
    broken(
        TOP,
        "[x](leitlinien/eins.md#zeile)",
        "`#zeile` is not a heading in content/leitlinien/eins.md",
        "did you mean `#ziele`?",
    ),
    broken(
        "content/impressum.fr.md",
        "[x](../flyer.pdf)",
        "points outside content/",
        "inside content/",
    ),
    broken(
        TOP,
        "[x](%2e%2e/flyer.pdf)",
        "points outside content/",
        "inside content/",
    ),
    broken(TOP, "[x](a%2Fb.pdf)", "hides a `/`", "plain `/`"),
    broken(TOP, "[x](a%00.pdf)", "control character", "by its name"),
    broken(TOP, "[x](%FF.pdf)", "not UTF-8", "UTF-8"),
    broken(TOP, r"[x](..\flyer.pdf)", "has a `\\`", "with `/`"),
    broken(
        TOP,
        "[x](flyer.pdf?v=2)",
        "has a query `?v=2`",
        "remove `?v=2`",
    ),
    broken(
        TOP,
        "[x]()",
        "has no destination",
        "between the parentheses",
    ),
    broken(
        TOP,
        "[x](<>)",
        "has no destination",
        "between the parentheses",
    ),
    broken(
        TOP,
        "[x](leitlinien/zwei.md)",
        "`content/leitlinien/zwei.md`, which does not exist",
        "did you mean `content/leitlinien/eins.md`?",
    ),
    broken(
        TOP,
        "[x](www.example.org)",
        "which does not exist",
        "`https://www.example.org`",
    ),
    broken(
        TOP,
        "[x][kaputt]",
        "`content/fehlt.pdf`, which does not exist",
        "did you mean `content/flyer.pdf`?",
    ),
    broken(
        TOP,
        "[x](mailto:bitte-eintragen)",
        "`bitte-eintragen` is not an e-mail address",
        "write the whole address",
    ),
    broken(
        TOP,
        "[x](mailto:)",
        "names no e-mail address",
        "write the whole address",
    ),
    broken(
        TOP,
        "<mailto:zib@@saarbruecken.de>",
        "is not an e-mail address",
        "write the whole address",
    ),
    broken(
        "content/aktuelles/_index.md",
        "![Leitlinie](../leitlinien/eins.md)",
        "is a page, not a picture",
        "without `!`",
    ),
    broken(
        TOP,
        "![Start](#)",
        "is a page, not a picture",
        "without `!`",
    ),
    broken(
        TOP,
        "[x](zib@saarbruecken.de)",
        "`content/zib@saarbruecken.de`, which does not exist",
        "`<zib@saarbruecken.de>` or `mailto:zib@saarbruecken.de`",
    ),
    broken(
        TOP,
        r"[x](C:\Users\zib\flyer.pdf)",
        "a file on this computer",
        "copy the file into content/",
    ),
    broken(
        TOP,
        "[x](file:///home/zib/flyer.pdf)",
        "a file on this computer",
        "copy the file into content/",
    ),
];

/// `file:line:col` of the first occurrence of `needle` in `text`.
fn place(file: &str, text: &str, needle: &str) -> String {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in {file}"));
    let line = text[..at].matches('\n').count() + 1;
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let col = text[start..at].chars().count() + 1;
    format!("{file}:{line}:{col}")
}

#[test]
fn every_destination_that_leads_nowhere_is_an_error_at_its_place() {
    let site = TestSite::fixture("links");
    built(&site, &["build"]);
    let before = site.public_tree();
    let mut texts: std::collections::BTreeMap<&str, String> = std::collections::BTreeMap::new();
    for b in BROKEN {
        let text = texts.entry(b.file).or_insert_with(|| {
            std::fs::read_to_string(site.path().join(b.file)).expect("fixture file")
        });
        text.push_str(&format!("\n{}\n", b.markdown));
    }
    texts
        .get_mut(TOP)
        .expect("top-level page")
        .push_str("\n[kaputt]: fehlt.pdf\n");
    for (file, text) in &texts {
        site.write(file, text);
    }
    let run = site.build();
    assert_eq!(run.code, 1, "expected content errors:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(
        site.public_tree() == before,
        "a failed build changed public/"
    );
    let blocks: Vec<&str> = run
        .stderr
        .split("\n\n")
        .filter(|b| b.starts_with("error["))
        .collect();
    for b in BROKEN {
        let at = place(b.file, &texts[b.file], b.markdown);
        let block = blocks
            .iter()
            .find(|block| block.contains(&format!("--> {at}\n")))
            .unwrap_or_else(|| panic!("no error at {at} for `{}`:\n{}", b.markdown, run.stderr));
        assert!(
            block.contains(b.message),
            "`{}`: expected `{}` in\n{block}",
            b.markdown,
            b.message
        );
        let help = block.split("= help: ").nth(1).unwrap_or_default();
        assert!(
            help.contains(b.help),
            "`{}`: expected hint `{}` in\n{block}",
            b.markdown,
            b.help
        );
    }
    assert_eq!(
        blocks.len(),
        BROKEN.len(),
        "one error per link:\n{}",
        run.stderr
    );
}

#[test]
fn check_reports_the_same_links_without_writing() {
    let site = TestSite::fixture("links");
    site.write(
        "content/impressum.md",
        "---\ntitle: Impressum\n---\n[Flyer](gibt-es-nicht.pdf) ![Plakat](plakat.png)\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("--> content/impressum.md:4:1"),
        "{}",
        run.stderr
    );
    assert!(!site.exists(""), "check wrote public/");
}
