#!/usr/bin/env node
// Screenshots of what readers get, for docs/readers.md: per language the
// home page (desktop, first screen), a project page (phone, first screen)
// and that project page's print view (print media, whole page at A4 width);
// in German and French (the longest labels) the first screen of the home
// and the project page at 320, 375 and 768 px, to judge the header.
//
//   node tests/browser/screenshots.mjs SITE_DIR OUT_DIR [--project SLUG]
//
// Same site, same command → same file names (home-de.png, project-de.png,
// print-de.png, narrow-home-de-320.png, …), so rerunning it after a change
// updates the docs in place.

import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isolatedContext, launch, newLog } from './lib/chromium.mjs';
import { serve } from './lib/server.mjs';
import * as site from './lib/site.mjs';

const SHOTS = [
  { name: 'home', page: 'home', media: 'screen', viewport: { width: 1280, height: 800 }, fullPage: false },
  { name: 'project', page: 'project', media: 'screen', viewport: { width: 390, height: 844 }, fullPage: false },
  // 794 CSS px is the width of A4 paper at 96 CSS px per inch.
  { name: 'print', page: 'project', media: 'print', viewport: { width: 794, height: 1123 }, fullPage: true },
  // Phones and a tablet, first screen each: 320 px is WCAG 1.4.10's reflow
  // width (a small phone), 375 × 812 a common phone, 768 × 1024 a tablet.
  ...[
    { width: 320, height: 568 },
    { width: 375, height: 812 },
    { width: 768, height: 1024 },
  ].flatMap((viewport) =>
    ['home', 'project'].map((page) => ({
      name: `narrow-${page}`,
      suffix: `-${viewport.width}`,
      page,
      media: 'screen',
      viewport,
      fullPage: false,
      languages: ['de', 'fr'],
    })),
  ),
];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { project: { type: 'string', default: 'ibis' } },
});
if (positionals.length !== 2) {
  console.error('usage: node screenshots.mjs SITE_DIR OUT_DIR [--project SLUG]');
  process.exit(2);
}
const [siteDir, outDir] = positionals.map((p) => resolve(p));
const files = await site.files(siteDir);
const languages = site.languages(files);
const targets = {};
for (const lang of languages) {
  // The shortest path: the project's own page, not its history page
  // (`fr/historique/projets/ibis/` sorts before `fr/projets/ibis/`).
  const project = files
    .filter((f) => f.startsWith(`${lang}/`) && f.endsWith(`/${values.project}/index.html`))
    .sort((a, b) => a.length - b.length)[0];
  if (!project) {
    console.error(`no page ${lang}/…/${values.project}/ in ${siteDir}: pick another with --project`);
    process.exit(2);
  }
  targets[lang] = { home: `${lang}/`, project: project.replace(/index\.html$/, '') };
}

mkdirSync(outDir, { recursive: true });
const server = await serve(siteDir);
const browser = await launch();
try {
  for (const shot of SHOTS) {
    const log = newLog();
    const context = await isolatedContext(browser, server.origin, { viewport: shot.viewport, deviceScaleFactor: 1 }, log);
    const page = await context.newPage();
    await page.emulateMedia({ media: shot.media, reducedMotion: 'reduce' });
    for (const lang of languages.filter((l) => !shot.languages || shot.languages.includes(l))) {
      const path = targets[lang][shot.page];
      await page.goto(`${server.base}${encodeURI(path)}`, { waitUntil: 'networkidle' });
      const file = join(outDir, `${shot.name}-${lang}${shot.suffix ?? ''}.png`);
      await page.screenshot({ path: file, fullPage: shot.fullPage, animations: 'disabled', caret: 'hide' });
      console.log(`${file}  ← /${path} (${shot.media}, ${shot.viewport.width} px)`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
