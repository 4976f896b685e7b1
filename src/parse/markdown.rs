//! Markdown to HTML with pulldown-cmark: CommonMark plus tables, footnotes,
//! strikethrough and `{#id}` heading attributes.
//!
//! Done once per file, in the file's language: typography on text (never in
//! code), stable heading ids, and every internal link collected with its
//! byte range. Internal link targets depend on the *reader's* language (a
//! fallback page is read in several), so their `href`s are left as
//! placeholders (see [`placeholder`]) that `render` fills per language.
//!
//! Raw HTML follows the site's [`RawHtml`] policy (by default an allowlist,
//! see `sanitize`); heading attributes are limited to `{#id .class}`; an
//! image from another host is an error (the site makes no third-party
//! requests).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::LazyLock;

use crate::ids::slugify;
use pulldown_cmark::{
    BrokenLink, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd,
};

use super::external;
use super::sanitize::{self, Removal};
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
    /// Whether raw HTML (cleaned by policy) is part of `html`: then its
    /// markup is not only pulldown-cmark's, and later rewrites must parse it.
    pub has_raw_html: bool,
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
        block: None,
        has_raw_html: false,
        dropped: Vec::new(),
        raw_html,
        file,
        offset,
        links: Vec::new(),
        diags: Diagnostics::new(),
        depth: 0,
        headings: Vec::new(),
    };
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut undefined = Vec::new();
    let callback = |link: BrokenLink<'_>| {
        undefined.extend(external::undefined_reference(&link));
        None
    };
    for (event, range) in
        Parser::new_with_broken_link_callback(body, options, Some(callback)).into_offset_iter()
    {
        pass.event(event, range, &mut events);
    }
    for (range, label) in undefined {
        pass.undefined_reference(range, &label);
    }
    let headings = assign_heading_ids(&mut events);
    pass.taken_ids(&headings);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let markdown = Markdown {
        html,
        headings,
        links: pass.links,
        has_raw_html: pass.has_raw_html,
    };
    (markdown, pass.diags)
}

struct Pass {
    typographer: Typographer,
    in_code_block: bool,
    in_html_block: bool,
    /// The lines of the HTML block being read (policies other than escape).
    block: Option<HtmlBlock>,
    has_raw_html: bool,
    /// One entry per open link or image: whether it was dropped as unsafe.
    dropped: Vec<bool>,
    raw_html: RawHtml,
    file: FileId,
    offset: usize,
    links: Vec<Link>,
    diags: Diagnostics,
    /// Open blocks and inlines, against [`MAX_DEPTH`].
    depth: usize,
    /// Each heading's place and the `{#id}` written on it, in order.
    headings: Vec<(Range<usize>, Option<String>)>,
}

/// How deep blocks and inlines may nest (`>`, lists, emphasis). Real text
/// nests a handful of levels; 200,000 nested `>` or `-` made the search
/// indexer's work grow with the square of the depth (minutes per page).
const MAX_DEPTH: usize = 100;

