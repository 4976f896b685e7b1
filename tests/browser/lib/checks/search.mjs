// Search, used as a reader uses it: on each search page (a page with the
// theme's search form), type a word the site holds into the field, submit,
// and wait for the answer. The word comes from the language's home page
// heading, so the check needs no list of words per site. Findings: no
// answer, no results, results that lead off the site or to no page, and
// (measured by the caller, with the same context log as every page) any
// foreign request, failed load, console error — a Content-Security-Policy
// violation is one — or storage the search left behind; and a result whose
// title is not marked in the language of its page's heading.

import { readFile } from 'node:fs/promises';

/** Whether the HTML file at `path` is a search page: it has the theme's search form. */
export async function isSearchPage(path) {
  const html = await readFile(path, 'utf8');
  return /<form class="search-form"/.test(html) && html.includes('id="search-input"');
}

/** The first word of at least five letters in the `<h1>` of `homeUrl`. */
export async function wordOf(page, homeUrl) {
  await page.goto(homeUrl, { waitUntil: 'load' });
  const heading = await page.evaluate(() => document.querySelector('h1')?.textContent ?? '');
  return heading.split(/[^\p{L}]+/u).find((w) => w.length >= 5) ?? null;
}

/** Searches `word` on the search page at `url`; returns findings `{ message }`. */
export async function search(page, url, word, origin) {
  const findings = [];
  await page.goto(url, { waitUntil: 'load' });
  await page.fill('#search-input', word);
  await page.press('#search-input', 'Enter');
  const status = page.locator('#search-status');
  try {
    await page.waitForFunction(
      () => {
        const s = document.getElementById('search-status');
        const searching = s.getAttribute('data-searching').split('{query}')[0];
        return s.textContent && !s.textContent.startsWith(searching);
      },
      null,
      { timeout: 15000 },
    );
  } catch {
    return [{ message: `searching for "${word}" gave no answer within 15 s (status: "${await status.textContent()}")` }];
  }
  const results = await page.evaluate(() =>
    [...document.querySelectorAll('#search-results li a')].map((a) => ({
      href: a.href,
      text: a.textContent,
      lang: (a.closest('[lang]')?.getAttribute('lang') ?? '').toLowerCase(),
    })),
  );
  if (!results.length) {
    findings.push({ message: `searching for "${word}" found nothing (status: "${await status.textContent()}")` });
  }
  if (!page.url().includes(`q=${encodeURIComponent(word)}`)) {
    findings.push({ message: `the address does not keep the query: ${page.url()}` });
  }
  for (const r of results) {
    if (new URL(r.href).origin !== origin) {
      findings.push({ message: `result "${r.text}" leads off the site: ${r.href}` });
      continue;
    }
    const response = await page.request.get(r.href);
    if (response.status() !== 200) {
      findings.push({ message: `result "${r.text}" answers ${response.status()}: ${r.href}` });
      continue;
    }
    // WCAG 3.1.2: the result's title is read in the language of the page's
    // heading (a German name on a French page, a fallback's original).
    const headingLang = await page.evaluate((html) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      const h1 = doc.querySelector('h1');
      return (h1?.closest('[lang]')?.getAttribute('lang') ?? '').toLowerCase();
    }, await response.text());
    if (headingLang && headingLang !== r.lang) {
      findings.push({
        message: `result "${r.text}" is marked lang="${r.lang}" but its page's heading is in "${headingLang}": ${r.href}`,
      });
    }
  }
  return findings;
}
