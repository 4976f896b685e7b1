//! The `<picture>` an image of the site becomes: WebP variants in a
//! `<source>`, the JPEG or PNG variants in the fallback `<img>`, with the
//! width and height that reserve its place while it loads.

use crate::config::BaseUrl;
use crate::model::Picture;
use crate::urlpath::encode_path;

/// How wide an image is shown: the text column (`--measure`, 40rem at
/// most) or the whole screen below it.
const SIZES: &str = "(min-width: 42rem) 40rem, 100vw";

/// The start of the markup of `picture`, up to the `<img>`'s attributes
/// that follow (`alt`, `title`), whose first quote closes the last value
/// written here.
pub(super) fn open(picture: &Picture, base: &BaseUrl) -> String {
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
        "<picture><source type=\"image/webp\" srcset=\"{}\" sizes=\"{SIZES}\">\
         <img src=\"{}\" srcset=\"{}\" sizes=\"{SIZES}\" width=\"{}\" height=\"{}\" \
         loading=\"lazy\" decoding=\"async",
        set(false),
        url(&largest.fallback),
        set(true),
        largest.width,
        largest.height,
    )
}
