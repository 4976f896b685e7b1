// Helpers that run inside the page. `install` is serialised by playwright
// (so it must not close over anything) and defines `window.__kz`; the checks
// call it from their own `page.evaluate` callbacks.

/** Installs `window.__kz` in `page` (idempotent). */
export async function installHelpers(page) {
  await page.evaluate(install);
}

function install() {
  if (window.__kz) return;

  /** A short, readable name for an element: `a.skip-link "Zum Inhalt"`. */
  function describe(el) {
    if (!el || el.nodeType !== 1) return String(el);
    let name = el.localName;
    if (el.id) name += `#${el.id}`;
    for (const c of el.classList) name += `.${c}`;
    const text = (el.innerText || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim();
    return text ? `${name} "${text.length > 50 ? `${text.slice(0, 47)}…` : text}"` : name;
  }

  /** `rgb(…)`/`rgba(…)` → `[r, g, b, a]`, or null (`transparent` → alpha 0). */
  function parseColor(value) {
    const m = /rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/.exec(value || '');
    if (!m) return null;
    let a = m[4] === undefined ? 1 : parseFloat(m[4]);
    if (m[4]?.endsWith('%')) a /= 100;
    return [+m[1], +m[2], +m[3], a];
  }

  function blend(top, bottom) {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  }

  /** The opaque colour painted behind `el`: its own and its ancestors' backgrounds, over white. */
  function backgroundOf(el) {
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const c = parseColor(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) {
        layers.push(c);
        if (c[3] >= 1) break;
      }
    }
    let color = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) color = blend(layers[i], color);
    return color;
  }

  function luminance([r, g, b]) {
    const lin = (v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  }

  /** WCAG contrast ratio of two colours (a translucent first one is blended over the second). */
  function contrast(fg, bg) {
    const f = fg[3] < 1 ? blend(fg, bg) : fg;
    const [hi, lo] = [luminance(f), luminance(bg)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }

  /** Rendered at all: not display:none/visibility:hidden, with a box. */
  function rendered(el) {
    if (!el.getClientRects().length) return false;
    const cs = getComputedStyle(el);
    return cs.visibility !== 'hidden' && cs.visibility !== 'collapse';
  }

  /** The "visually hidden" pattern: a 1×1 px clipped box kept for screen readers. */
  function visuallyHidden(el) {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const cs = getComputedStyle(e);
      const r = e.getBoundingClientRect();
      const clipped = cs.clip !== 'auto' || (cs.clipPath !== 'none' && cs.clipPath !== '');
      if (clipped && r.width <= 1 && r.height <= 1) return true;
    }
    return false;
  }

  /** Elements the Tab key can reach, in DOM order (per HTML's sequential focus rules, simplified). */
  function tabbables() {
    const sel = [
      'a[href]', 'area[href]', 'button', 'input:not([type="hidden"])', 'select', 'textarea',
      'iframe', 'summary', '[contenteditable]:not([contenteditable="false"])', '[tabindex]',
      'audio[controls]', 'video[controls]',
    ].join(',');
    return [...document.querySelectorAll(sel)].filter((el) => {
      if (el.tabIndex < 0 || el.disabled || el.closest('[inert]')) return false;
      if (el.localName === 'summary' && el.parentElement?.querySelector('summary') !== el) return false;
      return rendered(el);
    });
  }

  window.__kz = { describe, parseColor, backgroundOf, contrast, rendered, visuallyHidden, tabbables };
}
