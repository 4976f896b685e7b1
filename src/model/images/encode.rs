//! One image file decoded, turned upright, and encoded again: the file at
//! its own size in its own format, and each width of [`WIDTHS`] it
//! reaches as lossy WebP and as a JPEG (PNG where it has transparency).
//! Nothing of the original's metadata (EXIF, GPS, XMP, comments, colour
//! profiles) is written: every published byte comes from the pixels.

use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// The widths of the variants, in pixels; an image narrower than the
/// largest gets one variant at its own width (never enlarged).
pub(crate) const WIDTHS: [u32; 3] = [480, 800, 1200];

/// The most pixels an image may have (a 40-megapixel photo): a file that
/// claims more is refused before it is decoded (a decompression bomb
/// would ask for gigabytes).
pub(crate) const MAX_PIXELS: u64 = 40_000_000;

/// The longest side an image may have, in pixels.
const MAX_SIDE: u32 = 20_000;

/// JPEG quality of the fallback variants.
const JPEG_QUALITY: u8 = 82;

/// WebP quality of the modern variants.
const WEBP_QUALITY: f32 = 78.0;

/// What the encoded files depend on besides the pixels: part of every
/// cache key, so a change of these settings or of the encoders encodes
/// every image again.
pub(crate) const SETTINGS: &str = "widths 480,800,1200; jpeg 82; webp 78; lanczos3; image 0.25.10; webp 0.3.1 (libwebp-sys 0.9.6); v1";

/// A file format konzept publishes images in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// JPEG.
    Jpeg,
    /// PNG.
    Png,
    /// GIF (first frame only).
    Gif,
    /// WebP.
    WebP,
}

impl Format {
    /// The format a file's extension names, if konzept decodes it.
    pub(crate) fn of_extension(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        match ext.as_str() {
            "jpg" | "jpeg" => Some(Format::Jpeg),
            "png" => Some(Format::Png),
            "gif" => Some(Format::Gif),
            "webp" => Some(Format::WebP),
            _ => None,
        }
    }

    /// Its MIME type.
    pub(crate) fn mime(self) -> &'static str {
        match self {
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Gif => "image/gif",
            Format::WebP => "image/webp",
        }
    }

    /// Its usual file extension.
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::Gif => "gif",
            Format::WebP => "webp",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::Gif => "GIF",
            Format::WebP => "WebP",
        }
    }
}

/// Why an image file cannot be published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Problem {
    /// Its bytes are no image konzept knows.
    NotAnImage,
    /// An image of a format konzept does not publish (TIFF, BMP, …).
    Unsupported(String),
    /// Its content is of another format than its name says.
    Misnamed {
        /// What the name says.
        named: &'static str,
        /// What it is.
        is: &'static str,
    },
    /// More pixels than [`MAX_PIXELS`], or a side longer than allowed.
    TooLarge {
        /// Its width.
        width: u32,
        /// Its height.
        height: u32,
    },
    /// Broken or cut off.
    Corrupt(String),
    /// It could not be read.
    Unreadable(String),
}

/// One size of an image, in both formats.
#[derive(Debug, Clone)]
pub(crate) struct Variant {
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
    /// Lossy WebP.
    pub modern: Vec<u8>,
    /// JPEG, or PNG for an image with transparency.
    pub fallback: Vec<u8>,
}

/// An image file encoded for publishing.
#[derive(Debug, Clone)]
pub(crate) struct Encoded {
    /// Width of the upright image.
    pub width: u32,
    /// Height of the upright image.
    pub height: u32,
    /// Whether it has transparency (then the fallback variants are PNG).
    pub alpha: bool,
    /// The image at its own size, in the format of its name.
    pub full: Vec<u8>,
    /// The variants, narrowest first.
    pub variants: Vec<Variant>,
}

impl Encoded {
    /// The format of the fallback variants.
    pub(crate) fn fallback_format(&self) -> Format {
        if self.alpha {
            Format::Png
        } else {
            Format::Jpeg
        }
    }
}

