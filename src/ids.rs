//! The shared vocabulary of every stage: newtypes for the domain's strings
//! ([`Lang`], [`Slug`], [`ContentPath`]) and [`slugify`], which makes a
//! slug or an anchor out of a title.
//!
//! A leaf module: `config`, `load`, `parse` and everything after them use
//! it, and it uses none of them. Constructors validate; `Display` gives the
//! form users see.

use std::fmt;

use unicode_normalization::UnicodeNormalization;

/// A language code from `site.yaml` (`de`, `fr`, `en`): 2–3 lowercase ASCII
/// letters, optionally followed by `-` and a region (`pt-br`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Lang(String);

impl Lang {
    /// Validates a language code.
    pub fn parse(code: &str) -> Option<Lang> {
        let (main, region) = match code.split_once('-') {
            Some((m, r)) => (m, Some(r)),
            None => (code, None),
        };
        let main_ok = (2..=3).contains(&main.len()) && main.bytes().all(|b| b.is_ascii_lowercase());
        let region_ok = region.is_none_or(|r| {
            (2..=8).contains(&r.len()) && r.bytes().all(|b| b.is_ascii_alphanumeric())
        });
        (main_ok && region_ok).then(|| Lang(code.to_owned()))
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One URL path segment: lowercase ASCII letters, digits and `-`, not
/// starting or ending with `-`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Slug(String);

impl Slug {
    /// Validates a slug: lowercase letters a–z, digits and inner `-`, at
    /// most [`Slug::MAX_LEN`] bytes, and not a name Windows reserves for a
    /// device (`con`, `aux`, `nul`, `com1`, …): a slug names files and
    /// directories, and the site must check out everywhere.
    ///
    /// ```
    /// use konzept::ids::Slug;
    /// assert!(Slug::parse("grenzueberschreitende-zusammenarbeit").is_some());
    /// assert!(Slug::parse("Über uns").is_none());
    /// assert!(Slug::parse("..").is_none());
    /// assert!(Slug::parse("aux").is_none());
    /// assert!(Slug::parse("aux-1").is_some());
    /// ```
    pub fn parse(text: &str) -> Option<Slug> {
        let ok = !text.is_empty()
            && text.len() <= Slug::MAX_LEN
            && !text.starts_with('-')
            && !text.ends_with('-')
            && text
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !is_reserved_on_windows(text);
        ok.then(|| Slug(text.to_owned()))
    }

    /// The longest slug: with a section, a language suffix and `.md` it
    /// stays far below the path lengths of Windows and of ZIP downloads.
    pub const MAX_LEN: usize = 100;

    /// What a slug must be, said about `text` (for hints beside
    /// [`Slug::suggestion`]).
    pub fn rule(text: &str) -> String {
        if is_reserved_on_windows(text) {
            format!(
                "Windows reserves `{text}` for a device, so the site could not be checked out there"
            )
        } else if text.len() > Slug::MAX_LEN {
            format!("at most {} bytes", Slug::MAX_LEN)
        } else {
            "lowercase letters a–z, digits and `-` only".to_owned()
        }
    }

    /// A valid slug close to `text`, for hints: `text` slugified, cut at a
    /// `-` to fit [`Slug::MAX_LEN`], and `-1` added to a reserved name.
    ///
    /// ```
    /// use konzept::ids::Slug;
    /// assert_eq!(Slug::suggestion("Über uns"), "ueber-uns");
    /// assert_eq!(Slug::suggestion("AUX"), "aux-1");
    /// ```
    pub fn suggestion(text: &str) -> String {
        let mut s = slugify(text);
        if s.len() > Slug::MAX_LEN {
            let cut = s[..=Slug::MAX_LEN].rfind('-').unwrap_or(Slug::MAX_LEN);
            s.truncate(cut);
        }
        if is_reserved_on_windows(&s) {
            s.push_str("-1");
        }
        s
    }

    /// The slug.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether Windows reserves `name` (before its first `.`, in any case) for
/// a device: such a file cannot be checked out or opened there.
pub fn is_reserved_on_windows(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    let lower = stem.to_ascii_lowercase();
    match lower.as_str() {
        "con" | "prn" | "aux" | "nul" => true,
        _ => {
            let b = lower.as_bytes();
            b.len() == 4
                && (lower.starts_with("com") || lower.starts_with("lpt"))
                && b[3].is_ascii_digit()
        }
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A path relative to `content/`, `/`-separated (`projekte/ibis.fr.md`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ContentPath(String);

impl ContentPath {
    /// Wraps a relative path; `\` separators are turned into `/`.
    pub fn new(path: &str) -> ContentPath {
        ContentPath(path.replace('\\', "/"))
    }

    /// The path.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The directory part (`projekte` for `projekte/ibis.md`, `` at the top).
    pub fn dir(&self) -> &str {
        self.0.rsplit_once('/').map_or("", |(d, _)| d)
    }
}

impl fmt::Display for ContentPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A readable, stable id for a heading: German umlauts transliterated
/// (ä→ae, ß→ss), other accents dropped, everything else not a letter or digit
/// turned into `-`.
///
/// ```
/// use konzept::ids::slugify;
/// assert_eq!(slugify("Ziele und Maßnahmen"), "ziele-und-massnahmen");
/// assert_eq!(slugify("Über „uns“"), "ueber-uns");
/// assert_eq!(slugify("Coopération transfrontalière"), "cooperation-transfrontaliere");
/// ```
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut dash = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    };
    for c in text.chars() {
        match c {
            'ä' | 'Ä' => "ae".chars().for_each(|c| push(c, &mut out)),
            'ö' | 'Ö' => "oe".chars().for_each(|c| push(c, &mut out)),
            'ü' | 'Ü' => "ue".chars().for_each(|c| push(c, &mut out)),
            'ß' | 'ẞ' => "ss".chars().for_each(|c| push(c, &mut out)),
            'æ' | 'Æ' => "ae".chars().for_each(|c| push(c, &mut out)),
            'œ' | 'Œ' => "oe".chars().for_each(|c| push(c, &mut out)),
            c if c.is_ascii() => push(c, &mut out),
            c => c
                .to_string()
                .nfd()
                .filter(|c| c.is_ascii())
                .for_each(|c| push(c, &mut out)),
        }
    }
    if out.is_empty() {
        "section".to_owned()
    } else {
        out
    }
}

/// Language codes konzept can name in their own language (a contact's
/// `languages`, a page's `title_lang`).
pub const LANGUAGE_CODES: &[&str] = &[
    "am", "ar", "bg", "bs", "cs", "da", "de", "el", "en", "es", "fa", "fi", "fr", "he", "hi", "hr",
    "hu", "it", "ja", "ka", "ko", "ku", "lb", "lt", "lv", "mk", "nl", "no", "pl", "ps", "pt", "ro",
    "ru", "sk", "sl", "so", "sq", "sr", "sv", "ta", "ti", "tr", "uk", "ur", "vi", "zh",
];

/// The name of a language in that language ("Français"), so a list of spoken
/// languages reads the same on every translation.
pub fn endonym(code: &str) -> Option<&'static str> {
    Some(match code {
        "am" => "አማርኛ",
        "ar" => "العربية",
        "bg" => "Български",
        "bs" => "Bosanski",
        "cs" => "Čeština",
        "da" => "Dansk",
        "de" => "Deutsch",
        "el" => "Ελληνικά",
        "en" => "English",
        "es" => "Español",
        "fa" => "فارسی",
        "fi" => "Suomi",
        "fr" => "Français",
        "he" => "עברית",
        "hi" => "हिन्दी",
        "hr" => "Hrvatski",
        "hu" => "Magyar",
        "it" => "Italiano",
        "ja" => "日本語",
        "ka" => "ქართული",
        "ko" => "한국어",
        "ku" => "Kurdî",
        "lb" => "Lëtzebuergesch",
        "lt" => "Lietuvių",
        "lv" => "Latviešu",
        "mk" => "Македонски",
        "nl" => "Nederlands",
        "no" => "Norsk",
        "pl" => "Polski",
        "ps" => "پښتو",
        "pt" => "Português",
        "ro" => "Română",
        "ru" => "Русский",
        "sk" => "Slovenčina",
        "sl" => "Slovenščina",
        "so" => "Soomaali",
        "sq" => "Shqip",
        "sr" => "Српски",
        "sv" => "Svenska",
        "ta" => "தமிழ்",
        "ti" => "ትግርኛ",
        "tr" => "Türkçe",
        "uk" => "Українська",
        "ur" => "اردو",
        "vi" => "Tiếng Việt",
        "zh" => "中文",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_accepts_codes_and_regions() {
        assert!(Lang::parse("de").is_some());
        assert!(Lang::parse("pt-br").is_some());
        assert!(Lang::parse("DE").is_none());
        assert!(Lang::parse("deutsch").is_none());
    }

    #[test]
    fn slug_rejects_separators_and_reserved_characters() {
        for bad in ["a/b", "a b", "a?b", "", "-a", "ä"] {
            assert!(Slug::parse(bad).is_none(), "{bad}");
        }
    }
}
