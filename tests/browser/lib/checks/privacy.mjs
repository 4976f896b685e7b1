// Privacy: a page may load nothing from another host and may leave nothing
// behind in the reader's browser. Requests are seen (and foreign ones
// aborted) by the context's router in chromium.mjs; this module checks what
// the page stored, and what it would request later or on other devices
// (resource hints, lazy images, CSS url()s, form targets), which no single
// page load shows.

/** Returns findings `{ message }` for the loaded `page` in `context`. */
export async function storage(context, page) {
  const findings = [];
  for (const c of await context.cookies()) {
    findings.push({ message: `sets cookie ${c.name} (domain ${c.domain})` });
  }
  const held = await page.evaluate(async () => {
    const out = {
      documentCookie: document.cookie,
      localStorage: Object.keys(localStorage),
      sessionStorage: Object.keys(sessionStorage),
      indexedDB: (await indexedDB.databases()).map((d) => d.name),
      serviceWorkers: navigator.serviceWorker
        ? (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope)
        : [],
      cacheStorage: window.caches ? await caches.keys() : [],
    };
    return out;
  });
  if (held.documentCookie) findings.push({ message: `document.cookie is "${held.documentCookie}"` });
  for (const kind of ['localStorage', 'sessionStorage', 'indexedDB', 'serviceWorkers', 'cacheStorage']) {
    for (const key of held[kind]) findings.push({ message: `uses ${kind}: ${key}` });
  }
  return findings;
}

/** Foreign URLs the page references for loading (not plain links a reader may follow). */
export async function references(page) {
  const refs = await page.evaluate(() => {
    const here = location.origin;
    const out = [];
    const foreign = (raw) => {
      if (!raw) return false;
      try {
        const u = new URL(raw, document.baseURI);
        return (u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:' || u.protocol === 'wss:') &&
          u.origin !== here;
      } catch {
        return false;
      }
    };
    const note = (el, attr, url) => out.push(`${el.localName}[${attr}] → ${url}`);
    const LOADING_RELS = /\b(stylesheet|icon|apple-touch-icon|manifest|preload|modulepreload|prefetch|prerender|preconnect|dns-prefetch)\b/i;
    for (const el of document.querySelectorAll('link[href]')) {
      if (LOADING_RELS.test(el.rel) && foreign(el.getAttribute('href'))) note(el, `rel=${el.rel}`, el.href);
    }
    for (const el of document.querySelectorAll('[src], [poster], object[data], form[action]')) {
      for (const attr of ['src', 'poster', 'data', 'action']) {
        const v = el.getAttribute(attr);
        if (v && foreign(v)) note(el, attr, v);
      }
    }
    for (const el of document.querySelectorAll('[srcset]')) {
      for (const part of el.getAttribute('srcset').split(',')) {
        const url = part.trim().split(/\s+/)[0];
        if (foreign(url)) note(el, 'srcset', url);
      }
    }
    for (const el of document.querySelectorAll('[style]')) {
      for (const m of el.getAttribute('style').matchAll(/url\(\s*['"]?([^'")]+)/g)) {
        if (foreign(m[1])) note(el, 'style', m[1]);
      }
    }
    for (const sheet of document.styleSheets) {
      let rules;
      try {
        rules = sheet.cssRules;
      } catch {
        out.push(`unreadable stylesheet ${sheet.href}`);
        continue;
      }
      const visit = (list) => {
        for (const rule of list) {
          if (rule.href && foreign(rule.href)) out.push(`@import ${rule.href} in ${sheet.href ?? 'inline style'}`);
          for (const m of rule.cssText.matchAll(/url\(\s*['"]?([^'")]+)/g)) {
            if (foreign(new URL(m[1], sheet.href ?? document.baseURI).href)) {
              out.push(`url(${m[1]}) in ${sheet.href ?? 'inline style'}`);
            }
          }
          if (rule.cssRules) visit(rule.cssRules);
        }
      };
      visit(rules);
    }
    return out;
  });
  return refs.map((r) => ({ message: `references a foreign resource: ${r}` }));
}
