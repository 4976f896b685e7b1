//! The Content-Security-Policy every page declares, and `_headers` for hosts
//! that read one (Netlify, Cloudflare Pages): the same policy as a header
//! (plus `frame-ancestors`, which only works as a header), no referrer to
//! other sites, and long caching for fingerprinted assets.
//!
//! The theme needs no inline script or style and no other host: scripts and
//! styles come from the site itself, and the search runtime compiles its
//! WebAssembly (`'wasm-unsafe-eval'`, which allows WebAssembly only, not
//! JavaScript `eval`).

use super::assets::ASSETS_DIR;

/// The policy of the `<meta http-equiv="Content-Security-Policy">` tag.
pub(crate) const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

/// `_headers`, with the site's path prefix (`/` or `/konzept/`).
pub(crate) fn headers(base_path: &str) -> String {
    format!(
        "{base_path}*\n  Content-Security-Policy: {CSP}; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n  Permissions-Policy: camera=(), microphone=(), geolocation=()\n{base_path}{ASSETS_DIR}/*\n  Cache-Control: public, max-age=31536000, immutable\n"
    )
}
