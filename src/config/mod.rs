//! `site.yaml`: read, validated, resolved into [`Config`].
//!
//! Takes the site root and command-line overrides; returns a `Config` with no
//! `Option` where a default exists. The raw file format is in `raw.rs`.

mod contrast;
mod paused;
mod raw;
mod theming;

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diag::{Code, Diagnostic, Diagnostics, FileId, SourceMap, did_you_mean};
use crate::ids::Lang;
use crate::yaml::{self, Role, Schema};

pub use raw::{MissingTranslations, RawHtml};
pub use theming::{Accent, Logo, SitePath, Theming};

/// Whether drafts are built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Drafts {
    /// Leave pages with `draft: true` out (the default).
    #[default]
    Exclude,
    /// Build them too (`--drafts`).
    Include,
}

/// Settings given on the command line, which win over `site.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--base-url`.
    pub base_url: Option<String>,
    /// `--drafts`.
    pub drafts: Drafts,
    /// `--relative`.
    pub links: Links,
}

/// How pages link to each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Links {
    /// Root-relative (`/de/projekte/`), for a web server (the default).
    #[default]
    RootRelative,
    /// Relative to each page (`../projekte/index.html`), so the site also
    /// works from `file://` (a USB stick, an intranet share): `--relative`.
    Relative,
}

/// An id named in `site.yaml` (menu, footer, contact) and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// The id (section directory or page file name).
    pub id: String,
    /// Byte range in `site.yaml`.
    pub span: Range<usize>,
}

/// The site's configuration, validated.
#[derive(Debug, Clone)]
pub struct Config {
    /// Directory holding `site.yaml`.
    pub root: PathBuf,
    /// `site.yaml` in the source map.
    pub file: FileId,
    /// Languages in `site.yaml` order (the order of hreflang links and switches).
    pub languages: Vec<Lang>,
    /// The default language: originals are written in it.
    pub default_lang: Lang,
    /// Where the site will be served.
    pub base_url: BaseUrl,
    /// What happens to pages without a translation.
    pub missing_translations: MissingTranslations,
    /// Theme name (`themes/<name>/`); `default` is embedded.
    pub theme: String,
    /// The contact entry shown in every footer.
    pub contact: Option<Reference>,
    /// Main navigation: section or page ids.
    pub menu: Vec<Reference>,
    /// Footer links: page ids.
    pub footer: Vec<Reference>,
    /// Raw HTML policy for Markdown.
    pub raw_html: RawHtml,
    /// What the full-text page assembles (`None`: the menu's entries).
    pub full_text: Option<Vec<Reference>>,
    /// Whether the site gets a search page and index.
    pub search: bool,
    /// Paused languages (`paused_languages`): configured, their files
    /// kept but not published; not in [`Config::languages`].
    pub paused: Vec<Lang>,
    /// Accent, logo, favicon and the site's stylesheet (docs/theming.md).
    pub theming: Theming,
    /// Whether drafts are built.
    pub drafts: Drafts,
    /// How pages link to each other.
    pub links: Links,
}

impl Config {
    /// Whether `lang` is the default language.
    pub fn is_default(&self, lang: &Lang) -> bool {
        *lang == self.default_lang
    }

    /// The configured language with this code.
    pub fn lang(&self, code: &str) -> Option<&Lang> {
        self.languages.iter().find(|l| l.as_str() == code)
    }

    /// The paused language with this code.
    pub fn paused(&self, code: &str) -> Option<&Lang> {
        self.paused.iter().find(|l| l.as_str() == code)
    }
}

/// The URL the site is served under: an optional origin and a path prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    origin: Option<String>,
    path: String,
}

impl BaseUrl {
    /// Parses `/`, `/sub/`, or `https://host/sub/` (read by the `url`
    /// crate); the error says what is wrong, in the editor's terms.
    ///
    /// ```
    /// use konzept::config::BaseUrl;
    /// let b = BaseUrl::parse("https://example.org/konzept").unwrap();
    /// assert_eq!(b.href("de/"), "/konzept/de/");
    /// assert_eq!(b.absolute("de/"), "https://example.org/konzept/de/");
    /// assert!(BaseUrl::parse("https://exa mple.org/").is_err());
    /// assert!(BaseUrl::parse("https://user:pw@example.org/").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let text = text.trim();
        if let Some(c) = text.chars().find(|c| c.is_whitespace() || c.is_control()) {
            let what = if c == ' ' {
                "a space".to_owned()
            } else {
                format!("the character {}", c.escape_unicode())
            };
            return Err(format!(
                "it contains {what}; a URL has no blanks or control characters"
            ));
        }
        if text.starts_with('/') && !text.starts_with("//") {
            return Ok(BaseUrl {
                origin: None,
                path: base_path(text, text)?,
            });
        }
        let url = url::Url::parse(text).map_err(|e| match e {
            url::ParseError::RelativeUrlWithoutBase => {
                "it has no scheme: start it with `https://`, or with `/` for a path".to_owned()
            }
            e => format!("it is not a URL ({e})"),
        })?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!(
                "`{}:` is not a web address: use `https://`",
                url.scheme()
            ));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(
                "it contains a user name or password: never publish credentials in a URL"
                    .to_owned(),
            );
        }
        let Some(host) = url.host_str().filter(|h| !h.is_empty()) else {
            return Err("it has no host name".to_owned());
        };
        let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
        let origin = format!("{}://{host}{port}", url.scheme());
        let after_origin = &text[text.find("//").map_or(0, |i| i + 2)..];
        let raw_path = after_origin
            .find(['/', '?', '#'])
            .map_or("", |i| &after_origin[i..]);
        Ok(BaseUrl {
            origin: Some(origin),
            path: base_path(raw_path, url.path())?,
        })
    }

    /// The link for a site-relative path (`de/projekte/`), as used inside pages.
    pub fn href(&self, path: &str) -> String {
        format!("{}{path}", self.path)
    }

    /// The absolute URL if an origin is set, else the same as [`href`](Self::href).
    pub fn absolute(&self, path: &str) -> String {
        format!(
            "{}{}{path}",
            self.origin.as_deref().unwrap_or(""),
            self.path
        )
    }

    /// The path prefix (`/` or `/sub/`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Whether the address includes scheme and host, so absolute URLs can be
    /// made (sitemaps and feeds need them).
    pub fn has_origin(&self) -> bool {
        self.origin.is_some()
    }

    /// The one warning a build or check without an absolute base URL gives:
    /// canonical URLs, `hreflang`, the sitemap and the feeds need one, and
    /// are left out (a relative canonical or `hreflang` is worse than none).
    /// `None` when the base URL has scheme and host.
    pub fn missing_origin(&self) -> Option<Diagnostic> {
        if self.has_origin() {
            return None;
        }
        Some(
            Diagnostic::warning(
                Code::NoBaseUrl,
                "no absolute base URL: canonical URLs, hreflang, the sitemap and the feeds need one and are left out",
            )
            .help("set `base_url: https://…/` in site.yaml, or pass `--base-url https://…/` to build and check"),
        )
    }
}

