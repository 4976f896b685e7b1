// What a built site holds: its HTML pages (every kind, every language, found
// by walking the directory, so new page kinds are covered without a change
// here), its stylesheets, and the languages it is published in.

import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

/** Every file under `dir`, as `/`-separated paths relative to it, sorted. */
export async function files(dir) {
  const out = [];
  async function walk(d) {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) out.push(relative(dir, path).split(sep).join('/'));
    }
  }
  await walk(dir);
  return out.sort();
}

/**
 * The HTML pages of the site, each `{ file, path }`: `path` is the URL path
 * relative to the site root (`de/projekte/ibis/` for
 * `de/projekte/ibis/index.html`, `de/404.html` as is).
 */
export function pages(allFiles) {
  return allFiles
    .filter((f) => f.endsWith('.html'))
    .map((file) => ({
      file,
      path: file === 'index.html' ? '' : file.replace(/(^|\/)index\.html$/, '$1'),
    }));
}

/** Stylesheets the site ships. */
export function stylesheets(allFiles) {
  return allFiles.filter((f) => f.endsWith('.css'));
}

const LANG_DIR = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * The language a page's URL says it is in: the first path segment when it
 * looks like a language tag and is a top-level directory holding an
 * `index.html` (`/de/…`), else `null` (root pages like the chooser).
 */
export function urlLanguage(path, allFiles) {
  const first = path.split('/')[0];
  if (!LANG_DIR.test(first)) return null;
  return allFiles.includes(`${first}/index.html`) ? first : null;
}

/** The languages of the site: top-level language directories. */
export function languages(allFiles) {
  const langs = new Set();
  for (const f of allFiles) {
    const lang = urlLanguage(f, allFiles);
    if (lang) langs.add(lang);
  }
  return [...langs].sort();
}
