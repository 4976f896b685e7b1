//! The Markdown pass as a whole: bodies in, HTML and diagnostics out.
//! (How fast heading ids are given out is tested in `headings.rs`.)

use super::*;
use crate::diag::SourceMap;

fn md(text: &str, lang: &str) -> (Markdown, Diagnostics) {
    let file = SourceMap::new().add("x.md".into(), text.into());
    render(text, 0, file, lang, RawHtml::Escape)
}

#[test]
fn headings_get_unique_readable_ids() {
    let (m, _) = md("## Ziele\n\n## Ziele\n\n## Mit {#eigen}\n", "de");
    let ids: Vec<_> = m.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["ziele", "ziele-2", "eigen"]);
    assert!(m.html.contains(r#"<h2 id="ziele-2">"#));
}

#[test]
fn typography_never_touches_code() {
    let (m, _) = md("\"a\" `\"b\"`\n\n```\n\"c\"\n```\n", "de");
    assert!(m.html.contains("„a“ <code>\"b\"</code>"), "{}", m.html);
    assert!(m.html.contains("<code>\"c\"\n</code>"));
}

#[test]
fn internal_links_become_placeholders() {
    let (m, _) = md("[a](x.md#y) [b](https://example.org) [c](#z)", "de");
    assert_eq!(m.links.len(), 2);
    assert_eq!(m.links[0].dest, "x.md#y");
    assert!(m.html.contains(&format!(r#"href="{}0""#, placeholder())));
    assert!(m.html.contains(r#"href="https://example.org""#));
}

#[test]
fn raw_html_is_escaped_and_reported() {
    let (m, d) = md("Hallo <script>alert(1)</script>\n\n<div>x</div>\n", "de");
    assert!(!m.html.contains("<script>"));
    assert!(m.html.contains("&lt;script&gt;"));
    assert_eq!(d.iter().filter(|d| d.code == Code::RawHtml).count(), 3);
}

#[test]
fn script_links_lose_their_link_and_keep_their_text() {
    let (m, d) = md(
        "[klick](javascript:alert(1)) <JavaScript:x> ![bild](data:image/svg+xml,x) [ok](https://example.org)",
        "de",
    );
    assert!(
        !m.html.to_ascii_lowercase().contains("href=\"javascript:"),
        "{}",
        m.html
    );
    assert!(m.html.contains("klick JavaScript:x bild"), "{}", m.html);
    assert!(!m.html.contains("<img"), "{}", m.html);
    assert!(m.html.contains("klick"));
    assert!(m.html.contains(r#"<a href="https://example.org">ok</a>"#));
    assert_eq!(d.iter().filter(|d| d.code == Code::UnsafeLink).count(), 3);
}

#[test]
fn script_links_never_pass_whatever_the_policy() {
    for policy in [RawHtml::Sanitize, RawHtml::Escape, RawHtml::Allow] {
        let (m, d) = md_with("[k](javascript:x) ![b](data:x) ![c](JavaScript:y)", policy);
        assert!(!m.html.contains("javascript:"), "{policy:?}: {}", m.html);
        assert!(!m.html.contains("<img"), "{policy:?}: {}", m.html);
        assert_eq!(d.iter().filter(|d| d.code == Code::UnsafeLink).count(), 3);
    }
}

fn md_with(text: &str, policy: RawHtml) -> (Markdown, Diagnostics) {
    let file = SourceMap::new().add("x.md".into(), text.into());
    render(text, 0, file, "de", policy)
}

#[test]
fn allowed_inline_html_passes_and_the_rest_is_removed_with_a_warning() {
    let (m, d) = md_with(
        "Die <abbr title=\"Integrationsrat\">IR</abbr> tagt<sup>1</sup>,<br>\
         <b onclick=x>laut</b> <script>alert(1)</script>\n\n\
         <script>\nalert(2)\n</script>\n\n<div style=x>Block <kbd>Strg</kbd></div>\n",
        RawHtml::Sanitize,
    );
    assert!(
        m.html
            .contains(r#"Die <abbr title="Integrationsrat">IR</abbr> tagt<sup>1</sup>,<br>"#),
        "{}",
        m.html
    );
    assert!(
        m.html.contains("<p>Block <kbd>Strg</kbd></p>"),
        "{}",
        m.html
    );
    for gone in [
        "<b>", "<b ", "<script", "alert(2)", "<div", "style", "onclick",
    ] {
        assert!(!m.html.contains(gone), "{gone}: {}", m.html);
    }
    let messages: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "raw HTML `<b>` was removed",
            "raw HTML `<script>` was removed",
            "raw HTML `<script>` was removed",
            "raw HTML `<div>` was removed",
        ]
    );
    assert!(m.has_raw_html);
    assert!(!md_with("Nur *Text*.", RawHtml::Sanitize).0.has_raw_html);
}

#[test]
fn block_html_warnings_point_at_their_line() {
    let text = "Text\n\n> <div>\n> <iframe src=karte.html></iframe>\n> </div>\n";
    let (_, d) = md_with(text, RawHtml::Sanitize);
    let spans: Vec<_> = d
        .iter()
        .map(|d| &text[d.location.as_ref().and_then(|l| l.span.clone()).unwrap()])
        .collect();
    assert_eq!(spans, ["<div>", "<iframe src=karte.html>"]);
}

#[test]
fn heading_attributes_keep_only_id_and_plain_classes() {
    let (m, d) = md(
        "## Zwei {#zwei onmouseover=alert(1) .ok .x\"y style=color:red}\n\n## Drei {#a\"b}\n",
        "de",
    );
    assert!(
        m.html.contains(r#"<h2 id="zwei" class="ok">Zwei</h2>"#),
        "{}",
        m.html
    );
    assert!(!m.html.contains("onmouseover"), "{}", m.html);
    assert!(!m.html.contains("style"), "{}", m.html);
    assert_eq!(m.headings[1].id, "a-b");
    assert_eq!(d.iter().filter(|d| d.code == Code::RawHtml).count(), 4);
}

#[test]
fn heading_ids_are_the_same_as_before() {
    let (m, _) = md(
        "## A\n\n## A {#a-2}\n\n## A\n\n## A-2\n\n## A\n\n## B {#a}\n\n## A\n",
        "de",
    );
    let ids: Vec<_> = m.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["a", "a-2", "a-3", "a-2-2", "a-4", "a-5", "a-6"]);
}

#[test]
fn nesting_beyond_the_limit_is_one_error() {
    for text in [
        format!("{} tief", ">".repeat(200_000)),
        format!("{}x", "- ".repeat(200_000)),
    ] {
        let (_, d) = md(&text, "de");
        let limits: Vec<_> = d.iter().filter(|d| d.code == Code::Limit).collect();
        assert_eq!(limits.len(), 1, "{}", &text[..10]);
        assert!(limits[0].is_error());
    }
    let (_, d) = md(&format!("{} tief", ">".repeat(MAX_DEPTH - 1)), "de");
    assert!(d.is_empty());
}

#[test]
fn images_from_other_hosts_are_errors() {
    for dest in [
        "https://tracker.example/p.gif",
        "//tracker.example/p.gif",
        "HTTP://x.example/a.png",
        "<https://x.example/a b.png>",
    ] {
        let (m, d) = md(&format!("![Zähler]({dest})"), "de");
        assert!(!m.html.contains("<img"), "{dest}: {}", m.html);
        assert!(d.has_errors(), "{dest}");
        assert_eq!(d.iter().next().unwrap().code, Code::ThirdParty);
    }
    let (m, d) = md("[Seite](https://example.org) <https://example.org>", "de");
    assert!(d.is_empty());
    assert_eq!(m.html.matches("<a href").count(), 2);
}
