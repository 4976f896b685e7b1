// Keyboard use, with real Tab and Enter key presses:
// - no positive tabindex (it breaks the order for everyone after it);
// - if anything focusable comes before <main>, the first Tab on a fresh page
//   lands on a link to <main> (the skip link), which is then fully visible;
//   Enter on it scrolls <main> into view and the next Tab continues inside
//   or after <main> (WCAG 2.4.1);
// - Tab visits elements in DOM order and reaches every focusable element
//   (2.4.3);
// - every focused element shows an indicator: an outline, box-shadow or
//   border that contrasts 3:1 with what is around it, or a background that
//   contrasts 3:1 with the background it had without focus (2.4.7, 1.4.11).

import { installHelpers } from '../inpage.mjs';


/** Findings `{ message }` for the page at `url` (loaded afresh here). */
export async function keyboard(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  await installHelpers(page);
  const findings = [];
  const setup = await page.evaluate(`(${setupPage})(${focusState})`);
  for (const el of setup.positive) findings.push({ message: `positive tabindex on ${el}` });
  if (!setup.hasMain) findings.push({ message: 'no <main> element' });

  // Walk the whole tab sequence from the top of the page and once round to
  // the first element again; the page records each focus change itself, so
  // the presses need no round trip each.
  const ended = () => page.evaluate(() => window.__kzSteps.some((s) => s.wrapped));
  let presses = 0;
  if (setup.count > 0) {
    for (; presses < setup.count + 2; presses++) await page.keyboard.press('Tab');
    // Scroll containers are focusable too, so allow for more stops than elements.
    while (presses < 2 * setup.count + 20 && !(await ended())) {
      await page.keyboard.press('Tab');
      presses++;
    }
  }
  const steps = await page.evaluate(() => window.__kzSteps);
  const end = steps.findIndex((s) => s.left || s.wrapped);
  const sequence = end < 0 ? steps : steps.slice(0, end);
  checkSequence(sequence, setup, findings);
  if (setup.count > 0 && !steps.some((s) => s.wrapped)) {
    findings.push({ message: `Tab did not come round to the first element in ${presses} presses` });
  }

  if (setup.hasMain && setup.beforeMain > 0) {
    await page.goto(url, { waitUntil: 'load' });
    await installHelpers(page);
    await page.keyboard.press('Tab');
    await checkSkipLink(page, setup.fromMain > 0, findings);
  }
  return findings;
}

/** Runs in the page: notes unfocused styles, then records every focus change. */
function setupPage(focusState) {
  const { tabbables, describe, backgroundOf } = window.__kz;
  const all = tabbables();
  // Styles without focus, to compare against once focused.
  window.__kzBase = new Map(
    all.map((el) => {
      const cs = getComputedStyle(el);
      return [el, { bg: backgroundOf(el), border: ['Top', 'Right', 'Bottom', 'Left'].map((s) => cs[`border${s}Color`]) }];
    }),
  );
  window.__kzAll = all;
  window.__kzSteps = [];
  document.addEventListener('focusin', (e) => window.__kzSteps.push(focusState(e.target)), true);
  document.addEventListener('focusout', (e) => {
    if (!e.relatedTarget) window.__kzSteps.push({ left: true });
  }, true);
  const main = document.querySelector('main, [role="main"]');
  const beforeMain = main
    ? all.filter((el) => main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING)
    : [];
  const positive = [...document.querySelectorAll('[tabindex]')].filter((el) => el.tabIndex > 0);
  return {
    count: all.length,
    hasMain: Boolean(main),
    beforeMain: beforeMain.length,
    fromMain: all.length - beforeMain.length,
    positive: positive.map(describe),
  };
}

function checkSequence(sequence, setup, findings) {
  for (const step of sequence) {
    if (!step.followsPrevious) {
      findings.push({ message: `Tab order leaves DOM order: ${step.name} comes after ${step.previous}` });
    }
    if (!step.indicator) findings.push({ message: `no visible focus indicator on ${step.name}: ${step.why}` });
    if (!step.inViewport) findings.push({ message: `focused ${step.name} is outside the viewport` });
  }
  const reached = new Set(sequence.map((s) => s.index).filter((i) => i >= 0));
  if (reached.size < setup.count) {
    findings.push({ message: `Tab reaches ${reached.size} of ${setup.count} focusable elements` });
  }
}

