// Reflow (WCAG 1.4.10), zoom (1.4.4) and text spacing (1.4.12): at the given
// viewport, with the given styles, the page
// must not scroll sideways, nothing may stick out of the viewport, and no
// element may cut off its own content. Content inside a scroll container
// (a wide table or code block, which 1.4.10 exempts) is not judged, but the
// container itself must fit.

/**
 * The layouts judged, with why each is the honest emulation. Each layout is
 * one page load; its checks run one after the other on it, each adding its
 * styles (if any) to what the ones before it left.
 */
export const LAYOUTS = [
  {
    // 1.4.10 names 320 CSS px: what a 1280 px wide window shows at 400 % zoom.
    options: { viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 },
    checks: [
      { name: 'reflow 320 px' },
      {
        // 1.4.12: readers who widen text spacing (the values of the
        // criterion) lose no content. Judged at 320 px, where it is hardest.
        name: 'text spacing',
        css: `* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
          p { margin-bottom: 2em !important; }`,
      },
    ],
  },
  {
    // Browser zoom is a change of the CSS-pixel size: at 200 % a 1280 × 800
    // window lays the page out in 640 × 400 CSS px at 2 device pixels per CSS
    // pixel, media queries included. That is exactly this viewport; CSS
    // `zoom: 2` would keep the 1280 px layout and media queries and so test
    // something no reader sees.
    options: { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 },
    checks: [{ name: 'zoom 200 %' }],
  },
];

/**
 * Adds `css` to the loaded page as a constructed stylesheet, which a
 * Content-Security-Policy for `<style>` does not block.
 */
export async function addStyle(page, css) {
  await page.evaluate((text) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  }, css);
}

/** Findings `{ message }` for the loaded `page`. */
export async function reflow(page) {
  const problems = await page.evaluate(() => {
    const { describe, rendered, visuallyHidden } = window.__kz;
    const out = [];
    const root = document.documentElement;
    const width = root.clientWidth;
    if (root.scrollWidth > width) {
      out.push(`scrolls horizontally: content is ${root.scrollWidth} px wide in a ${width} px viewport`);
    }
    const scrolls = (cs) => cs.overflowX === 'auto' || cs.overflowX === 'scroll';
    const reported = new Set();
    const underReported = (el) => {
      for (let e = el.parentElement; e; e = e.parentElement) if (reported.has(e)) return true;
      return false;
    };
    const inScroller = (el) => {
      for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
        if (scrolls(getComputedStyle(e))) return true;
      }
      return false;
    };
    for (const el of document.body.querySelectorAll('*')) {
      if (!rendered(el) || visuallyHidden(el) || inScroller(el) || underReported(el)) continue;
      const r = el.getBoundingClientRect();
      // Wholly above or left of the page: moved off-screen on purpose (a skip
      // link before it gets focus); the keyboard check sees it once focused.
      if (r.bottom + window.scrollY <= 0 || r.right + window.scrollX <= 0 || r.width === 0 || r.height === 0) continue;
      const cs = getComputedStyle(el);
      if (r.right > width + 0.5 || r.left < -0.5) {
        out.push(`${describe(el)} sticks out of the viewport (${Math.round(r.left)}…${Math.round(r.right)} px of ${width})`);
        reported.add(el);
      } else if ((cs.overflowX === 'hidden' || cs.overflowX === 'clip') && el.scrollWidth > el.clientWidth + 1) {
        out.push(`${describe(el)} cuts off its content (${el.scrollWidth} px in ${el.clientWidth} px)`);
        reported.add(el);
      } else if ((cs.overflowY === 'hidden' || cs.overflowY === 'clip') && el.scrollHeight > el.clientHeight + 1) {
        out.push(`${describe(el)} cuts off its content (${el.scrollHeight} px high in ${el.clientHeight} px)`);
        reported.add(el);
      }
    }
    return out;
  });
  return problems.map((message) => ({ message }));
}
