//! The theme settings of `site.yaml` (docs/theming.md): `accent`, `logo`,
//! `favicon`, `stylesheet`. Resolved here: the accent's contrast against
//! every colour the default theme sets it beside, the logo's alt text per
//! language, and the file paths (below `static/`, nothing outside). That
//! the files exist is `load`'s to check.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;

use super::contrast::{Rgb, nearest_shade, ratio, shown};
use crate::diag::{Code, Diagnostic, Diagnostics, FileId};
use crate::ids::Lang;
use crate::yaml::KeySpans;

/// The least contrast ratio WCAG 2.x (1.4.3, AA) asks of text.
const MIN_RATIO: f64 = 4.5;

/// How much darker the theme's `--accent-dark` (navigation bar, site
/// title, labels) is than `--accent`: the default theme's own pair.
const DARK_FACTOR: f64 = 0.72;

/// Where the default theme's stylesheet sets the accent beside another
/// colour: (which accent, the other colour, where).
const MEETS: &[(Shade, &str, &str)] = &[
    (
        Shade::Accent,
        "#ffffff",
        "links on the page background (--bg)",
    ),
    (
        Shade::Accent,
        "#f1f4f8",
        "links on cards and table headers (--bg-soft)",
    ),
    (Shade::Accent, "#fff6d9", "links in notes (--note-bg)"),
    (Shade::Accent, "#ffffff", "white text on the search button"),
    (
        Shade::Dark,
        "#ffffff",
        "white menu text on the navigation bar",
    ),
    (
        Shade::Dark,
        "#e3edf7",
        "the status label's text on its background",
    ),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shade {
    Accent,
    Dark,
}

/// `logo:` as written: `{file: static/logo.svg, alt: {de: …, fr: …}}`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLogo {
    /// The image, below `static/` (svg, png, jpg or webp).
    file: Option<String>,
    /// Its text alternative in each language of the site (the home link's
    /// name for screen readers).
    alt: Option<BTreeMap<String, String>>,
}

/// The theme settings of `site.yaml`, checked.
#[derive(Debug, Clone, Default)]
pub struct Theming {
    /// The accent colour and its darker shade.
    pub accent: Option<Accent>,
    /// The logo in the header.
    pub logo: Option<Logo>,
    /// The site's icon, replacing the theme's.
    pub favicon: Option<SitePath>,
    /// The site's own stylesheet, loaded after the theme's.
    pub stylesheet: Option<SitePath>,
}

impl Theming {
    /// Every file the settings name (each read and published by `load`).
    pub fn files(&self) -> impl Iterator<Item = &SitePath> {
        let logo = self.logo.as_ref().map(|l| &l.file);
        logo.into_iter()
            .chain(self.favicon.as_ref())
            .chain(self.stylesheet.as_ref())
    }
}

/// `accent:`, as `#rrggbb`, with the darker shade the theme uses beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accent {
    /// `--accent`.
    pub colour: String,
    /// `--accent-dark`.
    pub dark: String,
}

/// `logo:`.
#[derive(Debug, Clone)]
pub struct Logo {
    /// The image file.
    pub file: SitePath,
    /// Its alt text per site language, in `languages` order.
    pub alt: Vec<(Lang, String)>,
}

/// A file of the site's `static/` directory named in `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePath {
    /// The path as written, relative to the site (`static/logo.svg`).
    pub rel: String,
    /// Where it stands in `site.yaml`.
    pub span: Range<usize>,
}

/// The values of the four keys, as read.
pub(super) struct Raw {
    pub accent: Option<String>,
    pub logo: Option<RawLogo>,
    pub favicon: Option<String>,
    pub stylesheet: Option<String>,
}

