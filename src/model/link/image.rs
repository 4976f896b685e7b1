//! The image field of entries (`image:` in the original, `image_alt:` in
//! every language's file): the file resolved like an image in Markdown,
//! relative to the original, and refused unless it is an image of
//! `content/`; each published language's alt text required, and the same
//! choice (described or decorative) in every language (docs/images.md).

use super::super::images::{is_raster, is_svg};
use super::super::types::{LinkTarget, Page, Site};
use super::markdown::{Refusal, Resolver};
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::parse::Alt;

impl Resolver<'_> {
    /// The content path of the image `written` names, relative to `page`
    /// (the entry's original), or why it is refused.
    pub(super) fn image(&self, page: &Page, written: &str) -> Result<String, Refusal> {
        if is_elsewhere(written) {
            return Err(Diagnostic::error(
                Code::ThirdParty,
                format!("the image `{written}` is on another host"),
            )
            .help(
                "the site makes no requests to other hosts: put the image (with its \
                 author's permission) into content/ beside this file and write its file \
                 name, `image: rathaus.jpg`",
            ));
        }
        let not_an_image = |what: String| {
            Diagnostic::error(Code::Image, format!("`image` names {what}, not an image"))
                .help("name a JPEG, PNG, GIF, WebP or SVG file of content/, relative to this file")
        };
        if written.starts_with('#') {
            return Err(not_an_image(format!("a heading (`{written}`)")));
        }
        match self.link(page, written) {
            Ok(LinkTarget::Asset {
                fragment: Some(f), ..
            }) => Err(Diagnostic::error(
                Code::Image,
                format!("the image `{written}` has a `#{f}`, which an image has no use for"),
            )
            .help(format!("remove `#{f}`"))),
            Ok(LinkTarget::Asset { path, .. }) if is_raster(&path) || is_svg(&path) => Ok(path),
            Ok(LinkTarget::Asset { path, .. }) => Err(Diagnostic::error(
                Code::Image,
                format!("`content/{path}` is not an image konzept publishes"),
            )
            .help(
                "export it as JPEG (photos), PNG (drawings) or SVG; to offer the file \
                 itself, link to it in the text: `[Titel](…)`",
            )),
            Ok(LinkTarget::Entry { .. } | LinkTarget::Broken) => {
                Err(not_an_image(format!("the page `{written}`")))
            }
            Ok(LinkTarget::Anchor(_)) => Err(not_an_image(format!("a heading (`{written}`)"))),
            Err(mut refusal) => {
                if let Some(rest) = refusal.message.strip_prefix("the link ") {
                    refusal.message = format!("the image {rest}");
                }
                // The Markdown wording of the suggestion, for the field.
                if let Some(help) = &mut refusal.help
                    && let Some((head, dest)) =
                        help.split_once(" Link to it relative to this file: ")
                {
                    let file = dest.trim_matches('`');
                    // `../projekte/foto.jpg` from `projekte/`: the file beside this one.
                    let dir = page.path.dir();
                    let up = "../".repeat(dir.split('/').filter(|s| !s.is_empty()).count());
                    let below = file.strip_prefix(up.as_str()).and_then(|f| {
                        if dir.is_empty() {
                            Some(f)
                        } else {
                            f.strip_prefix(dir)?.strip_prefix('/')
                        }
                    });
                    *help = format!("{head} Write `image: {}`", below.unwrap_or(file));
                }
                Err(refusal)
            }
        }
    }
}

/// Whether `written` is an address of another host (`https://…`,
/// `//host/…`, `data:…`) rather than a file of `content/`.
fn is_elsewhere(written: &str) -> bool {
    if written.starts_with("//") || written.starts_with("\\\\") {
        return true;
    }
    match written.split_once(':') {
        // `C:\…` is a Windows path (refused for its `\`), not a scheme.
        Some((scheme, _)) => {
            scheme.len() > 1
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// Checks every page's `image_alt` against its entry's `image`: required
/// where there is an image, an error where there is none, and decorative in
/// every language or in none.
pub(crate) fn check_alts(site: &Site, diags: &mut Diagnostics) {
    for entry in &site.entries {
        let original = site.page(site.original(entry.id));
        let Some(image) = &entry.image else {
            for (_, id) in &entry.translations {
                let page = site.page(*id);
                if page.image_alt.is_some() {
                    diags.push(alt_without_image(page, original));
                }
            }
            continue;
        };
        for (lang, id) in &entry.translations {
            let page = site.page(*id);
            let Some(alt) = &page.image_alt else {
                let d = Diagnostic::error(
                    Code::MissingAlt,
                    format!("the page's image has no alt text in {lang}"),
                )
                .help(format!(
                    "add `image_alt: \"…\"` saying what the image (`{}`) shows, in this \
                     file's language; `image_alt: \"-\"` marks an image that only decorates",
                    image.written
                ));
                diags.push(if page.id == original.id {
                    d.at(page.file, image.span.clone())
                        .label("this image has no `image_alt`")
                } else {
                    d.at(page.file, page.spans.whole.clone())
                        .label("no `image_alt` in this front matter")
                });
                continue;
            };
            // The choice the others are held to: the original's, else
            // the first translation's that makes one.
            let reference = std::iter::once(original.id)
                .chain(entry.translations.iter().map(|(_, id)| *id))
                .map(|id| site.page(id))
                .find(|p| p.image_alt.is_some())
                .expect("this page has an alt text");
            let theirs = reference.image_alt.as_ref().expect("found by it");
            let decorative = |a: &Alt| *a == Alt::Decorative;
            if page.id != reference.id && decorative(alt) != decorative(theirs) {
                let (here, there) = if decorative(alt) {
                    ("marks the image as decorative", "describes it")
                } else {
                    ("describes the image", "marks it as decorative (`-`)")
                };
                diags.push(
                    Diagnostic::error(
                        Code::InvalidValue,
                        format!("this file {here}, `content/{}` {there}", reference.path),
                    )
                    .at(page.file, page.spans.value("image_alt"))
                    .help(
                        "an image decorates in every language or in none: describe it in \
                         both files, or write `image_alt: \"-\"` in both",
                    ),
                );
            }
        }
    }
}

fn alt_without_image(page: &Page, original: &Page) -> Diagnostic {
    let help = if page.id == original.id {
        "add `image: <file>` naming the image it describes, or remove the line".to_owned()
    } else {
        format!(
            "the image is set in the original, `content/{}`, which has no `image:`; \
             add it there, or remove this line",
            original.path
        )
    };
    Diagnostic::error(Code::InvalidValue, "`image_alt` describes no image")
        .at(page.file, page.spans.key("image_alt"))
        .help(help)
}
