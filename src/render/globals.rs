//! What every page of a language shows alike (header, footer, UI strings:
//! the [`Globals`]), put into one Tera instance per language once, so a
//! page's own context stays small.

use rayon::prelude::*;
use tera::{Context, Tera};

use super::assets::Assets;
use super::context::{FooterView, Globals, SiteView, Views};
use super::errors::unprepared;
use super::feeds;
use super::security;
use super::theme::Theme;
use super::theme_settings;
use crate::config::Config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::ids::Lang;
use crate::model::Site;

/// [`language_tera`] of every language, in `site.yaml` order, made in
/// parallel; the first language's error if any fails.
pub(super) fn teras(
    site: &Site,
    config: &Config,
    theme: &Theme,
    assets: &Assets,
) -> Result<Vec<Tera>, Diagnostics> {
    let teras: Vec<Result<Tera, Diagnostic>> = config
        .languages
        .par_iter()
        .map(|lang| language_tera(site, config, theme, assets, lang))
        .collect();
    teras
        .into_iter()
        .collect::<Result<_, _>>()
        .map_err(Diagnostics::from)
}

/// A Tera instance per language, with that language's [`Globals`] set once.
fn language_tera(
    site: &Site,
    config: &Config,
    theme: &Theme,
    assets: &Assets,
    lang: &Lang,
) -> Result<Tera, Diagnostic> {
    let globals = globals(site, config, assets, lang);
    let mut tera = theme.tera.clone();
    *tera.global_context() = Context::from_serialize(&globals).map_err(unprepared)?;
    Ok(tera)
}

/// What every page of `lang` shows alike (header, footer, UI strings).
pub(super) fn globals<'a>(
    site: &'a Site,
    config: &'a Config,
    assets: &Assets,
    lang: &'a Lang,
) -> Globals<'a> {
    let base = &config.base_url;
    let views = Views { site, base, lang };
    let t = site.ui.strings(lang);
    Globals {
        t,
        site: SiteView {
            title: t.get("site_title").cloned().unwrap_or_default(),
            base_path: base.path().to_owned(),
            home_url: base.href(&format!("{lang}/")),
            stylesheet: assets.href("style.css", base).unwrap_or_default(),
            assets: assets.hrefs(base),
            search_url: site.search_url(lang).map(|u| base.href(u)),
            full_text_url: site.full_text_url(lang).map(|u| base.href(u)),
            credits_url: super::credits::url(site, lang).map(|u| base.href(&u)),
            credits_title: super::credits::title(site, lang),
            feed_url: base
                .has_origin()
                .then(|| base.href(&feeds::feed_path(lang))),
            csp: security::CSP,
            generator: concat!("konzept ", env!("CARGO_PKG_VERSION")),
            own_stylesheet: theme_settings::own_stylesheet(config, assets),
            logo: theme_settings::logo(config, assets, lang),
            favicon: theme_settings::favicon(config, assets),
        },
        footer: FooterView {
            contact: site.contact.and_then(|c| views.contact_card(c)),
            links: site
                .footer
                .iter()
                .map(|e| views.nav_item(*e, None))
                .collect(),
        },
    }
}
