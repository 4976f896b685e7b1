//! Markdown to HTML with pulldown-cmark: CommonMark plus tables, footnotes,
//! strikethrough and `{#id}` heading attributes.
//!
//! Done once per file, in the file's language: typography on text (never in
//! code), stable heading ids, and every internal link collected with its
//! byte range. Internal link targets depend on the *reader's* language (a
//! fallback page is read in several), so their `href`s are left as
//! placeholders (see [`placeholder`]) that `render` fills per language.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use unicode_normalization::UnicodeNormalization;

use crate::config::RawHtml;
use crate::diag::{Code, Diagnostic, Diagnostics, FileId};
use crate::typography::{Style, Typographer};

/// The prefix of the placeholders left in `href`/`src` for internal links:
/// `konzept-<nonce>-link:` with a nonce drawn once per process, so no text an
/// editor writes can be mistaken for one.
pub fn placeholder() -> &'static str {
    static PLACEHOLDER: LazyLock<String> = LazyLock::new(|| {
        use std::hash::{BuildHasher, RandomState};
        let nonce = RandomState::new().hash_one(std::process::id());
        format!("konzept-{nonce:016x}-link:")
    });
    &PLACEHOLDER
}

/// A Markdown body turned into HTML.
#[derive(Debug, Clone, Default)]
pub struct Markdown {
    /// The HTML, with internal links as [`placeholder`]`N`.
    pub html: String,
    /// Headings in order, with their ids.
    pub headings: Vec<Heading>,
    /// Internal links; placeholder `N` is `links[N]`.
    pub links: Vec<Link>,
}

/// A heading and its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1–6.
    pub level: u8,
    /// The `id` attribute (unique in the page).
    pub id: String,
    /// Its text, typography applied.
    pub title: String,
}

/// A link to something inside the site, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The destination as written (`../projekte/ibis.md#ziel`).
    pub dest: String,
    /// Byte range of the link in the file.
    pub span: Range<usize>,
}

/// Renders `body` (which starts at byte `offset` of `file`) in a language.
pub fn render(
    body: &str,
    offset: usize,
    file: FileId,
    lang: &str,
    raw_html: RawHtml,
) -> (Markdown, Diagnostics) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut pass = Pass {
        typographer: Typographer::new(Style::for_lang(lang)),
        in_code_block: false,
        in_html_block: false,
        dropped: Vec::new(),
        raw_html,
        file,
        offset,
        links: Vec::new(),
        diags: Diagnostics::new(),
    };
    let mut events: Vec<Event<'_>> = Vec::new();
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        pass.event(event, range, &mut events);
    }
    let headings = assign_heading_ids(&mut events);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let markdown = Markdown {
        html,
        headings,
        links: pass.links,
    };
    (markdown, pass.diags)
}

struct Pass {
    typographer: Typographer,
    in_code_block: bool,
    in_html_block: bool,
    /// One entry per open link or image: whether it was dropped as unsafe.
    dropped: Vec<bool>,
    raw_html: RawHtml,
    file: FileId,
    offset: usize,
    links: Vec<Link>,
    diags: Diagnostics,
}

