//! Active files (issue 15, docs/design.md § Trust): a file published under
//! `/files/` or from a theme's `static/` runs on the site's origin, and the
//! hosts konzept deploys to (GitHub and GitLab Pages) ignore `_headers`, so
//! the page's Content-Security-Policy does not protect it.
//!
//! Policy: HTML, XML, XSLT and other types a browser renders with script
//! are refused, wherever they come from; JavaScript is refused in
//! `content/` (a theme's own scripts are its code, and stay allowed); an
//! SVG image is published only if it is passive: no script, no event
//! handler, no foreign content, no entity declarations and no reference to
//! anything but its own fragments (or an embedded raster image). Refusal,
//! not sanitising: an editor fixes the file once, and what is published is
//! exactly what they put there.

use std::ops::Range;

use crate::diag::{Code, Diagnostic, FileId};

/// Where a file is published from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
    /// `content/`: written by editors.
    Content,
    /// A site theme's `static/`: the theme's own assets.
    Theme,
}

/// Extensions of types a browser renders as documents that may run script.
/// Hosts serve these as `…+xml` (GPX, KML, MathML, XLIFF, …), and a
/// browser renders any `+xml` type as an XML document, running the
/// script of its XHTML elements.
const DOCUMENTS: &[&str] = &[
    "html", "htm", "xhtml", "xht", "xhtm", "shtml", "shtm", "stm", "mht", "mhtml", "hta", "xml",
    "xsl", "xslt", "rss", "atom", "rdf", "svgz", "swf", "vml", "mml", "mathml", "gpx", "kml",
    "xlf", "xliff", "wsdl", "xaml", "opml", "xspf", "x3d", "gml", "xsd", "xul", "xbl",
];

/// Extensions of scripts.
const SCRIPTS: &[&str] = &["js", "mjs", "cjs"];

fn extension(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// Whether the file is an SVG image whose text must be checked.
pub(super) fn is_svg(rel: &str) -> bool {
    extension(rel) == "svg"
}

/// The refusal of an active file type, by name (`shown` is the path
/// relative to the site); `None` if the type is passive or checked by
/// content ([`check_svg`]).
pub(super) fn refused_type(shown: &str, origin: Origin) -> Option<Diagnostic> {
    let ext = extension(shown);
    let (what, help) = if ext == "svgz" {
        (
            "a compressed SVG image, which konzept cannot check for script",
            "publish it uncompressed as `.svg` (konzept checks that it is a plain image), or as a PNG",
        )
    } else if DOCUMENTS.contains(&ext.as_str()) {
        (
            "a document browsers run script in",
            "write the page in Markdown (a `.md` file), or publish the document as a PDF (a data file such as GPX or KML: in a `.zip` archive)",
        )
    } else if SCRIPTS.contains(&ext.as_str()) && origin == Origin::Content {
        (
            "a script",
            "scripts belong to the theme (`themes/<name>/static/`); content holds pages, images and documents",
        )
    } else {
        return None;
    };
    Some(
        Diagnostic::error(
            Code::ActiveFile,
            format!("`{shown}` is {what}: published as is, it would run on the site's origin"),
        )
        .help(help),
    )
}

const SVG_HELP: &str = "remove it: an image on the site must not run script or load anything from elsewhere (export it again as a plain SVG, or publish a PNG)";

/// Checks an SVG image's text; every active part is an error at its place
/// in `file`.
pub(super) fn check_svg(text: &str, file: FileId) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut refuse = |range: Range<usize>, what: String| {
        found.push(
            Diagnostic::error(Code::ActiveFile, format!("the SVG image {what}"))
                .at(file, range)
                .help(SVG_HELP),
        );
    };
    if let Some(at) = text.find("<!ENTITY") {
        refuse(at..at + 8, "declares an entity".to_owned());
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: 1_000_000,
    };
    let doc = match roxmltree::Document::parse_with_options(text, options) {
        Ok(doc) => doc,
        Err(e) => {
            let at = offset(text, e.pos());
            found.push(
                Diagnostic::error(
                    Code::ActiveFile,
                    format!("the file is not an SVG image: {e}"),
                )
                .at(file, at..at)
                .help("export it again as SVG, or publish it under the extension of what it is"),
            );
            return found;
        }
    };
    let root = doc.root_element();
    if root.tag_name().name() != "svg" {
        let name = root.tag_name().name().to_owned();
        refuse(
            root.range(),
            format!("is not an SVG image (its root is `<{name}>`)"),
        );
        return found;
    }
    for node in doc.descendants() {
        if let Some(pi) = node.pi()
            && pi.target.eq_ignore_ascii_case("xml-stylesheet")
        {
            refuse(
                node.range(),
                "loads a style sheet (`<?xml-stylesheet?>`)".to_owned(),
            );
        }
        if node.is_text()
            && node.parent().is_some_and(|p| p.has_tag_name("style"))
            && let Some(why) = css_problem(node.text().unwrap_or_default())
        {
            refuse(node.range(), format!("has a style sheet that {why}"));
        }
        if node.is_element() {
            element(node, &mut refuse);
        }
    }
    found
}

