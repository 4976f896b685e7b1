//! Checks of values that have the right type but cannot be meant: a
//! project that ends before it starts, an e-mail address readers cannot
//! write to, a phone number no `tel:` link can dial.
//!
//! These become links and dates on every page that shows the entry, so a
//! placeholder left in by a careless edit ("bitte eintragen") must stop the
//! build at its line rather than publish `mailto:bitte eintragen`. They
//! also run when other fields of the file are wrong, so one build reports
//! every mistake.

use std::ops::Range;

use email_address::{EmailAddress, Options};

use super::kinds::{Duration, UNKNOWN};
use crate::dates::{PartialDate, today};
use crate::diag::{Code, Diagnostic, Diagnostics, FileId};
use crate::ids::{LANGUAGE_CODES, Lang, Slug, endonym};
use crate::yaml::KeySpans;

/// Fewer digits than this is no phone number anywhere (emergency numbers
/// are not contact data).
const MIN_PHONE_DIGITS: usize = 4;

/// The `slug` field as a [`Slug`]; reports one that cannot be.
pub(super) fn slug(
    text: Option<&str>,
    spans: &KeySpans,
    file: FileId,
    diags: &mut Diagnostics,
) -> Option<Slug> {
    // An empty one is reported as such by the front-matter checks.
    let text = text.filter(|t| !t.trim().is_empty())?;
    let slug = Slug::parse(text.trim());
    if slug.is_none() {
        diags.push(
            Diagnostic::error(
                Code::InvalidValue,
                format!("`{text}` cannot be used as a slug: it becomes part of the URL"),
            )
            .at(file, spans.value("slug"))
            .help(format!(
                "use `{}`: {}",
                Slug::suggestion(text),
                Slug::rule(text.trim())
            )),
        );
    }
    slug
}

/// The `title_lang` field as a [`Lang`]: `None` when unset, unknown
/// (reported as an error) or the file's own language (reported as a
/// warning: the title is in the page's language anyway, so the field
/// changes nothing and no `lang` attribute is written).
pub(super) fn title_lang(
    text: Option<&str>,
    file_lang: &Lang,
    spans: &KeySpans,
    file: FileId,
    diags: &mut Diagnostics,
) -> Option<Lang> {
    // An empty one is reported as such by the front-matter checks.
    let code = text.map(str::trim).filter(|t| !t.is_empty())?;
    let at = spans.value("title_lang");
    if endonym(code).is_none() {
        diags.push(unknown_language_code(code).at(file, at));
        return None;
    }
    if code == file_lang.as_str() {
        diags.push(
            Diagnostic::warning(
                Code::InvalidValue,
                format!("`title_lang: {code}` is this file's own language"),
            )
            .at(file, at)
            .help("remove the line: `title_lang` names the language of a title that is not the file's"),
        );
        return None;
    }
    Lang::parse(code)
}

/// A language code that is not among [`LANGUAGE_CODES`] (a contact's
/// `languages`, a page's `title_lang`), without its place.
pub(crate) fn unknown_language_code(code: &str) -> Diagnostic {
    let help = match crate::diag::did_you_mean(code, LANGUAGE_CODES.iter().copied()) {
        Some(c) => format!("did you mean `{c}`?"),
        None => "use an ISO 639-1 code such as `de`, `fr`, `en`, `tr`, `ar`".to_owned(),
    };
    Diagnostic::error(
        Code::InvalidValue,
        format!("`{code}` is not a language code konzept knows"),
    )
    .help(help)
}

/// Reports a duration whose end lies before its start.
pub(super) fn duration(
    duration: Option<&Duration>,
    text: &str,
    spans: &KeySpans,
    file: FileId,
    diags: &mut Diagnostics,
) {
    let Some(Duration {
        start: Some(start),
        end: Some(end),
        ..
    }) = duration
    else {
        return;
    };
    // A year or month stands for all its days: 2024-05 to 2024 is fine.
    let bound = |d: &PartialDate, fill: [&str; 2]| {
        let iso = d.iso();
        let parts = iso.split('-').count();
        let mut out = iso;
        for f in &fill[parts - 1..] {
            out.push('-');
            out.push_str(f);
        }
        out
    };
    if bound(end, ["12", "31"]) >= bound(start, ["01", "01"]) {
        return;
    }
    diags.push(
        Diagnostic::error(
            Code::InvalidValue,
            format!("the project ends ({end}) before it starts ({start})"),
        )
        .at(file, sub_value(text, spans, "duration", "end"))
        .label("before the start")
        .help(format!(
            "correct `end` or `start` of `duration`: the end must be on or after {start}"
        )),
    );
}

