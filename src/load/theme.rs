//! The site's own theme directory (`themes/<name>/`): templates read as
//! text, static files checked like content assets; they override the
//! embedded theme file by file.

use std::path::Path;
use std::sync::Arc;

use super::active::Origin;
use super::read::{publishable, report_at, text_of};
use super::types::ThemeFile;
use super::walk::{Walked, walk};
use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics, SourceMap};

/// Reads the theme directory the site names, if it has one.
pub(super) fn files(
    config: &Config,
    map: &mut SourceMap,
    diags: &mut Diagnostics,
) -> Vec<ThemeFile> {
    let dir = config.root.join("themes").join(&config.theme);
    if !dir.is_dir() {
        if config.theme != "default" {
            diags.push(
                Diagnostic::error(
                    Code::Config,
                    format!("there is no theme directory themes/{}", config.theme),
                )
                .at(config.file, 0..0)
                .help("create it, or remove `theme` from site.yaml to use the built-in theme"),
            );
        }
        return Vec::new();
    }
    let mut out = Vec::new();
    let root: Arc<Path> = Arc::from(config.root.as_path());
    for walked in walk(&dir, &root) {
        let (source, rel) = match walked {
            Walked::File { file, rel } => (file, rel),
            Walked::Problem(display, d) => {
                report_at(display, d, map, diags);
                continue;
            }
        };
        let display = format!("themes/{}/{rel}", config.theme);
        if rel.starts_with("templates/") {
            let Some((file, text)) = text_of(source.read(), &display, map, diags) else {
                continue;
            };
            out.push(ThemeFile {
                rel,
                bytes: text.as_bytes().to_vec(),
                file: Some(file),
            });
        } else if rel.starts_with("static/") {
            match source.read() {
                Ok(bytes) => {
                    if publishable(&display, Origin::Theme, || Ok(bytes.clone()), map, diags) {
                        out.push(ThemeFile {
                            rel,
                            bytes,
                            file: None,
                        });
                    }
                }
                Err(e) => report_at(display.clone(), e.diagnostic(&display), map, diags),
            }
        } else {
            log::debug!("skipping {display}: theme files live in templates/ or static/");
        }
    }
    out
}