/// Decodes `bytes` (a file named as `format`), turns the image upright
/// and encodes every file.
pub(crate) fn encode(bytes: &[u8], format: Format) -> Result<Encoded, Problem> {
    let image = decode(bytes, format)?;
    let (width, height) = (image.width(), image.height());
    let alpha = image.color().has_alpha() && has_transparency(&image);
    let full = write(&image, format, alpha)?;
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|w| *w < width).collect();
    if width <= WIDTHS[WIDTHS.len() - 1] {
        widths.push(width);
    }
    let fallback = if alpha { Format::Png } else { Format::Jpeg };
    let mut variants = Vec::with_capacity(widths.len());
    for w in widths {
        let h = ((u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width))
            .max(1) as u32;
        let resized = if w == width {
            image.clone()
        } else {
            image.resize_exact(w, h, image::imageops::FilterType::Lanczos3)
        };
        variants.push(Variant {
            width: w,
            height: h,
            modern: webp(&resized, alpha),
            fallback: write(&resized, fallback, alpha)?,
        });
    }
    Ok(Encoded {
        width,
        height,
        alpha,
        full,
        variants,
    })
}

/// The upright image, within the bounds, or why not.
fn decode(bytes: &[u8], named: Format) -> Result<DynamicImage, Problem> {
    let guessed = image::guess_format(bytes).map_err(|_| Problem::NotAnImage)?;
    let is = match guessed {
        ImageFormat::Jpeg => Format::Jpeg,
        ImageFormat::Png => Format::Png,
        ImageFormat::Gif => Format::Gif,
        ImageFormat::WebP => Format::WebP,
        other => return Err(Problem::Unsupported(format!("{other:?}"))),
    };
    if is != named {
        return Err(Problem::Misnamed {
            named: named.name(),
            is: is.name(),
        });
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), guessed);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_PIXELS * 8);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(problem)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(Problem::TooLarge { width, height });
    }
    let orientation = decoder.orientation().ok();
    let mut image = DynamicImage::from_decoder(decoder).map_err(problem)?;
    if let Some(orientation) = orientation {
        image.apply_orientation(orientation);
    }
    Ok(image)
}

fn problem(e: image::ImageError) -> Problem {
    match e {
        image::ImageError::Limits(_) => Problem::TooLarge {
            width: 0,
            height: 0,
        },
        image::ImageError::Unsupported(u) => Problem::Unsupported(u.to_string()),
        image::ImageError::IoError(e) => Problem::Corrupt(e.to_string()),
        other => Problem::Corrupt(other.to_string()),
    }
}

/// Whether any pixel is not fully opaque.
fn has_transparency(image: &DynamicImage) -> bool {
    image.to_rgba8().pixels().any(|p| p.0[3] < 255)
}

/// `image` in `format` (for a GIF, JPEG or PNG written by konzept's
/// encoders, which write pixels and nothing else).
fn write(image: &DynamicImage, format: Format, alpha: bool) -> Result<Vec<u8>, Problem> {
    let mut out = Vec::new();
    let result = match format {
        Format::Jpeg => {
            let rgb = image.to_rgb8();
            JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY).encode_image(&rgb)
        }
        Format::Png if alpha => image
            .to_rgba8()
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png),
        Format::Png => image
            .to_rgb8()
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png),
        Format::Gif => image
            .to_rgba8()
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Gif),
        Format::WebP => return Ok(webp(image, alpha)),
    };
    result.map_err(|e| Problem::Corrupt(e.to_string()))?;
    Ok(out)
}

/// Lossy WebP through libwebp (the `image` crate's own encoder is
/// lossless only, and lossless photos are larger than the JPEG).
fn webp(image: &DynamicImage, alpha: bool) -> Vec<u8> {
    if alpha {
        let rgba = image.to_rgba8();
        webp::Encoder::from_rgba(&rgba, rgba.width(), rgba.height())
            .encode(WEBP_QUALITY)
            .to_vec()
    } else {
        let rgb = image.to_rgb8();
        webp::Encoder::from_rgb(&rgb, rgb.width(), rgb.height())
            .encode(WEBP_QUALITY)
            .to_vec()
    }
}
