//! The site's own `static/` directory (docs/theming.md): the logo, the
//! favicon, the site's stylesheet and whatever else it holds, read and
//! checked like content files (no script, SVG without active content).
//! Every file `site.yaml` names there must exist.

use std::path::Path;
use std::sync::Arc;

use super::active::Origin;
use super::portable;
use super::read::{publishable, report_at};
use super::types::ThemeFile;
use super::walk::{Walked, walk};
use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics, SourceMap};

/// The directory, relative to the site.
pub const STATIC_DIR: &str = "static";

/// Reads every file of the site's `static/`, if it has one (`rel`: the
/// path from the site's directory, `static/logo.svg`).
pub(super) fn files(
    config: &Config,
    map: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Vec<ThemeFile> {
    let dir = config.root.join(STATIC_DIR);
    let mut out = Vec::new();
    // Every file found, published or refused (a refused one is reported).
    let mut found = Vec::new();
    if dir.is_dir() {
        let root: Arc<Path> = Arc::from(config.root.as_path());
        for walked in walk(&dir, &root) {
            let (source, rel) = match walked {
                Walked::File { file, rel } => (file, rel),
                Walked::Problem(display, d) => {
                    report_at(display, d, map, diags);
                    continue;
                }
            };
            let display = format!("{STATIC_DIR}/{rel}");
            found.push(display.clone());
            if let Some(d) = portable::problem(&rel) {
                report_at(display, d, map, diags);
                continue;
            }
            match source.read() {
                Ok(bytes) => {
                    if publishable(&display, Origin::Content, || Ok(bytes.clone()), map, diags) {
                        out.push(ThemeFile {
                            rel: display,
                            bytes,
                            file: None,
                        });
                    }
                }
                Err(e) => report_at(display.clone(), e.diagnostic(&display), map, diags),
            }
        }
    }
    for named in config.theming.files() {
        if !found.contains(&named.rel) {
            diags.push(
                Diagnostic::error(Code::Config, format!("there is no file `{}`", named.rel))
                    .at(config.file, named.span.clone())
                    .help(format!(
                        "put the file at `{}` in the site's directory, or correct the path",
                        named.rel
                    )),
            );
        }
    }
    out
}