/// Checks the theme settings; every problem goes to `diags`.
pub(super) fn resolve(
    raw: Raw,
    spans: &KeySpans,
    text: &str,
    file: FileId,
    langs: &[Lang],
    diags: &mut Diagnostics,
) -> Theming {
    let accent = raw.accent.and_then(|a| match accent(&a) {
        Ok(accent) => Some(accent),
        Err(d) => {
            diags.push(d.at(file, spans.value("accent")));
            None
        }
    });
    let at = Place { spans, text, file };
    let favicon = raw
        .favicon
        .and_then(|f| at.path("favicon", f, &["svg", "png", "ico"], diags));
    let stylesheet = raw
        .stylesheet
        .and_then(|f| at.path("stylesheet", f, &["css"], diags));
    let logo = raw.logo.and_then(|l| {
        let Some(f) = l.file else {
            diags.push(
                Diagnostic::error(Code::Config, "`logo` names no `file`")
                    .at(file, spans.key("logo"))
                    .help("write `logo: {file: static/logo.svg, alt: {de: …}}` with the image below `static/`"),
            );
            return None;
        };
        let file_path = at.path("logo", f, &["svg", "png", "jpg", "jpeg", "webp"], diags);
        let alt = logo_alt(l.alt.unwrap_or_default(), &at, langs, diags);
        Some(Logo {
            file: file_path?,
            alt: alt?,
        })
    });
    Theming {
        accent,
        logo,
        favicon,
        stylesheet,
    }
}

/// Where values stand in `site.yaml`.
struct Place<'a> {
    spans: &'a KeySpans,
    text: &'a str,
    file: FileId,
}

impl Place<'_> {
    /// `value` of `key` as a [`SitePath`], or its problem in `diags`.
    fn path(
        &self,
        key: &str,
        value: String,
        types: &[&str],
        diags: &mut Diagnostics,
    ) -> Option<SitePath> {
        let span = self.spans.item(self.text, key, &value);
        match site_path(&value, types) {
            Ok(()) => Some(SitePath { rel: value, span }),
            Err(d) => {
                diags.push(d.at(self.file, span));
                None
            }
        }
    }
}

/// The accent colour, or why it cannot be one.
fn accent(text: &str) -> Result<Accent, Diagnostic> {
    let colour = Rgb::parse(text.trim()).ok_or_else(|| {
        Diagnostic::error(
            Code::Config,
            format!("`{text}` is not a colour konzept can read"),
        )
        .help("write a hex colour in quotes: `accent: \"#00577a\"` (`#rrggbb` or `#rgb`)")
    })?;
    let failing = failures(colour);
    let Some(&(worst, what, other)) = failing.iter().min_by(|a, b| a.0.total_cmp(&b.0)) else {
        return Ok(Accent {
            colour: colour.hex(),
            dark: colour.scaled(DARK_FACTOR).hex(),
        });
    };
    let list: Vec<String> = failing
        .iter()
        .map(|(r, what, other)| format!("{} for {what}, {other}", shown(*r)))
        .collect();
    let help = match nearest_shade(colour, |c| failures(c).is_empty()) {
        Some(s) => {
            let way = if s.luminance() < colour.luminance() {
                "darker"
            } else {
                "lighter"
            };
            format!(
                "write `accent: \"{}\"`, the nearest {way} shade of the same hue that reaches {MIN_RATIO}:1 everywhere",
                s.hex()
            )
        }
        None => "choose a darker colour".to_owned(),
    };
    Err(Diagnostic::error(
        Code::Config,
        format!(
            "the accent {} has a contrast of only {} with {other} ({what}): WCAG 2.x asks at least {MIN_RATIO}:1",
            colour.hex(),
            shown(worst),
        ),
    )
    .label(format!("too little contrast: {}", list.join("; ")))
    .help(help))
}

/// Every place where `colour` as the accent misses [`MIN_RATIO`]: (ratio,
/// where, the other colour).
fn failures(colour: Rgb) -> Vec<(f64, &'static str, &'static str)> {
    let dark = colour.scaled(DARK_FACTOR);
    MEETS
        .iter()
        .filter_map(|&(shade, other, what)| {
            let c = if shade == Shade::Accent { colour } else { dark };
            let r = ratio(c, Rgb::parse(other).expect("the table's colours are hex"));
            (r < MIN_RATIO).then_some((r, what, other))
        })
        .collect()
}

