// Quick look at the map in Chromium: console errors, landmap.ready, a screenshot. Dev aid.
import { chromium } from 'playwright-core';
const base = process.argv[2] ?? 'http://127.0.0.1:5094';
const out = process.argv[3] ?? '/tmp/smoke.png';
const script = process.argv[4];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console', m.type(), m.text()); });
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(base + (process.env.QS ?? '/'));
console.log('ready', JSON.stringify(await page.evaluate(() => window.landmap.ready)));
await page.evaluate(() => window.landmap.settled());
if (script) console.log('script', JSON.stringify(await page.evaluate(`(${script})()`)));
await page.waitForTimeout(500);
await page.screenshot({ path: out });
await browser.close();
