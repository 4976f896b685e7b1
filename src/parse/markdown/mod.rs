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
//!
//! This file holds the pass over pulldown-cmark's events, one small method
//! per kind of event; what to do with a heading (`headings`), a link or
//! image destination (`links`) and raw HTML (`raw_html`) lives in the
//! children, which know nothing of the pass.

mod headings;
mod images;
mod links;
mod raw_html;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::external;
use crate::config::RawHtml;
use crate::diag::{Code, Diagnostic, Diagnostics, FileId};
use crate::typography::{Style, Typographer};
pub use headings::Heading;
pub use images::DECORATIVE;
use images::OpenImage;
use links::Destination;
pub use links::{Link, is_external, is_script_url, placeholder};
use raw_html::HtmlBlock;

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
        image: None,
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
        pass.place(links::undefined_reference(&label), &range);
    }
    let headings = headings::assign_ids(&mut events);
    for taken in headings::taken_ids(file, &pass.headings, &headings) {
        pass.diags.push(taken);
    }
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

/// The state of one pass over a body's events.
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
    /// The image whose alt text is being read: its events become the
    /// `alt` attribute, not markup.
    image: Option<OpenImage>,
}

/// How deep blocks and inlines may nest (`>`, lists, emphasis). Real text
/// nests a handful of levels; 200,000 nested `>` or `-` made the search
/// indexer's work grow with the square of the depth (minutes per page).
const MAX_DEPTH: usize = 100;

impl Pass {
    /// The file range of `range`, a range of the body.
    fn span(&self, range: &Range<usize>) -> Range<usize> {
        self.offset + range.start..self.offset + range.end
    }

    /// Reports a diagnostic built without a place at `range` of the body.
    fn place(&mut self, diagnostic: Diagnostic, range: &Range<usize>) {
        let span = self.span(range);
        self.diags.push(diagnostic.at(self.file, span));
    }

    fn event<'a>(&mut self, event: Event<'a>, range: Range<usize>, out: &mut Vec<Event<'a>>) {
        if self.image.is_some() {
            self.alt_text(event, out);
            return;
        }
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
        if self.is_dropped(&tag, &range) {
            return;
        }
        match tag {
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let dest_url = self.link_dest(link_type, dest_url, &range);
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
                id: _,
            } => {
                if let Some(page) = links::image_of_a_page(&dest_url) {
                    self.place(page, &range);
                }
                let written = dest_url.to_string();
                let src = self.link_dest(link_type, dest_url, &range);
                self.typographer.opaque();
                self.image = Some(OpenImage {
                    src: src.to_string(),
                    written,
                    title: title.to_string(),
                    range,
                    alt: String::new(),
                    nested: 0,
                });
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
            Tag::Heading { .. } => self.start_heading(tag, &range, out),
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

    /// Whether a link or image is left out (its text stays): an image
    /// from another host, or a URL that would run code. Every link and
    /// image pushes onto `dropped`, which its end pops.
    fn is_dropped(&mut self, tag: &Tag<'_>, range: &Range<usize>) -> bool {
        if let Tag::Image { dest_url, .. } = tag
            && let Some(third_party) = links::third_party_image(dest_url)
        {
            self.place(third_party, range);
            self.dropped.push(true);
            return true;
        }
        let (Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = tag else {
            return false;
        };
        let unsafe_url = is_script_url(dest_url);
        if unsafe_url {
            self.place(links::unsafe_link(dest_url), range);
        }
        self.dropped.push(unsafe_url);
        unsafe_url
    }

    /// An event inside an image: its text becomes the alt text; the image's
    /// end writes the `<img>` (an error if the alt text is missing).
    fn alt_text<'a>(&mut self, event: Event<'a>, out: &mut Vec<Event<'a>>) {
        let Some(open) = &mut self.image else {
            return;
        };
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => open.alt.push_str(&t),
            Event::SoftBreak | Event::HardBreak => open.alt.push(' '),
            Event::Start(_) => open.nested += 1,
            Event::End(_) if open.nested > 0 => open.nested -= 1,
            Event::End(_) => {
                self.depth = self.depth.saturating_sub(1);
                self.dropped.pop();
                let open = self.image.take().expect("an image is open");
                let (html, missing) = open.finish();
                if let Some(missing) = missing {
                    self.place(missing, &open.range);
                }
                out.push(Event::InlineHtml(CowStr::from(html)));
            }
            _ => {}
        }
    }

    fn start_heading<'a>(&mut self, tag: Tag<'a>, range: &Range<usize>, out: &mut Vec<Event<'a>>) {
        let Tag::Heading {
            level,
            id,
            classes,
            attrs,
        } = tag
        else {
            return;
        };
        self.typographer.reset();
        let (id, classes, warnings) = headings::attributes(id, classes, &attrs);
        for warning in warnings {
            self.place(warning, range);
        }
        let span = self.span(range);
        self.headings.push((span, id.as_deref().map(str::to_owned)));
        out.push(Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs: Vec::new(),
        }));
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
                    let (clean, found) = block.clean(self.raw_html, self.file);
                    for diagnostic in found {
                        self.diags.push(diagnostic);
                    }
                    if !clean.is_empty() {
                        out.push(Event::Html(CowStr::from(clean)));
                    }
                }
                return;
            }
            _ => {}
        }
        out.push(Event::End(tag));
    }

    /// Raw HTML: shown as text under `escape`, cleaned otherwise (a block's
    /// lines are gathered and cleaned at its end).
    fn html<'a>(&mut self, html: CowStr<'a>, range: Range<usize>, out: &mut Vec<Event<'a>>) {
        if self.raw_html == RawHtml::Escape {
            self.diags
                .push(raw_html::escaped(&html, self.file, self.offset, &range));
            self.typographer.opaque();
            out.push(Event::Text(html));
            return;
        }
        self.has_raw_html = true;
        if let Some(block) = &mut self.block {
            block.push(&html, self.offset + range.start);
            return;
        }
        let at = self.offset + range.start;
        let (clean, found) = raw_html::inline(&html, self.raw_html, self.file, at);
        for diagnostic in found {
            self.diags.push(diagnostic);
        }
        self.typographer.opaque();
        if !clean.is_empty() {
            out.push(Event::InlineHtml(CowStr::from(clean)));
        }
    }

    /// The `href`/`src` to write for a destination: the destination itself
    /// if it leaves the site (reported if broken), a placeholder if not.
    fn link_dest<'a>(
        &mut self,
        link_type: LinkType,
        dest: CowStr<'a>,
        range: &Range<usize>,
    ) -> CowStr<'a> {
        match links::destination(link_type, &dest) {
            Destination::Outside(problem) => {
                if let Some(problem) = problem {
                    self.place(problem, range);
                }
                dest
            }
            Destination::Inside => {
                let index = self.links.len();
                self.links.push(Link {
                    dest: dest.to_string(),
                    span: self.span(range),
                });
                CowStr::from(format!("{}{index}", placeholder()))
            }
        }
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
}
