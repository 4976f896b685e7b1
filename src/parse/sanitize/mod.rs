//! Raw HTML in Markdown, by allowlist (docs/design.md § Trust).
//!
//! Editors need a few inline tags Markdown has no syntax for (`<abbr>`,
//! `<sup>`, `<br>`, `<kbd>`, `<span lang>` …). Everything else an editor
//! (or a pasted snippet) writes — scripts, styles, frames, forms, event
//! handlers, `style` attributes, script URLs — is removed, and each removal
//! is reported with the Markdown that does the job instead.
//!
//! The sanitizer proper is `ammonia` (html5ever's parser, the browsers'
//! algorithm), so what reaches a page is safe whatever this module's own
//! small tag scanner makes of the input: the scanner only *narrows* (a tag
//! it refuses is dropped) and *reports*. pulldown-cmark hands inline HTML
//! over one tag per event (`<abbr title="x">`, text, `</abbr>`), so an
//! inline start tag is cleaned alone and ammonia's closing tag cut off
//! again; a block of HTML is cleaned as one fragment.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

mod scan;

use crate::config::RawHtml;
use scan::{Kind, Token, scan};

/// Inline tags that pass under `sanitize`, with the attributes each takes
/// beyond [`GLOBAL`]. All are phrasing content Markdown cannot express.
const INLINE: &[(&str, &[&str])] = &[
    ("a", &["href"]),
    ("abbr", &[]),
    ("bdi", &[]),
    ("bdo", &[]),
    ("br", &[]),
    ("cite", &[]),
    ("data", &["value"]),
    ("del", &["datetime"]),
    ("dfn", &[]),
    ("ins", &["datetime"]),
    ("kbd", &[]),
    ("mark", &[]),
    ("q", &[]),
    ("rp", &[]),
    ("rt", &[]),
    ("ruby", &[]),
    ("s", &[]),
    ("samp", &[]),
    ("small", &[]),
    ("span", &[]),
    ("sub", &[]),
    ("sup", &[]),
    ("time", &["datetime"]),
    ("u", &[]),
    ("var", &[]),
    ("wbr", &[]),
];

/// Block and emphasis tags that `allow` adds to [`INLINE`].
const WIDER: &[(&str, &[&str])] = &[
    ("b", &[]),
    ("blockquote", &[]),
    ("caption", &[]),
    ("code", &[]),
    ("dd", &[]),
    ("details", &["open"]),
    ("div", &[]),
    ("dl", &[]),
    ("dt", &[]),
    ("em", &[]),
    ("figcaption", &[]),
    ("figure", &[]),
    ("hr", &[]),
    ("i", &[]),
    ("li", &[]),
    ("ol", &["start", "reversed"]),
    ("p", &[]),
    ("pre", &[]),
    ("strong", &[]),
    ("summary", &[]),
    ("table", &[]),
    ("tbody", &[]),
    ("td", &["colspan", "rowspan"]),
    ("tfoot", &[]),
    ("th", &["colspan", "rowspan", "scope"]),
    ("thead", &[]),
    ("tr", &[]),
    ("ul", &[]),
];

/// Attributes every allowed tag takes.
const GLOBAL: &[&str] = &["lang", "dir", "title"];

/// `allow` also takes `class` (for a theme's own styles).
const WIDER_GLOBAL: &[&str] = &["lang", "dir", "title", "class"];

/// The schemes a raw `<a href>` may use: links to other sites and contact.
/// Links into the site are written in Markdown, where konzept checks them.
const LINK_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// Tags that load something when the page is shown, and the attributes
/// naming what they load.
const RESOURCES: &[&str] = &[
    "audio", "embed", "frame", "iframe", "image", "img", "input", "link", "object", "picture",
    "script", "source", "track", "video",
];
const RESOURCE_ATTRIBUTES: &[&str] = &["src", "srcset", "data", "href", "poster", "xlink:href"];

/// One thing the sanitizer took out, for a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Removal {
    /// Where in the cleaned text (byte range).
    pub span: Range<usize>,
    /// What happened, in the editor's words.
    pub what: Finding,
}

