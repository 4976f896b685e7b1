//! A contact in the forms machines read: schema.org JSON-LD for search
//! engines, a vCard 4.0 file for address books, and regular opening hours
//! as readers of each language write them.
//!
//! The vCard is written here rather than with a crate: RFC 6350 needs only
//! escaping, CRLF lines and folding at 75 octets, and the crates that exist
//! are parsers first.

use serde::Serialize;

use super::context::{ContactCard, LanguageName, Views, tel_href};
use crate::dates::Weekday;
use crate::ids::Lang;
use crate::model::{EntryData, EntryId, Site, endonym};
use crate::parse::KindText;
use crate::parse::kinds::OpeningHours;

impl<'a> Views<'a> {
    /// A contact card.
    pub fn contact_card(&self, entry: EntryId) -> Option<ContactCard<'a>> {
        let page = self.shown(entry);
        let (
            EntryData::Contact {
                shared,
                street,
                postal_code,
                email,
                phone,
                hours,
                languages,
            },
            KindText::Contact(text),
        ) = (&self.site.entry(entry).data, &page.text)
        else {
            return None;
        };
        Some(ContactCard {
            title: &page.title,
            title_lang: page.title_lang.as_ref(),
            url: self.base.href(self.site.link_url(entry, self.lang).0),
            lang: &page.lang,
            text,
            shared,
            street,
            postal_code,
            email,
            email_href: format!("mailto:{email}"),
            phone,
            phone_href: tel_href(phone),
            hours: hours_lines(hours, self.lang.as_str()),
            languages: languages
                .iter()
                .map(|code| LanguageName {
                    code,
                    name: endonym(code).unwrap_or(""),
                })
                .collect(),
            vcard_url: self.base.href(&vcard_path(self.site, entry, self.lang)),
        })
    }
}

/// Where the vCard of a contact is published for readers of `lang`:
/// beside its page (`de/kontakte/zib/zib.vcf`).
pub(crate) fn vcard_path(site: &Site, entry: EntryId, lang: &Lang) -> String {
    let (url, _) = site.link_url(entry, lang);
    format!("{url}{}.vcf", site.entry(entry).stem)
}

/// One line per entry of `hours`, in a language.
///
/// ```text
/// de: Montag bis Freitag, 8:30–12:00 Uhr
/// fr: Du lundi au vendredi, de 8 h 30 à 12 h
/// en: Monday to Friday, 8:30–12:00
/// ```
pub(crate) fn hours_lines(hours: &[OpeningHours], lang: &str) -> Vec<String> {
    let lang = lang.split('-').next().unwrap_or(lang);
    hours
        .iter()
        .map(|h| {
            let days = days_phrase(&h.days, lang);
            let (opens, closes) = (h.opens.display(lang), h.closes.display(lang));
            let line = match lang {
                "de" => format!("{days}, {opens}–{closes}\u{a0}Uhr"),
                "fr" => format!("{days}, de {opens} à {closes}"),
                _ => format!("{days}, {opens}–{closes}"),
            };
            capitalize(&line)
        })
        .collect()
}

