// Debian's Chromium, driven by playwright-core (which never downloads a
// browser of its own). The flags keep Chromium from calling home: without
// them it floods a closed network with refused connections, and on an open
// one its own traffic would blur what the page itself requests.
// playwright's launch() gives every run a fresh temporary profile
// (--user-data-dir), removed again on close.

import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-features=Translate,OptimizationHints,MediaRouter',
  '--font-render-hinting=none',
];

/** Path of the Chromium binary: `$CHROMIUM`, else Debian's. */
export function chromiumPath() {
  const path = process.env.CHROMIUM || '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `no Chromium at ${path}: install it (apt-get install -y chromium) or set CHROMIUM=/path/to/chromium`,
    );
  }
  return path;
}

/** Launches headless Chromium. */
export function launch() {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: FLAGS });
}

/**
 * A new browser context that lets requests to `origin` through and aborts
 * every other one (so nothing leaves the machine). It records into `log`:
 * `foreign` (`"type url"` of each request elsewhere, WebSockets included),
 * `failed` (own requests answered with status ≥ 400) and `errors` (script
 * errors and console errors of its pages). The pages are visited one at a
 * time, so the caller attributes new entries to the page it just loaded.
 */
export async function isolatedContext(browser, origin, options, log) {
  const context = await browser.newContext({ ...options, serviceWorkers: 'allow' });
  const host = new URL(origin).host;
  await context.route('**/*', (route) => {
    const request = route.request();
    if (new URL(request.url()).origin === origin) return route.continue();
    log.foreign.push(`${request.resourceType()} ${request.url()}`);
    return route.abort('blockedbyclient');
  });
  context.on('response', (response) => {
    if (response.status() >= 400) log.failed.push(`${response.status()} ${response.url()}`);
  });
  context.on('page', (page) => {
    page.on('websocket', (ws) => {
      if (new URL(ws.url()).host !== host) log.foreign.push(`websocket ${ws.url()}`);
    });
    page.on('pageerror', (err) => log.errors.push(`script error: ${err.message}`));
    page.on('console', (msg) => {
      // Blocked and failed loads are already in `foreign` and `failed`.
      if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource')) {
        log.errors.push(`console error: ${msg.text()}`);
      }
    });
  });
  return context;
}

/** An empty log for isolatedContext. */
export function newLog() {
  return { foreign: [], failed: [], errors: [] };
}

/** Where each list of `log` ends now, to take what comes after with `since`. */
export function mark(log) {
  return Object.fromEntries(Object.entries(log).map(([k, v]) => [k, v.length]));
}

/** The entries of `log` added after `marker`. */
export function since(log, marker) {
  return Object.fromEntries(Object.entries(log).map(([k, v]) => [k, v.slice(marker[k])]));
}
