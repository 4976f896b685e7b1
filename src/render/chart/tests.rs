//! The chart's promises, checked on the SVG parsed back with roxmltree:
//! the points lie where the values say, the structure screen readers use
//! is there, nothing the Content-Security-Policy forbids is, and odd input
//! gives a chart or nothing, never a panic.

use super::frame::FONT;
use super::*;

use roxmltree::{Document, Node};

fn plain(value: f64) -> String {
    format!("{value}")
}

fn periods(n: usize) -> Vec<String> {
    (0..n).map(|i| (2000 + i).to_string()).collect()
}

fn chart<'a>(periods: &'a [String], series: &'a [Series<'a>]) -> Chart<'a> {
    Chart {
        id: "ind-1",
        title: "Ausländeranteil",
        desc: "Die Tabelle unter dem Diagramm enthält alle Werte.",
        unit: "%",
        periods,
        series,
        format: &plain,
    }
}

fn series(name: Option<&str>, values: Vec<Option<f64>>) -> Series<'_> {
    Series { name, values }
}

fn parse(svg: &str) -> Document<'_> {
    Document::parse(svg).unwrap_or_else(|e| panic!("{e}\n{svg}"))
}

fn by_class<'a, 'i>(doc: &'a Document<'i>, class: &str) -> Vec<Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.split(' ').any(|c| c == class))
        })
        .collect()
}

fn numbers(text: &str) -> Vec<f64> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse()
                .unwrap_or_else(|_| panic!("a number: {s:?} in {text:?}"))
        })
        .collect()
}

/// The marker centres of each series, in order (each marker's path starts
/// with `M x,y`, its centre).
fn markers(doc: &Document) -> Vec<Vec<(f64, f64)>> {
    let chart = doc.root_element();
    chart
        .children()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.starts_with("chart-series"))
        })
        .map(|g| {
            g.descendants()
                .filter(|n| n.attribute("class") == Some("chart-marker"))
                .map(|m| {
                    let d = m.attribute("d").unwrap();
                    let end = d.find('m').unwrap();
                    let xy = numbers(&d[1..end]);
                    (xy[0], xy[1])
                })
                .collect()
        })
        .collect()
}

/// The value axis as `(value, coordinate)` pairs read from the tick labels,
/// and the linear map it gives from a coordinate back to a value.
fn ticks(doc: &Document, coordinate: &str) -> (Vec<(f64, f64)>, impl Fn(f64) -> f64 + use<>) {
    let group = by_class(doc, "chart-ticks")[0];
    let ticks: Vec<(f64, f64)> = group
        .children()
        .filter(|n| n.has_tag_name("text"))
        .map(|t| {
            let value: f64 = t.text().unwrap().parse().unwrap();
            (value, t.attribute(coordinate).unwrap().parse().unwrap())
        })
        .collect();
    let ((v0, c0), (v1, c1)) = (ticks[0], ticks[ticks.len() - 1]);
    (ticks, move |c: f64| v0 + (c - c0) / (c1 - c0) * (v1 - v0))
}

/// How far a value read back may be off: the one decimal of the point's
/// coordinate and of the two ticks it is read against, in values.
fn tolerance(ticks: &[(f64, f64)]) -> f64 {
    let ((v0, c0), (v1, c1)) = (ticks[0], ticks[ticks.len() - 1]);
    0.151 * ((v1 - v0) / (c1 - c0)).abs()
}

fn assert_values(doc: &Document, series: &[Series]) {
    let (ticks, value_at) = ticks(doc, "y");
    let tolerance = tolerance(&ticks);
    let found = markers(doc);
    assert_eq!(found.len(), series.len());
    for (points, series) in found.iter().zip(series) {
        let expected: Vec<f64> = series
            .values
            .iter()
            .flatten()
            .copied()
            .filter(|v| v.is_finite())
            .collect();
        assert_eq!(points.len(), expected.len(), "one marker per value");
        for (&(_, y), v) in points.iter().zip(&expected) {
            let read = value_at(y);
            assert!(
                (read - v).abs() <= tolerance,
                "{v} drawn as {read} (±{tolerance})"
            );
        }
    }
}

