//! Images of `content/`: every JPEG, PNG, GIF and WebP file is decoded
//! and encoded again ([`encode`]), in parallel and through a cache
//! ([`cache`]); its credits are read from the file beside it
//! ([`credits`]). The published files never hold the original's bytes.
//! docs/images.md.

mod cache;
mod credits;
mod encode;

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

pub use cache::DIR as CACHE_DIR;
use encode::Encoded;

use super::ids::PageId;
use crate::load::Asset;

pub(crate) use credits::CREDITS_SUFFIX;
pub use credits::Credits;
pub(crate) use credits::read as read_credits;
pub(crate) use encode::{Format, MAX_PIXELS, Problem, WIDTHS};

/// The directory of the variants in the output (content-hashed names,
/// cacheable forever like the theme's assets).
pub const VARIANTS_DIR: &str = "assets/img";

/// Every image of the site, encoded.
#[derive(Debug, Default)]
pub struct Images {
    /// Each image by its content path.
    pub pictures: BTreeMap<String, Picture>,
    /// Each SVG image a page shows, by its content path: published as it
    /// is, listed with its credits on the credits page.
    pub drawings: BTreeMap<String, Drawing>,
    /// Output path → bytes: each image at its own size (under `files/`,
    /// where it would have been copied) and its variants.
    pub files: Vec<(String, Vec<u8>)>,
}

/// One image: its size, its variants, its credits and who shows it.
#[derive(Debug, Clone)]
pub struct Picture {
    /// Its path relative to `content/`.
    pub path: String,
    /// Width of the upright image.
    pub width: u32,
    /// Height of the upright image.
    pub height: u32,
    /// MIME type of the fallback variants (JPEG, or PNG with transparency).
    pub fallback_mime: &'static str,
    /// Its variants, narrowest first.
    pub variants: Vec<PictureVariant>,
    /// Its credits, if it has a credits file.
    pub credits: Option<Credits>,
    /// The pages that show or link to it, in page order.
    pub used_by: Vec<PageId>,
}

/// An SVG image a page shows (`image:` or `![…](x.svg)`), published as
/// it is under `files/`.
#[derive(Debug, Clone)]
pub struct Drawing {
    /// Its credits, if it has a credits file.
    pub credits: Option<Credits>,
    /// The pages that show it, in page order.
    pub used_by: Vec<PageId>,
}

impl Images {
    /// Whether the site shows any image (then it has a credits page).
    pub fn is_empty(&self) -> bool {
        self.pictures.is_empty() && self.drawings.is_empty()
    }
}

/// Whether `path` names an SVG file.
pub(crate) fn is_svg(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(_, ext)| ext.eq_ignore_ascii_case("svg"))
}

/// One width of a [`Picture`], as output paths.
#[derive(Debug, Clone)]
pub struct PictureVariant {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The WebP file's output path.
    pub modern: String,
    /// The JPEG or PNG file's output path.
    pub fallback: String,
}

impl Picture {
    /// The widest variant: the `src` of the fallback `<img>`.
    pub fn largest(&self) -> &PictureVariant {
        self.variants.last().expect("an image has a variant")
    }
}

/// What [`encode_all`] made of one asset: its picture and files, or why
/// it cannot be published.
pub(crate) type Made = Result<(Picture, Vec<(String, Vec<u8>)>), Problem>;

/// Whether an asset is an image konzept encodes.
pub(crate) fn is_raster(path: &str) -> bool {
    Format::of_extension(path).is_some()
}

/// Why the image cache in the site's `root` is not used, if it is not
/// (see [`cache::distrusted`]); `None` for a usable cache.
pub(crate) fn cache_distrusted(root: &Path) -> Option<String> {
    cache::distrusted(root)
}

/// Encodes every image among `assets` in parallel, through the cache in
/// `root` (none for an empty root: a site held in memory; none for
/// `use_cache` false).
pub(crate) fn encode_all(assets: &[Asset], root: &Path, use_cache: bool) -> Vec<(String, Made)> {
    let root = if use_cache { root } else { Path::new("") };
    let (hits, encoded) = (
        std::sync::atomic::AtomicUsize::new(0),
        std::sync::atomic::AtomicUsize::new(0),
    );
    let made = assets
        .par_iter()
        .filter_map(|a| Some((a, Format::of_extension(a.path.as_str())?)))
        .map(|(asset, format)| {
            let path = asset.path.as_str().to_owned();
            let bytes = match asset.source.read() {
                Ok(bytes) => bytes,
                Err(refusal) => {
                    let why = refusal.diagnostic(&format!("content/{path}")).message;
                    return (path, Err(Problem::Unreadable(why)));
                }
            };
            let key = cache::key(&bytes);
            let cached = (!root.as_os_str().is_empty())
                .then(|| cache::get(root, &key))
                .flatten();
            let result = match cached {
                Some(hit) => {
                    hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    Ok(hit)
                }
                None => encode::encode(&bytes, format).inspect(|e| {
                    encoded.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if !root.as_os_str().is_empty() {
                        cache::put(root, &key, e);
                    }
                }),
            };
            let made = result.map(|e| files_of(&path, &key, &e));
            (path, made)
        })
        .collect();
    let (encoded, hits) = (encoded.into_inner(), hits.into_inner());
    if encoded + hits > 0 {
        log::info!("images: {encoded} encoded, {hits} from the cache");
    }
    made
}

/// The picture and output files of an encoded image.
fn files_of(path: &str, key: &str, e: &Encoded) -> (Picture, Vec<(String, Vec<u8>)>) {
    let stem = &key[..16];
    let fallback = e.fallback_format();
    let mut files = vec![(format!("files/{path}"), e.full.clone())];
    let mut variants = Vec::new();
    for v in &e.variants {
        let modern = format!("{VARIANTS_DIR}/{stem}-{}.webp", v.width);
        let fb = format!("{VARIANTS_DIR}/{stem}-{}.{}", v.width, fallback.extension());
        files.push((modern.clone(), v.modern.clone()));
        files.push((fb.clone(), v.fallback.clone()));
        variants.push(PictureVariant {
            width: v.width,
            height: v.height,
            modern,
            fallback: fb,
        });
    }
    let picture = Picture {
        path: path.to_owned(),
        width: e.width,
        height: e.height,
        fallback_mime: fallback.mime(),
        variants,
        credits: None,
        used_by: Vec::new(),
    };
    (picture, files)
}
