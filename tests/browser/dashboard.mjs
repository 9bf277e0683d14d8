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
const processedOf = async (page, name) => {
  const text = await page.textContent(rowOf(name) + ' td[data-col="progress"] .count');
  return Number(text.split('/')[0].replace(/,/g, '').trim());
};

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

  // The backfill goes on (the test releases it); the page follows, no reload.
  const navigations = [];
  page.on('framenavigated', f => { if (f === page.mainFrame()) navigations.push(f.url()); });
  console.error('ADVANCE ' + before);
  const released = Date.now();
  await page.waitForFunction(([sel, n]) => {
    const text = document.querySelector(sel)?.textContent || '';
    return Number(text.split('/')[0].replace(/,/g, '').trim()) > n;
  }, [rowOf('octo/live') + ' td[data-col="progress"] .count', before], { timeout: 10000 });
  console.error('advanced after ' + (Date.now() - released) + ' ms');
  await page.waitForFunction(sel => document.querySelector(sel)?.textContent.trim() === 'completed',
                             rowOf('octo/live') + ' td[data-col="status"]', { timeout: 15000 });
  check(navigations.length === 0, 'no reload: ' + navigations.join(', '));
  check(await page.$eval(rowOf('octo/live') + ' .fill', e => e.style.width) !== width,
        'the bar moved');

  // The error is text, nothing of it ran.
  check(await page.textContent(rowOf('octo/broken') + ' td[data-col="error"]') === payload,
        'last_error shows as text');
  check(await page.$$eval('#backfills tbody script, #backfills tbody img', e => e.length) === 0,
        'no element came out of last_error');
  check(await page.evaluate(() => window.__xss === undefined), 'the payload did not run');

  await page.screenshot({ path: screenshot });

  // Filters: text, then status.
  await page.fill('#filter', 'brok');
  check((await page.$$('#backfills tbody tr')).length === 1 && await page.$(rowOf('octo/broken')),
        'the text filter keeps octo/broken only');
  await page.fill('#filter', '');
  await page.selectOption('#status-filter', 'completed');
  const shown = await page.$$eval('#backfills tbody td[data-col="repository"]', c => c.map(e => e.textContent));
  check(JSON.stringify(shown.sort()) === JSON.stringify(['octo/done', 'octo/live']),
        'the status filter keeps the completed ones: ' + shown);
  await page.selectOption('#status-filter', '');
  check((await page.$$('#backfills tbody tr')).length === 3, 'every row is back');
  // Sorting by progress, then back.
  await page.click('th[data-sort="progress"]');
  const sorted = await page.$$eval('#backfills tbody td[data-col="repository"]', c => c.map(e => e.textContent));
  check(sorted[0] === 'octo/broken', 'sorted by progress, least first: ' + sorted);

  // One repository: its chart.
  await page.click(rowOf('octo/live') + ' td[data-col="repository"] a');
  await page.waitForSelector('svg.chart polyline');
  const points = await page.$eval('svg.chart polyline', e => e.getAttribute('points').trim().split(/\s+/).length);
  check(points >= 2, 'the chart has points: ' + points);
  const box = await page.$eval('svg.chart', e => e.getBoundingClientRect().width);
  check(box > 100, 'the chart is drawn: ' + box);
  check((await page.textContent('#cursor')).startsWith('page '), 'the cursor in words');
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
