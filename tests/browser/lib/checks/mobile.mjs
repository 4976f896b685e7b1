// The header on phones and tablets (issue 19): what a reader sees first must
// be the page, not the site's furniture, and the furniture must be laid out
// on purpose. At each width of WIDTHS, on the page as loaded:
// - at the phone width the `h1` starts in the top quarter of the first
//   screen;
// - the search link and the language switch share one row with aligned
//   baselines, and the switch's languages do not wrap apart;
// - nothing in the header or the breadcrumbs sticks out of the viewport, and
//   the page does not scroll sideways;
// - every link in the header and the breadcrumbs is a target of at least
//   24 × 24 CSS px, or far enough from the others (WCAG 2.5.8);
// - the main navigation wraps evenly: no item alone on its last row while
//   another row holds three or more;
// - no breadcrumb line ends with a separator, and separators drawn by CSS
//   are not read out (their alternative text is empty).
// The theme's parts are found by its classes: `.search-link`, `.lang-switch`,
// `.main-nav`, `.breadcrumbs`; a page without one is not judged on it.

/** The widths judged; the first screen is `HEIGHT` high. `phone` is where the `h1` is measured. */
export const WIDTHS = [320, 375, 768];
export const HEIGHT = 812;
const PHONE = 375;

/** Findings `{ message }` for `url`, loaded in `page` at each of WIDTHS. */
export async function mobile(page, url, installHelpers) {
  const out = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: HEIGHT });
    await page.goto(url, { waitUntil: 'load' });
    await installHelpers(page);
    const found = await page.evaluate(measure, { phone: width === PHONE });
    for (const message of found) out.push({ message: `at ${width} px: ${message}` });
  }
  return out;
}