/// The kinds of [`Removal`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Finding {
    /// A tag that is not on the list (`script`).
    Tag(String),
    /// An attribute of an allowed tag (`abbr`, `onclick`).
    Attribute(String, String),
    /// A raw link into the site or to a script URL.
    Link(String),
    /// A tag that would load `url` from another host.
    ThirdParty(String, String),
    /// `<?…>`, `<!DOCTYPE>`, CDATA.
    Other(String),
}

impl Finding {
    /// The diagnostic's message, label and help.
    pub(super) fn describe(&self) -> (String, &'static str, String) {
        match self {
            Finding::Tag(name) => (
                format!("raw HTML `<{name}>` was removed"),
                "removed from the page",
                tag_help(name).to_owned(),
            ),
            Finding::Attribute(tag, attribute) => (
                format!("the attribute `{attribute}` of `<{tag}>` was removed"),
                "attribute removed",
                format!(
                    "raw HTML keeps only `lang`, `dir` and `title`{}; event handlers and `style` never reach a page",
                    extra_attributes(tag)
                ),
            ),
            Finding::Link(href) => (
                format!("the raw link `<a href=\"{href}\">` was removed, its text kept"),
                "link removed",
                "write `[text](seite.md)` so konzept checks the link; raw `<a>` takes only whole `https://`, `mailto:` and `tel:` addresses".to_owned(),
            ),
            Finding::ThirdParty(tag, url) => (
                format!("`<{tag}>` would load `{url}` from another site"),
                "third-party resource",
                third_party_help(),
            ),
            Finding::Other(text) => (
                format!("raw HTML `{text}` was removed"),
                "removed from the page",
                "declarations and processing instructions have no place in a page".to_owned(),
            ),
        }
    }

    /// Whether the finding fails the build.
    pub(super) fn is_error(&self) -> bool {
        matches!(self, Finding::ThirdParty(..))
    }
}

/// The help for a resource from another host.
pub(super) fn third_party_help() -> String {
    "the site makes no third-party requests: save the file in content/ and embed it as `![description](bild.png)`, or link to it: `[Video ansehen](https://…)`".to_owned()
}

fn tag_help(name: &str) -> &'static str {
    match name {
        "b" | "strong" => "write **bold** in Markdown",
        "i" | "em" => "write *emphasis* in Markdown",
        "img" | "picture" | "figure" => {
            "save the image in content/ and write `![description](bild.png)`"
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => "write a heading as `## Heading`",
        "p" | "div" => "leave a blank line between paragraphs",
        "ul" | "ol" | "li" => "write a list with `-` or `1.` at the start of each line",
        "table" | "tr" | "td" | "th" | "thead" | "tbody" => "write a Markdown table (`| a | b |`)",
        "pre" | "code" => "write code between backticks",
        "blockquote" => "start each quoted line with `>`",
        "hr" => "write a rule as `---` between blank lines",
        _ => {
            "scripts, styles, frames, forms and other elements never reach a page; raw HTML keeps `<abbr>`, `<br>`, `<sup>`, `<sub>`, `<small>`, `<kbd>`, `<mark>`, `<span>`, `<q>`, `<time>` and a few more (README § Security)"
        }
    }
}

fn extra_attributes(tag: &str) -> String {
    INLINE
        .iter()
        .chain(WIDER)
        .find(|(name, _)| *name == tag)
        .map(|(_, extra)| extra.iter().map(|a| format!(", `{a}`")).collect::<String>())
        .unwrap_or_default()
}

/// The tag allowlist of a policy: name → attributes beyond the global ones.
fn allowed(policy: RawHtml) -> &'static HashMap<&'static str, HashSet<&'static str>> {
    static NARROW: LazyLock<HashMap<&str, HashSet<&str>>> = LazyLock::new(|| table(INLINE.iter()));
    static WIDE: LazyLock<HashMap<&str, HashSet<&str>>> =
        LazyLock::new(|| table(INLINE.iter().chain(WIDER)));
    match policy {
        RawHtml::Allow => &WIDE,
        _ => &NARROW,
    }
}