impl Pass {
    fn event<'a>(&mut self, event: Event<'a>, range: Range<usize>, out: &mut Vec<Event<'a>>) {
        match event {
            Event::Start(tag) => self.start(tag, range, out),
            Event::End(tag) => self.end(tag, out),
            Event::Text(text) if !self.in_code_block => {
                let changed = match self.typographer.apply(&text) {
                    Cow::Owned(smart) => Some(smart),
                    Cow::Borrowed(_) => None,
                };
                out.push(Event::Text(changed.map_or(text, CowStr::from)));
            }
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                self.typographer.opaque();
                out.push(event);
            }
            Event::Html(html) | Event::InlineHtml(html) => self.html(html, range, out),
            other => out.push(other),
        }
    }

    fn start<'a>(&mut self, tag: Tag<'a>, range: Range<usize>, out: &mut Vec<Event<'a>>) {
        if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = &tag {
            let unsafe_url = self.raw_html == RawHtml::Escape && is_script_url(dest_url);
            if unsafe_url {
                self.unsafe_link(dest_url, range.clone());
            }
            self.dropped.push(unsafe_url);
            if unsafe_url {
                return;
            }
        }
        match tag {
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let dest_url = self.link_dest(link_type, dest_url, range);
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => {
                if names_a_page(&dest_url) {
                    self.diags.push(
                        Diagnostic::error(
                            Code::BrokenLink,
                            format!("the image `{dest_url}` is a page, not a picture"),
                        )
                        .at(self.file, self.offset + range.start..self.offset + range.end)
                        .label("not an image file")
                        .help("an image names a picture file in content/ (`![Plakat](plakat.png)`); to link to the page write `[text](…)` without `!`"),
                    );
                }
                let dest_url = self.link_dest(link_type, dest_url, range);
                self.typographer.opaque();
                out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Tag::CodeBlock(kind) => {
                self.in_code_block = true;
                out.push(Event::Start(Tag::CodeBlock(kind)));
            }
            Tag::HtmlBlock if self.raw_html == RawHtml::Escape => {
                self.in_html_block = true;
                out.push(Event::Start(Tag::Paragraph));
            }
            tag @ (Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::Item
            | Tag::TableCell
            | Tag::BlockQuote(_)
            | Tag::FootnoteDefinition(_)) => {
                self.typographer.reset();
                out.push(Event::Start(tag));
            }
            tag => out.push(Event::Start(tag)),
        }
    }

    fn end<'a>(&mut self, tag: TagEnd, out: &mut Vec<Event<'a>>) {
        if matches!(tag, TagEnd::Link | TagEnd::Image) && self.dropped.pop() == Some(true) {
            return;
        }
        match tag {
            TagEnd::CodeBlock => self.in_code_block = false,
            TagEnd::HtmlBlock if self.in_html_block => {
                self.in_html_block = false;
                out.push(Event::End(TagEnd::Paragraph));
                return;
            }
            _ => {}
        }
        out.push(Event::End(tag));
    }

    fn html<'a>(&mut self, html: CowStr<'a>, range: Range<usize>, out: &mut Vec<Event<'a>>) {
        if self.raw_html == RawHtml::Allow {
            out.push(Event::Html(html));
            return;
        }
        let shown = html
            .trim_end_matches(['\n', '\r'])
            .chars()
            .take(60)
            .collect::<String>();
        self.diags.push(
            Diagnostic::warning(
                Code::RawHtml,
                format!("raw HTML `{shown}` is shown as text"),
            )
            .at(
                self.file,
                self.offset + range.start
                    ..self.offset + range.end.min(range.start + html.trim_end().len()),
            )
            .label("escaped, not passed to the page")
            .help(
                "write it in Markdown instead, or set `markdown: { raw_html: allow }` in site.yaml",
            ),
        );
        self.typographer.opaque();
        out.push(Event::Text(html));
    }

    /// A link or image whose URL would run code or embed a document: its
    /// text stays, the link goes.
    fn unsafe_link(&mut self, dest: &str, range: Range<usize>) {
        let shown = dest.chars().take(40).collect::<String>();
        let ellipsis = if shown.len() < dest.len() { "…" } else { "" };
        let (what, help) = if dest
            .trim_start()
            .get(..5)
            .is_some_and(|s| s.eq_ignore_ascii_case("data:"))
        {
            (
                "embeds a document instead of linking to a file of the site",
                "save it as a file in content/ and link to that file, e.g. `![Bild](bild.png)`",
            )
        } else {
            (
                "would run code in the reader's browser",
                "link to a page (`../projekte/ibis.md`) or an `https://` address",
            )
        };
        self.diags.push(
            Diagnostic::warning(
                Code::UnsafeLink,
                format!("the link `{shown}{ellipsis}` {what}; only its text is shown"),
            )
            .at(self.file, self.offset + range.start..self.offset + range.end)
            .label("only the text is kept")
            .help(format!("{help}; a site that needs such links sets `markdown: {{ raw_html: allow }}` in site.yaml")),
        );
    }

    /// The `href`/`src` to write for a destination as pulldown-cmark read
    /// it (CommonMark escapes and entities replaced): e-mail addresses
    /// checked, other schemes kept, internal links left as placeholders.
    fn link_dest<'a>(
        &mut self,
        link_type: LinkType,
        dest: CowStr<'a>,
        range: Range<usize>,
    ) -> CowStr<'a> {
        // `<zib@saarbruecken.de>`: the HTML writer adds the `mailto:`.
        let address = if link_type == LinkType::Email {
            Some(dest.as_ref())
        } else {
            dest.get(..7)
                .filter(|s| s.eq_ignore_ascii_case("mailto:"))
                .map(|_| &dest[7..])
        };
        if let Some(address) = address {
            if let Some(bad) = bad_address(address) {
                self.diags.push(
                    Diagnostic::error(
                        Code::BrokenLink,
                        if bad.is_empty() {
                            "the `mailto:` link names no e-mail address".to_owned()
                        } else {
                            format!("`{bad}` is not an e-mail address readers can write to")
                        },
                    )
                    .at(self.file, self.offset + range.start..self.offset + range.end)
                    .label("not an address")
                    .help("write the whole address, e.g. `<zib@saarbruecken.de>` or `[Büro](mailto:zib@saarbruecken.de)`"),
                );
            }
            return dest;
        }
        if is_external(&dest) {
            if on_this_computer(&dest) {
                self.diags.push(
                    Diagnostic::error(
                        Code::BrokenLink,
                        "the link points to a file on this computer, which readers cannot open",
                    )
                    .at(self.file, self.offset + range.start..self.offset + range.end)
                    .label("a local path")
                    .help("copy the file into content/ and link to it relative to this page, e.g. `[Flyer](flyer.pdf)`"),
                );
            }
            return dest;
        }
        let index = self.links.len();
        self.links.push(Link {
            dest: dest.to_string(),
            span: self.offset + range.start..self.offset + range.end,
        });
        CowStr::from(format!("{}{index}", placeholder()))
    }
}