/// Elements that run script, show other documents or load media.
const ACTIVE_ELEMENTS: &[&str] = &[
    "script",
    "foreignobject",
    "iframe",
    "embed",
    "object",
    "audio",
    "video",
    "handler",
    "listener",
    "discard",
];

const XHTML: &str = "http://www.w3.org/1999/xhtml";

fn element(node: roxmltree::Node<'_, '_>, refuse: &mut impl FnMut(Range<usize>, String)) {
    let name = node.tag_name().name();
    let lower = name.to_ascii_lowercase();
    if ACTIVE_ELEMENTS.contains(&lower.as_str()) || node.tag_name().namespace() == Some(XHTML) {
        refuse(node.range(), format!("has a `<{name}>` element"));
        return;
    }
    let animates = matches!(
        lower.as_str(),
        "set" | "animate" | "animatemotion" | "animatetransform" | "animatecolor"
    );
    for attr in node.attributes() {
        let attr_name = attr.name().to_ascii_lowercase();
        let value = attr.value();
        let range = attr.range();
        if attr_name.starts_with("on") {
            refuse(range, format!("has an event handler (`{}`)", attr.name()));
        } else if attr_name == "href" && !passive_reference(&lower, value) {
            refuse(range, format!("refers to `{}`", shorten(value)));
        } else if animates
            && attr_name == "attributename"
            && (value.to_ascii_lowercase().ends_with("href")
                || value.to_ascii_lowercase().starts_with("on"))
        {
            refuse(range, format!("animates the `{value}` attribute"));
        } else if let Some(why) = css_problem(value) {
            refuse(range, format!("has a `{}` value that {why}", attr.name()));
        }
    }
}

/// A reference that loads nothing from elsewhere and runs nothing: a
/// fragment of the image itself, or a raster image embedded in `<image>`.
fn passive_reference(element: &str, value: &str) -> bool {
    let value = value.trim();
    if value.starts_with('#') {
        return true;
    }
    let lower = value.to_ascii_lowercase();
    element == "image"
        && ["png", "jpeg", "jpg", "gif", "webp"]
            .iter()
            .any(|t| lower.starts_with(&format!("data:image/{t};")))
}

/// What is wrong with CSS (a `<style>` sheet or an attribute value): an
/// import, a `url()` that is not a fragment, or script.
fn css_problem(css: &str) -> Option<&'static str> {
    let lower = css.to_ascii_lowercase();
    if lower.contains("@import") {
        return Some("imports another style sheet");
    }
    if lower.contains("javascript:") || lower.contains("expression(") {
        return Some("runs script");
    }
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("url(") {
        rest = &rest[at + 4..];
        let target = rest.trim_start().trim_start_matches(['"', '\'']);
        if !target.starts_with('#') {
            return Some("loads a resource (`url()`)");
        }
    }
    None
}