#[test]
fn the_points_of_a_line_lie_where_the_values_say() {
    let p = periods(10);
    let values = [17.1, 17.4, 18.0, 18.9, 19.5, 20.2, 20.0, 21.3, 22.8, 23.4];
    let s = [series(None, values.iter().map(|&v| Some(v)).collect())];
    let svg = svg(&chart(&p, &s));
    let doc = parse(&svg);
    assert_values(&doc, &s);

    // Every point lies above its period's label, and the line runs
    // through the markers.
    let labels: Vec<(String, f64)> = by_class(&doc, "chart-periods")[0]
        .children()
        .map(|t| {
            (
                t.text().unwrap().to_owned(),
                t.attribute("x").unwrap().parse().unwrap(),
            )
        })
        .collect();
    let points = &markers(&doc)[0];
    for (label, x) in &labels {
        let i = p.iter().position(|p| p == label).unwrap();
        assert!((points[i].0 - x).abs() < 0.01, "{label}");
    }
    let line = numbers(by_class(&doc, "chart-line")[0].attribute("d").unwrap());
    let vertices: Vec<(f64, f64)> = line.chunks(2).map(|c| (c[0], c[1])).collect();
    assert_eq!(&vertices, points);
}

#[test]
fn negative_values_are_drawn_below_zero() {
    let p = periods(4);
    let s = [series(
        None,
        vec![Some(-2.5), Some(1.0), Some(-0.5), Some(3.0)],
    )];
    let doc_text = svg(&chart(&p, &s));
    let doc = parse(&doc_text);
    assert_values(&doc, &s);
    let (ticks, _) = ticks(&doc, "y");
    assert!(
        ticks.iter().any(|(v, _)| *v == 0.0),
        "zero is a tick: {ticks:?}"
    );
    // The axis line lies at zero.
    let zero_y = ticks.iter().find(|(v, _)| *v == 0.0).unwrap().1;
    let axis = numbers(by_class(&doc, "chart-axis")[0].attribute("d").unwrap());
    assert!((axis[1] - zero_y).abs() < 0.01);
}

#[test]
fn gaps_break_the_line_and_get_no_marker() {
    let p = periods(7);
    let s = [series(
        None,
        vec![
            Some(1.0),
            Some(2.0),
            None,
            Some(4.0),
            Some(f64::NAN),
            Some(6.0),
            Some(7.0),
        ],
    )];
    let doc_text = svg(&chart(&p, &s));
    let doc = parse(&doc_text);
    assert_eq!(markers(&doc)[0].len(), 5, "one marker per finite value");
    // 1–2, 4 alone (a marker, no line), 6–7.
    let lines = by_class(&doc, "chart-line");
    assert_eq!(lines.len(), 2);
    assert_eq!(numbers(lines[0].attribute("d").unwrap()).len(), 4);
    assert_eq!(numbers(lines[1].attribute("d").unwrap()).len(), 4);
}

