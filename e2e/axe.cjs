// axe-core (npm, pinned in package-lock.json) on the page as it is now: one home for how the
// end-to-end tests run it.
const fs = require('node:fs');

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe's violations in `selector` (the whole document by default), one line per rule and
 * failing element. */
async function violations(page, selector = null) {
  // Evaluated through the DevTools protocol, so the page's CSP (scripts from the site only)
  // does not apply to it.
  await page.evaluate(AXE);
  return page.evaluate(async (selector) => {
    const root = selector ? document.querySelector(selector) : document;
    const result = await window.axe.run(root, { resultTypes: ['violations'] });
    return result.violations.flatMap((v) => v.nodes.map(
      (n) => `${v.id} (${v.impact}) ${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`));
  }, selector);
}

module.exports = { violations };
