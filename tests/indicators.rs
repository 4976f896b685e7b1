//! Indicators (issue 18): the indicator kind, its data file's errors at
//! their line and column, the table and numbers readers get in every
//! language, the downloads, the reverse list on a guideline, and example
//! data marked on every page and warned about.

mod common;

use common::{Page, TestSite};

/// The indicator fixture: a guideline, an example indicator in percent
/// (`anteil`, 2019–2021), one with a dimension (`bezirke`), one without data
/// (`folgt`).
fn site() -> TestSite {
    TestSite::fixture("indicators/site")
}

fn built() -> TestSite {
    let site = site();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

/// The rows of the page's indicator table: header cells, then each row's
/// cells, as readers see them.
fn table(page: &Page) -> Vec<Vec<String>> {
    let mut rows = vec![page.texts("table.indicator-table thead th")];
    let html = scraper::Html::parse_document(&page.text);
    let tr = scraper::Selector::parse("table.indicator-table tbody tr").unwrap();
    let cell = scraper::Selector::parse("th, td").unwrap();
    for row in html.select(&tr) {
        rows.push(
            row.select(&cell)
                .map(|c| c.text().collect::<String>().trim().to_owned())
                .collect(),
        );
    }
    rows
}

#[test]
fn the_table_has_a_caption_scoped_headers_and_numbers_per_language() {
    let site = built();
    let cases = [
        ("de/indikatoren/bezirke/", "12.345,6", "Zeitraum"),
        ("fr/indikatoren/bezirke/", "12\u{202f}345,6", "Période"),
        ("en/indikatoren/bezirke/", "12,345.6", "Period"),
    ];
    for (url, number, period) in cases {
        let page = site.page(url);
        let rows = table(&page);
        assert_eq!(rows[0], [period, "Mitte", "West"], "{url}");
        assert_eq!(rows[1][0], "2020", "{url}");
        assert_eq!(rows[2][0], "2021", "{url}");
        assert_eq!(rows[2][1], number, "{url}");
        // A gap is said, not left blank.
        assert!(!rows[2][2].is_empty(), "{url}: {:?}", rows[2]);
        assert_eq!(
            page.attrs("table.indicator-table thead th", "scope"),
            ["col"; 3]
        );
        assert_eq!(
            page.attrs("table.indicator-table tbody th", "scope"),
            ["row"; 2]
        );
        assert_eq!(page.attrs("table.indicator-table td", "class"), ["num"; 4]);
        assert!(
            page.text("table.indicator-table caption")
                .contains("Fälle nach Bezirk")
        );
    }
    let de = table(&site.page("de/indikatoren/bezirke/"));
    assert_eq!(de[1], ["2020", "1.200", "800"]);
    assert_eq!(
        table(&site.page("en/indikatoren/bezirke/"))[1],
        ["2020", "1,200", "800"]
    );
}

#[test]
fn the_latest_value_and_its_change_are_said_in_words() {
    let site = built();
    let cases = [
        (
            "de/indikatoren/anteil/",
            "12,3\u{a0}%",
            "+1,2 Prozentpunkte seit 2020",
        ),
        (
            "fr/indikatoren/anteil/",
            "12,3\u{202f}%",
            "+1,2 points de pourcentage depuis 2020",
        ),
        (
            "en/indikatoren/anteil/",
            "12.3%",
            "+1.2 percentage points since 2020",
        ),
    ];
    for (url, value, change) in cases {
        let page = site.page(url);
        let latest = page.text(".indicator-latest");
        assert_eq!(page.text(".indicator-latest strong"), value, "{url}");
        assert!(latest.contains(change), "{url}: {latest}");
        assert!(latest.contains("(2021)"), "{url}: {latest}");
    }
    // Absolute change for other units, with the unit.
    // One line per series; a series without an earlier value has no change.
    let latest = site
        .page("de/indikatoren/bezirke/")
        .texts(".indicator-latest");
    assert_eq!(latest.len(), 2, "{latest:?}");
    assert!(
        latest[0].contains("+11.145,6\u{a0}je 100.000 Einwohnerinnen und Einwohner seit 2020"),
        "{latest:?}"
    );
    assert!(
        latest[1].starts_with("Aktueller Wert (West): 800"),
        "{latest:?}"
    );
    assert!(!latest[1].contains("seit"), "{latest:?}");
}

#[test]
fn definition_source_and_target_are_on_the_page() {
    let site = built();
    let de = site.page("de/indikatoren/anteil/");
    let record = de.texts(".record dd");
    assert!(
        record
            .iter()
            .any(|d| d.starts_with("Anteil der Beispielgruppe an allen"))
    );
    assert!(
        record.contains(&"15\u{a0}% bis 2030".to_owned()),
        "{record:?}"
    );
    assert_eq!(
        de.attr(".record dd a", "href"),
        "https://example.net/statistik"
    );
    // The French file names no address: the original's is linked.
    let fr = site.page("fr/indikatoren/anteil/");
    assert_eq!(
        fr.attr(".record dd a", "href"),
        "https://example.net/statistik"
    );
    assert_eq!(fr.text(".record dd a"), "Statistique exemple");
    let en = site.page("en/indikatoren/anteil/");
    assert_eq!(
        en.attr(".record dd a", "href"),
        "https://example.net/statistics"
    );
}

#[test]
fn the_downloads_are_the_source_data() {
    let site = built();
    let page = site.page("de/indikatoren/bezirke/");
    let links = page.attrs(".indicator-downloads a", "href");
    assert_eq!(
        links,
        [
            "/files/indikatoren/bezirke.csv",
            "/files/indikatoren/bezirke.json"
        ]
    );
    let source = std::fs::read(site.path().join("content/indikatoren/bezirke.csv")).unwrap();
    let csv = std::fs::read(site.path().join("public/files/indikatoren/bezirke.csv")).unwrap();
    assert_eq!(csv, source);
    let json: serde_json::Value = serde_json::from_slice(
        &std::fs::read(site.path().join("public/files/indikatoren/bezirke.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "id": "bezirke",
            "unit": "per_100000",
            "direction": "neutral",
            "example": true,
            "dimension": "district",
            "periods": ["2020", "2021"],
            "series": [
                { "name": "Mitte", "values": [1200.0, 12345.6] },
                { "name": "West", "values": [800.0, null] },
            ],
        })
    );
}

#[test]
fn a_guideline_lists_its_indicators_apart_from_its_projects() {
    let site = built();
    let page = site.page("de/leitlinien/eins/");
    assert_eq!(
        page.texts(".guideline-indicators .card-title"),
        ["Anteil der Beispielgruppe", "Fälle nach Bezirk"]
    );
    let projects = page.texts(".guideline-projects .card-title");
    assert!(
        !projects.iter().any(|p| p.contains("Beispielgruppe")),
        "{projects:?}"
    );
    assert!(
        page.text(".guideline-indicators")
            .contains("12,3\u{a0}% (2021)")
    );
    let indicator = site.page("en/indikatoren/anteil/");
    assert_eq!(
        indicator.texts(".indicator-guidelines a"),
        ["Erste Leitlinie"]
    );
}

#[test]
fn the_overview_lists_every_indicator_with_its_latest_value() {
    let site = built();
    let page = site.page("fr/indikatoren/");
    let summaries = page.texts(".indicator-summary");
    assert_eq!(summaries.len(), 3, "{summaries:?}");
    assert!(
        summaries.iter().any(|s| s.contains("12,3\u{202f}% (2021)")),
        "{summaries:?}"
    );
    assert!(
        summaries.iter().any(|s| s == "Les données suivront."),
        "{summaries:?}"
    );
    assert!(
        summaries.iter().any(|s| s.contains("Mitte")),
        "{summaries:?}"
    );
}

#[test]
fn an_indicator_without_data_says_they_will_follow() {
    let site = site();
    // A header without rows is the same as no file.
    site.write("content/indikatoren/bezirke.csv", "period,district,value\n");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (url, words) in [
        ("de/indikatoren/folgt/", "Die Daten folgen."),
        ("en/indikatoren/folgt/", "The data will follow."),
        ("de/indikatoren/bezirke/", "Die Daten folgen."),
    ] {
        let page = site.page(url);
        assert_eq!(page.text(".indicator-pending"), words, "{url}");
        assert!(page.texts("table").is_empty(), "{url}");
        assert!(page.texts(".indicator-downloads").is_empty(), "{url}");
    }
    assert!(
        site.page("de/indikatoren/folgt/")
            .texts(".example-data")
            .is_empty()
    );
}

#[test]
fn example_data_is_marked_on_every_page_that_shows_it_and_warned_about() {
    let site = site();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("warning[example-data]").count(),
        2,
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("--> content/indikatoren/anteil.md:11:1"),
        "{}",
        run.stderr
    );
    let notices = [
        ("de/indikatoren/anteil/", "Beispieldaten", 1),
        ("fr/indikatoren/anteil/", "Données d’exemple", 1),
        ("en/indikatoren/anteil/", "Example data", 1),
        ("de/indikatoren/", "Beispieldaten", 2),
        ("en/leitlinien/eins/", "Example data", 2),
        ("de/volltext/", "Beispieldaten", 2),
        ("fr/texte-integral/", "Données d’exemple", 2),
    ];
    for (url, words, count) in notices {
        let page = site.page(url);
        let found = page.texts(".example-data");
        assert_eq!(found.len(), count, "{url}: {found:?}");
        assert!(
            found.iter().all(|n| n.starts_with(words)),
            "{url}: {found:?}"
        );
    }
    // `check` warns the same way.
    let check = site.run(&["check"]);
    assert!(
        check.stderr.contains("warning[example-data]"),
        "{}",
        check.stderr
    );
}

