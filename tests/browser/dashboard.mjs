// Drives Debian's Chromium through playwright-core against `backfill serve`
// while a real backfill fills the database (tests/browser/dashboard_browser_test.cpp
// starts everything and holds the backfill until this script says ADVANCE).
//   node dashboard.mjs URL SCREENSHOT_PATH
// Exit 0 when every check holds; 1 with the failed check on stderr.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require(process.env.BACKFILL_PLAYWRIGHT_CORE);
const [url, screenshot] = process.argv.slice(2);
const payload = process.env.BACKFILL_XSS_PAYLOAD;

function check(condition, what) {
  if (!condition) throw new Error('check failed: ' + what);
}

const rowOf = name => `#backfills tbody tr[data-repository="${name}"]`;
const scopeRowOf = (name, scope) =>
  `#scopes tbody tr[data-repository="${name}"][data-scope="${scope}"]`;
const countOf = async (page, row) => {
  const text = await page.textContent(row + ' td[data-col="progress"] .count');
  return Number(text.split('/')[0].replace(/,/g, '').trim());
};
const processedOf = (page, name) => countOf(page, rowOf(name));
const waitForMore = (page, row, n) => page.waitForFunction(([sel, before]) => {
  const text = document.querySelector(sel)?.textContent || '';
  return Number(text.split('/')[0].replace(/,/g, '').trim()) > before;
}, [row + ' td[data-col="progress"] .count', n], { timeout: 10000 });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless=new'],
});
const errors = [];
let status = 0;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 640 } });
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text() + ' (' + m.location().url + ')'); });
  page.on('pageerror', e => errors.push(String(e)));
  await page.goto(url + '/');
  await page.waitForSelector('#live.on', { timeout: 10000 });
  for (const name of ['octo/live', 'octo/done', 'octo/broken']) {
    check(await page.$(rowOf(name)), 'the page lists ' + name);
  }
  const before = await processedOf(page, 'octo/live');
  check(before > 0, 'the running backfill has stored something: ' + before);
  check((await page.textContent(rowOf('octo/live') + ' td[data-col="status"]')).trim() === 'in_progress',
        'octo/live is in_progress');
  const width = await page.$eval(rowOf('octo/live') + ' .fill', e => e.style.width);
  // The depth backfill has a row of its own, per repository and scope.
  const deepRow = scopeRowOf('octo/deep', 'details');
  check(await page.isVisible('#scopes-section'), 'the depth scopes are shown');
  check(await page.$(deepRow), 'the page lists the details scope of octo/deep');
  const deepBefore = await countOf(page, deepRow);
  check(deepBefore > 0, 'the depth backfill has passed some PRs: ' + deepBefore);
  check((await page.textContent(deepRow + ' td[data-col="status"]')).trim() === 'in_progress',
        'the details scope is in_progress');
  const pointsBefore = Number((await page.textContent(deepRow + ' td[data-col="points"]')).replace(/,/g, ''));
  check(pointsBefore > 0, 'points used are shown: ' + pointsBefore);

  // The backfill goes on (the test releases it); the page follows, no reload.
  const navigations = [];
  page.on('framenavigated', f => { if (f === page.mainFrame()) navigations.push(f.url()); });
  console.error('ADVANCE ' + before);
  const released = Date.now();
  await waitForMore(page, rowOf('octo/live'), before);
  console.error('advanced after ' + (Date.now() - released) + ' ms');
  await waitForMore(page, deepRow, deepBefore);
  for (const row of [rowOf('octo/live'), deepRow]) {
    await page.waitForFunction(sel => document.querySelector(sel)?.textContent.trim() === 'completed',
                               row + ' td[data-col="status"]', { timeout: 15000 });
  }
  check(await countOf(page, deepRow) === 120, 'the details scope passed every PR');
  check(navigations.length === 0, 'no reload: ' + navigations.join(', '));
  check(await page.$eval(rowOf('octo/live') + ' .fill', e => e.style.width) !== width,
        'the bar moved');

  // The error is text, nothing of it ran.
  check(await page.textContent(rowOf('octo/broken') + ' td[data-col="error"]') === payload,
        'last_error shows as text');
  check(await page.$$eval('#backfills tbody script, #backfills tbody img', e => e.length) === 0,
        'no element came out of last_error');
  check(await page.evaluate(() => window.__xss === undefined), 'the payload did not run');
  // So is a depth scope's.
  check(await page.textContent(scopeRowOf('octo/broken', 'details') + ' td[data-col="error"]') === payload,
        "the scope's last_error shows as text");
  check(await page.$$eval('#scopes tbody script, #scopes tbody img', e => e.length) === 0,
        "no element came out of the scope's last_error");

  await page.screenshot({ path: screenshot });

  // Filters: text, then status.
  await page.fill('#filter', 'brok');
  check((await page.$$('#backfills tbody tr')).length === 1 && await page.$(rowOf('octo/broken')),
        'the text filter keeps octo/broken only');
  check((await page.$$('#scopes tbody tr')).length === 1 && await page.$(scopeRowOf('octo/broken', 'details')),
        "the text filter keeps octo/broken's scope only");
  await page.fill('#filter', 'details');
  check((await page.$$('#scopes tbody tr')).length === 2, 'the text filter matches a scope');
  await page.fill('#filter', '');
  await page.selectOption('#status-filter', 'completed');
  const shown = await page.$$eval('#backfills tbody td[data-col="repository"]', c => c.map(e => e.textContent));
  check(JSON.stringify(shown.sort()) === JSON.stringify(['octo/done', 'octo/live']),
        'the status filter keeps the completed ones: ' + shown);
  await page.selectOption('#status-filter', '');
  check((await page.$$('#backfills tbody tr')).length === 4, 'every row is back');
  check((await page.$$('#scopes tbody tr')).length === 2, 'the scope rows are back');
  // Sorting by progress, then back.
  await page.click('#backfills th[data-sort="progress"]');
  const sorted = await page.$$eval('#backfills tbody td[data-col="repository"]', c => c.map(e => e.textContent));
  check(sorted[0] === 'octo/deep' && sorted[1] === 'octo/broken',
        'sorted by progress, least first (octo/deep never ran its list): ' + sorted);
  await page.click('#scopes th[data-sort="points"]');
  check(await page.$eval('#scopes th[data-sort="points"]', e => e.classList.contains('sorted-asc')),
        'the scopes sort by their own columns');

  // One repository: its chart.
  await page.click(rowOf('octo/live') + ' td[data-col="repository"] a');
  await page.waitForSelector('svg.chart polyline');
  const points = await page.$eval('svg.chart polyline', e => e.getAttribute('points').trim().split(/\s+/).length);
  check(points >= 2, 'the chart has points: ' + points);
  const box = await page.$eval('svg.chart', e => e.getBoundingClientRect().width);
  check(box > 100, 'the chart is drawn: ' + box);
  check((await page.textContent('#cursor')).startsWith('page '), 'the cursor in words');
  // A repository with a depth scope: the scope and its chunks, with points.
  await page.goto(url + '/repos/octo/deep');
  await page.waitForSelector('#repository-scopes tr[data-scope="details"]');
  const chunkRows = await page.$$('table.scope-chunks[data-scope="details"] tbody tr');
  check(chunkRows.length === 5, 'the details scope has its 5 chunks: ' + chunkRows.length);
  await page.waitForSelector('#live.on', { timeout: 10000 });
  check(errors.length === 0, 'no console errors: ' + errors.join(' | '));
  console.error('browser checks passed');
} catch (e) {
  console.error(String(e && e.stack || e));
  status = 1;
} finally {
  await browser.close();
}
process.exit(status);
