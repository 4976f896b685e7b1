//! What `site.yaml`'s theme settings do to the theme (docs/theming.md):
//! the accent as the stylesheet's custom properties, and the rule that a
//! site's file never silently takes the place of one of the theme's
//! (`style.css`, `search.js`, `favicon.svg` …): the site adds its own
//! stylesheet and icon through `stylesheet:` and `favicon:` instead.

use std::collections::BTreeMap;

use serde::Serialize;

use super::assets::Assets;
use crate::config::Config;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::ids::Lang;
use crate::load::{STATIC_DIR, Sources};

/// The theme's stylesheet, which carries the accent.
const STYLESHEET: &str = "style.css";

/// Appends the accent of `site.yaml` to the theme's stylesheet as the
/// custom properties its rules read (`--accent`, `--accent-dark`); the
/// Content-Security-Policy allows no inline style, so it goes into the
/// file, whose name then changes with it.
pub(super) fn apply_accent(statics: &mut BTreeMap<String, Vec<u8>>, config: &Config) {
    let Some(accent) = &config.theming.accent else {
        return;
    };
    if let Some(css) = statics.get_mut(STYLESHEET) {
        css.extend_from_slice(
            format!(
                "\n/* The accent colour of site.yaml. */\n:root {{ --accent: {}; --accent-dark: {}; }}\n",
                accent.colour, accent.dark
            )
            .as_bytes(),
        );
    }
}

/// Every file of the site that would take the place of a theme's static
/// file: one in the site's theme directory that differs from the
/// built-in theme's, and one in the site's `static/` with the name of a
/// theme's static file (unless `site.yaml` names it, which links it
/// besides the theme's).
pub(super) fn shadowed<'a>(
    sources: &Sources,
    config: &Config,
    embedded: impl Iterator<Item = (&'a str, &'a [u8])>,
) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let builtin: BTreeMap<&str, &[u8]> = embedded
        .filter(|(rel, _)| rel.starts_with("static/"))
        .collect();
    for f in &sources.theme {
        let Some(theirs) = builtin.get(f.rel.as_str()) else {
            continue;
        };
        if *theirs != f.bytes.as_slice() {
            let name = &f.rel["static/".len()..];
            diags.push(replaces(
                &format!("themes/{}/{}", config.theme, f.rel),
                name,
                "the built-in theme's",
            ));
        }
    }
    let named: Vec<&str> = config.theming.files().map(|p| p.rel.as_str()).collect();
    let theme_names: Vec<&str> = builtin
        .keys()
        .map(|rel| &rel["static/".len()..])
        .chain(
            sources
                .theme
                .iter()
                .filter_map(|f| f.rel.strip_prefix("static/")),
        )
        .collect();
    for f in &sources.site_static {
        let name = &f.rel[STATIC_DIR.len() + 1..];
        if theme_names.contains(&name) && !named.contains(&f.rel.as_str()) {
            diags.push(replaces(&f.rel, name, "the theme's"));
        }
    }
    diags
}

/// The error for `file`, which would replace the theme's file `name`.
fn replaces(file: &str, name: &str, whose: &str) -> Diagnostic {
    let help = if name.ends_with(".css") {
        "keep the theme's stylesheet and add yours after it: give your file another name in the site's `static/` (e.g. `static/site.css`) and write `stylesheet: static/site.css` in site.yaml; its rules win over the theme's".to_owned()
    } else if name.starts_with("favicon.") {
        "give your icon another name in the site's `static/` (e.g. `static/icon.png`) and write `favicon: static/icon.png` in site.yaml".to_owned()
    } else {
        format!(
            "give your file another name: the theme's `{name}` is used by its templates (to change a template, `konzept theme eject <template>`)"
        )
    };
    Diagnostic::error(
        Code::Config,
        format!("`{file}` would silently take the place of {whose} `static/{name}`"),
    )
    .help(help)
}

/// The site's logo as templates see it (`site.logo`).
#[derive(Debug, Clone, Serialize)]
pub struct LogoView {
    /// The image's URL (`assets/logo.<hash>.svg`).
    pub src: String,
    /// Its alt text in the page's language.
    pub alt: String,
}

/// The site's icon as templates see it (`site.favicon`).
#[derive(Debug, Clone, Serialize)]
pub struct IconView {
    /// The icon's URL.
    pub href: String,
    /// Its media type, for `<link rel="icon" type>`.
    #[serde(rename = "type")]
    pub media_type: &'static str,
}

/// The link to the site's stylesheet, if `site.yaml` names one.
pub(super) fn own_stylesheet(config: &Config, assets: &Assets) -> Option<String> {
    let path = config.theming.stylesheet.as_ref()?;
    assets.site_href(&path.rel, &config.base_url)
}

/// The logo with its alt text in `lang`, if `site.yaml` sets one.
pub(super) fn logo(config: &Config, assets: &Assets, lang: &Lang) -> Option<LogoView> {
    let logo = config.theming.logo.as_ref()?;
    let alt = logo.alt.iter().find(|(l, _)| l == lang)?.1.clone();
    Some(LogoView {
        src: assets.site_href(&logo.file.rel, &config.base_url)?,
        alt,
    })
}

/// The site's icon, if `site.yaml` names one.
pub(super) fn favicon(config: &Config, assets: &Assets) -> Option<IconView> {
    let path = config.theming.favicon.as_ref()?;
    let ext = path.rel.rsplit('.').next().unwrap_or_default();
    let media_type = match ext.to_ascii_lowercase().as_str() {
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "image/x-icon",
    };
    Some(IconView {
        href: assets.site_href(&path.rel, &config.base_url)?,
        media_type,
    })
}