/// Reports an `email` that is not an e-mail address.
pub(super) fn email(email: Option<&str>, spans: &KeySpans, file: FileId, diags: &mut Diagnostics) {
    email_at(email, "email", spans, file, diags);
}

/// Reports a `phone` that is not a phone number.
pub(super) fn phone(phone: Option<&str>, spans: &KeySpans, file: FileId, diags: &mut Diagnostics) {
    phone_at(phone, "phone", spans, file, diags);
}

/// Reports an e-mail address (the value of `key`) that is not one (the
/// `email_address` crate's reading of RFC 5321/5322, with a domain of at
/// least two parts).
pub(super) fn email_at(
    email: Option<&str>,
    key: &str,
    spans: &KeySpans,
    file: FileId,
    diags: &mut Diagnostics,
) {
    let Some(address) = email.map(str::trim).filter(|s| !s.is_empty()) else {
        return;
    };
    let options = Options {
        minimum_sub_domains: 2,
        allow_domain_literal: false,
        allow_display_text: false,
        allow_long_local_parts: false,
    };
    if let Err(e) = EmailAddress::parse_with_options(address, options) {
        diags.push(
            Diagnostic::error(
                Code::InvalidValue,
                format!("`{address}` is not an e-mail address ({e})"),
            )
            .at(file, spans.value(key))
            .label("readers could not write to this")
            .help("write the address alone, like `integration@saarbruecken.de`"),
        );
    }
}

/// Reports a phone number (the value of `key`) that a `tel:` link cannot
/// dial: only digits, spaces, `+` (first), `/`, `-`, `.` and parentheses,
/// and enough digits.
pub(super) fn phone_at(
    phone: Option<&str>,
    key: &str,
    spans: &KeySpans,
    file: FileId,
    diags: &mut Diagnostics,
) {
    let Some(number) = phone.map(str::trim).filter(|s| !s.is_empty()) else {
        return;
    };
    let allowed = |(i, c): (usize, char)| {
        c.is_ascii_digit() || matches!(c, ' ' | '/' | '-' | '.' | '(' | ')') || (c == '+' && i == 0)
    };
    let digits = number.chars().filter(char::is_ascii_digit).count();
    // `+49 (0)681 …` is dialled as written by a `tel:` link: +490681, a
    // wrong number.
    let trunk_zero = number.starts_with('+') && number.replace(' ', "").contains("(0)");
    if trunk_zero {
        diags.push(
            Diagnostic::error(
                Code::InvalidValue,
                format!("`{number}` has a `(0)` after the country code"),
            )
            .at(file, spans.value(key))
            .label("a `tel:` link would dial the 0 and reach a wrong number")
            .help("leave out the `(0)`: write `+49 681 …`, or `0681 …` without the country code"),
        );
        return;
    }
    if number.char_indices().all(allowed) && digits >= MIN_PHONE_DIGITS {
        return;
    }
    diags.push(
        Diagnostic::error(
            Code::InvalidValue,
            format!("`{number}` is not a phone number"),
        )
        .at(file, spans.value(key))
        .label("a `tel:` link could not dial this")
        .help("write the number with digits, spaces, `+`, `/`, `-` and parentheses only, like `+49 681 905-1234`"),
    );
}

/// Reports a web address (the value of `key`) readers cannot follow: it
/// must be an `https://` or `http://` URL with a host, or the word
/// [`UNKNOWN`] where the address is not known.
pub(super) fn web_address(
    url: Option<&str>,
    key: &str,
    spans: &KeySpans,
    file: FileId,
    diags: &mut Diagnostics,
) {
    let Some(url) = url.map(str::trim).filter(|s| !s.is_empty()) else {
        return;
    };
    if url == UNKNOWN {
        return;
    }
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or(""));
    let fine = host.is_some_and(|h| h.contains('.') && !h.contains(char::is_whitespace))
        && !url.contains(char::is_whitespace);
    if !fine {
        diags.push(
            Diagnostic::error(
                Code::InvalidValue,
                format!("`{url}` is not a web address"),
            )
            .at(file, spans.value(key))
            .label("readers could not follow this")
            .help(format!(
                "write the address with `https://`, or `{UNKNOWN}` if it is not known (the page then says so)"
            )),
        );
    }
}