/** After the first Tab on a fresh page: is it a skip link that shows and works? */
async function checkSkipLink(page, focusableFromMain, findings) {
  const first = await page.evaluate(() => {
    const el = document.activeElement;
    const main = document.querySelector('main, [role="main"]');
    const hash = el?.localName === 'a' ? el.getAttribute('href') : null;
    const target = hash?.startsWith('#') ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    const r = el.getBoundingClientRect();
    return {
      name: window.__kz.describe(el),
      hash,
      targetsMain: Boolean(target && (target === main || target.contains(main) || main.contains(target))),
      visible: r.width > 1 && r.height > 1 && r.top >= 0 && r.left >= 0 &&
        r.bottom <= innerHeight && r.right <= document.documentElement.clientWidth,
    };
  });
  if (!first.targetsMain) {
    findings.push({ message: `first Tab focuses ${first.name}, not a skip link to <main>` });
    return;
  }
  if (!first.visible) findings.push({ message: `skip link ${first.name} is not fully visible when focused` });
  await page.keyboard.press('Enter');
  await page.waitForFunction((hash) => location.hash === hash, first.hash, { timeout: 2000 }).catch(() => {});
  await page.keyboard.press('Tab');
  const after = await page.evaluate((hash) => {
    const main = document.querySelector('main, [role="main"]');
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    const r = target.getBoundingClientRect();
    const el = document.activeElement;
    return {
      hash: location.hash,
      inView: r.top < innerHeight && r.bottom > 0,
      next: window.__kz.describe(el),
      nextAfterMain: main === el || main.contains(el) ||
        Boolean(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING),
    };
  }, first.hash);
  if (after.hash !== first.hash) findings.push({ message: `Enter on the skip link did not go to ${first.hash}` });
  if (!after.inView) findings.push({ message: `after the skip link, ${first.hash} is not in view` });
  // With nothing focusable in or after <main>, Tab rightly leaves the page.
  if (focusableFromMain && !after.nextAfterMain) {
    findings.push({ message: `after the skip link, Tab goes to ${after.next}, before <main>` });
  }
}

/** Runs in the page when `el` gets focus: what is it, and does its focus show? */
function focusState(el) {
  const { describe, backgroundOf, contrast, parseColor } = window.__kz;
  if (el === window.__kzFirst) return { wrapped: true };
  window.__kzFirst ??= el;
  const prev = window.__kzPrev;
  window.__kzPrev = el;
  // Scroll containers are focusable too (Chromium makes them so), hence -1 is
  // allowed: what matters is that each step moves forward in the document.
  const index = window.__kzAll.indexOf(el);
  const followsPrevious = !prev || Boolean(prev.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  const name = describe(el);
  const r = el.getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  const inViewport = r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < width;
  const base = window.__kzBase.get(el);
  const cs = getComputedStyle(el);
  const around = el.parentElement ? backgroundOf(el.parentElement) : [255, 255, 255, 1];
  const reasons = [];
  let indicator = false;
  const outlineWidth = parseFloat(cs.outlineWidth);
  if (cs.outlineStyle !== 'none' && outlineWidth >= 1) {
    const c = parseColor(cs.outlineColor);
    const ratio = c ? contrast(c, around) : 0;
    if (ratio >= 3) indicator = true;
    else reasons.push(`outline ${cs.outlineColor} has ${ratio.toFixed(2)}:1 against its surroundings`);
  }
  if (!indicator && cs.boxShadow !== 'none') {
    const c = parseColor(cs.boxShadow);
    const ratio = c ? contrast(c, around) : 0;
    if (ratio >= 3) indicator = true;
    else reasons.push(`box-shadow ${cs.boxShadow} has ${ratio.toFixed(2)}:1 against its surroundings`);
  }
  if (!indicator && base) {
    const sides = ['Top', 'Right', 'Bottom', 'Left'];
    sides.forEach((s, i) => {
      if (indicator || cs[`border${s}Color`] === base.border[i] || parseFloat(cs[`border${s}Width`]) < 2) return;
      const c = parseColor(cs[`border${s}Color`]);
      const ratio = c ? contrast(c, around) : 0;
      if (ratio >= 3) indicator = true;
      else reasons.push(`border-${s.toLowerCase()} ${cs[`border${s}Color`]} has ${ratio.toFixed(2)}:1`);
    });
    const bg = backgroundOf(el);
    const ratio = contrast(bg, base.bg);
    if (!indicator && ratio >= 3) indicator = true;
    else if (!indicator && ratio > 1) reasons.push(`background changes only ${ratio.toFixed(2)}:1`);
  }
  if (!reasons.length) reasons.push('no outline, box-shadow, border or background change');
  return {
    index, name, indicator, inViewport, followsPrevious,
    previous: prev ? describe(prev) : null,
    why: reasons.join('; '),
  };
}