/// Whether following a URL would run code or show a document the site did
/// not publish: `javascript:`, `vbscript:` and `data:` URLs. Spelled the way
/// browsers read them: any case, with leading control characters and
/// embedded tabs or line breaks ignored.
///
/// ```
/// use konzept::parse::markdown::is_script_url;
/// assert!(is_script_url("JavaScript:alert(1)"));
/// assert!(is_script_url(" \u{1}java\tscript:alert(1)"));
/// assert!(!is_script_url("https://example.org/javascript:"));
/// assert!(!is_script_url("../javascript.md"));
/// ```
pub fn is_script_url(dest: &str) -> bool {
    // Most links are relative and have no scheme at all.
    if memchr::memchr(b':', dest.as_bytes()).is_none() {
        return false;
    }
    let scheme: String = dest
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take_while(|c| *c != ':')
        .take(11)
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(scheme.as_str(), "javascript" | "vbscript" | "data")
}

/// Whether an internal destination names a page (`x.md`, a directory,
/// an anchor) rather than a file: wrong for an image.
fn names_a_page(dest: &str) -> bool {
    if is_external(dest) {
        return false;
    }
    let path = dest.split(['#', '?']).next().unwrap_or(dest);
    path.is_empty() || path.ends_with('/') || path.to_ascii_lowercase().ends_with(".md")
}

/// The first address of a `mailto:` destination (without the scheme) that
/// is not a valid e-mail address, if any. `?subject=…` is allowed.
fn bad_address(to: &str) -> Option<String> {
    let to = to.split_once('?').map_or(to, |(to, _)| to);
    let to = crate::urlpath::decode_lenient(to).unwrap_or_else(|| to.to_owned());
    to.split(',')
        .map(str::trim)
        .find(|a| !email_address::EmailAddress::is_valid(a))
        .map(str::to_owned)
}

/// Whether a destination names a file on the writer's computer: a
/// `file:` URL or a Windows drive (`C:\\Users\\…`, read as a scheme).
fn on_this_computer(dest: &str) -> bool {
    dest.split_once(':').is_some_and(|(scheme, _)| {
        scheme.eq_ignore_ascii_case("file")
            || (scheme.len() == 1 && scheme.starts_with(|c: char| c.is_ascii_alphabetic()))
    })
}

