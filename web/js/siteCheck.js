// The site-check tool (tab 工具): draw a site (the tools' Sketch), upload one (GeoJSON or WKT, in a
// chosen CRS), or click a parcel; POST /api/site-check (a parcel by ?code=, with its own figures) and
// show the answer in the side panel (siteResult.js): the verdict per rule, the plan zones with their
// shares, control lines with the area encroached, protected areas, overlapping parcels, and the plan's
// figures beside the site's. The page judges nothing: every verdict is the server's. Esc cancels a
// drawing or a pick; the checked site stays drawn until cleared.
import './planTexts.js';
import { Sketch } from './sketch.js';
import { toolState } from './tools.js';
import { parcelsAt } from './api.js';
import { siteCheck } from './planApi.js';
import { siteFromText } from './planModel.js';
import { showSiteResult, hideSiteResult } from './siteResult.js';
import { LAND_USE_BY_EDITION, LAND_USE_EDITIONS } from './vocabulary.js';
import { view } from './store.js';
import { close as closeSidePanel } from './sidePanel.js';
import { t, label, onLangChange } from './i18n.js';

const L = window.L;
const CRS_CHOICES = ['', 'EPSG:4490', 'EPSG:4549', 'EPSG:4527', 'EPSG:3857'];

export const siteState = {
  /** 'draw' | 'pick' while the tool waits for the map, else null. */
  mode: /** @type {string | null} */ (null),
  sketch: /** @type {Sketch | null} */ (null),
  /** The last answer, the site's parcel (by ?code=), and the last request under way. */
  answer: null, parcel: null, geometry: null, run: /** @type {Promise<unknown>} */ (Promise.resolve()), error: '',
};
let map;
let box;
let site; // the checked site, drawn until cleared
let onPick = null;

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

function button(key, testid, onClick) {
  const b = el('button', { type: 'button', textContent: t(key) });
  b.dataset.testid = testid;
  b.addEventListener('click', onClick);
  return b;
}

/** The GB 50137 edition's stored name (its alias is gb50137) and codes, for the proposed use. */
function planEdition() {
  return LAND_USE_EDITIONS.find((e) => e.alias === 'gb50137')?.edition ?? 'GB 50137-2011';
}

const inputs = {};

/** The proposal the form holds: the use and the indicators (percent fields sent as fractions). */
function proposal() {
  const body = {};
  if (inputs.use?.value) Object.assign(body, { proposedUse: inputs.use.value, proposedUseEdition: 'gb50137' });
  const number = (input, scale = 1) => (input?.value === '' || input?.value == null ? null : Number(input.value) / scale);
  const plotRatio = number(inputs.plotRatio);
  const density = number(inputs.density, 100);
  const green = number(inputs.green, 100);
  if (plotRatio != null) body.plotRatio = plotRatio;
  if (density != null) body.buildingDensity = density;
  if (green != null) body.greenRatio = green;
  if (view.year != null) body.date = `${view.year}-12-31`;
  return body;
}

function setStatus(text, error = false) {
  const status = box.querySelector('[data-testid=site-status]');
  status.textContent = text;
  status.className = error ? 'lm-error' : 'lm-note';
}

/** Draw the checked site (GeoJSON in CRS84) until cleared. */
function drawSite(geometry) {
  site.clearLayers();
  if (geometry) site.addData(geometry);
}

/** Ask the server, then show its answer; the request is the one under way until it resolves. */
function check(body, code = null, parcel = null) {
  closeSidePanel();
  setStatus(t('siteChecking'));
  siteState.error = '';
  siteState.run = siteCheck(body, code).then((answer) => {
    siteState.answer = answer;
    siteState.parcel = parcel;
    setStatus('');
    showSiteResult(answer, { code, parcel, proposal: body, clear });
    return answer;
  }, (error) => {
    siteState.error = error.message;
    setStatus(t('siteFailed', { message: error.message }), true);
    return null;
  });
  return siteState.run;
}

/** Stop waiting for the map (a sketch cancelled, a pick abandoned). */
function stopWaiting() {
  if (siteState.sketch) siteState.sketch.cancel();
  if (onPick) {
    map.off('click', onPick);
    onPick = null;
    map.getContainer().classList.remove('lm-sketching');
  }
  siteState.mode = null;
  renderBar();
}

/** Draw a site with the tools' Sketch; finished, it is checked with the form's proposal. */
export function startDraw() {
  stopWaiting();
  toolState.sketch?.cancel(); // one drawing at a time: the measure and query tools' too
  const sketch = new Sketch(map, 'polygon');
  siteState.sketch = sketch;
  siteState.mode = 'draw';
  renderBar();
  return sketch.done.then((done) => {
    siteState.sketch = null;
    siteState.mode = null;
    renderBar();
    if (!done) return null; // cancelled (Esc, the button)
    done.remove();
    if (done.points.length < 3) return null;
    const geometry = done.geometry();
    siteState.geometry = geometry;
    drawSite(geometry);
    return check({ geometry, ...proposal() });
  });
}

/** Check a parcel clicked on the map (asked of the server where it was clicked, in either mode). */
export function startPick() {
  stopWaiting();
  toolState.sketch?.cancel();
  siteState.mode = 'pick';
  // As while sketching: the features ignore the pointer, so the click reaches the map.
  map.getContainer().classList.add('lm-sketching');
  renderBar();
  return new Promise((resolve) => {
    onPick = async (e) => {
      stopWaiting();
      // Leaflet's latlng is (lat, lng); the API wants [lon, lat].
      const found = await parcelsAt(e.latlng.lng, e.latlng.lat);
      const parcel = found.features[0];
      if (!parcel) {
        setStatus(t('siteNoParcel'));
        resolve(null);
        return;
      }
      drawSite(parcel.geometry);
      resolve(await checkParcel(parcel));
    };
    map.on('click', onPick);
  });
}

