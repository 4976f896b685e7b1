//! The file format of `site.yaml`, and its resolution into `Config`.

use std::path::Path;

use serde::Deserialize;

use super::{BaseUrl, Config, Overrides, Reference};
use crate::diag::{Code, Diagnostic, Diagnostics, FileId};
use crate::ids::Lang;
use crate::yaml::Read;

/// What happens to a page that has no translation into a language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MissingTranslations {
    /// Publish the default-language content under the other language's URL,
    /// with a notice in the reader's language.
    #[default]
    Fallback,
    /// Leave the page out of that language; links lead to the
    /// default-language page.
    Omit,
}

/// What happens to raw HTML in Markdown. No policy lets script, event
/// handlers, `style` or resources from other hosts reach a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RawHtml {
    /// Keep the inline tags Markdown lacks (`<abbr>`, `<sup>`, `<br>`,
    /// `<kbd>`, `<span lang>` …), remove everything else, and warn.
    #[default]
    Sanitize,
    /// Show all raw HTML as text, and warn.
    Escape,
    /// A wider allowlist: also blocks and emphasis (`<div>`, `<p>`,
    /// `<details>`, tables, `<strong>` …) and `class`; still no script,
    /// handler, style or third-party resource.
    Allow,
}

crate::yaml::mapping! {
    /// The site's configuration (`site.yaml`).
    #[derive(Debug)]
    pub(super) struct RawConfig;
    /// Its fields, for [`crate::yaml::read_mapping`].
    pub(super) const FIELDS;
    {
        /// Language codes of the site, e.g. `[de, fr, en]`.
        languages: Vec<String> [Neutral, required],
        /// The language of `x.md` files; one of `languages`.
        default_language: String [Neutral, required],
        /// Where the site is served, e.g. `https://example.org/konzept/` (default `/`).
        base_url: String [Neutral, optional],
        /// What happens to a page without a translation.
        missing_translations: MissingTranslations [Neutral, optional],
        /// A directory in `themes/` (default: the built-in theme).
        theme: String [Neutral, optional],
        /// Id of the `kontakte/` entry shown in every page's footer.
        contact: String [Neutral, optional],
        /// Ids of the sections and pages in the main menu.
        menu: Vec<String> [Neutral, optional],
        /// Ids of the pages linked in the footer (Impressum, …).
        footer: Vec<String> [Neutral, optional],
        /// Markdown options.
        markdown: RawMarkdown [Neutral, optional],
        /// Ids of the pages and sections the full-text page assembles, in order
        /// (default: the menu); `[]` leaves the full-text page out.
        full_text: Vec<String> [Neutral, optional],
        /// Whether the site gets a search page and index (default `true`).
        search: bool [Neutral, optional],
        /// Languages of `languages` whose files are kept but not published
        /// (not the default language), e.g. `[en]`.
        paused_languages: Vec<String> [Neutral, optional],
        /// The theme's accent colour, `"#rrggbb"` or `"#rgb"` (docs/theming.md).
        accent: String [Neutral, optional],
        /// The logo in the header: `{file: static/logo.svg, alt: {de: …, fr: …}}`.
        logo: super::theming::RawLogo [Neutral, optional],
        /// The site's icon below `static/` (svg, png or ico), instead of the theme's.
        favicon: String [Neutral, optional],
        /// The site's own stylesheet below `static/`, loaded after the theme's.
        stylesheet: String [Neutral, optional],
    }
}

/// Markdown options of `site.yaml`.
#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct RawMarkdown {
    /// What happens to raw HTML in Markdown.
    raw_html: Option<RawHtml>,
}

impl Config {
    /// The JSON Schema of `site.yaml`, generated from the type `resolve`
    /// reads (for `konzept schema`), so it cannot drift from the parser.
    pub fn file_schema() -> schemars::Schema {
        schemars::schema_for!(RawConfig)
    }
}