/** Runs in the page: the problems of the layout at the current width. */
function measure({ phone }) {
  const { describe, rendered, visuallyHidden } = window.__kz;
  const out = [];
  const width = document.documentElement.clientWidth;
  const shown = (el) => el && rendered(el) && !visuallyHidden(el);
  const box = (el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top + window.scrollY, bottom: r.bottom + window.scrollY, left: r.left, right: r.right };
  };
  const px = (n) => `${Math.round(n)} px`;

  // The h1 in the top quarter of the first screen.
  const h1 = document.querySelector('h1');
  if (phone && shown(h1)) {
    const top = box(h1).top;
    const limit = window.innerHeight / 4;
    if (top >= limit) {
      out.push(`the h1 starts at ${px(top)}, below the top quarter (${px(limit)}) of a ${width} × ${window.innerHeight} px screen`);
    }
  }

  // Search and the language switch: one row, one baseline.
  const search = document.querySelector('.search-link a');
  const switcher = document.querySelector('.lang-switch');
  if (shown(search) && shown(switcher)) {
    const items = [...switcher.querySelectorAll('a, [aria-current]')].filter(shown);
    const rows = new Set(items.map((el) => Math.round(box(el).top)));
    if (rows.size > 1) out.push(`the language switch wraps onto ${rows.size} rows`);
    const a = box(search);
    const b = box(switcher);
    if (Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) <= 0) {
      out.push(`the search link (${px(a.top)}…${px(a.bottom)}) and the language switch (${px(b.top)}…${px(b.bottom)}) are not on one row`);
    } else if (items.length) {
      const gap = Math.abs(baseline(search) - baseline(items[0]));
      if (gap > 1.5) out.push(`the search link's text sits ${px(gap)} off the language switch's`);
    }
  }

  // Nothing sideways.
  const root = document.documentElement;
  if (root.scrollWidth > width) out.push(`scrolls horizontally: content is ${root.scrollWidth} px wide in a ${width} px viewport`);
  const furniture = [...document.querySelectorAll('body > header, .breadcrumbs')];
  for (const part of furniture) {
    for (const el of [part, ...part.querySelectorAll('*')]) {
      if (!shown(el) || el.classList.contains('skip-link')) continue;
      const r = el.getBoundingClientRect();
      if (r.width && (r.right > width + 0.5 || r.left < -0.5)) {
        out.push(`${describe(el)} sticks out of the viewport (${px(r.left)}…${px(r.right)} of ${width})`);
        break;
      }
    }
  }

  // Target size (WCAG 2.5.8): 24 × 24, or a 24 px circle on its centre that
  // meets no other target and no other small target's circle.
  const targets = furniture.flatMap((part) => [...part.querySelectorAll('a[href]')]).filter(shown);
  const rects = targets.map((el) => el.getBoundingClientRect());
  const small = rects.map((r) => r.width < 24 || r.height < 24);
  const centre = (r) => [(r.left + r.right) / 2, (r.top + r.bottom) / 2];
  const distance = ([x, y], r) => Math.hypot(Math.max(r.left - x, 0, x - r.right), Math.max(r.top - y, 0, y - r.bottom));
  targets.forEach((el, i) => {
    if (!small[i]) return;
    const c = centre(rects[i]);
    const crowded = rects.some((r, j) => {
      if (j === i) return false;
      if (distance(c, r) < 12) return true;
      const [x, y] = centre(r);
      return small[j] && Math.hypot(x - c[0], y - c[1]) < 24;
    });
    if (crowded) {
      out.push(`${describe(el)} is a ${px(rects[i].width)} × ${px(rects[i].height)} target, too close to the next one (WCAG 2.5.8 asks 24 × 24)`);
    }
  });

  // The navigation wraps evenly.
  const navItems = [...document.querySelectorAll('.main-nav li')].filter(shown);
  const navRows = rowsOf(navItems);
  if (navRows.length > 1 && navRows.at(-1) === 1 && navRows.some((n) => n >= 3)) {
    out.push(`the navigation leaves ${describe(navItems.at(-1))} alone on its last row (rows of ${navRows.join(', ')} items)`);
  }

  // Breadcrumbs: a separator opens an item, never ends a line, and is silent.
  const crumbs = [...document.querySelectorAll('.breadcrumbs li')].filter(shown);
  crumbs.forEach((li, i) => {
    for (const pseudo of ['::before', '::after']) {
      const content = getComputedStyle(li, pseudo).content;
      if (!content || content === 'none' || content === 'normal') continue;
      const sep = content.replace(/\s*\/.*$/, '');
      if (!/\/\s*""\s*$/.test(content) && !li.closest('[aria-hidden="true"]')) {
        out.push(`the breadcrumb separator ${sep} of ${describe(li)} is read out (give it the alternative text "")`);
      }
      const text = li.firstElementChild ?? li;
      const lines = text.getClientRects();
      if (!lines.length) continue;
      if (pseudo === '::after' && crumbs[i + 1]) {
        const next = crumbs[i + 1].getClientRects()[0];
        if (next && next.top >= lines[lines.length - 1].bottom - 1) {
          out.push(`a breadcrumb line ends with the separator ${sep} after ${describe(li)}`);
        }
      }
      if (pseudo === '::before') {
        const start = li.getClientRects()[0];
        if (lines[0].top >= start.top + lines[0].height / 2) {
          out.push(`a breadcrumb line ends with the separator ${sep} before ${describe(li)}`);
        }
      }
    }
  });
  return out;

  /**
   * Where `el`'s first line of text ends at the bottom: the text's own box,
   * which sits on the baseline at a fixed depth for a given font and size.
   */
  function baseline(el) {
    const range = document.createRange();
    range.selectNodeContents(el);
    const first = range.getClientRects()[0] ?? el.getBoundingClientRect();
    return first.bottom + window.scrollY;
  }

  /** How many of `els` sit on each row, top to bottom. */
  function rowsOf(els) {
    const rows = [];
    let last = null;
    for (const el of els) {
      const top = el.getBoundingClientRect().top;
      if (last === null || top > last + 2) rows.push(0);
      rows[rows.length - 1] += 1;
      last = top;
    }
    return rows;
  }
}