#[test]
fn one_period_gives_bars_from_zero() {
    let p = periods(1);
    let s = [
        series(Some("Deutsch"), vec![Some(82.4)]),
        series(Some("EU"), vec![Some(9.1)]),
        series(Some("Andere"), vec![None]),
        series(Some("Saldo"), vec![Some(-3.5)]),
    ];
    let text = svg(&chart(&p, &s));
    let doc = parse(&text);
    assert_eq!(
        doc.root_element().attribute("class"),
        Some("chart chart--bars")
    );
    let (ticks, value_at) = ticks(&doc, "x");
    assert!(ticks.iter().any(|(v, _)| *v == 0.0), "{ticks:?}");
    let tolerance = tolerance(&ticks);
    let zero = ticks.iter().find(|(v, _)| *v == 0.0).unwrap().1;
    let bars = by_class(&doc, "chart-bar");
    assert_eq!(bars.len(), 3, "a bar per value, none for the gap");
    let attr = |n: &Node, a: &str| -> f64 { n.attribute(a).unwrap().parse().unwrap() };
    for (bar, v) in bars.iter().zip([82.4, 9.1, -3.5]) {
        let (x, width) = (attr(bar, "x"), attr(bar, "width"));
        let end = if v < 0.0 {
            assert!(
                (x + width - zero).abs() < 0.11,
                "a negative bar ends at zero"
            );
            x
        } else {
            assert!((x - zero).abs() < 0.01, "a bar starts at zero");
            x + width
        };
        assert!((value_at(end) - v).abs() <= tolerance, "{v}");
    }
    let names: Vec<&str> = by_class(&doc, "chart-name")
        .iter()
        .map(|n| n.text().unwrap())
        .collect();
    assert_eq!(names, ["Deutsch", "EU", "Andere", "Saldo"]);
    let values: Vec<&str> = by_class(&doc, "chart-value")
        .iter()
        .map(|n| n.text().unwrap())
        .collect();
    assert_eq!(values, ["82.4", "9.1", "-3.5"]);
}

#[test]
fn every_count_of_periods_and_series_draws_every_value() {
    for n in [1, 2, 10, 40] {
        for count in 1..=6 {
            let p = periods(n);
            let s: Vec<Series> = (0..count)
                .map(|k| {
                    let values = (0..n)
                        .map(|i| Some(((i * 7 + k * 13) % 23) as f64 - 4.0))
                        .collect();
                    series(Some(["A", "B", "C", "D", "E", "F"][k]), values)
                })
                .collect();
            let text = svg(&chart(&p, &s));
            let doc = parse(&text);
            if n == 1 {
                assert_eq!(by_class(&doc, "chart-bar").len(), count, "{n} × {count}");
            } else {
                assert_values(&doc, &s);
                let legend = by_class(&doc, "chart-legend")[0];
                assert_eq!(
                    legend.children().filter(|c| c.has_tag_name("text")).count(),
                    count
                );
            }
        }
    }
}

#[test]
fn many_periods_are_labelled_sparsely_and_the_latest_always() {
    let p: Vec<String> = (0..40)
        .map(|i| format!("{}-{:02}", 2020 + i / 12, i % 12 + 1))
        .collect();
    let s = [series(None, (0..40).map(|i| Some(i as f64)).collect())];
    let text = svg(&chart(&p, &s));
    let doc = parse(&text);
    let labels: Vec<(&str, f64)> = by_class(&doc, "chart-periods")[0]
        .children()
        .map(|t| {
            (
                t.text().unwrap(),
                t.attribute("x").unwrap().parse().unwrap(),
            )
        })
        .collect();
    assert!(labels.len() < 40 && labels.len() >= 3, "{labels:?}");
    assert_eq!(labels.last().unwrap().0, "2023-04");
    let width = xml::text_width("2023-04", FONT);
    for pair in labels.windows(2) {
        assert!(pair[1].1 - pair[0].1 >= width, "labels overlap: {pair:?}");
    }
}

#[test]
fn series_differ_in_marker_shape_and_dash_not_only_colour() {
    let p = periods(3);
    let s: Vec<Series> = (0..6)
        .map(|k| series(Some("x"), vec![Some(k as f64); 3]))
        .collect();
    let text = svg(&chart(&p, &s));
    let doc = parse(&text);
    let groups: Vec<Node> = doc
        .root_element()
        .children()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.starts_with("chart-series"))
        })
        .collect();
    let shapes: std::collections::BTreeSet<String> = groups
        .iter()
        .map(|g| {
            let d = g
                .descendants()
                .find(|n| n.attribute("class") == Some("chart-marker"))
                .unwrap();
            let d = d.attribute("d").unwrap();
            d[d.find('m').unwrap()..].to_owned()
        })
        .collect();
    assert_eq!(shapes.len(), 6, "{shapes:?}");
    let dashes: std::collections::BTreeSet<&str> = groups
        .iter()
        .map(|g| g.attribute("stroke-dasharray").unwrap_or("solid"))
        .collect();
    assert_eq!(dashes.len(), 6, "{dashes:?}");
    let classes: std::collections::BTreeSet<&str> = groups
        .iter()
        .map(|g| g.attribute("class").unwrap())
        .collect();
    assert_eq!(classes.len(), 6);
}

