//! The image field of entries (docs/images.md § The image of a page):
//! `image:` in the original names a file of `content/`, which goes through
//! the same pipeline as an image in Markdown; every language's file gives
//! its alt text in `image_alt` (`-`: decorative, in every language or in
//! none). The page shows it below its header with its credit, cards show
//! it too, the credits page names the page; every mistake is an error at
//! its line, and a failed build leaves `public/` as it was.

mod common;

use common::{TestSite, build_fails, built_site, jpeg};

/// A plain SVG drawing.
const SVG: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>\n";

const CREDITS: &str =
    "author: Stadtverwaltung (Beispiel)\nlicence: CC BY 4.0\nsource: eigene Aufnahme\n";

/// The project's front matter lines besides title, goal and contact.
fn project(site: &TestSite, lang: &str, title: &str, extra: &str) {
    let suffix = if lang == "de" {
        String::new()
    } else {
        format!(".{lang}")
    };
    let neutral = if lang == "de" {
        "contact: buero\nguidelines: [eins]\nstatus: running\n"
    } else {
        ""
    };
    site.write(
        &format!("content/projekte/projekt{suffix}.md"),
        &format!("---\ntitle: {title}\ngoal: Ein Ziel.\n{neutral}{extra}---\nText.\n"),
    );
}

/// The minimal site whose project has `foto.jpg` with credits and the
/// front matter `de`, `fr`, `en` (a translation only where given).
fn site(de: &str, fr: Option<&str>, en: Option<&str>) -> TestSite {
    let site = TestSite::fixture("minimal");
    project(&site, "de", "Ein Projekt", de);
    if let Some(fr) = fr {
        project(&site, "fr", "Un projet", fr);
    }
    if let Some(en) = en {
        project(&site, "en", "A project", en);
    }
    site.write_bytes("content/projekte/foto.jpg", &jpeg(1000, 600));
    site.write("content/projekte/foto.jpg.yaml", CREDITS);
    site
}

fn described() -> TestSite {
    site(
        "image: foto.jpg\nimage_alt: \"Das Rathaus am Markt (Beispielbild)\"\n",
        Some("image_alt: \"L'hôtel de ville (image d'exemple)\"\n"),
        Some("image_alt: The town hall (example picture)\n"),
    )
}

#[test]
fn the_image_is_shown_on_its_page_in_every_language_with_its_alt_text_and_credit() {
    let site = described();
    site.build_clean();
    for (url, alt, credits) in [
        (
            "de/projekte/projekt/",
            "Das Rathaus am Markt (Beispielbild)",
            "/de/bildnachweis/",
        ),
        (
            "fr/projekte/projekt/",
            "L’hôtel de ville (image d’exemple)",
            "/fr/credits-photographiques/",
        ),
        (
            "en/projekte/projekt/",
            "The town hall (example picture)",
            "/en/image-credits/",
        ),
    ] {
        let page = site.page(url);
        let img = "article figure.page-image picture img";
        assert_eq!(page.attr(img, "alt"), alt, "{url}");
        assert_eq!(page.attr(img, "width"), "1000", "{url}");
        assert_eq!(page.attr(img, "height"), "600", "{url}");
        // At the top of the page: loaded at once, not lazily.
        assert!(page.attrs(img, "loading").is_empty(), "{url}");
        let webp = page.attr("figure.page-image picture source", "srcset");
        assert!(webp.contains(".webp 480w"), "{url}: {webp}");
        // Re-encoded variants, never the original file.
        let src = page.attr(img, "src");
        assert!(src.starts_with("/assets/img/"), "{url}: {src}");
        assert!(site.exists(src.trim_start_matches('/')), "{src}");
        assert_eq!(
            page.text("figure.page-image figcaption"),
            "Stadtverwaltung (Beispiel), CC BY 4.0"
        );
        let link = page.attr("figure.page-image figcaption a", "href");
        let (path, anchor) = link.split_once('#').expect("an anchor on the credits page");
        assert_eq!(path, credits, "{url}");
        let credit_page = site.page(path.trim_start_matches('/'));
        assert_eq!(
            credit_page
                .attrs(&format!("li[id=\"{anchor}\"]"), "id")
                .len(),
            1,
            "{link} leads to the image's entry"
        );
        // The credits page names the page that shows it.
        let shown_on = credit_page.attrs(&format!("li[id=\"{anchor}\"] dd a"), "href");
        assert!(
            shown_on.iter().any(|h| h.ends_with(&format!("/{url}"))),
            "{shown_on:?}"
        );
        // The section's card shows it too, lazily and at a card's size.
        let section = site.page(&url.replace("projekt/", ""));
        let card = ".card.card-has-image .card-image picture img";
        assert_eq!(section.attr(card, "alt"), alt, "{url}");
        assert_eq!(section.attr(card, "loading"), "lazy");
        assert!(section.attr(card, "sizes").contains("24rem"));
    }
}

