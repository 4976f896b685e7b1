#!/usr/bin/env node
// Browser checks of a built konzept site: serves it on 127.0.0.1 and, on
// every HTML page, runs in headless Chromium axe-core (WCAG 2.1 A/AA), the
// privacy checks (requests, cookies, storage), failed loads, reflow at
// 320 px, 200 % zoom and text spacing, the header at phone and tablet
// widths, keyboard use and language markup;
// beside it the Nu Html Checker on all HTML and CSS. Exits 1 on any finding,
// 2 if it could not run. docs/readers.md says what fails each check.
//
//   node tests/browser/run.mjs [--only CHECKS] [--jobs N] SITE_DIR [--base-url URL] [SITE_DIR …]
//
// `--base-url` belongs to the site dir before it: for a site built with
// `konzept build --base-url http://127.0.0.1:PORT/prefix/`, served there.

import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isolatedContext, launch, mark, newLog, since } from './lib/chromium.mjs';
import { installHelpers } from './lib/inpage.mjs';
import { serve } from './lib/server.mjs';
import * as site from './lib/site.mjs';
import { AXE_VERSION, axe } from './lib/checks/axe.mjs';
import { keyboard } from './lib/checks/keyboard.mjs';
import { lang } from './lib/checks/lang.mjs';
import { references, storage } from './lib/checks/privacy.mjs';
import { LAYOUTS, addStyle, reflow } from './lib/checks/reflow.mjs';
import { HEIGHT, WIDTHS, mobile } from './lib/checks/mobile.mjs';
import { isSearchPage, search, wordOf } from './lib/checks/search.mjs';
import { validate, version as vnuVersion } from './lib/vnu.mjs';

const LAYOUT_CHECKS = LAYOUTS.flatMap((l) => l.checks.map((c) => c.name));
const CHECKS = ['axe', 'privacy', 'resources', ...LAYOUT_CHECKS, 'mobile', 'keyboard', 'lang', 'search', 'vnu'];
const DESKTOP = { viewport: { width: 1280, height: 800 } };

const USAGE = `usage: node run.mjs [--only CHECKS] [--jobs N] SITE_DIR [--base-url URL] [SITE_DIR [--base-url URL]] …
  --only CHECKS   comma-separated subset of: ${CHECKS.join(', ')}
  --jobs N        pages checked at once (default 2)`;