/// "Montag bis Freitag", "Montag und Mittwoch", "Montag bis Mittwoch und Freitag".
fn days_phrase(days: &[Weekday], lang: &str) -> String {
    let mut sorted = days.to_vec();
    sorted.sort();
    sorted.dedup();
    let mut runs: Vec<(Weekday, Weekday)> = Vec::new();
    for day in sorted {
        match runs.last_mut() {
            Some((_, last)) if *last as usize + 1 == day as usize => *last = day,
            _ => runs.push((day, day)),
        }
    }
    let mut parts: Vec<String> = Vec::new();
    for (first, last) in runs {
        let span = last as usize - first as usize;
        if span >= 2 {
            parts.push(match lang {
                "de" => format!("{} bis {}", first.name(lang), last.name(lang)),
                "fr" => format!("du {} au {}", first.name(lang), last.name(lang)),
                _ => format!("{} to {}", first.name(lang), last.name(lang)),
            });
        } else {
            parts.push(first.name(lang).to_owned());
            if span == 1 {
                parts.push(last.name(lang).to_owned());
            }
        }
    }
    let and = match lang {
        "de" => " und ",
        "fr" => " et ",
        _ => " and ",
    };
    match parts.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{}{and}{last}", rest.join(", ")),
        None => String::new(),
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The contact as schema.org JSON-LD (a `GovernmentOffice` with its
/// address, contact point and opening hours), escaped so that it can stand
/// inside `<script type="application/ld+json">` whatever the text says.
pub(crate) fn json_ld(
    card: &ContactCard<'_>,
    hours: &[OpeningHours],
    permalink: Option<&str>,
) -> String {
    let specs: Vec<HoursSpec<'_>> = hours
        .iter()
        .map(|h| HoursSpec {
            kind: "OpeningHoursSpecification",
            day_of_week: h.days.iter().map(|d| d.schema_name()).collect(),
            opens: h.opens.to_string(),
            closes: h.closes.to_string(),
        })
        .collect();
    let office = Office {
        context: "https://schema.org",
        kind: "GovernmentOffice",
        name: match card.title_lang {
            Some(lang) => Name::Tagged {
                value: card.title,
                language: lang.as_str(),
            },
            None => Name::Plain(card.title),
        },
        url: permalink,
        parent_organization: Named {
            kind: "GovernmentOrganization",
            name: card.organisation(),
        },
        address: Address {
            kind: "PostalAddress",
            street_address: card.street,
            postal_code: card.postal_code,
            address_locality: card.city(),
        },
        email: card.email,
        telephone: card.phone,
        contact_point: Point {
            kind: "ContactPoint",
            contact_type: card.unit().unwrap_or(card.title),
            name: card.name(),
            email: card.email,
            telephone: card.phone,
            available_language: card.languages.iter().map(|l| l.code).collect(),
            hours_available: &specs,
        },
        opening_hours_specification: &specs,
    };
    let json = serde_json::to_string(&office).expect("JSON-LD views serialise");
    // `</script>` or `<!--` in a title must not end the script element.
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Office<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: Name<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    parent_organization: Named<'a>,
    address: Address<'a>,
    email: &'a str,
    telephone: &'a str,
    contact_point: Point<'a>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    opening_hours_specification: &'a [HoursSpec<'a>],
}

/// The office's name: a plain string, or with its language (JSON-LD's
/// value object) when the title is not in the page's language
/// (`title_lang`); schema.org's `inLanguage` belongs to creative works, not
/// to an office.
#[derive(Serialize)]
#[serde(untagged)]
enum Name<'a> {
    Plain(&'a str),
    Tagged {
        #[serde(rename = "@value")]
        value: &'a str,
        #[serde(rename = "@language")]
        language: &'a str,
    },
}

#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Address<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    street_address: &'a str,
    postal_code: &'a str,
    address_locality: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Point<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    contact_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    email: &'a str,
    telephone: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    available_language: Vec<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    hours_available: &'a [HoursSpec<'a>],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct HoursSpec<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    day_of_week: Vec<&'a str>,
    opens: String,
    closes: String,
}

/// The contact as a vCard 4.0 (RFC 6350) in the card's language; `URL` only
/// when the site's absolute address is known.
pub(crate) fn vcard(card: &ContactCard<'_>, permalink: Option<&str>) -> String {
    let mut lines = vec!["BEGIN:VCARD".to_owned(), "VERSION:4.0".to_owned()];
    match card.name() {
        Some(person) => {
            lines.push("KIND:individual".to_owned());
            lines.push(format!("FN:{}", escape(person)));
        }
        None => {
            lines.push("KIND:org".to_owned());
            lines.push(format!("FN:{}", escape(card.title)));
        }
    }
    let org = match card.unit() {
        Some(unit) => format!("{};{}", escape(card.organisation()), escape(unit)),
        None => escape(card.organisation()),
    };
    lines.push(format!("ORG:{org}"));
    lines.push(format!(
        "ADR;TYPE=work:;;{};{};;{};",
        escape(card.street),
        escape(card.city()),
        escape(card.postal_code)
    ));
    lines.push(format!(
        "TEL;VALUE=uri;TYPE=\"work,voice\":{}",
        card.phone_href
    ));
    lines.push(format!("EMAIL;TYPE=work:{}", escape(card.email)));
    for (i, language) in card.languages.iter().enumerate() {
        lines.push(format!("LANG;PREF={}:{}", i + 1, language.code));
    }
    let mut note: Vec<String> = card.hours.clone();
    note.extend(card.opening_hours().map(str::to_owned));
    if !note.is_empty() {
        lines.push(format!("NOTE:{}", escape(&note.join("\n"))));
    }
    if let Some(url) = permalink {
        lines.push(format!("URL:{url}"));
    }
    lines.push("END:VCARD".to_owned());
    let mut out = String::new();
    for line in lines {
        fold(&line, &mut out);
    }
    out
}

/// RFC 6350 §3.4: backslash, comma, semicolon and newline in text values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// RFC 6350 §3.2: lines of at most 75 octets, continued with CRLF and a
/// space, never splitting a UTF-8 character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::ClockTime;

    fn hours(days: &[Weekday], opens: &str, closes: &str) -> OpeningHours {
        OpeningHours {
            days: days.to_vec(),
            opens: ClockTime::parse(opens).expect("valid"),
            closes: ClockTime::parse(closes).expect("valid"),
        }
    }

    #[test]
    fn opening_hours_read_naturally_in_each_language() {
        use Weekday::*;
        let week = [hours(&[Mo, Tu, We, Th, Fr], "8:30", "12:00")];
        assert_eq!(
            hours_lines(&week, "de"),
            ["Montag bis Freitag, 8:30–12:00\u{a0}Uhr"]
        );
        assert_eq!(
            hours_lines(&week, "fr"),
            ["Du lundi au vendredi, de 8\u{a0}h\u{a0}30 à 12\u{a0}h"]
        );
        assert_eq!(hours_lines(&week, "en"), ["Monday to Friday, 8:30–12:00"]);
        let odd = [hours(&[Fr, Mo, We, Tu], "14:00", "18:00")];
        assert_eq!(
            hours_lines(&odd, "de"),
            ["Montag bis Mittwoch und Freitag, 14:00–18:00\u{a0}Uhr"]
        );
        let two = [hours(&[Sa, Mo], "9:00", "10:00")];
        assert_eq!(hours_lines(&two, "en"), ["Monday and Saturday, 9:00–10:00"]);
    }

    #[test]
    fn vcard_lines_are_escaped_and_folded() {
        let mut out = String::new();
        fold(&format!("NOTE:{}", "ä".repeat(60)), &mut out);
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("NOTE:{}\r\n", "ä".repeat(60))
        );
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
