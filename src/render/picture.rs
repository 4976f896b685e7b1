//! The `<picture>` an image of the site becomes: WebP variants in a
//! `<source>`, the JPEG or PNG variants in the fallback `<img>`, with the
//! width and height that reserve its place while it loads.

use crate::config::BaseUrl;
use crate::model::{EntryId, Picture, Site};
use crate::parse::Alt;
use crate::urlpath::encode_path;

/// How wide an image is shown: the text column (`--measure`, 40rem at
/// most) or the whole screen below it.
pub(super) const SIZES: &str = "(min-width: 42rem) 40rem, 100vw";

/// How wide an image on a card is shown: a column of the card grid
/// (at least 18rem, three or four beside each other from 60rem on), else
/// the text column.
pub(super) const CARD_SIZES: &str = "(min-width: 60rem) 24rem, (min-width: 42rem) 40rem, 100vw";

/// The start of the markup of `picture`, up to the `<img>`'s attributes
/// that follow (`alt`, `title`), whose first quote closes the last value
/// written here.
pub(super) fn open(picture: &Picture, base: &BaseUrl) -> String {
    open_sized(picture, base, SIZES, true)
}

/// [`open`] for an image shown `sizes` wide, loaded when it comes near
/// the screen (`lazy`) or at once (an image at the top of the page).
fn open_sized(picture: &Picture, base: &BaseUrl, sizes: &str, lazy: bool) -> String {
    let url = |p: &str| super::escape::html(&base.href(&encode_path(p)));
    let set = |fallback: bool| {
        picture
            .variants
            .iter()
            .map(|v| {
                let p = if fallback { &v.fallback } else { &v.modern };
                format!("{} {}w", url(p), v.width)
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let largest = picture.largest();
    format!(
        "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\">\
         <img src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" width=\"{}\" height=\"{}\" \
         {}decoding=\"async",
        set(false),
        url(&largest.fallback),
        set(true),
        largest.width,
        largest.height,
        if lazy { "loading=\"lazy\" " } else { "" },
    )
}

/// The markup of an entry's image (`image:` in front matter) with the alt
/// text `alt`, shown `sizes` wide and loaded lazily or at once (`lazy`):
/// a `<picture>` for a photo or drawing, an `<img>` of the file as it is
/// for an SVG. `None` if the entry has no
/// image, or it was not encoded (an archived edition has no image table).
pub(super) fn entry_image(
    site: &Site,
    entry: EntryId,
    alt: &Alt,
    base: &BaseUrl,
    sizes: &str,
    lazy: bool,
) -> Option<String> {
    let path = site.entry(entry).image.as_ref()?.path.as_deref()?;
    let alt = super::escape::html(alt.attribute());
    if let Some(picture) = site.images.pictures.get(path) {
        return Some(format!(
            "{}\" alt=\"{alt}\" /></picture>",
            open_sized(picture, base, sizes, lazy)
        ));
    }
    crate::model::is_svg(path).then(|| {
        format!(
            "<img src=\"{}\" alt=\"{alt}\" {}decoding=\"async\" />",
            super::escape::html(&base.href(&format!("files/{}", encode_path(path)))),
            if lazy { "loading=\"lazy\" " } else { "" },
        )
    })
}