function usage(message) {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function parseCommandLine(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: {
        'base-url': { type: 'string', multiple: true },
        only: { type: 'string' },
        jobs: { type: 'string', default: '2' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    usage(err.message);
  }
  if (parsed.values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const sites = [];
  for (const token of parsed.tokens) {
    if (token.kind === 'positional') {
      const dir = resolve(token.value);
      if (!existsSync(dir) || !statSync(dir).isDirectory()) usage(`not a directory: ${token.value}`);
      sites.push({ dir, arg: token.value, baseUrl: null });
    } else if (token.name === 'base-url') {
      if (!sites.length || sites.at(-1).baseUrl) usage('--base-url must follow the site dir it belongs to');
      sites.at(-1).baseUrl = token.value;
    }
  }
  if (!sites.length) usage('no site dir given');
  const only = parsed.values.only ? parsed.values.only.split(',').map((c) => c.trim()) : CHECKS;
  for (const c of only) if (!CHECKS.includes(c)) usage(`unknown check: ${c}`);
  const jobs = Number(parsed.values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) usage(`--jobs needs a positive whole number, got ${parsed.values.jobs}`);
  return { sites, only: new Set(only), jobs };
}

/** Results: check → list of `{ site, page, findings }`. */
const results = Object.fromEntries(CHECKS.map((c) => [c, []]));
const notes = [];
let selected = new Set(CHECKS);
const run = (check) => selected.has(check);

/** Seconds spent per check, summed over workers (so more than the wall time with --jobs 2). */
const seconds = {};
async function timed(name, work) {
  const start = performance.now();
  try {
    return await work();
  } finally {
    seconds[name] = (seconds[name] ?? 0) + (performance.now() - start) / 1000;
  }
}

const failedUrls = new Set();

function record(check, where, findings) {
  results[check].push({ ...where, findings });
  if (findings.length) {
    failedUrls.add(where.url);
    console.log(`FAIL ${check}  ${where.url}`);
    for (const f of findings) console.log(`       ${f.message}`);
  }
}

/** One worker's browser contexts for the layouts and the keyboard walk, reused page after page. */
async function workerContexts(browser, server) {
  const shared = { layouts: [] };
  for (const layout of LAYOUTS) {
    const log = newLog();
    shared.layouts.push({ layout, log, context: await isolatedContext(browser, server.origin, layout.options, log) });
  }
  const log = newLog();
  shared.keyboard = { log, context: await isolatedContext(browser, server.origin, DESKTOP, log) };
  const phone = { viewport: { width: WIDTHS[0], height: HEIGHT }, deviceScaleFactor: 1 };
  shared.mobile = { log: newLog(), context: null };
  shared.mobile.context = await isolatedContext(browser, server.origin, phone, shared.mobile.log);
  for (const s of [...shared.layouts, shared.keyboard, shared.mobile]) s.page = await s.context.newPage();
  return shared;
}

/** The desktop load in a fresh context (anything stored is this page's doing): privacy, resources, axe, lang. */
async function checkDesktop(browser, server, spec, { url, where, expected, log }) {
  const context = await isolatedContext(browser, server.origin, DESKTOP, log);
  const tab = await context.newPage();
  const response = await timed('page load and settle', async () => {
    const r = await tab.goto(url, { waitUntil: 'load' });
    // Scroll once to the end, for anything loaded lazily, then let it settle.
    await tab.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await tab.waitForLoadState('networkidle');
    await installHelpers(tab);
    return r;
  });
  if (run('privacy')) {
    const foreign = log.foreign.map((r) => ({ message: `requests another host: ${r}` }));
    const found = await timed('privacy', async () => [...(await storage(context, tab)), ...(await references(tab))]);
    record('privacy', where, [...foreign, ...found]);
  }
  if (run('resources')) {
    const status = response.status() === 200 ? [] : [{ message: `page answered ${response.status()}` }];
    const failed = log.failed.map((r) => ({ message: `request failed: ${r}` }));
    record('resources', where, [...status, ...failed, ...log.errors.map((message) => ({ message }))]);
  }
  if (run('axe')) {
    const a11y = await timed('axe', () => axe(tab, url));
    record('axe', where, a11y.findings.map(axeMessage));
    for (const n of a11y.notes) notes.push(n);
  }
  if (run('lang')) record('lang', where, await timed('lang', () => lang(tab, expected, spec.languages)));
  await context.close();
}

async function checkPage(browser, server, spec, page, shared) {
  const url = `${server.base}${encodeURI(page.path)}`;
  const where = { site: spec.arg, url };
  const expected = site.urlLanguage(page.path, spec.files);

  const log = newLog();
  if (['privacy', 'resources', 'axe', 'lang'].some(run)) await checkDesktop(browser, server, spec, { url, where, expected, log });

  for (const { layout, log: vlog, page: p } of shared.layouts) {
    const checks = layout.checks.filter((c) => run(c.name));
    if (!checks.length) continue;
    const m = mark(vlog);
    await timed('layout page loads', async () => {
      await p.goto(url, { waitUntil: 'load' });
      await installHelpers(p);
    });
    // Requests only this viewport makes (a mobile-only image, say); the
    // desktop load's are reported under privacy already.
    const extra = since(vlog, m)
      .foreign.filter((r) => !log.foreign.includes(r))
      .map((r) => ({ message: `requests another host: ${r}` }));
    for (const check of checks) {
      const found = await timed(check.name, async () => {
        if (check.css) await addStyle(p, check.css);
        return reflow(p);
      });
      record(check.name, where, [...found, ...(check === checks[0] ? extra : [])]);
    }
  }

  if (run('mobile')) record('mobile', where, await timed('mobile', () => mobile(shared.mobile.page, url, installHelpers)));
  if (run('keyboard')) record('keyboard', where, await timed('keyboard', () => keyboard(shared.keyboard.page, url)));
  if (run('search') && (await isSearchPage(join(spec.dir, page.file)))) {
    await checkSearch(browser, server, { url, where, expected });
  }
  return url;
}

/** On a search page: a real search in a fresh context, then what it left behind. */
async function checkSearch(browser, server, { url, where, expected }) {
  const log = newLog();
  const context = await isolatedContext(browser, server.origin, DESKTOP, log);
  const tab = await context.newPage();
  const findings = await timed('search', async () => {
    const word = await wordOf(tab, `${server.base}${expected ?? ''}/`);
    if (!word) return [{ message: 'no word to search for in the home page heading' }];
    const found = await search(tab, url, word, server.origin);
    // The page with its results shown: the same rules as every page.
    await installHelpers(tab);
    const a11y = await axe(tab, url);
    return [
      ...found,
      ...a11y.findings.map(axeMessage),
      ...(await storage(context, tab)),
      ...log.foreign.map((r) => ({ message: `requests another host: ${r}` })),
      ...log.failed.map((r) => ({ message: `request failed: ${r}` })),
      ...log.errors.map((message) => ({ message })),
    ];
  });
  record('search', where, findings);
  await context.close();
}

function axeMessage(v) {
  const targets = v.targets.map((t) => `\n         at ${t.target}: ${t.summary}`).join('');
  return { message: `${v.rule} (${v.impact}): ${v.help} — ${v.helpUrl}${targets}` };
}

async function checkSite(browser, spec, jobs) {
  spec.files = await site.files(spec.dir);
  spec.languages = site.languages(spec.files);
  const pages = site.pages(spec.files);
  if (!pages.length) usage(`${spec.arg} holds no HTML page`);
  const server = await serve(spec.dir, spec.baseUrl);
  console.log(`== ${spec.arg}: ${pages.length} pages in ${spec.languages.join(', ') || 'no language dirs'}, served at ${server.base}`);
  // Java runs beside the browser: the validator needs no server.
  const validation = run('vnu') ? timed('vnu', () => validate(spec.dir)) : Promise.resolve(null);
  const queue = [...pages];
  const worker = async () => {
    const shared = await workerContexts(browser, server);
    try {
      for (let page = queue.shift(); page; page = queue.shift()) {
        const url = await checkPage(browser, server, spec, page, shared);
        if (!failedUrls.has(url)) console.log(`ok   ${url}`);
      }
    } finally {
      for (const s of [...shared.layouts, shared.keyboard, shared.mobile]) await s.context.close();
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(jobs, pages.length) }, worker));
  } finally {
    await server.close();
  }
  const vnuFindings = await validation;
  if (!vnuFindings) return;
  const checked = spec.files.filter((f) => f.endsWith('.html') || f.endsWith('.css'));
  for (const file of checked) {
    record('vnu', { site: spec.arg, url: file }, vnuFindings.filter((f) => f.file === file));
  }
  for (const f of vnuFindings.filter((f) => !checked.includes(f.file))) {
    record('vnu', { site: spec.arg, url: f.file }, [f]);
  }
}

function summary(started) {
  console.log('\n== summary');
  let passed = 0;
  let failed = 0;
  for (const check of CHECKS.filter(run)) {
    const rows = results[check];
    const bad = rows.filter((r) => r.findings.length);
    const findings = bad.reduce((n, r) => n + r.findings.length, 0);
    passed += rows.length - bad.length;
    failed += bad.length;
    const unit = check === 'vnu' ? 'files' : 'pages';
    console.log(`${check.padEnd(14)} ${String(rows.length).padStart(4)} ${unit}, ${String(bad.length).padStart(3)} failing, ${findings} findings`);
  }
  const byRule = new Map();
  for (const n of notes) {
    const entry = byRule.get(n.rule) ?? { help: n.help, nodes: 0, pages: new Set() };
    entry.nodes += n.targets.length;
    entry.pages.add(n.label);
    byRule.set(n.rule, entry);
  }
  for (const [rule, e] of byRule) {
    console.log(`note: axe could not decide ${rule} (${e.help}) for ${e.nodes} elements on ${e.pages.size} pages: review by hand`);
  }
  const spent = Object.entries(seconds).map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(', ');
  console.log(`time: ${((Date.now() - started) / 1000).toFixed(1)} s wall; ${spent}`);
  console.log(`axe-core ${AXE_VERSION}`);
  console.log(`browser: ${passed} passed, ${failed} failed`);
  return failed;
}

const started = Date.now();
const { sites, only, jobs } = parseCommandLine(process.argv.slice(2));
selected = only;
let browser;
try {
  browser = await launch();
  console.log(`Chromium ${browser.version()}${run('vnu') ? `, Nu Html Checker ${await vnuVersion()}` : ''}`);
  for (const spec of sites) await checkSite(browser, spec, jobs);
} catch (err) {
  console.error(`browser checks could not run: ${err.stack || err}`);
  await browser?.close();
  process.exit(2);
}
await browser.close();
process.exit(summary(started) ? 1 : 0);