#[test]
fn a_decorative_image_gets_an_empty_alt_in_every_language() {
    let site = site(
        "image: foto.jpg\nimage_alt: \"-\"\n",
        Some("image_alt: \"-\"\n"),
        None,
    );
    site.build_clean();
    for url in ["de/projekte/projekt/", "fr/projekte/projekt/"] {
        let page = site.page(url);
        assert_eq!(page.attr("figure.page-image img", "alt"), "", "{url}");
    }
    // English has no translation: the fallback shows the original's image.
    let page = site.page("en/projekte/projekt/");
    assert_eq!(page.attr("figure.page-image img", "alt"), "");
}

#[test]
fn a_fallback_page_shows_the_originals_image_and_alt_text_in_its_language() {
    let site = site(
        "image: foto.jpg\nimage_alt: Das Rathaus (Beispielbild)\n",
        None,
        None,
    );
    site.build_clean();
    let page = site.page("en/projekte/projekt/");
    assert_eq!(
        page.attr("figure.page-image img", "alt"),
        "Das Rathaus (Beispielbild)"
    );
    assert_eq!(page.attr("article.page", "lang"), "de");
}

#[test]
fn an_svg_is_shown_as_it_is() {
    let site = site(
        "image: plan.svg\nimage_alt: Ein Plan (Beispiel)\n",
        None,
        None,
    );
    site.write("content/projekte/plan.svg", SVG);
    site.write("content/projekte/plan.svg.yaml", CREDITS);
    site.build_clean();
    let page = site.page("de/projekte/projekt/");
    assert_eq!(
        page.attr("figure.page-image img", "src"),
        "/files/projekte/plan.svg"
    );
    assert!(site.exists("files/projekte/plan.svg"));
    assert_eq!(
        page.attr("figure.page-image img", "alt"),
        "Ein Plan (Beispiel)"
    );
}

#[test]
fn pages_without_an_image_are_unchanged() {
    let site = site("", None, None);
    site.build_clean();
    let page = site.page("de/projekte/projekt/");
    assert!(page.attrs("figure", "class").is_empty());
    assert!(page.attrs(".card-has-image", "class").is_empty());
}

/// The minimal site built, then the project's front matter and
/// translations replaced: the build must fail with `public/` unchanged.
fn fails(de: &str, fr: Option<&str>, files: &[(&str, &[u8])]) -> String {
    let (site, before) = built_site();
    site.write_bytes("content/projekte/foto.jpg", &jpeg(200, 100));
    site.write("content/projekte/foto.jpg.yaml", CREDITS);
    for (rel, bytes) in files {
        site.write_bytes(rel, bytes);
    }
    project(&site, "de", "Ein Projekt", de);
    if let Some(fr) = fr {
        project(&site, "fr", "Un projet", fr);
    }
    build_fails(&site, &before).stderr
}

#[test]
fn a_missing_alt_text_is_an_error_at_the_file_that_lacks_it() {
    // In the original: at the `image:` line (line 7 of the file).
    let err = fails("image: foto.jpg\n", None, &[]);
    assert!(
        err.contains("error[missing-alt]: the page's image has no alt text in de"),
        "{err}"
    );
    assert!(err.contains("content/projekte/projekt.md:7:8"), "{err}");
    // In a translation: in that file, naming the field to add.
    let err = fails(
        "image: foto.jpg\nimage_alt: Ein Bild (Beispiel)\n",
        Some(""),
        &[],
    );
    assert!(
        err.contains("error[missing-alt]: the page's image has no alt text in fr"),
        "{err}"
    );
    assert!(err.contains("content/projekte/projekt.fr.md:1"), "{err}");
    assert!(err.contains("add `image_alt: \"…\"`"), "{err}");
    // Empty or blank is no alt text either.
    for blank in ["\"\"", "\"   \""] {
        let err = fails(&format!("image: foto.jpg\nimage_alt: {blank}\n"), None, &[]);
        assert!(err.contains("content/projekte/projekt.md:"), "{err}");
        assert!(err.contains("image_alt"), "{err}");
    }
}

