//! The image pipeline (docs/images.md): images in Markdown become a
//! `<picture>` with WebP and JPEG/PNG variants that exist and decode at
//! their sizes, with width and height; no metadata reaches the output;
//! an unchanged image is not encoded again; alt text is required (`-`
//! marks a decorative image); every image has credits on the credits page;
//! every problem is reported at the line that names the image.

mod common;

use std::io::Cursor;

use common::{TestSite, jpeg};

const PAGE: &str = "content/projekte/projekt.md";

const CREDITS: &str =
    "author: Stadtverwaltung (Beispiel)\nlicence: CC BY 4.0\nsource: eigene Aufnahme\n";

/// A `width` × `height` PNG, half transparent.
fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbaImage::from_fn(width, height, |x, _| {
        image::Rgba([200, 10, 10, (x % 2 * 255) as u8])
    });
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("encode png");
    out
}

/// The GPS position written into the test photo's EXIF.
const POSITION: &[u8] = b"49.2354 N 6.9969 E";

/// `jpeg` with an EXIF segment (APP1) after its start: orientation 6
/// (turn 90° clockwise to show) and a GPS block naming [`POSITION`], as a
/// phone writes them.
fn with_exif(jpeg: &[u8]) -> Vec<u8> {
    // TIFF, little-endian: IFD0 at 8 with two entries, the GPS IFD after it.
    let mut tiff: Vec<u8> = b"II*\0".to_vec();
    tiff.extend(8u32.to_le_bytes());
    let gps_ifd = 8 + 2 + 2 * 12 + 4;
    tiff.extend(2u16.to_le_bytes());
    // Orientation, SHORT, 1, value 6.
    tiff.extend(0x0112u16.to_le_bytes());
    tiff.extend(3u16.to_le_bytes());
    tiff.extend(1u32.to_le_bytes());
    tiff.extend([6, 0, 0, 0]);
    // GPSInfo IFD pointer, LONG.
    tiff.extend(0x8825u16.to_le_bytes());
    tiff.extend(4u16.to_le_bytes());
    tiff.extend(1u32.to_le_bytes());
    tiff.extend((gps_ifd as u32).to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    // GPS IFD: one ASCII entry pointing at the position text after it.
    let text_at = gps_ifd + 2 + 12 + 4;
    tiff.extend(1u16.to_le_bytes());
    tiff.extend(0x001Bu16.to_le_bytes());
    tiff.extend(2u16.to_le_bytes());
    tiff.extend((POSITION.len() as u32 + 1).to_le_bytes());
    tiff.extend((text_at as u32).to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    tiff.extend(POSITION);
    tiff.push(0);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, 0xE1]);
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&jpeg[2..]);
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The minimal site whose project page's body is `body`, with `files`.
fn site(body: &str, files: &[(&str, Vec<u8>)]) -> TestSite {
    let site = TestSite::fixture("minimal");
    site.write(
        PAGE,
        &format!(
            "---\ntitle: Ein Projekt\ngoal: Ein Ziel.\ncontact: buero\nguidelines: [eins]\nstatus: running\n---\n{body}\n"
        ),
    );
    for (rel, bytes) in files {
        site.write_bytes(rel, bytes);
    }
    site
}

fn decoded(site: &TestSite, rel: &str) -> image::DynamicImage {
    let bytes = std::fs::read(site.path().join("public").join(rel))
        .unwrap_or_else(|e| panic!("no {rel}: {e}"));
    image::load_from_memory(&bytes).unwrap_or_else(|e| panic!("{rel} does not decode: {e}"))
}

/// `/a/b.webp 480w, …` → [("a/b.webp", 480), …].
fn srcset(value: &str) -> Vec<(String, u32)> {
    value
        .split(", ")
        .map(|item| {
            let (url, w) = item.rsplit_once(' ').expect("url and width");
            let path = url.strip_prefix('/').expect("a path from the site's root");
            (
                path.to_owned(),
                w.trim_end_matches('w').parse().expect("width"),
            )
        })
        .collect()
}