pub(super) fn resolve(
    read: Read<RawConfig>,
    text: &str,
    root: &Path,
    file: FileId,
    overrides: &Overrides,
) -> Result<Config, Diagnostics> {
    let Read { value: raw, spans } = read;
    let RawConfig {
        languages,
        default_language,
        base_url,
        missing_translations,
        theme,
        contact,
        menu,
        footer,
        markdown,
        full_text,
        search,
        paused_languages,
        accent,
        logo,
        favicon,
        stylesheet,
    } = raw;
    let mut diags = Diagnostics::new();
    let mut langs = Vec::new();
    for code in languages.unwrap_or_default() {
        match Lang::parse(&code) {
            Some(l) if !langs.contains(&l) => langs.push(l),
            Some(_) => diags.push(
                Diagnostic::error(
                    Code::Config,
                    format!("`{code}` is listed twice in `languages`"),
                )
                .at(file, spans.nth_item(text, "languages", &code, 1))
                .help("list each language once"),
            ),
            None => diags.push(
                Diagnostic::error(Code::Config, format!("`{code}` is not a language code"))
                    .at(file, spans.item(text, "languages", &code))
                    .help("use lowercase ISO 639-1 codes such as `de`, `fr`, `en`"),
            ),
        }
    }
    if langs.is_empty() && !diags.has_errors() {
        // `languages:` left empty, or its list commented out.
        diags.push(
            Diagnostic::error(Code::Config, "`languages` lists no language")
                .at(file, spans.value("languages"))
                .help("list the site's languages, e.g. `languages: [de, fr, en]`"),
        );
    }
    let default_code = default_language.unwrap_or_default();
    let default_lang = langs.iter().find(|l| l.as_str() == default_code).cloned();
    if default_lang.is_none() && !langs.is_empty() {
        diags.push(super::unknown_lang(
            &default_code,
            spans.value("default_language"),
            file,
            &langs,
        ));
    }
    let paused = super::paused::resolve(
        paused_languages.unwrap_or_default(),
        &mut langs,
        default_lang.as_ref(),
        (text, &spans, file),
        &mut diags,
    );
    let base_text = overrides
        .base_url
        .clone()
        .or(base_url)
        .unwrap_or_else(|| "/".to_owned());
    let base = BaseUrl::parse(&base_text);
    if let Err(why) = &base {
        let d = Diagnostic::error(
            Code::Config,
            format!("`{base_text}` is not a base URL: {why}"),
        )
        .help("write an absolute URL such as `https://example.org/konzept/` or a path such as `/`");
        diags.push(match overrides.base_url {
            Some(_) => d,
            None => d.at(file, spans.value("base_url")),
        });
    }
    let theme = theme.unwrap_or_else(|| "default".to_owned());
    // A theme is a directory: it must exist on every checkout (Windows
    // refuses device names and names ending in `.` or a space).
    if theme.is_empty()
        || theme.contains(['/', '\\'])
        || theme.starts_with('.')
        || theme.ends_with(['.', ' '])
        || crate::ids::is_reserved_on_windows(&theme)
    {
        diags.push(
            Diagnostic::error(Code::Config, format!("`{theme}` is not a theme name"))
                .at(file, spans.value("theme"))
                .help("name a directory in themes/, or leave `theme` out for the built-in theme"),
        );
    }
    let theming = super::theming::Raw {
        accent,
        logo,
        favicon,
        stylesheet,
    };
    let theming = super::theming::resolve(theming, &spans, text, file, &langs, &mut diags);
    let reference = |id: String, key: &str| Reference {
        span: spans.item(text, key, &id),
        id,
    };
    if diags.has_errors() {
        return Err(diags);
    }
    Ok(Config {
        root: root.to_path_buf(),
        file,
        default_lang: default_lang.expect("checked above: the default language is configured"),
        languages: langs,
        base_url: base.expect("checked above: the base URL parses"),
        missing_translations: missing_translations.unwrap_or_default(),
        theme,
        contact: contact.map(|id| reference(id, "contact")),
        menu: menu
            .unwrap_or_default()
            .into_iter()
            .map(|id| reference(id, "menu"))
            .collect(),
        footer: footer
            .unwrap_or_default()
            .into_iter()
            .map(|id| reference(id, "footer"))
            .collect(),
        raw_html: markdown.unwrap_or_default().raw_html.unwrap_or_default(),
        full_text: full_text.map(|ids| {
            ids.into_iter()
                .map(|id| reference(id, "full_text"))
                .collect()
        }),
        search: search.unwrap_or(true),
        paused,
        theming,
        drafts: overrides.drafts,
        links: overrides.links,
    })
}