#[test]
fn an_alt_text_without_an_image_and_a_decorative_mismatch_are_errors() {
    let err = fails("image_alt: Ein Bild\n", None, &[]);
    assert!(err.contains("`image_alt` describes no image"), "{err}");
    assert!(err.contains("content/projekte/projekt.md:7:1"), "{err}");
    let err = fails("", Some("image_alt: Une image\n"), &[]);
    assert!(err.contains("`image_alt` describes no image"), "{err}");
    assert!(err.contains("content/projekte/projekt.fr.md:4:1"), "{err}");
    assert!(err.contains("content/projekte/projekt.md"), "{err}");
    let err = fails(
        "image: foto.jpg\nimage_alt: \"-\"\n",
        Some("image_alt: Une image (exemple)\n"),
        &[],
    );
    assert!(
        err.contains(
            "this file describes the image, `content/projekte/projekt.md` marks it as decorative"
        ),
        "{err}"
    );
    assert!(err.contains("content/projekte/projekt.fr.md:4:"), "{err}");
}

#[test]
fn the_image_field_in_a_translation_is_refused() {
    let err = fails(
        "image: foto.jpg\nimage_alt: Ein Bild (Beispiel)\n",
        Some("image: foto.jpg\nimage_alt: Une image (exemple)\n"),
        &[],
    );
    assert!(err.contains("content/projekte/projekt.fr.md:4:1"), "{err}");
}

#[test]
fn an_image_that_is_not_a_file_of_the_site_is_refused_at_its_line() {
    let alt = "image_alt: Ein Bild (Beispiel)\n";
    for (value, message) in [
        (
            "fotto.jpg",
            "the image `fotto.jpg` leads to `content/projekte/fotto.jpg`, which does not exist",
        ),
        ("https://example.org/foto.jpg", "is on another host"),
        ("//example.org/foto.jpg", "is on another host"),
        ("data:image/png;base64,AAAA", "is on another host"),
        ("../../../etc/passwd", "points outside content/"),
        ("/../foto.jpg", "points outside content/"),
        ("foto.jpg?v=2", "has a query"),
        ("foto.jpg#oben", "has a `#oben`"),
        (
            "../impressum.md",
            "`image` names the page `../impressum.md`, not an image",
        ),
        ("../leitlinien/", "not an image"),
        ("#ziel", "not an image"),
        (
            "flyer.pdf",
            "`content/projekte/flyer.pdf` is not an image konzept publishes",
        ),
        ("kaputt.jpg", "`content/projekte/kaputt.jpg` is"),
        ("foto%2Fx.jpg", "hides a `/`"),
    ] {
        let files: &[(&str, &[u8])] = match value {
            "flyer.pdf" => &[("content/projekte/flyer.pdf", b"%PDF-1.4\n")],
            "kaputt.jpg" => &[("content/projekte/kaputt.jpg", b"not a jpeg at all")],
            _ => &[],
        };
        let err = fails(&format!("image: \"{value}\"\n{alt}"), None, files);
        assert!(err.contains(message), "{value}: {err}");
        assert!(
            err.contains("content/projekte/projekt.md:7:"),
            "{value}: not at the image line:\n{err}"
        );
    }
    // A near miss gets the file it probably means.
    let err = fails(&format!("image: fotto.jpg\n{alt}"), None, &[]);
    assert!(
        err.contains("did you mean `content/projekte/foto.jpg`"),
        "{err}"
    );
}