#[test]
fn an_image_becomes_a_picture_with_sizes_formats_and_no_metadata() {
    let photo = with_exif(&jpeg(1000, 600));
    assert!(contains(&photo, POSITION));
    let site = site(
        "![Das Rathaus am Markt (Beispielbild)](foto.jpg)",
        &[
            ("content/projekte/foto.jpg", photo),
            (
                "content/projekte/foto.jpg.yaml",
                CREDITS.as_bytes().to_vec(),
            ),
        ],
    );
    site.build_clean();
    let page = site.page("de/projekte/projekt/");
    // Upright: the EXIF orientation turned the 1000 × 600 pixels.
    assert_eq!(page.attr("picture img", "width"), "600");
    assert_eq!(page.attr("picture img", "height"), "1000");
    assert_eq!(
        page.attr("picture img", "alt"),
        "Das Rathaus am Markt (Beispielbild)"
    );
    assert_eq!(page.attr("picture source", "type"), "image/webp");
    let modern = srcset(&page.attr("picture source", "srcset"));
    let fallback = srcset(&page.attr("picture img", "srcset"));
    assert_eq!(
        modern.iter().map(|(_, w)| *w).collect::<Vec<_>>(),
        [480, 600],
        "never enlarged: {modern:?}"
    );
    assert_eq!(fallback.len(), 2);
    for ((webp, w), (jpg, w2)) in modern.iter().zip(&fallback) {
        assert_eq!(w, w2);
        assert!(
            webp.ends_with(".webp") && jpg.ends_with(".jpg"),
            "{webp} {jpg}"
        );
        for (rel, format) in [
            (webp, image::ImageFormat::WebP),
            (jpg, image::ImageFormat::Jpeg),
        ] {
            let bytes = std::fs::read(site.path().join("public").join(rel)).expect("variant");
            assert_eq!(image::guess_format(&bytes).expect("an image"), format);
            let img = decoded(&site, rel);
            assert_eq!(img.width(), *w, "{rel}");
            assert_eq!(img.height(), w * 1000 / 600, "{rel}");
            assert!(
                !contains(&bytes, b"Exif") && !contains(&bytes, POSITION),
                "{rel}"
            );
        }
    }
    let src = page.attr("picture img", "src");
    assert_eq!(src, format!("/{}", fallback[1].0));
    // The file itself, where a link to it leads: encoded again, upright,
    // without the EXIF segment and the position.
    let full = std::fs::read(site.path().join("public/files/projekte/foto.jpg")).expect("file");
    assert!(!contains(&full, b"Exif") && !contains(&full, POSITION));
    assert!(
        !full.windows(2).any(|w| w == [0xFF, 0xE1]),
        "no APP1 segment"
    );
    let img = decoded(&site, "files/projekte/foto.jpg");
    assert_eq!((img.width(), img.height()), (600, 1000));
    // No file of the output holds the position.
    for (rel, bytes) in site.public_tree() {
        assert!(!contains(&bytes, POSITION), "{rel} holds the GPS position");
    }
}

#[test]
fn a_transparent_png_keeps_png_fallbacks_and_wide_images_get_three_widths() {
    let site = site(
        "![Logo des Büros (Beispiel)](logo.png)\n\n![Luftbild (Beispiel)](weit.jpg)",
        &[
            ("content/projekte/logo.png", png(300, 100)),
            (
                "content/projekte/logo.png.yaml",
                CREDITS.as_bytes().to_vec(),
            ),
            ("content/projekte/weit.jpg", jpeg(1600, 400)),
            (
                "content/projekte/weit.jpg.yaml",
                CREDITS.as_bytes().to_vec(),
            ),
        ],
    );
    site.build_clean();
    let page = site.page("de/projekte/projekt/");
    let sets = page.attrs("picture img", "srcset");
    let logo = srcset(&sets[0]);
    assert_eq!(logo.len(), 1);
    assert!(logo[0].0.ends_with("-300.png"), "{logo:?}");
    let weit = srcset(&sets[1]);
    assert_eq!(
        weit.iter().map(|(_, w)| *w).collect::<Vec<_>>(),
        [480, 800, 1200]
    );
    assert_eq!(decoded(&site, &weit[2].0).height(), 300);
    assert_eq!(page.attrs("picture img", "width"), ["300", "1200"]);
    assert!(
        decoded(&site, "files/projekte/logo.png")
            .color()
            .has_alpha()
    );
}

/// The cache entries and their modification times.
fn cache_entries(site: &TestSite) -> Vec<(std::path::PathBuf, std::time::SystemTime)> {
    let dir = site.path().join(".konzept-cache/images");
    let mut out: Vec<_> = std::fs::read_dir(&dir)
        .expect("the cache directory")
        .map(|e| {
            let path = e.expect("entry").path();
            let modified = std::fs::metadata(&path)
                .and_then(|m| m.modified())
                .expect("mtime");
            (path, modified)
        })
        .collect();
    out.sort();
    out
}