/// Reports a date (the value of `key`) without its day.
pub(super) fn full_date(
    date: Option<&PartialDate>,
    key: &str,
    spans: &KeySpans,
    file: FileId,
    diags: &mut Diagnostics,
) {
    let Some(date) = date.filter(|d| !d.is_full()) else {
        return;
    };
    diags.push(
        Diagnostic::error(
            Code::InvalidValue,
            format!("`{key}` needs the day, not only `{date}`"),
        )
        .at(file, spans.value(key))
        .label("year and month alone")
        .help("write the full date, `JJJJ-MM-TT`, like `2026-11-30`"),
    );
}

/// Warns when the evaluation (`evaluated_on`) lies more than twelve months
/// before today ([`today`], which `KONZEPT_TODAY` sets).
pub(super) fn evaluation_age(
    evaluated: Option<&PartialDate>,
    spans: &KeySpans,
    file: FileId,
    diags: &mut Diagnostics,
) {
    let Some(date) = evaluated else {
        return;
    };
    let today = today();
    if !date.older_than_a_year(today) {
        return;
    }
    diags.push(
        Diagnostic::warning(
            Code::StaleStatement,
            format!(
                "the accessibility statement rests on an evaluation of {date}, more than 12 months before today ({today})"
            ),
        )
        .at(file, spans.value("evaluated_on"))
        .label("older than a year")
        .help("evaluate the site again, then update `evaluated_on` and `reviewed_on`"),
    );
}

/// The span of the value of `inner` (e.g. `end`) inside the value of the
/// top-level `key`, or the key's value if it cannot be found.
fn sub_value(text: &str, spans: &KeySpans, key: &str, inner: &str) -> Range<usize> {
    let at = spans.item(text, key, inner);
    let rest = &text[at.end.min(text.len())..];
    let Some(after) = rest.strip_prefix(':') else {
        return spans.value(key);
    };
    let blanks = after.len() - after.trim_start_matches([' ', '\t']).len();
    let start = at.end + 1 + blanks;
    let len = text[start..]
        .find([',', '}', '\n', '\r', '#'])
        .unwrap_or(text.len() - start);
    let value = text[start..start + len].trim_end();
    start..start + value.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceMap;

    fn check(f: impl Fn(&KeySpans, FileId, &mut Diagnostics)) -> bool {
        let file = SourceMap::new().add("x.md".into(), "".into());
        let mut diags = Diagnostics::new();
        f(&KeySpans::default(), file, &mut diags);
        diags.has_errors()
    }

    #[test]
    fn phone_numbers() {
        for good in ["+49 681 905-1234", "0681 / 905 1234", "(0681) 9051234"] {
            assert!(!check(|s, f, d| phone(Some(good), s, f, d)), "{good}");
        }
        for bad in [
            "bitte eintragen",
            "110",
            "+49 681 a",
            "0681+1",
            "tel:0681 1234",
        ] {
            assert!(check(|s, f, d| phone(Some(bad), s, f, d)), "{bad}");
        }
    }

    #[test]
    fn web_addresses_and_full_dates() {
        for good in ["https://www.saarland.de/x", "http://example.org", UNKNOWN] {
            assert!(
                !check(|s, f, d| web_address(Some(good), "u", s, f, d)),
                "{good}"
            );
        }
        for bad in [
            "bitte eintragen",
            "www.saarland.de",
            "https://",
            "https://a b.de",
            "Unknown",
        ] {
            assert!(
                check(|s, f, d| web_address(Some(bad), "u", s, f, d)),
                "{bad}"
            );
        }
        let date = |t| PartialDate::parse(t).expect("a date");
        assert!(!check(|s, f, d| full_date(
            Some(&date("2026-12-07")),
            "k",
            s,
            f,
            d
        )));
        assert!(check(|s, f, d| full_date(
            Some(&date("2026-12")),
            "k",
            s,
            f,
            d
        )));
    }

    #[test]
    fn email_addresses() {
        for good in [
            "buero@example.org",
            "zib@saarbruecken.de",
            "info@saarbrücken.de",
        ] {
            assert!(!check(|s, f, d| email(Some(good), s, f, d)), "{good}");
        }
        for bad in [
            "bitte eintragen",
            "buero@localhost",
            "Büro <buero@example.org>",
            "mailto:buero@example.org",
            "a@b@c.de",
        ] {
            assert!(check(|s, f, d| email(Some(bad), s, f, d)), "{bad}");
        }
    }
}
