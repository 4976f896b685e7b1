//! Destinations that leave the site, and references that lead nowhere
//! (issue 15, "every link resolves or fails"): a web address a browser
//! cannot open (`http://`, `https://exa mple.org`), a `tel:` link no phone
//! can dial, and `[Text][label]` or `[Text][]` whose label has no
//! definition, which CommonMark leaves as plain text without a word.

use pulldown_cmark::{BrokenLink, LinkType};

/// Why a link to another site or a phone cannot work, if it cannot: the
/// message and the help. Other schemes (`ftp:`, `sms:`, …) are not judged.
pub(super) fn problem(dest: &str) -> Option<(String, &'static str)> {
    let scheme = dest
        .split_once(':')
        .map(|(s, _)| s.to_ascii_lowercase())
        .unwrap_or_default();
    if dest.starts_with("//") || scheme == "http" || scheme == "https" {
        return web_problem(dest);
    }
    if scheme == "tel" {
        return phone_problem(&dest[4..]);
    }
    if scheme == "mailto" {
        return mail_problem(&dest[7..]);
    }
    None
}

/// `mailto:` addresses (`?subject=…` allowed), for raw `<a>`: Markdown
/// links say more about them in `markdown.rs`.
fn mail_problem(to: &str) -> Option<(String, &'static str)> {
    let to = to.split_once('?').map_or(to, |(to, _)| to);
    let to = crate::urlpath::decode_lenient(to).unwrap_or_else(|| to.to_owned());
    let valid = to
        .split(',')
        .all(|a| email_address::EmailAddress::is_valid(a.trim()));
    (!valid).then(|| {
        (
            format!("`{to}` is not an e-mail address readers can write to"),
            "write the whole address, e.g. `mailto:zib@saarbruecken.de`",
        )
    })
}

fn web_problem(dest: &str) -> Option<(String, &'static str)> {
    // A protocol-relative `//host/path` is read as the page's own scheme.
    let full = if dest.starts_with("//") {
        format!("https:{dest}")
    } else {
        dest.to_owned()
    };
    let why = match url::Url::parse(&full) {
        Ok(url) if url.host_str().is_some_and(|h| !h.is_empty()) => return None,
        Ok(_) => "it names no host".to_owned(),
        Err(e) => e.to_string(),
    };
    Some((
        format!("the link `{dest}` is not a web address a browser can open ({why})"),
        "write the whole address as the browser shows it, e.g. `https://www.saarbruecken.de/`; a space in its path is written `%20`",
    ))
}

/// Digits a number needs at least to be dialled (as for a contact's phone).
const MIN_DIGITS: usize = 4;

fn phone_problem(number: &str) -> Option<(String, &'static str)> {
    let number = crate::urlpath::decode_lenient(number).unwrap_or_else(|| number.to_owned());
    let allowed = |(i, c): (usize, char)| {
        c.is_ascii_digit() || matches!(c, ' ' | '/' | '-' | '.' | '(' | ')') || (c == '+' && i == 0)
    };
    let digits = number.chars().filter(char::is_ascii_digit).count();
    if number.trim().char_indices().all(allowed) && digits >= MIN_DIGITS {
        return None;
    }
    let what = if number.trim().is_empty() {
        "the `tel:` link names no phone number".to_owned()
    } else {
        format!("the `tel:` link `{number}` is not a phone number a phone can dial")
    };
    Some((
        what,
        "write the number with digits, `+`, `-` and `/` only, like `[Büro](tel:+49-681-905-1234)`",
    ))
}

/// A full (`[Text][label]`) or collapsed (`[Text][]`) reference, link or
/// image, whose label has no definition: its byte range in the body and
/// the label. A shortcut (`[sic]`, `[…]`) is ordinary text in German and
/// French and stays text.
pub(super) fn undefined_reference(
    link: &BrokenLink<'_>,
) -> Option<(std::ops::Range<usize>, String)> {
    match link.link_type {
        LinkType::Reference | LinkType::Collapsed => {
            Some((link.span.clone(), link.reference.to_string()))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_and_numbers() {
        for good in [
            "https://www.saarbruecken.de/",
            "HTTPS://example.org",
            "//example.org/a",
            "http://[::1]/",
            "tel:+49-681-905-1234",
            "tel:0681%20905",
            "ftp://x",
            "sms:1",
            "mailto:a@example.org?subject=Hallo",
        ] {
            assert_eq!(problem(good), None, "{good}");
        }
        for bad in [
            "http://",
            "https://exa%20mple.org",
            "https://[::1/",
            "//",
            "tel:",
            "tel:abc",
            "tel:12",
            "mailto:bitte%20eintragen",
        ] {
            assert!(problem(bad).is_some(), "{bad}");
        }
    }
}
