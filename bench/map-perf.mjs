// The map's speed in Debian's Chromium (playwright-core, no browser download): time to the
// first parcels drawn, and frame times while panning at a few zooms, against a running API.
//   cd bench && npm ci && node map-perf.mjs http://127.0.0.1:5091 [runs]
// With more than 20,000 parcels the page draws vector tiles below z17 and GeoJSON from z17
// (web/js/parcels.js); the figures say which mode ran. Results: one JSON line per run and a
// table (medians over runs) on stdout.
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:5091';
const runs = Number(process.argv[3] ?? 3);
// MODE=slider: only the year slider's repaint (issue 17 §3), at the whole-zone view (zoom 12).
const SLIDER_ONLY = process.env.MODE === 'slider';
const ZOOMS = SLIDER_ONLY ? [] : [12, 14, 16, 17, 18];
const YEARS = ['2014', '2018', '2010', '2022', '2016'];
const PAN_STEPS = 12; // animated pans of 150 px, one after another
const CENTRE = [27.86, 120.84]; // Leaflet order (lat, lon): the middle of 滨海园区

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run'];

function quantile(values, q) {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

const median = (xs) => quantile(xs, 0.5);

async function oneRun(browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/`);
  // First draw: the first parcel tile painted (tiles) or every parcel added (features), from navigation start.
  const first = await page.evaluate(async () => {
    const lm = window.landmap;
    await lm.ready;
    const tiles = lm.parcels.tiles;
    if (tiles && tiles.stats.firstDraw == null) await new Promise((r) => tiles.once('firstdraw', r));
    return { mode: lm.parcels.mode, total: lm.parcels.total, firstDrawMs: tiles ? tiles.stats.firstDraw : performance.now() };
  });
  const result = { ...first, zooms: {}, errors };
  // The year slider: from the change until the busy sign is down and a frame is painted after it.
  await page.evaluate(async (centre) => {
    window.landmap.map.setView(centre, 12, { animate: false });
    window.landmap.showTab('tab-filters');
    await window.landmap.parcels.tiles?.idle();
  }, CENTRE);
  result.slider = [];
  for (const year of YEARS) {
    result.slider.push(await page.evaluate(async (year) => {
      const slider = document.querySelector('[data-testid=filter-year]');
      const started = performance.now();
      slider.value = year;
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      slider.dispatchEvent(new Event('change', { bubbles: true }));
      const sign = () => document.querySelector('[data-testid=map-busy]');
      await new Promise((resolve) => {
        const check = () => (sign() && sign().hidden ? resolve() : setTimeout(check, 5));
        check();
      });
      await new Promise((r) => requestAnimationFrame(() => r()));
      return performance.now() - started;
    }, year));
  }
  for (const z of ZOOMS) {
    result.zooms[z] = await page.evaluate(async ({ z, centre, steps }) => {
      const lm = window.landmap;
      const map = lm.map;
      // Wait until the view's data is drawn: tiles loaded, or the detail GeoJSON loaded.
      const idle = async () => {
        await new Promise((r) => setTimeout(r, 50));
        const tiles = lm.parcels.tiles;
        if (tiles && map.getZoom() < 17 && tiles.isLoading()) await new Promise((r) => tiles.once('load', r));
        await lm.parcels.loading;
      };
      const t0 = performance.now();
      map.setView(centre, z, { animate: false });
      await idle();
      const settleMs = performance.now() - t0;
      const frames = [];
      let last = performance.now();
      let running = true;
      const tick = (now) => { frames.push(now - last); last = now; if (running) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
      const p0 = performance.now();
      for (let i = 0; i < steps; i++) {
        const dx = (i % 4 < 2 ? 1 : -1) * 150;
        map.panBy([dx, (i % 2 ? 60 : -60)], { animate: true, duration: 0.25 });
        await new Promise((r) => map.once('moveend', r));
      }
      running = false;
      const panMs = performance.now() - p0;
      const t1 = performance.now();
      await idle();
      const afterPanMs = performance.now() - t1;
      const drawn = lm.parcels.mode === 'tiles' && z < 17 ? lm.parcels.tiles.stats.features : lm.layers.parcels.getLayers().length;
      return { settleMs, panMs, afterPanMs, frames: frames.slice(1), drawn };
    }, { z, centre: CENTRE, steps: PAN_STEPS });
  }
  await context.close();
  return result;
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS });
const all = [];
for (let i = 0; i < runs; i++) {
  const r = await oneRun(browser);
  const summary = { run: i + 1, mode: r.mode, total: r.total, firstDrawMs: Math.round(r.firstDrawMs), errors: r.errors.length,
    sliderMs: r.slider.map(Math.round), zooms: {} };
  for (const [z, v] of Object.entries(r.zooms)) {
    summary.zooms[z] = {
      settleMs: Math.round(v.settleMs), afterPanMs: Math.round(v.afterPanMs), frames: v.frames.length,
      p50: +quantile(v.frames, 0.5).toFixed(1), p95: +quantile(v.frames, 0.95).toFixed(1), max: +Math.max(...v.frames).toFixed(1),
      over50: v.frames.filter((f) => f > 50).length, drawn: v.drawn,
    };
  }
  console.log(JSON.stringify(summary));
  all.push(summary);
}
await browser.close();

console.log(`\n${all[0].mode} mode, ${all[0].total} parcels, ${runs} runs (medians)`);
console.log(`first parcels drawn: ${median(all.map((r) => r.firstDrawMs))} ms after navigation start`);
const slides = all.flatMap((r) => r.sliderMs);
console.log(`year slider repaint (${YEARS.join(', ')}; change -> busy sign down + a frame): median ${median(slides)} ms, max ${Math.max(...slides)} ms`);
console.log('| zoom | view drawn (ms) | frame p50 (ms) | frame p95 (ms) | frame max (ms) | frames > 50 ms | redrawn after pan (ms) |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const z of ZOOMS) {
  const v = all.map((r) => r.zooms[z]);
  const m = (k) => median(v.map((x) => x[k]));
  console.log(`| ${z} | ${m('settleMs')} | ${m('p50')} | ${m('p95')} | ${m('max')} | ${m('over50')} of ${m('frames')} | ${m('afterPanMs')} |`);
}
