// Tests of the browser checks themselves (node:test): the runner must find
// each flaw planted in fixtures/flawed/ — one per page, the page named for
// it — and nothing on its clean pages (de/, en/, de/csp/ with a strict
// Content-Security-Policy, the root), and the server must not serve
// files outside the site. Foreign hosts in the fixtures are 127.0.0.2, so
// even a request that got through would stay on this machine.
//
//   node --test tests/browser/selftest.mjs

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serve } from './lib/server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = join(here, 'fixtures', 'flawed');

// (check, page or file) → a piece of the message the runner must print.
const EXPECTED = [
  ['axe', 'de/kontrast/', 'color-contrast (serious)'],
  ['privacy', 'de/schrift/', 'requests another host: stylesheet http://127.0.0.2:9/fonts/'],
  ['privacy', 'de/vorabverbindung/', 'link[rel=preconnect] → http://127.0.0.2:9/'],
  ['privacy', 'de/zaehler/', 'requests another host: ping http://127.0.0.2:9/hit'],
  ['privacy', 'de/keks/', 'sets cookie besucher'],
  ['privacy', 'de/keks/', 'uses localStorage: zuletzt'],
  ['privacy', 'de/keks/', 'uses indexedDB: verlauf'],
  ['privacy', 'de/dienst/', 'uses serviceWorkers:'],
  ['resources', 'de/fehlt/', 'request failed: 404'],
  ['reflow 320 px', 'de/breit/', 'scrolls horizontally: content is 716 px wide in a 320 px viewport'],
  ['zoom 200 %', 'de/breit/', 'scrolls horizontally: content is 716 px wide in a 640 px viewport'],
  ['reflow 320 px', 'de/abgeschnitten/', 'p.eng "Dieser lange Satz wird am rechten Rand einfach …" cuts off its content'],
  ['zoom 200 %', 'de/abgeschnitten/', 'cuts off its content'],
  ['text spacing', 'de/breit/', 'div.breit "Eine feste Breite zwingt zum seitlichen Scrollen." sticks out of the viewport'],
  ['text spacing', 'de/abgeschnitten/', 'cuts off its content'],
  // Under a strict Content-Security-Policy: the spacing styles still apply.
  ['text spacing', 'de/csp-abstand/', 'p.knapp "Kurz" cuts off its content (27 px high in 23 px)'],
  ['mobile', 'de/breit/', 'at 375 px: scrolls horizontally: content is 716 px wide in a 375 px viewport'],
  ['mobile', 'de/kopfzeile/', 'at 375 px: the h1 starts at'],
  ['mobile', 'de/kopfzeile/', 'at 768 px: the search link'],
  ['mobile', 'de/kopfzeile/', 'a breadcrumb line ends with the separator "›" after li "Startseite"'],
  ['mobile', 'de/kopfzeile/', 'the breadcrumb separator "›" of li "Startseite" is read out'],
  ['keyboard', 'de/fokus/', 'no visible focus indicator on a "Zur Startseite"'],
  ['keyboard', 'de/versteckt/', 'focused a "Versteckter Link" is outside the viewport'],
  ['keyboard', 'de/tabindex/', 'positive tabindex on a "a link that jumps the queue"'],
  ['keyboard', 'de/ohne-sprunglink/', 'first Tab focuses a "Start", not a skip link to <main>'],
  ['lang', 'de/sprache/', '<html lang="fr"> on a page under /de/'],
  ['lang', 'de/englisch/', 'reads as en but is marked de'],
  ['lang', 'en/rueckfall/', 'fallback page (content in de) but its h1 is marked en'],
  ['vnu', 'de/ungueltig/index.html', 'Duplicate ID “doppelt”'],
  ['vnu', 'static/broken.css', 'Property “colr” doesn\'t exist'],
];

/** The runner's report, as `FAIL check  url` blocks: `${check} ${path}` → message lines. */
function failures(stdout) {
  const out = new Map();
  let key = null;
  for (const line of stdout.split('\n')) {
    const m = /^FAIL (.+?) {2}(?:http:\/\/127\.0\.0\.1:\d+\/)?(.*)$/.exec(line);
    if (m) {
      key = `${m[1]} ${m[2]}`;
      out.set(key, []);
    } else if (key && line.startsWith('       ')) {
      out.get(key).push(line.trim());
    } else {
      key = null;
    }
  }
  return out;
}

test('the runner finds every planted flaw and nothing else', () => {
  const result = spawnSync(process.execPath, [join(here, 'run.mjs'), fixture], { encoding: 'utf8' });
  assert.equal(result.status, 1, `exit code\n${result.stdout}\n${result.stderr}`);
  const found = failures(result.stdout);
  for (const [check, where, text] of EXPECTED) {
    const lines = found.get(`${check} ${where}`);
    assert.ok(lines, `no ${check} failure for ${where}:\n${result.stdout}`);
    assert.ok(lines.some((l) => l.includes(text)), `${check} on ${where} should say "${text}", said:\n${lines.join('\n')}`);
  }
  const expectedKeys = new Set(EXPECTED.map(([check, where]) => `${check} ${where}`));
  const unexpected = [...found.keys()].filter((k) => !expectedKeys.has(k));
  assert.deepEqual(unexpected, [], `failures nobody planted:\n${result.stdout}`);
  assert.match(result.stdout, new RegExp(`^browser: \\d+ passed, ${expectedKeys.size} failed$`, 'm'));
});

test('the runner exits 2 with a usage line on a missing site dir', () => {
  const result = spawnSync(process.execPath, [join(here, 'run.mjs'), join(here, 'no-such-dir')], { encoding: 'utf8' });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /not a directory: .*no-such-dir\nusage: node run\.mjs/);
});

test('the server serves the site and nothing outside it', async () => {
  const server = await serve(fixture);
  try {
    const get = (path) => fetch(`${server.base}${path}`, { redirect: 'manual' });
    assert.equal((await get('de/')).status, 200);
    const redirect = await get('de');
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers.get('location'), '/de/');
    assert.match((await get('static/site.css')).headers.get('content-type'), /^text\/css/);
    for (const path of ['../selftest.mjs', '%2e%2e/selftest.mjs', 'de/%2e%2e/%2e%2e/selftest.mjs', 'de/..%2f..%2fselftest.mjs']) {
      assert.equal((await get(path)).status, 404, path);
    }
  } finally {
    await server.close();
  }
});

test('a site built with --base-url is served under its path prefix only', async () => {
  const probe = await serve(fixture);
  const port = new URL(probe.origin).port;
  await probe.close();
  const server = await serve(fixture, `http://127.0.0.1:${port}/konzept/`);
  try {
    assert.equal(server.base, `http://127.0.0.1:${port}/konzept/`);
    assert.equal((await fetch(`${server.base}de/`)).status, 200);
    assert.equal((await fetch(`${server.origin}/de/`)).status, 404);
  } finally {
    await server.close();
  }
});