/// The path prefix of a base URL, `/` first and last. `raw` is the path as
/// written (with any query or fragment), `path` as the URL crate read it.
fn base_path(raw: &str, path: &str) -> Result<String, String> {
    if raw.contains(['?', '#']) {
        return Err(
            "it has a query (`?`) or fragment (`#`): a base URL ends with its path".to_owned(),
        );
    }
    // `%2e` is a dot to URL parsers (WHATWG URL, § path state).
    let dots = |s: &str| {
        let s = s.to_ascii_lowercase().replace("%2e", ".");
        s == ".." || s == "."
    };
    if raw.split('/').any(dots) {
        return Err("its path contains `.` or `..`: write the path plainly".to_owned());
    }
    let mut path = path.to_owned();
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    if !path.ends_with('/') {
        path.push('/');
    }
    Ok(path)
}

/// Reads and validates `<root>/site.yaml`.
pub fn resolve(
    root: &Path,
    overrides: &Overrides,
    sources: &mut SourceMap,
) -> Result<Config, Diagnostics> {
    let path = root.join("site.yaml");
    // Through the site boundary: a link to a file outside or a FIFO is
    // refused (docs/design.md § Trust), and the refusal is reported at `site.yaml`.
    let bytes = match crate::sitefs::read(root, Path::new("site.yaml")) {
        Ok(b) => b,
        Err(crate::sitefs::Refusal::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => {
            let diag = Diagnostic::error(Code::Config, format!("cannot read {}", path.display()))
                .help("run konzept in the site's directory (the one with site.yaml), or create site.yaml")
                .source(e);
            return Err(Diagnostics::from(diag));
        }
        Err(refusal) => {
            let file = sources.add("site.yaml".to_owned(), std::sync::Arc::from(""));
            let diag = refusal.diagnostic("site.yaml").in_file(file);
            return Err(Diagnostics::from(diag));
        }
    };
    let (file, text) = sources.add_bytes("site.yaml".to_owned(), bytes)?;
    from_file(file, &text, root, overrides)
}

/// Validates the text of a `site.yaml` for a site whose directory is `root`
/// (read by nothing here: `root` is only recorded for the later stages).
/// The text is added to `sources` as `site.yaml`.
pub fn from_text(
    text: &str,
    root: &Path,
    overrides: &Overrides,
    sources: &mut SourceMap,
) -> Result<Config, Diagnostics> {
    let (file, text) = sources.add_bytes("site.yaml".to_owned(), text.as_bytes().to_vec())?;
    from_file(file, &text, root, overrides)
}

fn from_file(
    file: FileId,
    text: &str,
    root: &Path,
    overrides: &Overrides,
) -> Result<Config, Diagnostics> {
    let schema = Schema {
        kind: "site.yaml",
        place: "site.yaml",
        container: "site.yaml",
        fields: raw::FIELDS,
        others: &[],
    };
    let read = yaml::read_mapping::<raw::RawConfig>(text, 0, file, &schema, Role::Original)?;
    raw::resolve(read, text, root, file, overrides)
}

pub(crate) fn unknown_lang(
    code: &str,
    span: Range<usize>,
    file: FileId,
    languages: &[Lang],
) -> Diagnostic {
    let help = match did_you_mean(code, languages.iter().map(Lang::as_str)) {
        Some(l) => format!("did you mean `{l}`?"),
        None => format!(
            "the site's languages are {}; add `{code}` to `languages` in site.yaml to publish it",
            languages
                .iter()
                .map(|l| format!("`{l}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Diagnostic::error(
        Code::UnknownLanguage,
        format!("`{code}` is not one of the site's languages"),
    )
    .at(file, span)
    .help(help)
}
