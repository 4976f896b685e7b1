#!/usr/bin/env node
// The printed full text: prints each language's full-text page of a built
// site with Chromium's PDF output (print media, the page size the CSS asks
// for) and reads the PDF back with poppler (`pdfinfo`, `pdftotext
// -bbox-layout`). Asserts, per language:
//   - every page is A4 (595 × 842 pt);
//   - no page ends with a heading or a field label (h1–h6, dt): its text is
//     the last text on a page that is not the document's last;
//   - no page holds only a contact card or only the footer;
//   - each contact card is printed once (its e-mail line, label included);
//   - at most --max-pages pages (a sane bound, the count is printed).
// Exits 1 on any finding, 2 if it could not run. docs/readers.md § Print.
//
//   node tests/browser/print.mjs SITE_DIR [--max-pages N] [--keep DIR]
//
// --keep writes the PDFs there (`full-text-de.pdf`, …) to look at or to turn
// into images (`pdftoppm -png -r 40`).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isolatedContext, launch, newLog } from './lib/chromium.mjs';
import { serve } from './lib/server.mjs';
import * as site from './lib/site.mjs';

const A4 = { width: 595.28, height: 841.89 };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'max-pages': { type: 'string', default: '40' },
    keep: { type: 'string' },
  },
});
if (positionals.length !== 1) {
  console.error('usage: node print.mjs SITE_DIR [--max-pages N] [--keep DIR]');
  process.exit(2);
}
const siteDir = resolve(positionals[0]);
const maxPages = Number(values['max-pages']);
const outDir = values.keep ? resolve(values.keep) : mkdtempSync(join(tmpdir(), 'konzept-print-'));

/** Text as compared here: whitespace and soft hyphens gone. */
const squash = (s) => s.replace(/[\s\u00ad]+/g, '');

/** Runs a poppler tool, or says how to install it. */
function poppler(tool, args) {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (err) {
    if (err.code === 'ENOENT') {
      console.error(`no ${tool}: install poppler (apt-get install -y poppler-utils)`);
      process.exit(2);
    }
    throw err;
  }
}

const unescape = (s) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/**
 * The PDF's pages from `pdftotext -bbox-layout`: each `{ blocks }`, a block
 * `{ yMin, yMax, text }` (its words joined by spaces), in reading order.
 */