/// Checks a path named in `site.yaml`: relative, below `static/`, no `..`,
/// one of `types`.
fn site_path(path: &str, types: &[&str]) -> Result<(), Diagnostic> {
    let refuse = |why: &str| {
        Diagnostic::error(
            Code::Config,
            format!("`{path}` is not a file konzept can publish: {why}"),
        )
        .help("put the file into the site's `static/` directory and write its path from the site's directory, e.g. `static/logo.svg`")
    };
    if path.starts_with('/') || path.contains('\\') || path.contains(':') {
        return Err(refuse("write a relative path with `/`"));
    }
    let Some(rest) = path.strip_prefix("static/") else {
        return Err(refuse("it is not below `static/`"));
    };
    if rest
        .split('/')
        .any(|part| part.is_empty() || part.starts_with('.'))
    {
        return Err(refuse(
            "its path has an empty part, `..` or a hidden name (one starting with `.`)",
        ));
    }
    let ext = rest
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if !types.contains(&ext.as_str()) {
        return Err(refuse(&format!(
            "its type is not one of {}",
            types.join(", ")
        )));
    }
    Ok(())
}

/// The logo's alt text in each site language, each non-empty.
fn logo_alt(
    alt: BTreeMap<String, String>,
    at: &Place<'_>,
    langs: &[Lang],
    diags: &mut Diagnostics,
) -> Option<Vec<(Lang, String)>> {
    let mut ok = true;
    for code in alt.keys() {
        if !langs.iter().any(|l| l.as_str() == code) {
            ok = false;
            diags.push(
                Diagnostic::error(
                    Code::Config,
                    format!(
                        "the logo's alt text names `{code}`, which is not a language of the site"
                    ),
                )
                .at(at.file, at.spans.item(at.text, "logo", code))
                .help("give `alt` one entry for each language in `languages`"),
            );
        }
    }
    let mut out = Vec::new();
    for lang in langs {
        match alt.get(lang.as_str()).map(|a| a.trim()) {
            Some(a) if !a.is_empty() => out.push((lang.clone(), a.to_owned())),
            found => {
                ok = false;
                let what = if found.is_some() {
                    "is empty"
                } else {
                    "is missing"
                };
                diags.push(
                    Diagnostic::error(
                        Code::Config,
                        format!("the logo's alt text in `{lang}` {what}"),
                    )
                    .at(at.file, at.spans.value("logo"))
                    .label("the logo is the home link's content: screen readers read its alt text")
                    .help(format!(
                        "write what the logo says, e.g. the site's name: `alt: {{{lang}: …}}`"
                    )),
                );
            }
        }
    }
    ok.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_matches_the_default_theme() {
        let css = include_str!("../../themes/default/static/style.css");
        for var in ["--bg: #fff;", "--bg-soft: #f1f4f8;", "--note-bg: #fff6d9;"] {
            assert!(css.contains(var), "style.css no longer declares {var}");
        }
        assert!(css.contains("background: #e3edf7;\n  color: var(--accent-dark);"));
        assert!(css.contains(".main-nav { background: var(--accent-dark)"));
        let default = Rgb::parse("#0b4a85").unwrap();
        assert!(failures(default).is_empty());
    }

    #[test]
    fn paths_stay_below_static() {
        let css = ["css"];
        assert!(site_path("static/site.css", &css).is_ok());
        assert!(site_path("static/a/b.CSS", &css).is_ok());
        for bad in [
            "/etc/site.css",
            "static/../site.yaml.css",
            "static/./x.css",
            "static//x.css",
            "content/x.css",
            "C:/x.css",
            "static\\x.css",
            "static/.hidden.css",
            "static/x.js",
            "static/",
        ] {
            assert!(site_path(bad, &css).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_pale_accent_fails_with_a_darker_suggestion() {
        let d = accent("#7fb3d5").unwrap_err();
        let text = format!("{d:?}");
        assert!(text.contains("2.0:1"), "{text}");
        assert!(text.contains("darker shade"), "{text}");
        assert!(accent("#00577a").is_ok());
        assert!(accent("00577a").is_err());
    }
}
