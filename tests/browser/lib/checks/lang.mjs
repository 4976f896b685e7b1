// Language of parts (WCAG 3.1.1, 3.1.2):
// - <html lang> is the language the URL says (`/fr/…` → `fr`); pages outside
//   a language directory (the chooser, /404.html) name one of the site's;
// - a fallback page (its canonical URL is another language's alternate, as
//   konzept writes it when a translation is missing) marks its heading and
//   text with the content's language;
// - every link with `hreflang` (the language switch, links to untranslated
//   pages) is marked up in that language, and the page links each of its
//   `<link rel="alternate">` languages that way;
// - every block of text of six words or more that reads clearly as German,
//   French or English (counted by short function words) carries that
//   language. This catches untranslated UI strings and unmarked German
//   content; a name or a single foreign word in a sentence is left alone.

const STOPWORDS = {
  de: 'der die das und ist nicht mit für von zu den dem sich auf eine ein einer einen wird werden sind auch oder bei nach wie im zum zur über können kann hat haben wir sie es',
  fr: 'le la les et est une pour dans avec sur par qui que au aux ce cette sont pas ne de d l qu nous vous il elle leur leurs ou où été être',
  en: 'the and of is to for with are this that be by from it as or at was have has can which their our you we an',
};

/** Findings `{ message }` for the loaded `page`, whose URL names `expected` (or null). */
export async function lang(page, expected, siteLanguages) {
  const problems = await page.evaluate(
    ({ expected, siteLanguages, stopwords }) => {
      const { describe } = window.__kz;
      const out = [];
      const primary = (tag) => (tag || '').toLowerCase().split('-')[0];
      const langOf = (el) => primary(el.closest('[lang]')?.getAttribute('lang'));
      const html = primary(document.documentElement.getAttribute('lang'));
      if (!html) out.push('<html> has no lang');
      else if (expected && html !== expected) out.push(`<html lang="${html}"> on a page under /${expected}/`);
      else if (!expected && !siteLanguages.includes(html)) {
        out.push(`<html lang="${html}"> is none of the site's languages (${siteLanguages.join(', ')})`);
      }

      const canonical = document.querySelector('link[rel="canonical"]')?.href;
      const alternates = [...document.querySelectorAll('link[rel="alternate"][hreflang]')]
        .map((l) => ({ lang: primary(l.hreflang), raw: l.hreflang, href: l.href }))
        .filter((a) => a.raw !== 'x-default');
      const canonicalLang = alternates.find((a) => a.href === canonical)?.lang;
      const contentLang = canonicalLang && canonicalLang !== html ? canonicalLang : html;
      if (contentLang !== html) {
        const h1 = document.querySelector('h1');
        if (h1 && langOf(h1) !== contentLang) {
          out.push(`fallback page (content in ${contentLang}) but its h1 is marked ${langOf(h1) || 'nothing'}`);
        }
      }

      for (const a of document.querySelectorAll('a[hreflang]')) {
        if (langOf(a) !== primary(a.hreflang)) {
          out.push(`${describe(a)} has hreflang="${a.hreflang}" but is marked lang="${langOf(a)}"`);
        }
      }
      for (const alt of alternates) {
        if (alt.lang === html) continue;
        const offered = [...document.querySelectorAll(`a[hreflang]`)].some(
          (a) => primary(a.hreflang) === alt.lang && langOf(a) === alt.lang,
        );
        if (!offered) out.push(`no link to the ${alt.lang} version marked lang="${alt.lang}" (it is a <link rel=alternate>)`);
      }

      const words = Object.fromEntries(Object.entries(stopwords).map(([l, w]) => [l, new Set(w.split(' '))]));
      const BLOCKS = 'p, li, dt, dd, h1, h2, h3, h4, h5, h6, td, th, caption, figcaption, blockquote, summary, label, legend, address';
      for (const block of document.body.querySelectorAll(BLOCKS)) {
        const own = langOf(block);
        let text = '';
        const walk = (node) => {
          for (const child of node.childNodes) {
            if (child.nodeType === 3) text += child.data;
            else if (child.nodeType === 1 && !child.matches(BLOCKS) && langOf(child) === own) walk(child);
            else if (child.nodeType === 1) text += ' ';
          }
        };
        walk(block);
        const tokens = text.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
        if (tokens.length < 6) continue;
        const hits = Object.entries(words)
          .map(([l, set]) => [l, tokens.filter((t) => set.has(t)).length])
          .sort((x, y) => y[1] - x[1]);
        const [[best, n], [, second]] = hits;
        if (n >= 3 && n >= 2 * second && best !== own) {
          out.push(`${describe(block)} reads as ${best} but is marked ${own || 'nothing'}`);
        }
      }
      return out;
    },
    { expected, siteLanguages, stopwords: STOPWORDS },
  );
  return problems.map((message) => ({ message }));
}