#[test]
fn title_and_desc_name_the_chart() {
    let p = periods(3);
    let s = [series(None, vec![Some(1.0), Some(2.0), Some(3.0)])];
    for (p, s) in [(&p[..], &s[..]), (&p[..1], &s[..])] {
        let text = svg(&chart(p, s));
        let doc = parse(&text);
        let root = doc.root_element();
        assert_eq!(root.attribute("role"), Some("img"));
        assert!(root.attribute("viewBox").is_some());
        assert_eq!(root.attribute("width"), None, "no fixed width");
        assert_eq!(root.attribute("height"), None);
        let mut children = root.children();
        let title = children.next().unwrap();
        let desc = children.next().unwrap();
        assert!(title.has_tag_name("title") && desc.has_tag_name("desc"));
        assert_eq!(title.text(), Some("Ausländeranteil"));
        assert_eq!(
            desc.text(),
            Some("Die Tabelle unter dem Diagramm enthält alle Werte.")
        );
        let ids: Vec<&str> = root
            .attribute("aria-labelledby")
            .unwrap()
            .split(' ')
            .collect();
        assert_eq!(
            ids,
            [
                title.attribute("id").unwrap(),
                desc.attribute("id").unwrap()
            ]
        );
        assert_eq!(ids, ["ind-1-title", "ind-1-desc"]);
    }
}

#[test]
fn an_id_is_made_fit_for_aria_labelledby() {
    let p = periods(2);
    let s = [series(None, vec![Some(1.0), Some(2.0)])];
    let mut c = chart(&p, &s);
    c.id = "2 Quote \"x\"";
    let text = svg(&c);
    let doc = parse(&text);
    assert_eq!(
        doc.root_element().attribute("aria-labelledby"),
        Some("chart-2-Quote--x--title chart-2-Quote--x--desc")
    );
}

/// What an SVG inside a page may contain under the site's CSP: these
/// elements, and no attribute that runs script, styles inline or loads a
/// document.
fn assert_csp_safe(svg: &str) {
    const ELEMENTS: &[&str] = &[
        "svg", "title", "desc", "g", "path", "rect", "circle", "text",
    ];
    let doc = parse(svg);
    for node in doc.descendants().filter(Node::is_element) {
        let name = node.tag_name().name();
        assert!(ELEMENTS.contains(&name), "<{name}> in {svg}");
        for attribute in node.attributes() {
            let a = attribute.name().to_ascii_lowercase();
            assert!(!a.starts_with("on"), "{a} on <{name}>");
            assert!(a != "style" && a != "href", "{a} on <{name}>");
            assert!(
                attribute.namespace().is_none(),
                "{a} on <{name}> (xlink:href?)"
            );
            assert!(
                !attribute.value().contains("url("),
                "{a}={}",
                attribute.value()
            );
        }
    }
    assert!(!svg.contains("<!"), "no comments, CDATA or doctype");
}

#[test]
fn nothing_the_content_security_policy_forbids() {
    let hostile =
        "<script>alert(1)</script><style>*{}</style> onload=\"x\" style=\"y\" href=\"//z\"";
    let p = vec![hostile.to_owned(), "2021".to_owned()];
    let s = [
        series(Some(hostile), vec![Some(1.0), Some(2.0)]),
        series(Some("b"), vec![None, Some(3.0)]),
    ];
    let mut c = chart(&p, &s);
    c.title = hostile;
    c.desc = hostile;
    c.unit = hostile;
    c.id = hostile;
    assert_csp_safe(&svg(&c));
    assert_csp_safe(&svg(&chart(&p[..1], &s)));
    c.periods = &p[..1];
    assert_csp_safe(&svg(&c));
    assert_csp_safe(&sparkline(&[Some(1.0), None, Some(2.0)], hostile));
    assert_csp_safe(&sparkline(&[Some(1.0), Some(2.0)], ""));
}

