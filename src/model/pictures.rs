//! The site's images attached to the site: every image of `content/`
//! encoded (`images/`), each one's credits and the pages that use it, and
//! every problem at the place that names the image.

use std::collections::BTreeMap;
use std::ops::Range;

use super::images::{self, Images, Problem};
use super::types::{LinkTarget, Site};
use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics, FileId};
use crate::load::Sources;

/// Encodes the site's images into `site.images`; returns the problems
/// (errors for images that cannot be published, warnings for missing
/// credits).
pub fn attach_images(site: &mut Site, sources: &Sources, config: &Config) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let uses = uses(site);
    not_images(site, &mut diags);
    let mut credits = BTreeMap::new();
    for c in &sources.credits {
        match images::read_credits(&c.text, c.file) {
            Ok(read) => {
                credits.insert(c.image.as_str().to_owned(), (c.file, read));
            }
            Err(d) => diags.extend(d),
        }
    }
    let mut out = Images::default();
    let has_images = sources
        .assets
        .iter()
        .any(|a| images::is_raster(a.path.as_str()));
    let distrusted = (has_images && !config.root.as_os_str().is_empty())
        .then(|| images::cache_distrusted(&config.root))
        .flatten();
    if let Some(why) = &distrusted {
        diags.push(
            Diagnostic::warning(
                Code::Image,
                format!("{why}: the image cache is not used, every image is encoded again"),
            )
            .help(format!(
                "the cache is konzept's own: delete `{}` (and `git rm -r --cached .konzept-cache` \
                 if it was committed), and keep `/.konzept-cache/` in .gitignore",
                images::CACHE_DIR
            )),
        );
    }
    for (path, made) in images::encode_all(&sources.assets, &config.root, distrusted.is_none()) {
        let places = uses.get(&path).map(Vec::as_slice).unwrap_or_default();
        match made {
            Ok((mut picture, files)) => {
                picture.credits = credits.remove(&path).map(|(_, c)| c);
                let mut used_by: Vec<_> = places.iter().map(|u| u.0).collect();
                used_by.sort_unstable();
                used_by.dedup();
                picture.used_by = used_by;
                if picture.credits.is_none() {
                    diags.push(no_credits(&path, places.first()));
                }
                out.files.extend(files);
                out.pictures.insert(path, picture);
            }
            Err(problem) => {
                // Its credits are not "for a file that is not an image".
                credits.remove(&path);
                let error = refusal(&path, &problem);
                if places.is_empty() {
                    diags.push(error);
                }
                for (_, file, span) in places {
                    diags.push(refusal(&path, &problem).at(*file, span.clone()));
                }
            }
        }
    }
    for (path, places) in &uses {
        if !images::is_svg(path) {
            continue;
        }
        let mut used_by: Vec<_> = places.iter().map(|u| u.0).collect();
        used_by.sort_unstable();
        used_by.dedup();
        let credits = credits.remove(path).map(|(_, c)| c);
        if credits.is_none() {
            diags.push(no_credits(path, places.first()));
        }
        out.drawings
            .insert(path.clone(), images::Drawing { credits, used_by });
    }
    for (path, (file, _)) in credits {
        diags.push(
            Diagnostic::warning(
                Code::ImageCredits,
                format!("credits for `content/{path}`, which is not an image of the site"),
            )
            .at(file, 0..0)
            .help(format!(
                "name the credits file after its image with `{}` added (`rathaus.jpg{}`), or delete it",
                images::CREDITS_SUFFIX,
                images::CREDITS_SUFFIX
            )),
        );
    }
    site.images = out;
    diags
}

/// A place that names an image: the page, its file and the link's span.
type Use = (super::ids::PageId, FileId, Range<usize>);