#[test]
fn an_image_without_credits_is_a_warning_at_the_image_line() {
    let site = site(
        "image: foto.jpg\nimage_alt: Ein Bild (Beispiel)\n",
        None,
        None,
    );
    site.remove("content/projekte/foto.jpg.yaml");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning[image-credits]: the image `content/projekte/foto.jpg` has no credits"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/projekte/projekt.md:7:8"),
        "{}",
        run.stderr
    );
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
}

#[test]
fn markup_in_the_alt_text_stays_text() {
    let hostile = "Ein Bild\\\"><script>alert(1)</script><img src=x onerror=alert(2)>";
    let site = site(
        &format!("image: foto.jpg\nimage_alt: \"{hostile}\"\n"),
        None,
        None,
    );
    site.build_clean();
    for url in ["de/projekte/projekt/", "de/projekte/"] {
        let page = site.page(url);
        assert!(page.attrs("script", "src").is_empty(), "{url}");
        assert!(page.texts("body script").is_empty(), "{url}");
        let alts = page.attrs("picture img", "alt");
        assert_eq!(
            alts,
            ["Ein Bild“><script>alert(1)</script><img src=x onerror=alert(2)>"],
            "{url}"
        );
        assert!(page.attrs("img[onerror]", "src").is_empty(), "{url}");
    }
}

#[test]
fn an_svg_has_credits_like_any_image_and_its_credits_file_is_not_published() {
    let site = site(
        "image: plan.svg\nimage_alt: Ein Plan (Beispiel)\n",
        None,
        None,
    );
    site.write("content/projekte/plan.svg", SVG);
    site.write("content/projekte/plan.svg.yaml", CREDITS);
    site.build_clean();
    assert!(!site.exists("files/projekte/plan.svg.yaml"));
    let page = site.page("de/projekte/projekt/");
    assert_eq!(
        page.text("figure.page-image figcaption"),
        "Stadtverwaltung (Beispiel), CC BY 4.0"
    );
    let link = page.attr("figure.page-image figcaption a", "href");
    let (path, anchor) = link.split_once('#').expect("an anchor");
    let credits = site.page(path.trim_start_matches('/'));
    let item = format!("li[id=\"{anchor}\"]");
    assert_eq!(
        credits.attr(&format!("{item} img"), "src"),
        "/files/projekte/plan.svg"
    );
    assert!(
        credits
            .attrs(&format!("{item} dd a"), "href")
            .iter()
            .any(|h| h.ends_with("/de/projekte/projekt/"))
    );
    // Without its credits file: the warning at the image line.
    site.remove("content/projekte/plan.svg.yaml");
    let run = site.build();
    assert!(
        run.stderr.contains(
            "warning[image-credits]: the image `content/projekte/plan.svg` has no credits"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/projekte/projekt.md:7:8"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_image_file_name_with_a_space_gets_a_valid_credits_anchor() {
    let site = site(
        "image: mein foto.jpg\nimage_alt: Ein Bild (Beispiel)\n",
        None,
        None,
    );
    site.write_bytes("content/projekte/mein foto.jpg", &jpeg(300, 200));
    site.write("content/projekte/mein foto.jpg.yaml", CREDITS);
    site.build_clean();
    let page = site.page("de/projekte/projekt/");
    let link = page.attr("figure.page-image figcaption a", "href");
    let (path, anchor) = link.split_once('#').expect("an anchor");
    assert!(!anchor.contains(' ') && !anchor.contains("%20"), "{anchor}");
    let credits = site.page(path.trim_start_matches('/'));
    assert_eq!(
        credits.attrs(&format!("li[id=\"{anchor}\"]"), "id").len(),
        1
    );
}

#[test]
fn the_decorative_choice_is_held_to_the_first_file_that_makes_one() {
    // The original lacks its alt text; French and English disagree: both
    // mistakes in one run.
    let err = fails(
        "image: foto.jpg\n",
        Some("image_alt: \"-\"\n"),
        &[(
            "content/projekte/projekt.en.md",
            b"---\ntitle: A project\ngoal: A goal.\nimage_alt: A picture (example)\n---\nText.\n",
        )],
    );
    assert!(err.contains("no alt text in de"), "{err}");
    assert!(
        err.contains(
            "this file describes the image, `content/projekte/projekt.fr.md` marks it as decorative"
        ),
        "{err}"
    );
}