/// Whether a link leaves the site: a scheme (`https:`, `mailto:`, `tel:`) or a
/// protocol-relative `//host`.
pub fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    let Some(colon) = dest.find(':') else {
        return false;
    };
    let scheme = &dest[..colon];
    !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn assign_heading_ids(events: &mut [Event<'_>]) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut used = HashSet::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i] {
            let level = heading_level(*level);
            let title = heading_text(&events[i + 1..]);
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                let base = id.as_deref().map_or_else(|| slugify(&title), str::to_owned);
                let unique = unique_id(&base, &mut used);
                *id = Some(CowStr::from(unique.clone()));
                headings.push(Heading {
                    level,
                    id: unique,
                    title,
                });
            }
        }
        i += 1;
    }
    headings
}

fn heading_text(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    for event in events {
        match event {
            Event::End(TagEnd::Heading(_)) => break,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            _ => {}
        }
    }
    text.trim().to_owned()
}

fn unique_id(base: &str, used: &mut HashSet<String>) -> String {
    let mut candidate = base.to_owned();
    let mut n = 1;
    while !used.insert(candidate.clone()) {
        n += 1;
        candidate = format!("{base}-{n}");
    }
    candidate
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// A readable, stable id for a heading: German umlauts transliterated
/// (ä→ae, ß→ss), other accents dropped, everything else not a letter or digit
/// turned into `-`.
///
/// ```
/// use konzept::parse::slugify;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::SourceMap;

    fn md(text: &str, lang: &str) -> (Markdown, Diagnostics) {
        let file = SourceMap::new().add("x.md".into(), text.into());
        render(text, 0, file, lang, RawHtml::Escape)
    }

    #[test]
    fn headings_get_unique_readable_ids() {
        let (m, _) = md("## Ziele\n\n## Ziele\n\n## Mit {#eigen}\n", "de");
        let ids: Vec<_> = m.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["ziele", "ziele-2", "eigen"]);
        assert!(m.html.contains(r#"<h2 id="ziele-2">"#));
    }

    #[test]
    fn typography_never_touches_code() {
        let (m, _) = md("\"a\" `\"b\"`\n\n```\n\"c\"\n```\n", "de");
        assert!(m.html.contains("„a“ <code>\"b\"</code>"), "{}", m.html);
        assert!(m.html.contains("<code>\"c\"\n</code>"));
    }

    #[test]
    fn internal_links_become_placeholders() {
        let (m, _) = md("[a](x.md#y) [b](https://example.org) [c](#z)", "de");
        assert_eq!(m.links.len(), 2);
        assert_eq!(m.links[0].dest, "x.md#y");
        assert!(m.html.contains(&format!(r#"href="{}0""#, placeholder())));
        assert!(m.html.contains(r#"href="https://example.org""#));
    }

    #[test]
    fn raw_html_is_escaped_and_reported() {
        let (m, d) = md("Hallo <script>alert(1)</script>\n\n<div>x</div>\n", "de");
        assert!(!m.html.contains("<script>"));
        assert!(m.html.contains("&lt;script&gt;"));
        assert_eq!(d.iter().filter(|d| d.code == Code::RawHtml).count(), 3);
    }

    #[test]
    fn script_links_lose_their_link_and_keep_their_text() {
        let (m, d) = md(
            "[klick](javascript:alert(1)) <JavaScript:x> ![bild](data:image/svg+xml,x) [ok](https://example.org)",
            "de",
        );
        assert!(
            !m.html.to_ascii_lowercase().contains("href=\"javascript:"),
            "{}",
            m.html
        );
        assert!(m.html.contains("klick JavaScript:x bild"), "{}", m.html);
        assert!(!m.html.contains("<img"), "{}", m.html);
        assert!(m.html.contains("klick"));
        assert!(m.html.contains(r#"<a href="https://example.org">ok</a>"#));
        assert_eq!(d.iter().filter(|d| d.code == Code::UnsafeLink).count(), 3);
    }

    #[test]
    fn script_links_pass_when_raw_html_is_allowed() {
        let file = SourceMap::new().add("x.md".into(), "".into());
        let (m, d) = render("[k](javascript:x)", 0, file, "de", RawHtml::Allow);
        assert!(m.html.contains(r#"href="javascript:x""#));
        assert!(d.is_empty());
    }
}