fn table<'a>(
    tags: impl Iterator<Item = &'a (&'static str, &'static [&'static str])>,
) -> HashMap<&'static str, HashSet<&'static str>> {
    tags.map(|(name, extra)| (*name, extra.iter().copied().collect()))
        .collect()
}

fn globals(policy: RawHtml) -> &'static [&'static str] {
    match policy {
        RawHtml::Allow => WIDER_GLOBAL,
        _ => GLOBAL,
    }
}

fn cleaner(policy: RawHtml) -> &'static ammonia::Builder<'static> {
    static NARROW: LazyLock<ammonia::Builder<'static>> =
        LazyLock::new(|| builder(RawHtml::Sanitize));
    static WIDE: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| builder(RawHtml::Allow));
    match policy {
        RawHtml::Allow => &WIDE,
        _ => &NARROW,
    }
}

fn builder(policy: RawHtml) -> ammonia::Builder<'static> {
    let tags = allowed(policy);
    let mut b = ammonia::Builder::empty();
    b.tags(tags.keys().copied().collect())
        .tag_attributes(tags.iter().map(|(k, v)| (*k, v.clone())).collect())
        .generic_attributes(globals(policy).iter().copied().collect())
        .url_schemes(LINK_SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer"))
        .strip_comments(true)
        .clean_content_tags(["script", "style", "template"].into_iter().collect());
    b
}

/// An inline HTML event (one tag or comment) under `policy` (`sanitize` or
/// `allow`): what goes into the page, and what was removed.
pub(super) fn inline(html: &str, policy: RawHtml) -> (String, Vec<Removal>) {
    let tokens = scan(html);
    let whole = matches!(tokens.as_slice(), [t] if t.span == (0..html.len()));
    let Some(token) = tokens.into_iter().next().filter(|_| whole) else {
        // Not one tag as CommonMark defines it: nothing of it is kept.
        let text: String = html.trim().chars().take(40).collect();
        return (
            String::new(),
            vec![removal(0..html.len(), Finding::Other(text))],
        );
    };
    let findings = judge(&token, policy);
    let kept = findings
        .iter()
        .all(|f| matches!(f.what, Finding::Attribute(..)));
    let out = match &token.kind {
        Kind::Start(name) if kept => start_tag(html, name, policy),
        Kind::End(name) if allowed(policy).contains_key(name.as_str()) => format!("</{name}>"),
        _ => String::new(),
    };
    (out, findings)
}

/// A start tag cleaned by ammonia, without the closing tag ammonia adds.
fn start_tag(html: &str, name: &str, policy: RawHtml) -> String {
    let cleaned = cleaner(policy).clean(html).to_string();
    let cleaned = cleaned
        .strip_suffix(&format!("</{name}>"))
        .unwrap_or(&cleaned);
    if cleaned.starts_with(&format!("<{name}")) {
        cleaned.to_owned()
    } else {
        String::new()
    }
}

/// A block of HTML (an HTML block's lines, joined) under `policy`.
pub(super) fn block(html: &str, policy: RawHtml) -> (String, Vec<Removal>) {
    let findings = scan(html).iter().flat_map(|t| judge(t, policy)).collect();
    let cleaned = cleaner(policy).clean(html).to_string();
    let out = if cleaned.trim().is_empty() {
        String::new()
    } else if policy == RawHtml::Allow {
        format!("{}\n", cleaned.trim_end())
    } else {
        // Only phrasing content passes: it belongs in a paragraph.
        format!("<p>{}</p>\n", cleaned.trim())
    };
    (out, findings)
}

fn removal(span: Range<usize>, what: Finding) -> Removal {
    Removal { span, what }
}