/// Where each image of `content/` is shown (an entry's `image:` first)
/// or linked (an SVG: only shown), in page order.
fn uses(site: &Site) -> BTreeMap<String, Vec<Use>> {
    let mut uses: BTreeMap<String, Vec<Use>> = BTreeMap::new();
    for entry in &site.entries {
        if let Some(image) = &entry.image
            && let Some(path) = image
                .path
                .as_ref()
                .filter(|p| images::is_raster(p) || images::is_svg(p))
        {
            let page = site.page(site.original(entry.id));
            uses.entry(path.clone())
                .or_default()
                .push((page.id, page.file, image.span.clone()));
        }
    }
    let prefix = crate::parse::markdown::placeholder();
    for page in &site.pages {
        for (i, (target, link)) in page.links.iter().zip(&page.body.links).enumerate() {
            // An SVG counts where it is shown, not where it is linked to.
            if let LinkTarget::Asset { path, .. } = target
                && (images::is_raster(path)
                    || images::is_svg(path)
                        && page
                            .body
                            .html
                            .contains(&format!("<img src=\"{prefix}{i}\"")))
            {
                uses.entry(path.clone())
                    .or_default()
                    .push((page.id, page.file, link.span.clone()));
            }
        }
    }
    uses
}

/// An image in Markdown whose file is no picture konzept publishes (a
/// `.tiff`, a `.pdf`): an error at its line. SVG files are shown as they
/// are (checked when `content/` is read).
fn not_images(site: &Site, diags: &mut Diagnostics) {
    let prefix = crate::parse::markdown::placeholder();
    for page in &site.pages {
        for (i, (target, link)) in page.links.iter().zip(&page.body.links).enumerate() {
            let LinkTarget::Asset { path, .. } = target else {
                continue;
            };
            let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
            if images::is_raster(path) || ext.as_deref() == Some("svg") {
                continue;
            }
            if page
                .body
                .html
                .contains(&format!("<img src=\"{prefix}{i}\""))
            {
                diags.push(
                    Diagnostic::error(
                        Code::Image,
                        format!("`content/{path}` is not an image konzept publishes"),
                    )
                    .at(page.file, link.span.clone())
                    .label("shown as an image here")
                    .help("export it as JPEG (photos), PNG (drawings) or SVG; to offer the file itself, link to it: `[Titel](…)` without `!`"),
                );
            }
        }
    }
}

fn no_credits(path: &str, first: Option<&Use>) -> Diagnostic {
    let d = Diagnostic::warning(
        Code::ImageCredits,
        format!("the image `content/{path}` has no credits"),
    )
    .label("shown here")
    .help(format!(
        "create `content/{path}{}` with `author:`, `licence:` and `source:`; \
         the credits page lists them (docs/images.md)",
        images::CREDITS_SUFFIX
    ));
    match first {
        Some((_, file, span)) => d.at(*file, span.clone()),
        None => d,
    }
}

/// The error for an image that cannot be published.
fn refusal(path: &str, problem: &Problem) -> Diagnostic {
    let shown = format!("content/{path}");
    let (message, help) = match problem {
        Problem::NotAnImage => (
            format!("`{shown}` is not an image (or is damaged beyond reading)"),
            "export the picture again as JPEG or PNG".to_owned(),
        ),
        Problem::Unsupported(format) => (
            format!("`{shown}` is a {format} image, which konzept does not publish"),
            "export it as JPEG (photos) or PNG (drawings, screenshots)".to_owned(),
        ),
        Problem::Misnamed { named, is } => (
            format!("`{shown}` is named as a {named} image but is a {is} image"),
            format!("rename the file to the extension of a {is} image"),
        ),
        Problem::TooLarge { width, height } if *width > 0 => (
            format!(
                "`{shown}` has {width} × {height} pixels, more than the {} megapixels konzept reads",
                images::MAX_PIXELS / 1_000_000
            ),
            format!(
                "scale it down before adding it (the site shows at most {} pixels wide)",
                images::WIDTHS[images::WIDTHS.len() - 1]
            ),
        ),
        Problem::TooLarge { .. } => (
            format!("`{shown}` is larger than konzept reads"),
            "scale it down before adding it".to_owned(),
        ),
        Problem::Corrupt(why) => (
            format!("`{shown}` is damaged: {why}"),
            "export the picture again, or replace the file".to_owned(),
        ),
        Problem::Unreadable(why) => (
            format!("`{shown}` cannot be read: {why}"),
            "put the file inside content/ as a regular file".to_owned(),
        ),
    };
    Diagnostic::error(Code::Image, message)
        .label("this image")
        .help(help)
}
