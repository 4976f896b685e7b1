//! The publishing recipes `konzept init --ci` writes, and the commands they
//! run on a site.
//!
//! The commands are declared once here: the recipe templates are filled
//! from these constants, and the tests (`tests/recipes.rs`,
//! `tests/new_city.rs`) read the recipes back as YAML, compare their
//! commands with these lists and execute them. This repository's own
//! recipes (`.github/workflows/pages.yml`, `.gitlab-ci.yml`), which build
//! konzept from source, are held to [`SOURCE_COMMANDS`] the same way.

/// The CI host a new site publishes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ci {
    /// GitHub Actions and GitHub Pages: `.github/workflows/pages.yml`.
    Github,
    /// GitLab CI and GitLab Pages: `.gitlab-ci.yml`.
    Gitlab,
    /// No recipe.
    None,
}

/// The step of a recipe that checks the content for the site's address:
/// every warning (a placeholder left in, a missing translation) fails the
/// job. The recipe sets `BASE_URL` from the host's Pages address, with a
/// trailing `/`.
pub const CHECK: &str = "konzept check --strict --base-url \"$BASE_URL\"";

/// The step of a recipe that builds the site for its address.
pub const BUILD: &str = "konzept build --base-url \"$BASE_URL\"";

/// What a site's recipe runs after installing konzept, in order.
pub const SITE_COMMANDS: [&str; 2] = [CHECK, BUILD];

/// What this repository's recipes run for the Saarbrücken site: konzept
/// built from source, then the same gate as a site's recipe (`check
/// --strict`) and `build`.
pub const SOURCE_COMMANDS: [&str; 3] = [
    "cargo build --locked --release",
    "./target/release/konzept check --strict --base-url \"$BASE_URL\"",
    "./target/release/konzept build --base-url \"$BASE_URL\"",
];

/// The target of the binary the recipes download (the CI runners' machine).
pub const RECIPE_TARGET: &str = "x86_64-unknown-linux-musl";

/// The version of konzept the recipes pin: the one that ran `init`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where konzept's releases are downloaded from (`…/releases/download`):
/// set by the release workflow when it builds the binaries, so a released
/// konzept writes its own address; a konzept built elsewhere writes a
/// placeholder the recipe refuses to run with.
pub const RELEASES: &str = match option_env!("KONZEPT_RELEASES_URL") {
    Some(url) => url,
    None => "<address of konzept's releases ending in /releases/download>",
};

/// The placeholder for the archive's SHA-256, which only the release's
/// `SHA256SUMS` knows (a binary cannot know the checksum of its own archive).
pub const SHA256_PLACEHOLDER: &str = "<SHA-256 of the archive from the release's SHA256SUMS>";

/// The recipe file for `ci`: (path relative to the site, text).
pub fn recipe(ci: Ci) -> Option<(String, String)> {
    let (path, template) = match ci {
        Ci::Github => (".github/workflows/pages.yml", include_str!("ci/github.yml")),
        Ci::Gitlab => (".gitlab-ci.yml", include_str!("ci/gitlab.yml")),
        Ci::None => return None,
    };
    let text = template
        .replace("@VERSION@", VERSION)
        .replace("@RELEASES@", RELEASES)
        .replace("@SHA256@", SHA256_PLACEHOLDER)
        .replace("@TARGET@", RECIPE_TARGET)
        .replace("@CHECK@", CHECK)
        .replace("@BUILD@", BUILD);
    Some((path.to_owned(), text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipes_are_filled_completely() {
        for ci in [Ci::Github, Ci::Gitlab] {
            let (_, text) = recipe(ci).expect("a recipe");
            for marker in [
                "@VERSION@",
                "@RELEASES@",
                "@SHA256@",
                "@TARGET@",
                "@CHECK@",
                "@BUILD@",
            ] {
                assert!(!text.contains(marker), "{ci:?}: {marker} left:\n{text}");
            }
            assert!(text.contains(&format!("KONZEPT_VERSION: \"{VERSION}\"")));
        }
        assert!(recipe(Ci::None).is_none());
    }

    #[test]
    fn the_placeholder_is_a_valid_cache_key_part() {
        // actions/cache rejects a key with a comma before the install step
        // could say what to fill in.
        assert!(!SHA256_PLACEHOLDER.contains(','));
        assert!(SHA256_PLACEHOLDER.len() < 200);
    }
}