#[test]
fn every_text_is_escaped() {
    let name = "A<B & \"C\" 'd'";
    let p = vec!["<&\"".to_owned(), "20'21".to_owned()];
    let s = [
        series(Some(name), vec![Some(1.0), Some(2.0)]),
        series(Some("x"), vec![Some(1.0), None]),
    ];
    let c = Chart {
        title: name,
        desc: "a\u{1}b\u{0}c",
        unit: "<%>",
        ..chart(&p, &s)
    };
    let text = svg(&c);
    let doc = parse(&text);
    let texts: Vec<&str> = doc.descendants().filter_map(|n| n.text()).collect();
    for expected in [name, "abc", "<%>", "<&\"", "20'21"] {
        assert!(texts.contains(&expected), "{expected:?} in {texts:?}");
    }
    let bars = svg(&Chart {
        periods: &p[..1],
        ..c
    });
    let doc = parse(&bars);
    assert!(doc.descendants().any(|n| n.text() == Some(name)));
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let p = periods(12);
    let make = || {
        (0..3)
            .map(|k| {
                series(
                    Some("s"),
                    (0..12).map(|i| Some((i * k) as f64 / 3.0 - 0.0)).collect(),
                )
            })
            .collect::<Vec<_>>()
    };
    let (a, b) = (make(), make());
    assert_eq!(svg(&chart(&p, &a)), svg(&chart(&p, &b)));
    assert_eq!(sparkline(&a[1].values, "x"), sparkline(&b[1].values, "x"));
    // One decimal everywhere, and no negative zero.
    let text = svg(&chart(&p, &a));
    assert!(
        !text.contains("-0.0,") && !text.contains("-0.0\""),
        "{text}"
    );
    for d in parse(&text).descendants().filter_map(|n| n.attribute("d")) {
        for number in d
            .split(|c: char| !(c.is_ascii_digit() || c == '.'))
            .filter(|s| s.contains('.'))
        {
            assert_eq!(
                number.split('.').nth(1).unwrap().len(),
                1,
                "{number} in {d}"
            );
        }
    }
}

#[test]
fn nothing_to_draw_gives_no_chart() {
    let p = periods(3);
    let none = [series(
        None,
        vec![None, Some(f64::NAN), Some(f64::INFINITY)],
    )];
    assert_eq!(svg(&chart(&p, &none)), "");
    assert_eq!(svg(&chart(&[], &none)), "");
    assert_eq!(svg(&chart(&p, &[])), "");
    let short = [series(None, vec![])];
    assert_eq!(svg(&chart(&p, &short)), "");
    let many: Vec<Series> = (0..=MAX_SERIES)
        .map(|_| series(None, vec![Some(1.0); 3]))
        .collect();
    assert_eq!(svg(&chart(&p, &many)), "");
    let long = periods(MAX_PERIODS + 1);
    assert_eq!(svg(&chart(&long, &none[..0])), "");
    assert_eq!(sparkline(&[None, Some(f64::NEG_INFINITY)], "x"), "");
    assert_eq!(sparkline(&[], "x"), "");
}