/** Check a stored parcel (its GeoJSON feature) by code, with its own figures. */
export function checkParcel(parcel) {
  drawSite(parcel.geometry);
  return check(view.year != null ? { date: `${view.year}-12-31` } : {}, parcel.properties.code, parcel);
}

/** Check a site given as a file's text (GeoJSON or WKT) in the chosen CRS. */
export function checkText(text) {
  let parsed;
  try {
    parsed = siteFromText(text);
  } catch (error) {
    setStatus(t('siteFailed', { message: error.message }), true);
    return Promise.resolve(null);
  }
  const crs = inputs.crs?.value || null;
  // Drawn only when it is GeoJSON in lon/lat: the page does not reproject.
  drawSite(parsed.geometry && !crs ? parsed.geometry : null);
  return check({ ...parsed, ...(crs ? { crs } : {}), ...proposal() });
}

/** Clear the result: the drawn site, the panel, a drawing or pick under way. */
export function clear() {
  stopWaiting();
  site.clearLayers();
  siteState.answer = null;
  siteState.parcel = null;
  hideSiteResult();
  setStatus('');
}

function renderBar() {
  const bar = box?.querySelector('.lm-site-bar');
  if (!bar) return;
  bar.replaceChildren();
  if (siteState.mode === 'draw') {
    const sketch = siteState.sketch;
    bar.append(el('p', { className: 'lm-note', textContent: t('siteDrawHint') }),
      button('addCentre', 'site-add-centre', () => sketch.addCentre()), button('finish', 'site-finish', () => sketch.finish()),
      button('cancel', 'site-cancel', stopWaiting));
  } else if (siteState.mode === 'pick') {
    bar.append(el('p', { className: 'lm-note', textContent: t('sitePickHint') }), button('cancel', 'site-cancel', stopWaiting));
  }
}

function numberField(key, testid, attrs) {
  const input = el('input', { type: 'number', ...attrs });
  input.dataset.testid = testid;
  return [input, el('label', { className: 'lm-field' }, el('span', { textContent: t(key) }), input)];
}

function render() {
  const kept = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, v.value]));
  box.replaceChildren();
  const title = el('h3', { textContent: t('siteCheck') });
  const row = el('div', { className: 'lm-toolbar' }, button('siteDraw', 'site-draw', () => { siteState.run = startDraw(); }),
    button('sitePick', 'site-pick', () => { siteState.run = startPick(); }), button('siteClear', 'site-clear', clear));

  inputs.use = el('select');
  inputs.use.dataset.testid = 'site-use';
  inputs.use.append(el('option', { value: '', textContent: t('proposedNone') }));
  for (const [code, entry] of Object.entries(LAND_USE_BY_EDITION[planEdition()] ?? {})) {
    inputs.use.append(el('option', { value: code, textContent: `${code} ${label(entry)}` }));
  }
  const [plotRatio, plotRatioField] = numberField('plotRatio', 'site-plot-ratio', { min: '0', step: '0.1' });
  const [density, densityField] = numberField('buildingDensity', 'site-density', { min: '0', max: '100', step: '1', placeholder: '%' });
  const [green, greenField] = numberField('greenRatio', 'site-green', { min: '0', max: '100', step: '1', placeholder: '%' });
  Object.assign(inputs, { plotRatio, density, green });
  densityField.querySelector('span').textContent = `${t('buildingDensity')}（%）`;
  greenField.querySelector('span').textContent = `${t('greenRatio')}（%）`;

  inputs.crs = el('select');
  inputs.crs.dataset.testid = 'site-crs';
  for (const crs of CRS_CHOICES) inputs.crs.append(el('option', { value: crs, textContent: crs || t('siteCrsDefault') }));
  const file = el('input', { type: 'file', accept: '.geojson,.json,.wkt,.txt' });
  file.dataset.testid = 'site-file';
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (chosen) siteState.run = checkText(await chosen.text());
    file.value = '';
  });
  for (const [k, v] of Object.entries(kept)) if (inputs[k]) inputs[k].value = v;

  const status = el('p', { className: 'lm-note' });
  status.dataset.testid = 'site-status';
  box.append(title, row, el('div', { className: 'lm-site-bar' }),
    el('label', { className: 'lm-field' }, el('span', { textContent: t('proposedUse') }), inputs.use),
    el('div', { className: 'lm-site-figures' }, plotRatioField, densityField, greenField),
    el('label', { className: 'lm-field' }, el('span', { textContent: t('siteFile') }), file),
    el('label', { className: 'lm-field' }, el('span', { textContent: t('siteCrs') }), inputs.crs), status);
  renderBar();
}

/** Build the tool in the tools tab. */
export function initSiteCheck(container, theMap) {
  map = theMap;
  map.createPane('lm-sitecheck').style.zIndex = '472'; // over the layers and the selection's highlight
  site = L.geoJSON(null, {
    pane: 'lm-sitecheck', interactive: false,
    style: () => ({ color: '#6A1B9A', weight: 3, dashArray: '8 4', fillColor: '#6A1B9A', fillOpacity: 0.08, className: 'lm-site' }),
  }).addTo(map);
  box = el('section', { className: 'lm-site-check' });
  box.dataset.testid = 'site-check-tool';
  container.append(box);
  render();
  onLangChange(render);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && siteState.mode) stopWaiting(); });
  return { state: siteState, startDraw, startPick, checkParcel, checkText, clear, drawn: () => site.getLayers().length };
}