#[test]
fn indicators_are_in_the_sitemap_and_the_full_text() {
    let site = built();
    let sitemap = std::fs::read_to_string(site.path().join("public/sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("https://example.org/fr/indikatoren/anteil/"),
        "{sitemap}"
    );
    let full = site.page("en/full-text/");
    assert!(full.texts("table.indicator-table").len() >= 2);
}

/// Builds the fixture with one data file replaced by `tests/fixtures/
/// indicators/errors/<case>` and returns stderr, asserting exit code 1
/// and nothing written.
fn data_error(case: &str) -> String {
    let site = site();
    site.apply(&format!("indicators/errors/{case}"));
    let run = site.build();
    assert_eq!(run.code, 1, "{case}: {}", run.stderr);
    assert!(!site.exists("index.html"), "{case}: nothing is written");
    assert!(run.stderr.contains("error[data]"), "{case}: {}", run.stderr);
    common::assert_every_error_has_a_hint(&run);
    run.stderr
}

/// Asserts the error's message, place and hint.
fn assert_error(stderr: &str, message: &str, place: &str, hint: &str) {
    let at = stderr
        .find(&format!("error[data]: {message}\n"))
        .unwrap_or_else(|| panic!("no `{message}` in:\n{stderr}"));
    let rest = &stderr[at..];
    let block = &rest[..rest.find("\n\n").unwrap_or(rest.len())];
    assert!(block.contains(&format!("--> {place}\n")), "{block}");
    assert!(block.contains(&format!("= help: {hint}")), "{block}");
}

const CSV: &str = "content/indikatoren/anteil.csv";

#[test]
fn an_open_quote_is_malformed_csv() {
    let e = data_error("malformed");
    assert_error(
        &e,
        "a quote is not closed",
        &format!("{CSV}:3:6"),
        "close the cell",
    );
}

#[test]
fn a_value_that_is_not_a_number() {
    let e = data_error("not-a-number");
    assert_error(
        &e,
        "`elf` is not a number",
        &format!("{CSV}:3:6"),
        "write a number",
    );
}

#[test]
fn a_decimal_comma_is_not_a_number() {
    let e = data_error("decimal-comma");
    assert_error(
        &e,
        "`11,1` is not a number",
        &format!("{CSV}:3:6"),
        "write the number without thousands separators and with a decimal point",
    );
}

#[test]
fn an_unquoted_decimal_comma_makes_a_row_too_long() {
    let e = data_error("too-many-cells");
    assert_error(
        &e,
        "this row has 3 cells, the header 2",
        &format!("{CSV}:3:9"),
        "write decimals with a point",
    );
}

#[test]
fn a_duplicate_period() {
    let e = data_error("duplicate-period");
    assert_error(
        &e,
        "the period `2020` is listed twice",
        &format!("{CSV}:4:1"),
        "keep one row per period",
    );
}

#[test]
fn a_period_out_of_order() {
    let e = data_error("out-of-order");
    assert_error(
        &e,
        "the period `2020` is out of order",
        &format!("{CSV}:4:1"),
        "sort the rows by period",
    );
}

#[test]
fn an_unknown_column() {
    let e = data_error("unknown-column");
    assert_error(
        &e,
        "unknown column `gender`",
        &format!("{CSV}:1:17"),
        "a data file has the columns",
    );
}

#[test]
fn semicolons_instead_of_commas() {
    let e = data_error("semicolons");
    assert_error(
        &e,
        "the columns are separated by semicolons",
        &format!("{CSV}:1:1"),
        "separate columns with commas",
    );
}

#[test]
fn a_period_that_is_no_year_or_month() {
    let e = data_error("bad-period");
    assert_error(
        &e,
        "`20-20` is not a period",
        &format!("{CSV}:3:1"),
        "write a year",
    );
}

#[test]
fn years_and_months_mixed() {
    let e = data_error("mixed-periods");
    assert_error(
        &e,
        "`2020-06` is a month, but the file's periods are years",
        &format!("{CSV}:3:1"),
        "write every period of a file the same way",
    );
}

#[test]
fn a_missing_value_column() {
    let e = data_error("missing-value-column");
    // `amount` is taken as the dimension; `value` is missing.
    assert_error(
        &e,
        "the column `value` is missing",
        &format!("{CSV}:1:1"),
        "the first row names the columns",
    );
}

#[test]
fn an_empty_period() {
    let e = data_error("empty-period");
    assert_error(
        &e,
        "the period is empty",
        &format!("{CSV}:3:1"),
        "write a year",
    );
}

#[test]
fn an_empty_dimension_cell() {
    let e = data_error("empty-dimension");
    assert_error(
        &e,
        "the dimension cell is empty",
        "content/indikatoren/bezirke.csv:3:6",
        "name the series",
    );
}

#[test]
fn a_guideline_reference_is_checked_with_did_you_mean() {
    let site = site();
    site.write(
        "content/indikatoren/folgt.md",
        "---\ntitle: Daten folgen\ndefinition: D.\nunit: per_1000\nsource: Q\ndirection: neutral\nguidelines: [ein]\n---\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("did you mean `eins`?"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_unit_outside_the_set_is_refused() {
    let site = site();
    site.write(
        "content/indikatoren/folgt.md",
        "---\ntitle: Daten folgen\ndefinition: D.\nunit: prozent\nsource: Q\ndirection: neutral\n---\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/indikatoren/folgt.md:4:7"),
        "{}",
        run.stderr
    );
    common::assert_every_error_has_a_hint(&run);
}

/// The chart's SVG on a page, as written (between the figure's tags).
fn chart_svg(page: &Page) -> String {
    let figure = page
        .text
        .find("<figure class=\"indicator-chart\">")
        .expect("a chart figure");
    let rest = &page.text[figure..];
    let start = rest.find("<svg").expect("an svg in the figure");
    let end = rest.find("</svg>").expect("the svg ends") + "</svg>".len();
    rest[start..end].to_owned()
}

/// The first point of a path's `d` (`M63.8,227.0…`).
fn first_point(d: &str) -> (f64, f64) {
    let d = d.trim_start_matches('M');
    let end = d.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(d.len());
    let (x, y) = d[..end].split_once(',').expect("x,y");
    (x.parse().unwrap(), y.parse().unwrap())
}

/// A number as the German page writes it (`12.345,6`).
fn german(n: &str) -> f64 {
    n.replace('.', "").replace(',', ".").parse().unwrap()
}

#[test]
fn the_chart_is_a_safe_figure_whose_points_match_the_table() {
    let site = built();
    for url in ["de/indikatoren/anteil/", "de/indikatoren/bezirke/"] {
        let page = site.page(url);
        assert_eq!(
            page.texts("figure.indicator-chart figcaption").len(),
            1,
            "{url}"
        );
        let svg = chart_svg(&page);
        let doc = roxmltree::Document::parse(&svg).expect("the chart is XML");
        let root = doc.root_element();
        let title = root
            .children()
            .find(|n| n.has_tag_name("title"))
            .expect("title");
        assert!(!title.text().unwrap_or("").is_empty());
        assert!(
            root.children().any(|n| n.has_tag_name("desc")),
            "{url}: desc"
        );
        for node in doc.descendants().filter(|n| n.is_element()) {
            assert!(!node.has_tag_name("script"), "{url}: script");
            assert!(!node.has_tag_name("style"), "{url}: style element");
            for a in node.attributes() {
                assert!(a.name() != "style", "{url}: style attribute");
                assert!(!a.name().starts_with("on"), "{url}: handler {}", a.name());
            }
        }
        // The value axis: two ticks give the scale from value to y.
        let ticks: Vec<(f64, f64)> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("chart-ticks"))
            .flat_map(|g| g.children().filter(|n| n.has_tag_name("text")))
            .map(|t| {
                (
                    german(t.text().unwrap()),
                    t.attribute("y").unwrap().parse().unwrap(),
                )
            })
            .collect();
        assert!(ticks.len() >= 2, "{url}: {ticks:?}");
        let ((v0, y0), (v1, y1)) = (ticks[0], ticks[ticks.len() - 1]);
        let value_at = |y: f64| v0 + (y - y0) * (v1 - v0) / (y1 - y0);
        let tolerance = 0.1 * (v1 - v0).abs() / (y1 - y0).abs() + 1e-9;
        // Each series' markers, in table order, against its table column.
        let rows = table(&page);
        for (column, series) in doc
            .descendants()
            .filter(|n| {
                // The plotted series, not their samples in the legend.
                n.attribute("class")
                    .is_some_and(|c| c.starts_with("chart-series "))
                    && n.children()
                        .any(|c| c.attribute("class") == Some("chart-markers"))
            })
            .enumerate()
        {
            let marked: Vec<f64> = series
                .descendants()
                .filter(|n| n.attribute("class") == Some("chart-marker"))
                .map(|m| value_at(first_point(m.attribute("d").unwrap()).1))
                .collect();
            let expected: Vec<f64> = rows[1..]
                .iter()
                .map(|r| &r[column + 1])
                .filter(|c| c.chars().any(|ch| ch.is_ascii_digit()))
                .map(|c| german(c))
                .collect();
            assert_eq!(
                marked.len(),
                expected.len(),
                "{url}: {marked:?} vs {expected:?}"
            );
            for (m, e) in marked.iter().zip(&expected) {
                assert!((m - e).abs() <= tolerance, "{url}: point {m} for value {e}");
            }
        }
    }
}