#[test]
fn huge_and_broken_values_never_panic_and_stay_bounded() {
    let p = periods(MAX_PERIODS);
    let wild = [
        f64::MAX,
        f64::MIN,
        1e300,
        -1e15,
        1e15,
        f64::MIN_POSITIVE,
        5e-324,
        -0.0,
        f64::NAN,
    ];
    let s: Vec<Series> = (0..MAX_SERIES)
        .map(|k| {
            series(
                Some("n"),
                (0..MAX_PERIODS)
                    .map(|i| Some(wild[(i + k) % wild.len()]))
                    .collect(),
            )
        })
        .collect();
    let long = "x".repeat(10_000);
    let c = Chart {
        title: &long,
        desc: &long,
        unit: &long,
        ..chart(&p, &s)
    };
    let text = svg(&c);
    let doc = parse(&text);
    // The plottable values (±10¹⁵, tiny and zero) are drawn, the rest are gaps.
    let drawn: usize = markers(&doc).iter().map(Vec::len).sum();
    let plottable = s
        .iter()
        .flat_map(|s| &s.values)
        .flatten()
        .filter(|v| v.abs() <= 1e15)
        .count();
    assert_eq!(drawn, plottable);
    assert!(text.len() < 1_000_000, "{} bytes", text.len());
    for (i, v) in wild.iter().enumerate() {
        let one = [series(None, vec![Some(*v)])];
        let p1 = periods(1);
        let _ = svg(&chart(&p1, &one));
        let two = [series(
            None,
            vec![Some(*v), Some(wild[(i + 1) % wild.len()])],
        )];
        let p2 = periods(2);
        let _ = svg(&chart(&p2, &two));
        let _ = sparkline(&two[0].values, "x");
    }
}

#[test]
fn a_sparkline_is_a_small_labelled_line() {
    let text = sparkline(
        &[Some(3.0), Some(4.0), None, Some(2.0), Some(5.0)],
        "Trend 2019–2023",
    );
    let doc = parse(&text);
    let root = doc.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("aria-label"), Some("Trend 2019–2023"));
    assert_eq!(root.first_child().unwrap().text(), Some("Trend 2019–2023"));
    assert_eq!(root.attribute("width"), Some("4em"));
    let paths: Vec<Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("path"))
        .collect();
    assert_eq!(paths.len(), 2, "the gap breaks the line");
    // The dot is on the latest value, the highest: at the top.
    let dot = doc
        .descendants()
        .find(|n| n.has_tag_name("circle"))
        .unwrap();
    assert_eq!(dot.attribute("cy"), Some("3.0"));
    assert_eq!(dot.attribute("cx"), Some("93.0"));

    let decorative = sparkline(&[Some(1.0)], "");
    let doc = parse(&decorative);
    assert_eq!(doc.root_element().attribute("aria-hidden"), Some("true"));
    assert_eq!(doc.root_element().attribute("role"), None);
}

/// The theme's style.css, whose chart block colours the series.
const STYLE: &str = include_str!("../../../themes/default/static/style.css");

/// The `#rrggbb` (or `#rgb`) colour declared for `property` in the rule
/// whose selector is exactly `selector`, or in its custom property.
fn css_colour(selector: &str, property: &str) -> Option<[u8; 3]> {
    let start = STYLE.find(&format!("\n{selector} {{"))?;
    let block = &STYLE[start..start + STYLE[start..].find('}')?];
    let value = block.split(&format!("{property}:")).nth(1)?;
    let hex: String = value
        .trim_start()
        .trim_start_matches('#')
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    let hex = if hex.len() == 3 {
        hex.chars().flat_map(|c| [c, c]).collect()
    } else {
        hex
    };
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// WCAG 2.1 relative luminance.
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG 2.1 contrast ratio.
fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

#[test]
fn every_series_colour_contrasts_with_the_backgrounds() {
    assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 1e-9);
    let backgrounds = [
        (
            "--bg",
            css_colour(":root", "--bg").expect("style.css declares --bg"),
        ),
        (
            "--bg-soft",
            css_colour(":root", "--bg-soft").expect("style.css declares --bg-soft"),
        ),
    ];
    for k in 1..=marks::STYLES {
        let class = format!(".chart-s{k}");
        let colour =
            css_colour(&class, "color").unwrap_or_else(|| panic!("style.css colours {class}"));
        for (name, background) in backgrounds {
            let ratio = contrast(colour, background);
            // Lines and markers need 3:1 (WCAG 1.4.11); the block promises
            // 4.5:1, enough for text in the series' colour too.
            assert!(ratio >= 4.5, "{class} against {name}: {ratio:.2}:1");
        }
    }
}