impl Pass {
    fn event<'a>(&mut self, event: Event<'a>, range: Range<usize>, out: &mut Vec<Event<'a>>) {
        match event {
            Event::Start(tag) => {
                self.depth += 1;
                if self.depth == MAX_DEPTH + 1 {
                    self.too_deep(&range);
                }
                self.start(tag, range, out);
            }
            Event::End(tag) => {
                self.depth = self.depth.saturating_sub(1);
                self.end(tag, out);
            }
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
        if self.is_third_party_image(&tag, &range) {
            self.dropped.push(true);
            return;
        }
        if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = &tag {
            let unsafe_url = is_script_url(dest_url);
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
            Tag::HtmlBlock => self.block = Some(HtmlBlock::default()),
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => {
                self.typographer.reset();
                let (id, classes) = self.heading_attributes(id, classes, &attrs, &range);
                let span = self.offset + range.start..self.offset + range.end;
                self.headings.push((span, id.as_deref().map(str::to_owned)));
                out.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs: Vec::new(),
                }));
            }
            tag @ (Tag::Paragraph
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
            TagEnd::HtmlBlock => {
                if let Some(block) = self.block.take() {
                    self.end_block(&block, out);
                }
                return;
            }
            _ => {}
        }
        out.push(Event::End(tag));
    }

    fn html<'a>(&mut self, html: CowStr<'a>, range: Range<usize>, out: &mut Vec<Event<'a>>) {
        if self.raw_html != RawHtml::Escape {
            self.sanitize(&html, range, out);
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
                "write it in Markdown instead, or remove `raw_html: escape` from site.yaml to keep the allowed inline tags (`<abbr>`, `<sup>`, `<br>` …)",
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
            .at(
                self.file,
                self.offset + range.start..self.offset + range.end,
            )
            .label("only the text is kept")
            .help(help),
        );
    }

    /// `[Text][label]` whose label has no definition: an error, since
    /// the reader would see brackets where the writer meant a link.
    fn undefined_reference(&mut self, range: Range<usize>, label: &str) {
        self.diags.push(
            Diagnostic::error(
                Code::BrokenLink,
                format!("the reference `[{label}]` has no definition"),
            )
            .at(self.file, self.offset + range.start..self.offset + range.end)
            .label("shown as text, not as a link")
            .help(format!(
                "add a line `[{label}]: datei.pdf` (or a page, `seite.md`) below the paragraph, or write the destination in parentheses: `[Text](datei.pdf)`"
            )),
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
            if let Some((message, help)) = external::problem(&dest) {
                self.diags.push(
                    Diagnostic::error(Code::BrokenLink, message)
                        .at(
                            self.file,
                            self.offset + range.start..self.offset + range.end,
                        )
                        .label("leads nowhere")
                        .help(help),
                );
            } else if on_this_computer(&dest) {
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

/// The lines of an HTML block, joined, and where each starts in the file
/// (a block inside a quote or list is not one range of it).
#[derive(Default)]
struct HtmlBlock {
    html: String,
    /// (offset in `html`, offset in the file), in order.
    lines: Vec<(usize, usize)>,
}

impl HtmlBlock {
    /// The file range of `span` (a range of `html`), cut at its line's end.
    fn file_range(&self, span: &Range<usize>) -> Range<usize> {
        let i = self.lines.partition_point(|(at, _)| *at <= span.start);
        let (at, file) = self.lines[i.saturating_sub(1)];
        let line_end = self.lines.get(i).map_or(self.html.len(), |l| l.0);
        file + span.start - at..file + span.end.min(line_end) - at
    }
}

/// Raw HTML under the `sanitize` and `allow` policies, heading attributes
/// and third-party images: what docs/design.md § Trust keeps off the pages.
impl Pass {
    fn sanitize<'a>(&mut self, html: &str, range: Range<usize>, out: &mut Vec<Event<'a>>) {
        self.has_raw_html = true;
        if let Some(block) = &mut self.block {
            block
                .lines
                .push((block.html.len(), self.offset + range.start));
            block.html.push_str(html);
            return;
        }
        let (clean, removals) = sanitize::inline(html, self.raw_html);
        for removal in removals {
            let span = self.offset + range.start + removal.span.start
                ..self.offset + range.start + removal.span.end;
            self.report(&removal, span);
        }
        self.typographer.opaque();
        if !clean.is_empty() {
            out.push(Event::InlineHtml(CowStr::from(clean)));
        }
    }

    fn end_block(&mut self, block: &HtmlBlock, out: &mut Vec<Event<'_>>) {
        let (clean, removals) = sanitize::block(&block.html, self.raw_html);
        for removal in removals {
            self.report(&removal, block.file_range(&removal.span));
        }
        if !clean.is_empty() {
            out.push(Event::Html(CowStr::from(clean)));
        }
    }

    fn report(&mut self, removal: &Removal, span: Range<usize>) {
        let (message, label, help) = removal.what.describe();
        let diagnostic = if removal.what.is_error() {
            Diagnostic::error(Code::ThirdParty, message)
        } else {
            Diagnostic::warning(Code::RawHtml, message)
        };
        self.diags
            .push(diagnostic.at(self.file, span).label(label).help(help));
    }

    fn too_deep(&mut self, range: &Range<usize>) {
        self.diags.push(
            Diagnostic::error(
                Code::Limit,
                format!("the text nests more than {MAX_DEPTH} levels deep here"),
            )
            .at(self.file, self.offset + range.start..self.offset + range.start)
            .label(format!("level {}", MAX_DEPTH + 1))
            .help("quotes (`>`), lists and emphasis may nest at most 100 levels; flatten the structure"),
        );
    }

    /// Whether `tag` is an image from another host: an error (and the image
    /// is left out), since the site makes no third-party requests and its
    /// own CSP would block it anyway.
    fn is_third_party_image(&mut self, tag: &Tag<'_>, range: &Range<usize>) -> bool {
        let Tag::Image { dest_url, .. } = tag else {
            return false;
        };
        if !sanitize::is_remote(dest_url) {
            return false;
        }
        let shown: String = dest_url.chars().take(60).collect();
        self.diags.push(
            Diagnostic::error(
                Code::ThirdParty,
                format!("the image `{shown}` would be loaded from another site"),
            )
            .at(
                self.file,
                self.offset + range.start..self.offset + range.end,
            )
            .label("third-party image")
            .help(sanitize::third_party_help()),
        );
        true
    }

    /// A heading's `{#id .class key=value}`: only a sane `id` and classes of
    /// `[A-Za-z0-9_-]` pass; anything else would become an attribute of
    /// the page (`onmouseover`) and is dropped with a warning.
    fn heading_attributes<'a>(
        &mut self,
        id: Option<CowStr<'a>>,
        classes: Vec<CowStr<'a>>,
        attrs: &[(CowStr<'a>, Option<CowStr<'a>>)],
        range: &Range<usize>,
    ) -> (Option<CowStr<'a>>, Vec<CowStr<'a>>) {
        let span = self.offset + range.start..self.offset + range.end;
        let mut warn = |message: String, help: &str| {
            self.diags.push(
                Diagnostic::warning(Code::RawHtml, message)
                    .at(self.file, span.clone())
                    .label("left out")
                    .help(help.to_owned()),
            );
        };
        let help = "a heading takes only `{#id}` and `{.class}` (letters, digits, `-`, `_`)";
        for (key, _) in attrs {
            warn(format!("the heading attribute `{key}` was removed"), help);
        }
        let id = id.map(|id| {
            if is_sane_id(&id) {
                id
            } else {
                let fixed = slugify(&id);
                warn(
                    format!("the heading id `{id}` was changed to `{fixed}`"),
                    help,
                );
                CowStr::from(fixed)
            }
        });
        let (classes, bad): (Vec<_>, Vec<_>) = classes.into_iter().partition(|c| {
            c.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
        for class in bad {
            warn(format!("the heading class `{class}` was removed"), help);
        }
        (id, classes)
    }
}

impl Pass {
    /// A `{#id}` another heading (or the theme) already has is given a
    /// suffix: say so, since links to `#id` reach the other one.
    fn taken_ids(&mut self, headings: &[Heading]) {
        for ((span, wanted), heading) in self.headings.iter().zip(headings) {
            let Some(wanted) = wanted.as_deref().filter(|w| *w != heading.id) else {
                continue;
            };
            self.diags.push(
                Diagnostic::warning(
                    Code::BrokenAnchor,
                    format!(
                        "the heading id `{wanted}` is taken on this page; this heading gets `{}`",
                        heading.id
                    ),
                )
                .at(self.file, span.clone())
                .label(format!("`#{wanted}` leads to another heading"))
                .help(format!(
                    "give this heading an id of its own (e.g. `{{#{wanted}-teil}}`), so that links to `#{wanted}` reach the heading you mean"
                )),
            );
        }
    }
}

/// An `id` a reader can link to and no attribute can be broken out of.
fn is_sane_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
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

/// The ids the default theme gives its own elements on a page (the skip
/// link's target, the table of contents, the footer's contact). A heading
/// with one of them (`## Main`, `{#toc-heading}`) would make the id appear
/// twice: its links would jump to the theme's element, and the theme's
/// labels would name the heading. Such a heading gets `main-2`.
const THEME_IDS: &[&str] = &[
    "main",
    "toc-heading",
    "footer-contact-heading",
    "entries-heading",
    "fields-heading",
    "guidelines-heading",
    "projects-heading",
    "search-input",
    "search-results",
    "search-status",
];

fn assign_heading_ids(events: &mut [Event<'_>]) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut used = UsedIds::default();
    used.used
        .extend(THEME_IDS.iter().map(|id| (*id).to_owned()));
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i] {
            let level = heading_level(*level);
            let title = heading_text(&events[i + 1..]);
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                let base = id.as_deref().map_or_else(|| slugify(&title), str::to_owned);
                let unique = used.claim(&base);
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

/// The ids a page has given out, for unique ones: `base`, `base-2`,
/// `base-3` … each the first not taken yet (by a heading or an explicit
/// `{#id}`). The next suffix to try is kept per base, so 40,000 identical
/// headings cost 40,000 steps, not 40,000²/2: a suffix once passed stays
/// taken, since ids are never given back.
#[derive(Default)]
struct UsedIds {
    used: HashSet<String>,
    next: HashMap<String, usize>,
    /// Candidates tried so far: what the tests hold linear.
    tries: usize,
}

impl UsedIds {
    fn claim(&mut self, base: &str) -> String {
        let mut n = self.next.get(base).copied().unwrap_or(1);
        loop {
            let candidate = if n == 1 {
                base.to_owned()
            } else {
                format!("{base}-{n}")
            };
            n += 1;
            self.tries += 1;
            if self.used.insert(candidate.clone()) {
                self.next.insert(base.to_owned(), n);
                return candidate;
            }
        }
    }
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
    fn script_links_never_pass_whatever_the_policy() {
        for policy in [RawHtml::Sanitize, RawHtml::Escape, RawHtml::Allow] {
            let (m, d) = md_with("[k](javascript:x) ![b](data:x) ![c](JavaScript:y)", policy);
            assert!(!m.html.contains("javascript:"), "{policy:?}: {}", m.html);
            assert!(!m.html.contains("<img"), "{policy:?}: {}", m.html);
            assert_eq!(d.iter().filter(|d| d.code == Code::UnsafeLink).count(), 3);
        }
    }

    fn md_with(text: &str, policy: RawHtml) -> (Markdown, Diagnostics) {
        let file = SourceMap::new().add("x.md".into(), text.into());
        render(text, 0, file, "de", policy)
    }

    #[test]
    fn allowed_inline_html_passes_and_the_rest_is_removed_with_a_warning() {
        let (m, d) = md_with(
            "Die <abbr title=\"Integrationsrat\">IR</abbr> tagt<sup>1</sup>,<br>\
             <b onclick=x>laut</b> <script>alert(1)</script>\n\n\
             <script>\nalert(2)\n</script>\n\n<div style=x>Block <kbd>Strg</kbd></div>\n",
            RawHtml::Sanitize,
        );
        assert!(
            m.html
                .contains(r#"Die <abbr title="Integrationsrat">IR</abbr> tagt<sup>1</sup>,<br>"#),
            "{}",
            m.html
        );
        assert!(
            m.html.contains("<p>Block <kbd>Strg</kbd></p>"),
            "{}",
            m.html
        );
        for gone in [
            "<b>", "<b ", "<script", "alert(2)", "<div", "style", "onclick",
        ] {
            assert!(!m.html.contains(gone), "{gone}: {}", m.html);
        }
        let messages: Vec<_> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "raw HTML `<b>` was removed",
                "raw HTML `<script>` was removed",
                "raw HTML `<script>` was removed",
                "raw HTML `<div>` was removed",
            ]
        );
        assert!(m.has_raw_html);
        assert!(!md_with("Nur *Text*.", RawHtml::Sanitize).0.has_raw_html);
    }

    #[test]
    fn block_html_warnings_point_at_their_line() {
        let text = "Text\n\n> <div>\n> <iframe src=karte.html></iframe>\n> </div>\n";
        let (_, d) = md_with(text, RawHtml::Sanitize);
        let spans: Vec<_> = d
            .iter()
            .map(|d| &text[d.location.as_ref().and_then(|l| l.span.clone()).unwrap()])
            .collect();
        assert_eq!(spans, ["<div>", "<iframe src=karte.html>"]);
    }

    #[test]
    fn heading_attributes_keep_only_id_and_plain_classes() {
        let (m, d) = md(
            "## Zwei {#zwei onmouseover=alert(1) .ok .x\"y style=color:red}\n\n## Drei {#a\"b}\n",
            "de",
        );
        assert!(
            m.html.contains(r#"<h2 id="zwei" class="ok">Zwei</h2>"#),
            "{}",
            m.html
        );
        assert!(!m.html.contains("onmouseover"), "{}", m.html);
        assert!(!m.html.contains("style"), "{}", m.html);
        assert_eq!(m.headings[1].id, "a-b");
        assert_eq!(d.iter().filter(|d| d.code == Code::RawHtml).count(), 4);
    }

    #[test]
    fn heading_ids_are_the_same_as_before_and_linear() {
        let (m, _) = md(
            "## A\n\n## A {#a-2}\n\n## A\n\n## A-2\n\n## A\n\n## B {#a}\n\n## A\n",
            "de",
        );
        let ids: Vec<_> = m.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["a", "a-2", "a-3", "a-2-2", "a-4", "a-5", "a-6"]);
        let mut used = UsedIds::default();
        for _ in 0..2_000 {
            used.claim("details");
        }
        used.claim("details-7");
        assert_eq!(used.claim("details"), "details-2001");
        assert_eq!(
            used.tries, 2_003,
            "each heading tries a fixed number of ids"
        );
    }

    #[test]
    fn nesting_beyond_the_limit_is_one_error() {
        for text in [
            format!("{} tief", ">".repeat(200_000)),
            format!("{}x", "- ".repeat(200_000)),
        ] {
            let (_, d) = md(&text, "de");
            let limits: Vec<_> = d.iter().filter(|d| d.code == Code::Limit).collect();
            assert_eq!(limits.len(), 1, "{}", &text[..10]);
            assert!(limits[0].is_error());
        }
        let (_, d) = md(&format!("{} tief", ">".repeat(MAX_DEPTH - 1)), "de");
        assert!(d.is_empty());
    }

    #[test]
    fn images_from_other_hosts_are_errors() {
        for dest in [
            "https://tracker.example/p.gif",
            "//tracker.example/p.gif",
            "HTTP://x.example/a.png",
            "<https://x.example/a b.png>",
        ] {
            let (m, d) = md(&format!("![Zähler]({dest})"), "de");
            assert!(!m.html.contains("<img"), "{dest}: {}", m.html);
            assert!(d.has_errors(), "{dest}");
            assert_eq!(d.iter().next().unwrap().code, Code::ThirdParty);
        }
        let (m, d) = md("[Seite](https://example.org) <https://example.org>", "de");
        assert!(d.is_empty());
        assert_eq!(m.html.matches("<a href").count(), 2);
    }
}