/// What one scanned tag loses under `policy`.
fn judge(token: &Token, policy: RawHtml) -> Vec<Removal> {
    let span = token.span.clone();
    let name = match &token.kind {
        Kind::Start(name) => name,
        Kind::Comment | Kind::End(_) => return Vec::new(),
        Kind::Other(text) => return vec![removal(span, Finding::Other(text.clone()))],
    };
    let remote = token.attributes.iter().find(|(a, v)| {
        RESOURCE_ATTRIBUTES.contains(&a.as_str()) && v.as_deref().is_some_and(is_remote)
    });
    if let Some((_, Some(url))) = remote.filter(|_| RESOURCES.contains(&name.as_str())) {
        let what = Finding::ThirdParty(name.clone(), shorten(url));
        return vec![removal(span, what)];
    }
    let Some(extra) = allowed(policy).get(name.as_str()) else {
        return vec![removal(span, Finding::Tag(name.clone()))];
    };
    if name == "a" {
        let href = token.attributes.iter().find(|(a, _)| a == "href");
        if let Some((_, value)) = href.filter(|(_, v)| !v.as_deref().is_some_and(is_link)) {
            let href = shorten(value.as_deref().unwrap_or(""));
            return vec![removal(span, Finding::Link(href))];
        }
    }
    token
        .attributes
        .iter()
        .filter(|(a, _)| !globals(policy).contains(&a.as_str()) && !extra.contains(a.as_str()))
        .map(|(a, _)| removal(span.clone(), Finding::Attribute(name.clone(), a.clone())))
        .collect()
}

fn shorten(text: &str) -> String {
    let short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        format!("{short}…")
    } else {
        short
    }
}

/// Whether a URL names another host: `//host/…` or a scheme other than
/// `data:`, `javascript:` and `vbscript:` (refused as script URLs
/// instead). Spelled the way
/// browsers read it (leading spaces and control characters, tabs and line
/// breaks inside ignored).
pub(super) fn is_remote(url: &str) -> bool {
    let url: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(64)
        .collect();
    if url.starts_with("//") || url.starts_with("\\\\") || url.starts_with("/\\") {
        return true;
    }
    scheme(&url).is_some_and(|s| {
        !["data", "javascript", "vbscript"]
            .iter()
            .any(|local| s.eq_ignore_ascii_case(local))
    })
}