#[test]
fn init_writes_an_example_indicator_marked_as_such_and_new_writes_the_data_file() {
    let site = TestSite::fixture("minimal");
    let dir = tempfile::tempdir().expect("temporary directory");
    let new = dir.path().join("site");
    let new_arg = new.to_str().expect("UTF-8 temp path");
    assert_eq!(site.run(&["init", new_arg]).code, 0);
    let build = site.run(&["-C", new_arg, "build", "--base-url", common::DEPLOY_BASE]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        build.stderr.contains("warning[example-data]"),
        "{}",
        build.stderr
    );
    let page =
        std::fs::read_to_string(new.join("public/fr/indicateurs/beispiel-indikator/index.html"))
            .expect("the example indicator's French page");
    let html = scraper::Html::parse_document(&page);
    let notice = scraper::Selector::parse(".example-data").unwrap();
    assert_eq!(html.select(&notice).count(), 1);
    let made = site.run(&["-C", new_arg, "new", "indicator", "quote"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let csv = std::fs::read_to_string(new.join("content/indikatoren/quote.csv")).unwrap();
    assert_eq!(csv, "period,value\n");
    assert!(
        made.stderr.contains("content/indikatoren/quote.csv"),
        "{}",
        made.stderr
    );
    // A new indicator's required fields are set: the site still builds.
    let again = site.run(&["-C", new_arg, "build", "--base-url", common::DEPLOY_BASE]);
    assert_eq!(again.code, 0, "{}", again.stderr);
}

#[test]
fn a_target_that_is_not_a_finite_number_is_refused() {
    let site = site();
    site.write(
        "content/indikatoren/folgt.md",
        "---\ntitle: Daten folgen\ndefinition: D.\nunit: per_1000\nsource: Q\ndirection: neutral\ntarget: { value: .nan, year: 2030 }\n---\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("the target value is not a number"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("content/indikatoren/folgt.md:7:9"),
        "{}",
        run.stderr
    );
}