fn shorten(value: &str) -> String {
    let value = value.trim();
    match value.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &value[..i]),
        None => value.to_owned(),
    }
}

/// The byte offset of a 1-based row and column (in characters).
fn offset(text: &str, pos: roxmltree::TextPos) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(pos.row.saturating_sub(1) as usize)
        .map(str::len)
        .sum();
    let line = &text[line_start.min(text.len())..];
    line_start
        + line
            .char_indices()
            .nth(pos.col.saturating_sub(1) as usize)
            .map_or(line.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(svg: &str) -> Vec<String> {
        let mut map = crate::diag::SourceMap::new();
        let file = map.add("logo.svg".to_owned(), std::sync::Arc::from(svg));
        check_svg(svg, file)
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    const OK: &str = r##"<?xml version="1.0"?>
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">
  <defs><linearGradient id="g"/></defs>
  <style>.a { fill: url(#g) }</style>
  <rect class="a" width="10" height="10" fill="url('#g')"/>
  <use xlink:href="#g"/>
  <image href="data:image/png;base64,iVBORw0KGgo="/>
</svg>"##;

    #[test]
    fn a_plain_image_passes() {
        assert_eq!(problems(OK), Vec::<String>::new());
    }

    #[test]
    fn every_active_part_is_found() {
        let cases = [
            (r#"<svg onload="alert(1)"/>"#, "event handler"),
            (r#"<svg><g ONCLICK="x()"/></svg>"#, "event handler"),
            ("<svg><script>alert(1)</script></svg>", "`<script>`"),
            ("<svg><foreignObject/></svg>", "`<foreignObject>`"),
            (
                r#"<svg xmlns:h="http://www.w3.org/1999/xhtml"><h:div/></svg>"#,
                "`<div>`",
            ),
            (r#"<svg><a href="javascript:alert(1)"/></svg>"#, "refers to"),
            (
                r#"<svg xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://tracker.example/p.gif"/></svg>"#,
                "refers to",
            ),
            (
                r#"<svg><set attributeName="href" to="javascript:alert(1)"/></svg>"#,
                "animates",
            ),
            (
                "<svg><style>@import url(https://fonts.example/x.css);</style></svg>",
                "imports",
            ),
            (
                r#"<svg><rect fill="url(https://x.example/p#a)"/></svg>"#,
                "loads a resource",
            ),
            (
                "<?xml-stylesheet href=\"x.xsl\"?><svg/>",
                "loads a style sheet",
            ),
            (
                "<!DOCTYPE svg [<!ENTITY x \"y\">]><svg>&x;</svg>",
                "declares an entity",
            ),
            (
                "<html><body><script>alert(1)</script></body></html>",
                "not an SVG image",
            ),
            ("<!doctype html><p>Hallo", "not an SVG image"),
        ];
        for (svg, expected) in cases {
            let found = problems(svg);
            assert!(
                found.iter().any(|m| m.contains(expected)),
                "{svg}: {found:?}"
            );
        }
    }

    #[test]
    fn file_types_by_extension_and_origin() {
        assert!(refused_type("content/flyer.HTML", Origin::Content).is_some());
        assert!(refused_type("content/a/b.xsl", Origin::Content).is_some());
        assert!(refused_type("content/logo.svgz", Origin::Content).is_some());
        assert!(refused_type("content/x.mjs", Origin::Content).is_some());
        assert!(refused_type("content/touren/rad.GPX", Origin::Content).is_some());
        assert!(refused_type("themes/t/static/formel.mml", Origin::Theme).is_some());
        assert!(refused_type("themes/t/static/x.js", Origin::Theme).is_none());
        assert!(refused_type("themes/t/static/x.html", Origin::Theme).is_some());
        assert!(refused_type("content/plan.pdf", Origin::Content).is_none());
        assert!(refused_type("content/logo.svg", Origin::Content).is_none());
        assert!(is_svg("content/LOGO.SVG"));
    }
}
