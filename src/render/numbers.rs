//! Numbers for readers: an indicator's values formatted for the reader's
//! language from CLDR data (ICU4X's `icu_decimal`, its data compiled into
//! the binary): `12.345,6` in German, `12 345,6` (U+202F) in French,
//! `12,345.6` in English. The digits are the data file's own, never
//! rounded through a float.

use std::str::FromStr;

use icu_decimal::input::{Decimal, SignDisplay};
use icu_decimal::{DecimalFormatter, DecimalFormatterPreferences};
use icu_locale_core::Locale;

use crate::parse::kinds::Unit;

/// The number formatter of one language.
pub(super) struct Numbers {
    formatter: DecimalFormatter,
    lang: String,
}

impl Numbers {
    /// The formatter for `lang` (a language CLDR lacks gets the root
    /// locale's digits and separators).
    pub(super) fn new(lang: &str) -> Numbers {
        let locale = Locale::from_str(lang).unwrap_or(Locale::UNKNOWN);
        let prefs = DecimalFormatterPreferences::from(&locale);
        let formatter = DecimalFormatter::try_new(prefs, Default::default())
            .or_else(|_| DecimalFormatter::try_new(Default::default(), Default::default()))
            .expect("compiled data has the root locale");
        Numbers {
            formatter,
            lang: lang.to_owned(),
        }
    }

    /// A number written with a point (`-12345.6`, as in data files) in the
    /// reader's form; `None` if it is not such a number.
    pub(super) fn format(&self, plain: &str) -> Option<String> {
        let decimal = Decimal::from_str(plain).ok()?;
        Some(self.formatter.format(&decimal).to_string())
    }

    /// A difference with its sign (`+1,2`, `-0,5`), to `decimals` digits.
    pub(super) fn change(&self, diff: f64, decimals: usize) -> String {
        let plain = format!("{diff:.decimals$}");
        let mut decimal = Decimal::from_str(&plain).unwrap_or_default();
        decimal.apply_sign_display(SignDisplay::ExceptZero);
        self.formatter.format(&decimal).to_string()
    }

    /// A formatted number with its unit, as a reader writes it: `12,5 %`
    /// (U+00A0 in German, U+202F in French), `12.5%` in English; other
    /// units follow the number with their label (`4,5 je 1.000 Einwohner`).
    pub(super) fn with_unit(&self, number: &str, unit: Unit, label: &str) -> String {
        match unit {
            Unit::Percent => match self.lang.as_str() {
                "en" => format!("{number}%"),
                "fr" => format!("{number}\u{202f}%"),
                _ => format!("{number}\u{a0}%"),
            },
            Unit::Count => number.to_owned(),
            _ if label.is_empty() => number.to_owned(),
            _ => format!("{number}\u{a0}{label}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cldr_separators_per_language() {
        assert_eq!(Numbers::new("de").format("12345.6").unwrap(), "12.345,6");
        assert_eq!(
            Numbers::new("fr").format("12345.6").unwrap(),
            "12\u{202f}345,6"
        );
        assert_eq!(Numbers::new("en").format("12345.6").unwrap(), "12,345.6");
        assert_eq!(Numbers::new("de").change(1.2000001, 1), "+1,2");
        assert_eq!(Numbers::new("en").change(-0.5, 1), "-0.5");
    }
}