/// The scheme of an absolute URL (`https` of `https://…`).
fn scheme(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

/// Whether a raw `href` links to another site or a contact (not into the
/// site, not a script). Entities are not decoded, so `&#…;` in a scheme
/// makes it fail here; ammonia checks the decoded URL again.
fn is_link(href: &str) -> bool {
    let href = href.trim();
    scheme(href).is_some_and(|s| LINK_SCHEMES.iter().any(|l| s.eq_ignore_ascii_case(l)))
        && super::external::problem(href).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(html: &str) -> String {
        inline(html, RawHtml::Sanitize).0
    }

    #[test]
    fn allowed_inline_tags_pass_with_their_attributes() {
        assert_eq!(
            clean(r#"<abbr title="Amt für &quot;Integration&quot;">"#),
            r#"<abbr title="Amt für &quot;Integration&quot;">"#
        );
        assert_eq!(clean("</abbr>"), "</abbr>");
        assert_eq!(clean("<br>"), "<br>");
        assert_eq!(clean("<BR/>"), "<br>");
        assert_eq!(clean("<span lang=fr>"), r#"<span lang="fr">"#);
        assert_eq!(
            clean("<time datetime='2026-12-07'>"),
            r#"<time datetime="2026-12-07">"#
        );
    }

    #[test]
    fn handlers_styles_and_unknown_attributes_are_removed_and_reported() {
        let (out, found) = inline(
            r#"<abbr title=x onclick="alert(1)" style="color:red" id=y>"#,
            RawHtml::Sanitize,
        );
        assert_eq!(out, r#"<abbr title="x">"#);
        let attrs: Vec<_> = found
            .iter()
            .map(|r| match &r.what {
                Finding::Attribute(_, a) => a.as_str(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(attrs, ["onclick", "style", "id"]);
    }

    #[test]
    fn other_tags_are_removed_and_reported() {
        for tag in [
            "<script>",
            "<SCRIPT src=x.js>",
            "<style>",
            "<iframe src=karte.html>",
            "<img src=x onerror=alert(1)>",
            "<form action=x>",
            "<b>",
            "<svg onload=alert(1)>",
            "<math>",
            "<object data=x.swf>",
        ] {
            let (out, found) = inline(tag, RawHtml::Sanitize);
            assert_eq!(out, "", "{tag}");
            assert!(
                matches!(
                    found.as_slice(),
                    [Removal {
                        what: Finding::Tag(_),
                        ..
                    }]
                ),
                "{tag}: {found:?}"
            );
        }
        assert_eq!(clean("</script>"), "");
        assert_eq!(clean("<!-- note -->"), "");
        assert!(inline("<!-- note -->", RawHtml::Sanitize).1.is_empty());
    }

    #[test]
    fn raw_links_keep_only_other_sites_and_contact_addresses() {
        assert_eq!(
            clean(r#"<a href="https://example.org/">"#),
            r#"<a href="https://example.org/" rel="noopener noreferrer">"#
        );
        assert!(clean("<a href=mailto:a@example.org>").starts_with("<a href=\"mailto:"));
        for href in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "jav&#x61;script:alert(1)",
            "java&#9;script:alert(1)",
            "data:text/html,x",
            "seite.md",
            "/de/",
            "#anker",
        ] {
            let (out, found) = inline(&format!(r#"<a href="{href}">"#), RawHtml::Sanitize);
            assert_eq!(out, "", "{href}");
            assert!(matches!(found[0].what, Finding::Link(_)), "{href}");
        }
        // An entity hidden in an allowed scheme is ammonia's to refuse.
        assert!(!clean("<a href='https&#58;x'>").contains("href"));
    }

    #[test]
    fn resources_from_other_hosts_are_errors() {
        for tag in [
            r#"<img src="https://tracker.example/p.gif">"#,
            "<img src=//tracker.example/p.gif>",
            "<iframe src='https://video.example/embed'>",
            "<video poster=http://x.example/p.jpg>",
            "<source srcset=https://x.example/a.webp>",
            "<audio src=HTTPS://x.example/a.mp3>",
            "<object data=https://x.example/a>",
            "<script src=https://cdn.example/x.js>",
        ] {
            let (out, found) = inline(tag, RawHtml::Sanitize);
            assert_eq!(out, "");
            assert!(found[0].what.is_error(), "{tag}: {found:?}");
        }
    }

    #[test]
    fn anything_but_one_tag_is_removed() {
        for html in [
            "<abbr",
            "<abbr title=\"x>",
            "< abbr>",
            "<abbr><b>",
            "<?php x ?>",
        ] {
            let (out, found) = inline(html, RawHtml::Sanitize);
            assert_eq!(out, "", "{html}");
            assert_eq!(found.len(), 1, "{html}");
        }
    }

    #[test]
    fn blocks_are_cleaned_whole_and_kept_in_a_paragraph() {
        let (out, found) = block(
            "<div onclick=x>\n<script>if (a<b) alert(1)</script>\nText <sup>2</sup>\n</div>\n",
            RawHtml::Sanitize,
        );
        assert_eq!(out, "<p>Text <sup>2</sup></p>\n");
        let what: Vec<_> = found.iter().map(|r| r.what.clone()).collect();
        assert_eq!(
            what,
            [Finding::Tag("div".into()), Finding::Tag("script".into())]
        );
        assert_eq!(block("<!-- nur intern -->\n", RawHtml::Sanitize).0, "");
    }

    #[test]
    fn allow_is_wider_but_runs_nothing() {
        let (out, found) = block(
            "<details open class=x><summary>Mehr</summary><p style=x onclick=y>Text</p><script>alert(1)</script></details>",
            RawHtml::Allow,
        );
        assert_eq!(
            out,
            "<details open=\"\" class=\"x\"><summary>Mehr</summary><p>Text</p></details>\n"
        );
        assert_eq!(found.len(), 3, "{found:?}");
    }
}
