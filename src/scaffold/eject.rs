//! `konzept theme eject` and `konzept theme list`: one template of the
//! built-in theme copied into the site's theme directory, where it
//! overrides the built-in one (docs/theming.md).

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diag::{Code, Diagnostic, did_you_mean};
use crate::render::theme::embedded_files;

/// The names of the built-in theme's templates (`base.html`,
/// `partials/card.html`, …), sorted.
pub fn theme_templates() -> Vec<&'static str> {
    let mut names: Vec<&str> = embedded_files()
        .filter_map(|(rel, _)| rel.strip_prefix("templates/"))
        .collect();
    names.sort_unstable();
    names
}

/// Why ejecting failed: a name that is no template (a usage error), or a
/// file that is already there.
#[derive(Debug)]
pub enum EjectError {
    /// The name is not a template of the built-in theme.
    Unknown(Diagnostic),
    /// The site already has the file, or it cannot be written.
    NotWritten(Diagnostic),
}

/// Copies the built-in template `name` to
/// `themes/<theme>/templates/<name>` of the site (never overwriting);
/// returns the path written.
pub fn eject(config: &Config, name: &str) -> Result<PathBuf, EjectError> {
    let name = name.trim().trim_start_matches("./");
    let name = name.strip_prefix("templates/").unwrap_or(name);
    let Some((_, bytes)) =
        embedded_files().find(|(rel, _)| rel.strip_prefix("templates/") == Some(name))
    else {
        let names = theme_templates();
        let guess = did_you_mean(name, names.iter().copied()).or_else(|| {
            names.iter().copied().find(|n| {
                let last = n.rsplit('/').next().unwrap_or(n);
                last == name || last.strip_suffix(".html") == Some(name)
            })
        });
        let help = match guess {
            Some(g) => format!("did you mean `{g}`? `konzept theme list` lists the templates"),
            None => "`konzept theme list` lists the templates".to_owned(),
        };
        return Err(EjectError::Unknown(
            Diagnostic::error(
                Code::UnsupportedPath,
                format!("the built-in theme has no template `{name}`"),
            )
            .help(help),
        ));
    };
    let rel = Path::new("themes")
        .join(&config.theme)
        .join("templates")
        .join(name);
    let shown = rel.display().to_string().replace('\\', "/");
    let path = config.root.join(&rel);
    if path.exists() {
        return Err(EjectError::NotWritten(
            Diagnostic::error(
                Code::Io,
                format!("{shown} already exists; nothing was written"),
            )
            .help(format!(
                "the site already overrides `{name}`: edit {shown}, or delete it and eject again to start from the built-in template"
            )),
        ));
    }
    let text = String::from_utf8_lossy(bytes).into_owned();
    super::create_files(&config.root, &[(shown, text)])
        .map(|mut written| written.remove(0))
        .map_err(EjectError::NotWritten)
}
