// axe-core with the WCAG 2.0/2.1 level A and AA rules. Every violation is a
// finding; "incomplete" results (axe could not decide, e.g. contrast over a
// background image) are returned as notes for a human to review.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_VERSION = require('axe-core/package.json').version;
export const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe on the loaded `page`. Returns `{ findings, notes }`, each a list of
 * `{ rule, impact, help, helpUrl, targets }`. The script is evaluated over
 * the DevTools protocol, which a page's Content-Security-Policy does not
 * restrict, so a strict CSP in the theme does not hide the page from axe.
 */
export async function axe(page, label) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(
    (tags) =>
      window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations', 'incomplete'],
      }),
    TAGS,
  );
  const shape = (r) => ({
    rule: r.id,
    impact: r.impact,
    help: r.help,
    helpUrl: r.helpUrl,
    targets: r.nodes.map((n) => ({
      target: n.target.join(' '),
      summary: (n.failureSummary || n.any?.[0]?.message || '').replace(/\s+/g, ' ').trim(),
    })),
    label,
  });
  return {
    findings: result.violations.map(shape),
    notes: result.incomplete.map(shape),
  };
}