#[test]
fn an_unchanged_image_is_not_encoded_again_and_a_damaged_cache_entry_is_replaced() {
    let site = site(
        "![Das Rathaus am Markt (Beispielbild)](foto.jpg)",
        &[
            ("content/projekte/foto.jpg", jpeg(700, 300)),
            (
                "content/projekte/foto.jpg.yaml",
                CREDITS.as_bytes().to_vec(),
            ),
        ],
    );
    let first = site.run(&["-v", "build"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        first.stderr.contains("images: 1 encoded, 0 from the cache"),
        "{}",
        first.stderr
    );
    let entries = cache_entries(&site);
    assert_eq!(entries.len(), 1, "one entry per image: {entries:?}");
    let output = site.public_tree();
    let second = site.run(&["-v", "build"]);
    assert!(
        second
            .stderr
            .contains("images: 0 encoded, 1 from the cache"),
        "{}",
        second.stderr
    );
    assert_eq!(
        cache_entries(&site),
        entries,
        "the entry is not written again"
    );
    assert_eq!(site.public_tree(), output);
    // A damaged entry is read as missing: the image is encoded again.
    std::fs::write(&entries[0].0, b"konzept-image-1\nnot what was written").expect("damage");
    let third = site.run(&["-v", "build"]);
    assert_eq!(third.code, 0, "{}", third.stderr);
    assert!(
        third.stderr.contains("images: 1 encoded, 0 from the cache"),
        "{}",
        third.stderr
    );
    assert_eq!(site.public_tree(), output);
    // The entry was written whole again.
    let fourth = site.run(&["-v", "build"]);
    assert!(
        fourth
            .stderr
            .contains("images: 0 encoded, 1 from the cache"),
        "{}",
        fourth.stderr
    );
}

#[test]
fn an_image_without_alt_text_is_an_error_at_its_line_and_a_decorative_one_says_so() {
    let files = [
        ("content/projekte/foto.jpg", jpeg(50, 40)),
        (
            "content/projekte/foto.jpg.yaml",
            CREDITS.as_bytes().to_vec(),
        ),
    ];
    let site = site(
        "Text.\n\n![](foto.jpg)\n\n![   ](foto.jpg \"Titel\")",
        &files,
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[missing-alt]: the image has no alt text"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("{PAGE}:10:1")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("{PAGE}:12:1")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("![Rathaus am Markt](foto.jpg)"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("![-](…)"), "{}", run.stderr);
    common::assert_every_error_has_a_hint(&run);

    let site = self::site("![-](foto.jpg)", &files);
    site.build_clean();
    let page = site.page("de/projekte/projekt/");
    assert_eq!(page.attr("picture img", "alt"), "");
}

#[test]
fn files_that_are_no_publishable_image_are_errors_at_the_line_that_shows_them() {
    // A PNG whose header claims 10,000 × 10,000 pixels (100 megapixels).
    let mut bomb = png(1, 1);
    bomb[16..20].copy_from_slice(&10_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&10_000u32.to_be_bytes());
    let crc = crc32(&bomb[12..29]);
    bomb[29..33].copy_from_slice(&crc.to_be_bytes());
    let mut cut = jpeg(64, 64);
    cut.truncate(300);
    let site = site(
        "![Bild eins](text.jpg)\n\n![Bild zwei](png.jpg)\n\n![Bild drei](bombe.png)\n\n\
         ![Bild vier](kaputt.jpg)\n\n![Bild fünf](scan.tiff)\n\n[Scan als Datei](scan.tiff)",
        &[
            ("content/projekte/scan.tiff", b"II*\0\x08\0\0\0".to_vec()),
            ("content/projekte/text.jpg", b"Dies ist kein Bild.".to_vec()),
            ("content/projekte/png.jpg", png(4, 4)),
            ("content/projekte/bombe.png", bomb),
            ("content/projekte/kaputt.jpg", cut),
        ],
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_at(
        &run,
        &[
            (
                8,
                "error[image]: `content/projekte/text.jpg` is not an image",
            ),
            (
                10,
                "error[image]: `content/projekte/png.jpg` is named as a JPEG image but is a PNG image",
            ),
            (
                12,
                "error[image]: `content/projekte/bombe.png` has 10000 × 10000 pixels, more than the 40 megapixels",
            ),
            (14, "error[image]: `content/projekte/kaputt.jpg` is damaged"),
            (
                16,
                "error[image]: `content/projekte/scan.tiff` is not an image konzept publishes",
            ),
        ],
    );
    // A link to the same file (without `!`) is no error.
    assert_eq!(
        run.stderr.matches("error[image]").count(),
        5,
        "{}",
        run.stderr
    );
    common::assert_every_error_has_a_hint(&run);
    // A missing file, a path out of content/: refused as links are.
    let links = self::site(
        "![Bild eins](fehlt.jpg)\n\n![Bild zwei](../../../etc/bild.jpg)\n\n![Bild drei](/etc/bild.jpg)",
        &[],
    );
    let run = links.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_at(
        &run,
        &[
            (
                8,
                "leads to `content/projekte/fehlt.jpg`, which does not exist",
            ),
            (
                10,
                "the link `../../../etc/bild.jpg` points outside content/",
            ),
        ],
    );
    common::assert_every_error_has_a_hint(&run);
    // The editor keeps the originals; nothing was published.
    assert!(!site.exists("files/projekte/text.jpg"));
}

/// Asserts each message is printed with its place (`PAGE:line:1`).
fn assert_at(run: &common::Run, expected: &[(usize, &str)]) {
    for (line, message) in expected {
        let at = run
            .stderr
            .find(message)
            .unwrap_or_else(|| panic!("no `{message}` in:\n{}", run.stderr));
        let place = format!("{PAGE}:{line}:1");
        assert!(
            run.stderr[at..].lines().take(3).any(|l| l.contains(&place)),
            "`{message}` not at {place}:\n{}",
            run.stderr
        );
    }
}

/// CRC-32 (IEEE), as PNG chunks carry it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn the_credits_page_lists_every_image_with_its_credits_and_pages_and_the_footer_links_it() {
    let site = site(
        "![Das Rathaus am Markt (Beispielbild)](foto.jpg)\n\n[Plan als Bild](plan.png)",
        &[
            ("content/projekte/foto.jpg", jpeg(900, 600)),
            (
                "content/projekte/foto.jpg.yaml",
                b"author: Stadtverwaltung (Beispiel)\nlicence: CC BY 4.0\nsource: https://example.org/bilder/rathaus\n".to_vec(),
            ),
            ("content/projekte/plan.png", png(20, 10)),
        ],
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The image without credits is a warning at the line that shows it.
    assert!(
        run.stderr.contains(
            "warning[image-credits]: the image `content/projekte/plan.png` has no credits"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!("{PAGE}:10:1")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/projekte/plan.png.yaml"),
        "{}",
        run.stderr
    );

    let impressum = site.page("de/impressum/");
    let footer = impressum.attrs(".footer-links a", "href");
    assert!(
        footer.contains(&"/de/bildnachweis/".to_owned()),
        "{footer:?}"
    );
    let page = site.page("de/bildnachweis/");
    assert_eq!(page.text("h1"), "Bildnachweis");
    let items = page.texts(".image-credit");
    assert_eq!(items.len(), 2, "{items:?}");
    let foto = &items[0];
    for expected in [
        "Urheber",
        "Stadtverwaltung (Beispiel)",
        "Lizenz",
        "CC BY 4.0",
        "Verwendet auf",
        "Ein Projekt",
    ] {
        assert!(foto.contains(expected), "`{expected}` in {foto}");
    }
    assert_eq!(
        page.attrs(".image-credit a", "href"),
        [
            "https://example.org/bilder/rathaus",
            "/de/projekte/projekt/",
            "/de/projekte/projekt/"
        ]
    );
    assert!(items[1].contains("keine Angabe"), "{}", items[1]);
    for src in page.attrs(".image-credit img", "src") {
        decoded(&site, src.trim_start_matches('/'));
    }
    let fr = site.page("fr/credits-photographiques/");
    assert_eq!(fr.text("h1"), "Crédits photographiques");
    assert!(site.page("en/image-credits/").texts(".image-credit")[0].contains("Author"));
}

#[test]
fn a_site_without_images_has_no_credits_page_or_link() {
    let site = TestSite::fixture("minimal");
    site.build_clean();
    assert!(!site.exists("de/bildnachweis/index.html"));
    assert!(
        !site
            .page("de/impressum/")
            .text("footer")
            .contains("Bildnachweis")
    );
}

#[test]
fn with_relative_links_the_variants_are_relative_too() {
    let site = site(
        "![Das Rathaus am Markt (Beispielbild)](foto.jpg)",
        &[
            ("content/projekte/foto.jpg", jpeg(600, 300)),
            (
                "content/projekte/foto.jpg.yaml",
                CREDITS.as_bytes().to_vec(),
            ),
        ],
    );
    let run = site.run(&["build", "--relative"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("de/projekte/projekt/");
    for set in [
        page.attr("picture source", "srcset"),
        page.attr("picture img", "srcset"),
    ] {
        for item in set.split(", ") {
            let url = item.split(' ').next().expect("url");
            assert!(url.starts_with("../../../assets/img/"), "{set}");
            assert!(
                site.path()
                    .join("public/de/projekte/projekt")
                    .join(url)
                    .exists(),
                "{url}"
            );
        }
    }
}

#[test]
fn a_credits_file_is_checked_field_by_field_and_one_without_its_image_is_a_warning() {
    let site = site(
        "![Das Rathaus am Markt (Beispielbild)](foto.jpg)",
        &[
            ("content/projekte/foto.jpg", jpeg(60, 40)),
            (
                "content/projekte/foto.jpg.yaml",
                b"autor: Stadtverwaltung (Beispiel)\nlicence: [CC, BY]\n".to_vec(),
            ),
            ("content/projekte/alt.png.yaml", CREDITS.as_bytes().to_vec()),
        ],
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "error[unknown-field]",
        "did you mean `author`",
        "content/projekte/foto.jpg.yaml:1:1",
        "content/projekte/foto.jpg.yaml:2:",
        "warning[image-credits]: credits for `content/projekte/alt.png`, which is not an image of the site",
    ] {
        assert!(
            run.stderr.contains(expected),
            "`{expected}` in:\n{}",
            run.stderr
        );
    }
    // Credits files are never published.
    assert!(!site.exists("files/projekte/foto.jpg.yaml"));
}

#[cfg(unix)]
#[test]
fn an_image_that_is_a_symbolic_link_out_of_the_site_is_refused() {
    let outside = tempfile::tempdir().expect("temporary directory");
    let photo = outside.path().join("privat.jpg");
    std::fs::write(&photo, with_exif(&jpeg(40, 30))).expect("write");
    let site = site("![Das Rathaus am Markt (Beispielbild)](foto.jpg)", &[]);
    site.symlink(
        photo.to_str().expect("UTF-8 path"),
        "content/projekte/foto.jpg",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("error[outside-site]"), "{}", run.stderr);
    assert!(
        run.stderr.contains("content/projekte/foto.jpg"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("files/projekte/foto.jpg"));
}

/// The site with one photo and its credits, built once so its cache holds
/// one entry; returns the site and that entry's path.
fn cached_site(width: u32, height: u32) -> (TestSite, std::path::PathBuf) {
    let site = site(
        "![Das Rathaus am Markt (Beispielbild)](foto.jpg)",
        &[
            ("content/projekte/foto.jpg", jpeg(width, height)),
            (
                "content/projekte/foto.jpg.yaml",
                CREDITS.as_bytes().to_vec(),
            ),
        ],
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let entries = cache_entries(&site);
    assert_eq!(entries.len(), 1, "{entries:?}");
    (site, entries[0].0.clone())
}

#[test]
fn a_cache_that_came_with_the_content_is_not_trusted() {
    // Entries are keyed by the original's bytes, which anybody can hash: a
    // committed entry could publish another picture than the reviewed one.
    let (site, entry) = cached_site(700, 300);
    let (other, other_entry) = cached_site(640, 200);
    std::fs::copy(&other_entry, &entry).expect("poison the entry");
    drop(other);
    let date = "2026-01-05T10:00:00+01:00";
    common::git(site.path(), &["init", "-q"], date);
    common::git(site.path(), &["add", "-A", "-f", "."], date);
    common::git(site.path(), &["commit", "-q", "-m", "Inhalt"], date);
    let run = site.run(&["-v", "build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning[image]: `.konzept-cache/` is committed to git"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("images: 1 encoded, 0 from the cache"),
        "{}",
        run.stderr
    );
    let published = decoded(&site, "files/projekte/foto.jpg");
    assert_eq!((published.width(), published.height()), (700, 300));
    // Checked strictly, the warning fails the gate.
    assert_eq!(site.run(&["check", "--strict"]).code, 1);
}

#[cfg(unix)]
#[test]
fn a_cache_directory_that_is_a_symbolic_link_is_not_used() {
    let (site, _) = cached_site(700, 300);
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::remove_dir_all(site.path().join(".konzept-cache")).expect("remove cache");
    std::os::unix::fs::symlink(outside.path(), site.path().join(".konzept-cache"))
        .expect("symlink");
    let run = site.run(&["-v", "build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("warning[image]: `.konzept-cache` is a symbolic link"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_dir(outside.path()).expect("read").count(),
        0,
        "nothing written through the link"
    );
    let published = decoded(&site, "files/projekte/foto.jpg");
    assert_eq!(published.width(), 700);
}