#[test]
fn on_paper_every_series_is_black() {
    // The chart draws in currentColor; the print rule's `color: #000` on
    // every element makes lines and markers black on white (21:1), and
    // shapes and dashes, not colours, tell the series apart.
    let print = STYLE.split("@media print {").nth(1).expect("a print block");
    let rule = print
        .lines()
        .find(|l| l.trim_start().starts_with("*, *::before, *::after {"))
        .expect("a rule for every element");
    assert!(rule.contains("color: #000 !important"), "{rule}");
    let s: Vec<Series> = (0..3)
        .map(|k| series(Some("Burbach"), vec![Some(k as f64), Some(-1.0)]))
        .collect();
    let p = periods(2);
    for svg in [svg(&chart(&p, &s)), svg(&chart(&p[..1], &s))] {
        let doc = parse(&svg);
        for node in doc.descendants().filter(Node::is_element) {
            for paint in ["fill", "stroke"] {
                let value = node.ancestors().find_map(|a| a.attribute(paint));
                let value = value.unwrap_or("none");
                assert!(["currentColor", "none"].contains(&value), "{paint}={value}");
            }
            // Text is in the text colour, never in a series' colour.
            if node.has_tag_name("text") {
                let coloured = node
                    .ancestors()
                    .filter_map(|a| a.attribute("class"))
                    .any(|c| c.contains("chart-s"));
                assert!(!coloured, "{:?} in a series' colour", node.text());
            }
        }
    }
}

#[test]
fn a_single_unnamed_value_is_one_bar_without_a_name_line() {
    let p = periods(1);
    let s = [series(None, vec![Some(12.5)])];
    let text = svg(&chart(&p, &s));
    let doc = parse(&text);
    assert!(by_class(&doc, "chart-name").is_empty());
    let bars = by_class(&doc, "chart-bar");
    assert_eq!(bars.len(), 1);
    let (ticks, value_at) = ticks(&doc, "x");
    let end: f64 = ["x", "width"]
        .iter()
        .map(|a| bars[0].attribute(*a).unwrap().parse::<f64>().unwrap())
        .sum();
    assert!((value_at(end) - 12.5).abs() <= tolerance(&ticks));
}

#[test]
fn a_sparkline_shows_a_value_between_gaps_as_a_dot() {
    let text = sparkline(
        &[Some(1.0), None, Some(2.0), None, Some(3.0), Some(4.0)],
        "x",
    );
    let doc = parse(&text);
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("path")).count(),
        1
    );
    let dots: Vec<Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .collect();
    assert_eq!(dots.len(), 3, "two lone values and the latest");
}

#[test]
fn no_line_of_a_bar_chart_crosses_a_name() {
    let p = periods(1);
    let s = [
        series(Some("Deutsch"), vec![Some(82.4)]),
        series(Some("Saldo"), vec![Some(-3.5)]),
    ];
    let text = svg(&chart(&p, &s));
    let doc = parse(&text);
    let names: Vec<f64> = by_class(&doc, "chart-name")
        .iter()
        .map(|n| n.attribute("y").unwrap().parse().unwrap())
        .collect();
    let mut lines = by_class(&doc, "chart-axis");
    lines.extend(by_class(&doc, "chart-grid")[0].children());
    for line in lines {
        let d = line.attribute("d").unwrap();
        for segment in d.split('M').filter(|s| !s.is_empty()) {
            let [_, from, to] = numbers(segment)[..] else {
                panic!("{segment}")
            };
            for &baseline in &names {
                // A line of text: its ascenders up to 1 em, descenders 0.2 em.
                let (top, bottom) = (baseline - FONT, baseline + 0.2 * FONT);
                assert!(
                    to < top || from > bottom,
                    "{segment} crosses the name at {baseline}"
                );
            }
        }
    }
}