function pdfPages(pdf) {
  const xhtml = poppler('pdftotext', ['-bbox-layout', pdf, '-']);
  return xhtml.split('<page ').slice(1).map((page) => {
    const blocks = page.split('<block ').slice(1).map((block) => {
      const yMin = Number(/yMin="([\d.]+)"/.exec(block)[1]);
      const yMax = Number(/yMax="([\d.]+)"/.exec(block)[1]);
      const words = [...block.matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map((m) => unescape(m[1]));
      return { yMin, yMax, text: words.join(' ') };
    });
    return { blocks: blocks.filter((b) => b.text.trim()) };
  });
}

/** The page sizes `pdfinfo` reports, one per page. */
function pageSizes(pdf, count) {
  const info = poppler('pdfinfo', ['-f', '1', '-l', String(count), pdf]);
  return [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
}

/** Findings for one printed full text. */
function inspect(pages, sizes, dom) {
  const findings = [];
  const wrong = sizes.map((s, i) => ({ ...s, n: i + 1 }))
    .filter((s) => Math.abs(s.width - A4.width) > 1 || Math.abs(s.height - A4.height) > 1);
  if (wrong.length) {
    const s = wrong[0];
    findings.push(`${wrong.length} of ${sizes.length} pages are not A4 (${A4.width} × ${A4.height} pt): page ${s.n} is ${s.width} × ${s.height}`);
  }
  pages.forEach((page, i) => {
    const n = i + 1;
    if (!page.blocks.length) {
      findings.push(`page ${n} is empty`);
      return;
    }
    // The page's last text, in position order (a block may come later in
    // reading order but stand higher, as in a two-column row).
    const bottom = [...page.blocks].sort((a, b) => a.yMax - b.yMax);
    if (n < pages.length) {
      const tail = squash(bottom.slice(-3).map((b) => b.text).join(''));
      const last = squash(bottom.at(-1).text);
      const top = [...pages[i + 1].blocks].sort((a, b) => a.yMin - b.yMin);
      const next = squash(top.slice(0, 3).map((b) => b.text).join(''));
      // A heading's whole text ends the page and what follows it in the
      // document starts the next one; or its first line ends the page and
      // the rest starts the next. (Text alone could be a link that reads
      // like a heading: what follows tells them apart.)
      const heading = dom.headings.find(
        ({ text: h, after }) =>
          (after && h.endsWith(last) && tail.endsWith(h) && next.startsWith(after)) ||
          (h.startsWith(last) && h !== last && next.startsWith(h.slice(last.length))),
      );
      if (heading) findings.push(`page ${n} ends with the heading or label “${bottom.at(-1).text}”: nothing follows it there`);
    }
    // Headings and labels aside, is all the page holds inside one card or the footer?
    const content = page.blocks.map((b) => squash(b.text)).filter((t) => !dom.headings.some(({ text: h }) => h.includes(t)));
    const within = (wholes) => content.length > 0 && content.every((t) => wholes.some((w) => w.includes(t)));
    if (dom.cards.some((card) => within([card]))) findings.push(`page ${n} holds only a contact card`);
    else if (dom.footer && within([dom.footer])) findings.push(`page ${n} holds only the footer`);
    else if (within([...dom.cards, dom.footer].filter(Boolean))) findings.push(`page ${n} holds only contact cards and the footer`);
  });
  const text = squash(pages.flatMap((p) => p.blocks.map((b) => b.text)).join(''));
  for (const line of dom.cardLines) {
    const count = text.split(squash(line)).length - 1;
    if (count !== 1) findings.push(`the contact card's line “${line}” is printed ${count} times, not once`);
  }
  if (pages.length > maxPages) findings.push(`${pages.length} pages, more than --max-pages ${maxPages}`);
  return findings;
}

/** What the print view shows, from the DOM: headings and labels, cards, footer. */
function printedParts() {
  const visible = (el) => el.getClientRects().length > 0;
  const squash = (s) => s.replace(/[\s\u00ad]+/g, '');
  const texts = (sel) => [...document.querySelectorAll(sel)].filter(visible).map((el) => squash(el.innerText)).filter(Boolean);
  // The first printed characters after `el` in the document.
  const after = (el) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    walker.currentNode = el;
    let text = '';
    let node;
    while (text.length < 12 && (node = walker.nextNode())) {
      if (el.contains(node) || !visible(node.parentElement)) continue;
      text += squash(node.textContent);
    }
    return text.slice(0, 12);
  };
  const footer = document.querySelector('body > footer');
  return {
    headings: [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6, main dt')]
      .filter(visible)
      .map((el) => ({ text: squash(el.innerText), after: after(el) }))
      .filter((h) => h.text),
    cards: texts('.contact-card'),
    footer: footer && visible(footer) ? squash(footer.innerText) : '',
    // Each card's e-mail line ("E-Mail: …" with its label, which running
    // text does not have): it stands for the card.
    cardLines: [
      ...new Set(
        [...document.querySelectorAll('.contact-card a[href^="mailto:"]')].map((a) =>
          a.parentElement.innerText.split('\n').find((l) => l.includes(a.textContent.trim())).trim(),
        ),
      ),
    ],
  };
}

const files = await site.files(siteDir);
const fullTexts = [];
for (const { file, path } of site.pages(files)) {
  if (/<body[^>]*class="[^"]*\bkind-full_text\b/.test(readFileSync(join(siteDir, file), 'utf8'))) {
    fullTexts.push({ path, lang: site.urlLanguage(path, files) ?? path });
  }
}
if (!fullTexts.length) {
  console.error(`no full-text page (body class kind-full_text) in ${siteDir}`);
  process.exit(2);
}

const server = await serve(siteDir);
const browser = await launch();
let failed = 0;
try {
  const log = newLog();
  const context = await isolatedContext(browser, server.origin, {}, log);
  const page = await context.newPage();
  await page.emulateMedia({ media: 'print' });
  for (const { path, lang } of fullTexts) {
    await page.goto(`${server.base}${encodeURI(path)}`, { waitUntil: 'networkidle' });
    const pdf = join(outDir, `full-text-${lang}.pdf`);
    await page.pdf({ path: pdf, preferCSSPageSize: true });
    const dom = await page.evaluate(printedParts);
    const pages = pdfPages(pdf);
    const findings = inspect(pages, pageSizes(pdf, pages.length), dom);
    console.log(`/${path}: ${pages.length} pages${findings.length ? '' : ', ok'}`);
    for (const f of findings) console.log(`  ✗ ${f}`);
    failed += findings.length;
  }
  await context.close();
} finally {
  await browser.close();
  await server.close();
  if (!values.keep) rmSync(outDir, { recursive: true, force: true });
}
if (failed) {
  console.log(`${failed} print finding(s)`);
  process.exit(1);
}
