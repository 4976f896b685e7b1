//! Theming without forking (issue 20.3, docs/theming.md): `site.yaml`'s
//! `accent`, `logo`, `favicon` and `stylesheet`, the contrast rule, site
//! files that would take the place of the theme's, and `konzept theme
//! eject`/`list`. Checked as readers and editors see it: parsed pages,
//! the error with its place and hint, the exit code.

mod common;

use common::TestSite;

/// The minimal fixture with `lines` appended to its site.yaml, which has
/// five lines before them (the first appended line is line 6).
fn site_with(lines: &str) -> TestSite {
    let site = TestSite::fixture("minimal");
    let yaml = std::fs::read_to_string(site.path().join("site.yaml")).expect("site.yaml");
    assert_eq!(yaml.lines().count(), 5, "the fixture's site.yaml changed");
    site.write("site.yaml", &format!("{yaml}{lines}"));
    site
}

const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#00577a"/></svg>
"##;

/// A build that fails with exit code 1 and writes nothing.
fn fails(site: &TestSite) -> String {
    let run = site.build();
    assert_eq!(run.code, 1, "build should fail:\n{}", run.stderr);
    assert!(!site.exists("de/index.html"), "a failed build wrote pages");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.stderr
}

/// The text of the theme's stylesheet, as linked first from `url`.
fn stylesheets(site: &TestSite, url: &str) -> Vec<String> {
    site.page(url)
        .attrs(r#"link[rel="stylesheet"]"#, "href")
        .into_iter()
        .map(|href| {
            assert!(site.exists(&href[1..]), "{href} is linked but not written");
            href
        })
        .collect()
}

fn read(site: &TestSite, rel: &str) -> String {
    std::fs::read_to_string(site.path().join("public").join(rel)).expect("output file")
}

#[test]
fn the_accent_sets_the_stylesheets_custom_properties() {
    let site = site_with("accent: \"#00577A\"\n");
    site.build_clean();
    let links = stylesheets(&site, "de/");
    assert_eq!(links.len(), 1, "{links:?}");
    let css = read(&site, &links[0][1..]);
    let root = css
        .rsplit(":root {")
        .next()
        .expect("the accent's :root rule");
    assert!(
        root.contains("--accent: #00577a;") && root.contains("--accent-dark: #003f58;"),
        "{root}"
    );
    // After the theme's own :root, so it wins.
    assert!(
        css.find("--accent: #0b4a85").expect("the theme's accent") < css.rfind(":root").unwrap()
    );
    // Every page, the chooser too, links the same file.
    assert_eq!(stylesheets(&site, ""), links);
    assert_eq!(stylesheets(&site, "en/"), links);
}

#[test]
fn an_accent_with_too_little_contrast_is_an_error_with_the_ratio_and_a_shade_that_passes() {
    let site = site_with("accent: \"#7fb3d5\"\n");
    let stderr = fails(&site);
    assert!(stderr.contains("site.yaml:6:9"), "{stderr}");
    assert!(
        stderr.contains("the accent #7fb3d5 has a contrast of only 2.0:1 with #f1f4f8"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2.2:1 for links on the page background"),
        "{stderr}"
    );
    assert!(stderr.contains("4.5:1"), "{stderr}");
    assert!(
        stderr.contains("write `accent: \"#3475a0\"`, the nearest darker shade"),
        "{stderr}"
    );
    // The suggestion passes.
    let site = site_with("accent: \"#3475a0\"\n");
    site.build_clean();
}

#[test]
fn an_accent_that_is_no_hex_colour_says_how_to_write_one() {
    for bad in ["00577a", "\"#00577\"", "blue", "\"#00577ag\""] {
        let site = site_with(&format!("accent: {bad}\n"));
        let stderr = fails(&site);
        assert!(stderr.contains("site.yaml:6:9"), "{bad}: {stderr}");
        assert!(stderr.contains("is not a colour"), "{bad}: {stderr}");
        assert!(stderr.contains("`accent: \"#00577a\"`"), "{bad}: {stderr}");
    }
}

#[test]
fn the_logo_is_the_home_links_content_with_alt_text_in_each_language() {
    let site = site_with(
        "logo:\n  file: static/logo.svg\n  alt: {de: Stadt Beispiel, fr: Ville exemple, en: Example city}\n",
    );
    site.write("static/logo.svg", LOGO);
    site.build_clean();
    for (url, alt) in [
        ("de/", "Stadt Beispiel"),
        ("fr/", "Ville exemple"),
        ("en/", "Example city"),
        ("de/projekte/", "Stadt Beispiel"),
        ("en/leitlinien/", "Example city"),
    ] {
        let page = site.page(url);
        assert_eq!(page.attr(".site-title a img", "alt"), alt, "{url}");
        assert_eq!(
            page.text(".site-title a"),
            "",
            "{url}: the title text is replaced"
        );
        let src = page.attr(".site-title a img", "src");
        assert!(
            src.starts_with("/assets/logo.") && src.ends_with(".svg"),
            "{src}"
        );
        assert_eq!(read(&site, &src[1..]), LOGO);
    }
}

#[test]
fn the_logo_needs_a_non_empty_alt_text_in_every_language() {
    let site = site_with("logo: {file: static/logo.svg, alt: {de: Stadt Beispiel, fr: \" \"}}\n");
    site.write("static/logo.svg", LOGO);
    let stderr = fails(&site);
    assert!(
        stderr.contains("the logo's alt text in `fr` is empty"),
        "{stderr}"
    );
    assert!(
        stderr.contains("the logo's alt text in `en` is missing"),
        "{stderr}"
    );
    assert!(stderr.contains("site.yaml:6:7"), "{stderr}");
    let site = site_with("logo: {file: static/logo.svg, alt: {de: A, fr: B, en: C, it: D}}\n");
    site.write("static/logo.svg", LOGO);
    let stderr = fails(&site);
    assert!(
        stderr.contains("names `it`, which is not a language of the site"),
        "{stderr}"
    );
}

#[test]
fn a_logo_or_icon_that_could_run_script_is_refused() {
    let site = site_with("logo: {file: static/logo.svg, alt: {de: A, fr: B, en: C}}\n");
    site.write(
        "static/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>\n",
    );
    let stderr = fails(&site);
    assert!(stderr.contains("static/logo.svg"), "{stderr}");
    assert!(stderr.contains("error[active-file]"), "{stderr}");
}

#[test]
fn the_favicon_replaces_the_themes_icon_with_its_type() {
    let site = site_with("favicon: static/icon.png\n");
    let png = b"\x89PNG\r\n\x1a\n0000";
    site.write_bytes("static/icon.png", png);
    site.build_clean();
    for url in ["de/", "", "fr/projekte/"] {
        let page = site.page(url);
        let icons = page.attrs(r#"link[rel="icon"]"#, "href");
        assert_eq!(icons.len(), 1, "{url}: {icons:?}");
        assert_eq!(
            page.attr(r#"link[rel="icon"]"#, "type"),
            "image/png",
            "{url}"
        );
        assert!(icons[0].starts_with("/assets/icon.") && icons[0].ends_with(".png"));
        assert!(site.exists(&icons[0][1..]));
    }
}

#[test]
fn the_sites_stylesheet_comes_after_the_themes() {
    let site = site_with("stylesheet: static/site.css\n");
    site.write(
        "static/site.css",
        ".site-title { letter-spacing: 0.02em; }\n",
    );
    site.build_clean();
    for url in ["de/", "", "en/kontakte/"] {
        let links = stylesheets(&site, url);
        assert_eq!(links.len(), 2, "{url}: {links:?}");
        assert!(links[0].starts_with("/assets/style."), "{links:?}");
        assert!(links[1].starts_with("/assets/site."), "{links:?}");
        assert_eq!(
            read(&site, &links[1][1..]),
            ".site-title { letter-spacing: 0.02em; }\n"
        );
        assert!(read(&site, &links[0][1..]).contains(".main-nav"));
    }
}

#[test]
fn paths_outside_static_are_refused_at_their_line() {
    for (key, path) in [
        ("stylesheet", "../site.css"),
        ("stylesheet", "/etc/site.css"),
        ("stylesheet", "static/../site.yaml"),
        ("stylesheet", "content/x.css"),
        ("favicon", "static/icon.gif"),
        ("favicon", "C:/icon.png"),
        ("stylesheet", "static/.hidden.css"),
    ] {
        let site = site_with(&format!("{key}: {path}\n"));
        site.write("static/site.css", "a {}\n");
        let stderr = fails(&site);
        assert!(
            stderr.contains(&format!("`{path}` is not a file konzept can publish")),
            "{path}: {stderr}"
        );
        assert!(stderr.contains("site.yaml:6:"), "{path}: {stderr}");
        assert!(
            stderr.contains("static/logo.svg"),
            "{path}: the hint shows the form: {stderr}"
        );
    }
    let site = site_with("stylesheet: static/missing.css\n");
    let stderr = fails(&site);
    assert!(
        stderr.contains("there is no file `static/missing.css`"),
        "{stderr}"
    );
    assert!(stderr.contains("site.yaml:6:13"), "{stderr}");
}

#[test]
fn a_site_file_never_silently_takes_the_place_of_a_theme_file() {
    // The site's own static/ with a theme file's name.
    let site = TestSite::fixture("minimal");
    site.write("static/style.css", "a { color: red; }\n");
    let stderr = fails(&site);
    assert!(
        stderr.contains(
            "`static/style.css` would silently take the place of the theme's `static/style.css`"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("`stylesheet: static/site.css`"), "{stderr}");
    let site = TestSite::fixture("minimal");
    site.write("static/favicon.svg", LOGO);
    let stderr = fails(&site);
    assert!(stderr.contains("`favicon: static/icon.png`"), "{stderr}");
    // A theme directory's file that differs from the built-in one.
    let site = TestSite::fixture("minimal");
    site.write("themes/default/static/search.js", "// mine\n");
    let stderr = fails(&site);
    assert!(
        stderr.contains("`themes/default/static/search.js` would silently take the place of the built-in theme's `static/search.js`"),
        "{stderr}"
    );
    // Named in site.yaml, a file of the same name is added, not replacing.
    let site = site_with("stylesheet: static/style.css\n");
    site.write("static/style.css", "a { color: #000; }\n");
    site.build_clean();
    assert_eq!(stylesheets(&site, "de/").len(), 2);
    // A copy of the built-in file replaces nothing.
    let site = TestSite::fixture("minimal");
    site.write(
        "themes/default/static/style.css",
        include_str!("../themes/default/static/style.css"),
    );
    site.build_clean();
}

#[test]
fn eject_copies_one_template_and_never_overwrites() {
    let site = TestSite::fixture("minimal");
    let run = site.run(&["theme", "eject", "partials/card.html"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("created themes/default/templates/partials/card.html"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("no longer gets the theme's updates"),
        "{}",
        run.stdout
    );
    let ejected = site
        .path()
        .join("themes/default/templates/partials/card.html");
    assert_eq!(
        std::fs::read_to_string(&ejected).unwrap(),
        include_str!("../themes/default/templates/partials/card.html")
    );
    // It overrides the built-in template.
    let text = std::fs::read_to_string(&ejected).unwrap();
    std::fs::write(&ejected, format!("<!-- ejected -->{text}")).unwrap();
    site.build_clean();
    assert!(read(&site, "de/projekte/index.html").contains("<!-- ejected -->"));
    // Never overwritten.
    let before = std::fs::read(&ejected).unwrap();
    let run = site.run(&["theme", "eject", "partials/card.html"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("already exists; nothing was written"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("help:"), "{}", run.stderr);
    assert_eq!(std::fs::read(&ejected).unwrap(), before);
}

#[test]
fn eject_names_the_template_meant_and_list_shows_them_all() {
    let site = TestSite::fixture("minimal");
    for (typo, meant) in [("bse.html", "base.html"), ("card", "partials/card.html")] {
        let run = site.run(&["theme", "eject", typo]);
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr
                .contains(&format!("the built-in theme has no template `{typo}`"))
        );
        assert!(
            run.stderr.contains(&format!("did you mean `{meant}`?")),
            "{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("`konzept theme list`"),
            "{}",
            run.stderr
        );
    }
    let run = site.run(&["theme", "eject", "../../site.yaml"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!site.path().join("themes").exists());
    let run = site.run(&["theme", "list"]);
    assert_eq!(run.code, 0);
    let names: Vec<&str> = run.stdout.lines().collect();
    for name in [
        "base.html",
        "partials/card.html",
        "project.html",
        "sitemap.xml",
    ] {
        assert!(names.contains(&name), "{names:?}");
    }
}

#[test]
fn a_site_that_sets_nothing_keeps_the_themes_title_icon_and_one_stylesheet() {
    let site = TestSite::fixture("minimal");
    site.build_clean();
    for url in ["de/", "", "fr/projekte/"] {
        let page = site.page(url);
        assert_eq!(
            page.attrs(r#"link[rel="stylesheet"]"#, "href").len(),
            1,
            "{url}"
        );
        assert_eq!(
            page.attr(r#"link[rel="icon"]"#, "href"),
            "/static/favicon.svg"
        );
        assert_eq!(page.attr(r#"link[rel="icon"]"#, "type"), "image/svg+xml");
    }
    let home = site.page("de/");
    assert!(home.attrs(".site-title img", "src").is_empty());
    assert!(!home.text(".site-title a").is_empty());
    let css = stylesheets(&site, "de/");
    assert!(!read(&site, &css[0][1..]).contains("The accent colour of site.yaml"));
}

#[cfg(unix)]
#[test]
fn eject_writes_nothing_through_a_symbolic_link_out_of_the_site() {
    let site = TestSite::fixture("minimal");
    let outside = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink(outside.path(), site.path().join("themes")).expect("symlink");
    let run = site.run(&["theme", "eject", "base.html"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("error[outside-site]: themes is a symbolic link; nothing was written"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read_dir(outside.path()).expect("read").count(),
        0,
        "nothing written through the link"
    );
}

#[cfg(unix)]
#[test]
fn new_writes_nothing_through_a_symbolic_link_out_of_the_site() {
    let site = TestSite::fixture("minimal");
    let outside = tempfile::tempdir().expect("temp dir");
    std::fs::remove_dir_all(site.path().join("content/projekte")).expect("remove");
    std::os::unix::fs::symlink(outside.path(), site.path().join("content/projekte"))
        .expect("symlink");
    let run = site.run(&["new", "project", "neu"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/projekte is a symbolic link"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_dir(outside.path()).expect("read").count(), 0);
}
