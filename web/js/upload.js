// Surveyors in the same page: sign in with the bearer token, drop a GeoJSON file, pick the
// CRS (or let the server detect it), check it (dry run: the report as a table, problem
// places drawn on the map), commit. Two progress bars: the upload (XHR upload events) and
// the processing (the async contract, 202 + GET Location, when the server offers it;
// otherwise the synchronous answer). New parcels are reloaded into the map, no page reload.
import { fitCells, stackRows } from './tables.js';
import { uploadsUrl, uploadStatus } from './api.js';
import { token, signIn, signOut } from './auth.js';
import { reloadParcels } from './parcels.js';
import { t, lang, onLangChange } from './i18n.js';
import { LAND_USE_EDITIONS, landUseEdition } from './vocabulary.js';
import { kindName, featureLabel, refusalText, roleName } from './uploadWords.js';

const L = window.L;
const CRS = ['', 'EPSG:4490', 'EPSG:4326', 'EPSG:4549', 'EPSG:4528', 'EPSG:4510', 'EPSG:4499', 'EPSG:2385', 'EPSG:2364',
  'EPSG:2437', 'EPSG:2416', 'EPSG:3857'];
const POLL_MS = 400;

// edition: the land-use classification the file's codes are read in (landUseEdition); null until the
// vocabulary is known, then the current edition, so the page always tells the server which one
// (the server refuses a code two editions give different meanings without it); '' = per feature.
// me: who the signed-in token is (GET /api/me); signInRefusal: { status, body } of a token refused at sign-in.
export const uploadState = { file: null, fileJson: null, crs: '', mode: 'create', edition: null, last: null, run: Promise.resolve(), problems: [],
  me: null, signInRefusal: null, signing: Promise.resolve() };
let box;
let map;
let problemLayer;
let previewLayer;
let framedPreview = null;
const els = {};


/**
 * POST the file with XHR (for upload progress); resolves to { status, body, location }.
 * @param {Record<string, string>} params
 * @param {{ prefer?: string }} [options]
 */
function send(params, { prefer } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', uploadsUrl(params));
    xhr.setRequestHeader('Authorization', `Bearer ${token()}`);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    if (prefer) xhr.setRequestHeader('Prefer', prefer);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) setBar(els.upBar, e.loaded / e.total); };
    xhr.upload.onload = () => { setBar(els.upBar, 1); setBar(els.procBar, null); };
    xhr.onload = () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* empty or not JSON */ }
      resolve({ status: xhr.status, body, location: xhr.getResponseHeader('Location') });
    };
    xhr.onerror = () => reject(new Error('network error'));
    const form = new FormData();
    form.append('file', uploadState.file, uploadState.file.name);
    xhr.send(form);
  });
}

/** value 0..1, or null for "working, amount unknown". */
function setBar(bar, value) {
  if (value == null) bar.removeAttribute('value'); else bar.value = value;
  bar.dataset.value = value == null ? '' : String(value);
}

/** GET /api/me with a token not yet kept: { status, body } (200: { label, role, collections }; else problem+json). */
async function checkToken(value) {
  try {
    const response = await fetch('/api/me', { cache: 'no-store', headers: { Authorization: `Bearer ${value}`, Accept: 'application/json' } });
    let body = null;
    try { body = await response.json(); } catch { /* not JSON */ }
    return { status: response.status, body };
  } catch (error) {
    return { status: 0, body: { detail: String(error.message ?? error) } };
  }
}

async function followAsync(location) {
  for (;;) {
    const status = await uploadStatus(location, token());
    if (status.percent != null) setBar(els.procBar, status.percent / 100);
    else if (status.total) setBar(els.procBar, status.processed / status.total);
    if (!['running', 'queued', 'pending', 'accepted'].includes(status.status)) return status;
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

function params(dryRun) {
  const p = { collection: 'parcels', mode: uploadState.mode, dryRun: String(dryRun) };
  if (uploadState.crs) p.crs = uploadState.crs;
  const edition = uploadState.edition ?? landUseEdition.current;
  if (edition) p.landUseEdition = edition;
  return p;
}

async function run(dryRun) {
  if (!token()) return message(t('noToken'), true);
  if (!uploadState.file) return message(t('noFile'), true);
  setBar(els.upBar, 0);
  setBar(els.procBar, 0);
  message('');
  try {
    let answer = await send(params(dryRun), { prefer: 'respond-async' });
    if (answer.status === 202 && answer.location) {
      // The job's last state stands in for the synchronous answer: the upload's record when it
      // committed (201), else { status: dry-run | refused | failed, statusCode, result }.
      const final = await followAsync(answer.location);
      answer = final.statusCode != null
        ? { status: final.statusCode, body: final.result ?? final }
        : { status: final.status === 'committed' ? 201 : 500, body: final };
    }
    setBar(els.procBar, 1);
    uploadState.last = answer;
    showAnswer(answer, dryRun);
    if (!dryRun && answer.status >= 200 && answer.status < 300) await reloadParcels();
    return answer;
  } catch (error) {
    message(t('uploadError', { message: error.message }), true);
    return { status: 0, error };
  }
}

function message(text, isError = false) {
  els.message.textContent = text;
  els.message.className = isError ? 'lm-error' : '';
}

function showAnswer(answer, dryRun) {
  const body = answer.body ?? {};
  const report = body.report ?? {};
  const counts = report.counts ?? body.counts ?? {};
  const problems = [...(report.problems ?? []), ...(report.warnings ?? [])];
  uploadState.problems = problems;
  els.status.dataset.status = String(answer.status);
  if (answer.status >= 400) {
    const { text, detail } = refusalText(answer.status, body);
    message(text, true);
    els.detail.textContent = detail ? `${t('serverSaid')}${detail}` : '';
  } else if (!dryRun) {
    message(t('committed', { id: body.id ?? '', toCreate: counts.toCreate ?? 0, toUpdate: counts.toUpdate ?? 0 }));
  } else {
    message(t('detectedCrs', { crs: body.sourceCrs ?? '' }));
  }
  els.counts.textContent = t('reportCounts', {
    read: counts.read ?? 0, valid: counts.valid ?? 0, invalid: counts.invalid ?? 0, toCreate: counts.toCreate ?? 0, toUpdate: counts.toUpdate ?? 0,
  });
  // A refusal without a report (a token, a parameter) has no problem table to show.
  if (answer.status < 400 || body.report) renderProblems(problems); else els.problems.replaceChildren();
  drawProblems(problems);
  drawPreview(answer.status < 400 && dryRun ? body.preview : null);
}

/** The width the open legend takes from the map's right side (0 when folded): the preview stays clear of it. */
function openLegendWidth() {
  const legend = document.getElementById('legend');
  return legend?.hasAttribute('open') ? legend.offsetWidth : 0;
}

/** A passing dry run: where its features would go, drawn (green dashes) and framed. */
function drawPreview(preview) {
  previewLayer.clearLayers();
  els.preview.textContent = '';
  if (!preview?.features?.length) return;
  previewLayer.addData(preview);
  const shown = preview.numberReturned ?? preview.features.length;
  const n = preview.numberMatched ?? shown;
  els.preview.textContent = t('previewShown', { n }) + (shown < n ? t('previewPart', { shown }) : '');
  // Framed once per answer, not again when the panel is redrawn (a language switch).
  if (framedPreview !== preview) map.fitBounds(previewLayer.getBounds(), { paddingTopLeft: [40, 40], paddingBottomRight: [40 + openLegendWidth(), 40], maxZoom: 18 });
  framedPreview = preview;
}

function renderProblems(problems) {
  els.problems.replaceChildren();
  if (!problems.length) {
    els.problems.textContent = t('problemsNone');
    return;
  }
  const table = document.createElement('table');
  table.className = 'lm-table';
  table.dataset.testid = 'upload-problems';
  const head = table.createTHead().insertRow();
  for (const key of ['feature', 'field', 'kind', 'message', 'where']) {
    const th = document.createElement('th');
    th.textContent = t(key);
    head.append(th);
  }
  const body = table.createTBody();
  for (const p of problems) {
    const row = body.insertRow();
    row.dataset.kind = p.kind;
    // The API's index stays 0-based (data-feature-index); people count from 1.
    row.dataset.featureIndex = p.featureIndex == null ? '' : String(p.featureIndex);
    const where = p.coordinate ? p.coordinate.map((v) => Number(v).toFixed(6)).join(', ') : '';
    for (const text of [featureLabel(p.featureIndex), p.field ?? p.code ?? '', kindName(p.kind), lang() === 'en' ? p.messageEn : p.messageZh, where]) {
      row.insertCell().textContent = String(text ?? '');
    }
    row.cells[2].title = p.kind;
  }
  els.problems.append(stackRows(fitCells(table, { wrap: [3] }))); // the message reads as prose
}

const isLonLat = (c) => Array.isArray(c) && Math.abs(c[0]) <= 180 && Math.abs(c[1]) <= 90;

/** Problem places: the bad features of the file (when it is lon/lat), the problems' points and geometries. */
function drawProblems(problems) {
  problemLayer.clearLayers();
  const bad = new Set(problems.filter((p) => p.featureIndex != null).map((p) => p.featureIndex));
  const features = uploadState.fileJson?.features ?? [];
  bad.forEach((i) => {
    const f = features[i];
    if (f?.geometry && isLonLat(firstPosition(f.geometry))) problemLayer.addData({ ...f, properties: { featureIndex: i } });
  });
  for (const p of problems) {
    if (p.geometry) problemLayer.addData({ type: 'Feature', geometry: p.geometry, properties: { featureIndex: p.featureIndex } });
    // GeoJSON [x, y] is [lon, lat]; Leaflet wants (lat, lon).
    if (isLonLat(p.coordinate)) L.circleMarker([p.coordinate[1], p.coordinate[0]], { radius: 8, color: '#C00', className: 'lm-problem' }).addTo(problemLayer);
  }
  if (problemLayer.getLayers().length) map.fitBounds(problemLayer.getBounds(), { padding: [40, 40], maxZoom: 17 });
}

function firstPosition(geometry) {
  let c = geometry.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return c;
}

async function takeFile(file) {
  uploadState.file = file;
  els.fileName.textContent = file ? `${file.name} (${file.size} B)` : '';
  try { uploadState.fileJson = JSON.parse(await file.text()); } catch { uploadState.fileJson = null; }
}

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function render() {
  box.replaceChildren();
  const signedIn = Boolean(token());
  const tokenInput = el('input', { type: 'password', autocomplete: 'off', id: 'upload-token' });
  tokenInput.dataset.testid = 'upload-token';
  const signButton = el('button', { type: 'button', textContent: signedIn ? t('signOut') : t('signIn') });
  signButton.dataset.testid = 'upload-sign';
  signButton.addEventListener('click', () => { uploadState.signing = signInOrOut(signedIn, tokenInput.value); });
  tokenInput.addEventListener('keydown', (e) => { if (e.key === 'Enter') signButton.click(); });
  const auth = el('div', { className: 'lm-auth' });
  const who = el('span', { textContent: whoText() });
  who.dataset.testid = 'upload-who';
  if (signedIn) auth.append(who, signButton);
  else auth.append(el('label', { htmlFor: 'upload-token', textContent: t('token') }), tokenInput, signButton);
  const signNote = el('p', { className: 'lm-note', textContent: signInNote() });
  signNote.dataset.testid = 'upload-signin-message';
  if (uploadState.signInRefusal) signNote.className = 'lm-error';

  const fileInput = el('input', { type: 'file', accept: '.geojson,.json,application/geo+json', id: 'upload-file' });
  fileInput.dataset.testid = 'upload-file';
  fileInput.addEventListener('change', () => takeFile(fileInput.files[0]));
  const drop = el('label', { className: 'lm-drop', htmlFor: 'upload-file', tabIndex: -1 }, el('span', { textContent: t('dropHere') }), fileInput);
  drop.dataset.testid = 'upload-drop';
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('lm-drop-over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('lm-drop-over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('lm-drop-over'); takeFile(e.dataTransfer.files[0]); });
  els.fileName = el('p', { className: 'lm-note' });
  if (uploadState.file) els.fileName.textContent = uploadState.file.name;

  const crs = el('select');
  crs.dataset.testid = 'upload-crs';
  for (const c of CRS) crs.append(el('option', { value: c, textContent: c || t('crsDetect'), selected: c === uploadState.crs }));
  crs.addEventListener('change', () => { uploadState.crs = crs.value; });
  const mode = el('select');
  mode.dataset.testid = 'upload-mode';
  for (const [v, k] of [['create', 'modeCreate'], ['upsert', 'modeUpsert']]) mode.append(el('option', { value: v, textContent: t(k), selected: v === uploadState.mode }));
  mode.addEventListener('change', () => { uploadState.mode = mode.value; });
  const edition = el('select');
  edition.dataset.testid = 'upload-edition';
  const chosen = uploadState.edition ?? landUseEdition.current;
  for (const e of LAND_USE_EDITIONS)
    edition.append(el('option', { value: e.edition, textContent: lang() === 'en' ? e.nameEn : e.nameZh, selected: e.edition === chosen }));
  edition.append(el('option', { value: '', textContent: t('editionPerFeature'), selected: chosen === '' }));
  edition.addEventListener('change', () => { uploadState.edition = edition.value; });

  const dry = el('button', { type: 'button', textContent: t('dryRun') });
  dry.dataset.testid = 'upload-dryrun';
  dry.addEventListener('click', () => { uploadState.run = run(true); });
  const commit = el('button', { type: 'button', textContent: t('commit') });
  commit.dataset.testid = 'upload-commit';
  commit.addEventListener('click', () => { uploadState.run = run(false); });

  els.upBar = el('progress', { max: 1, value: 0 });
  els.upBar.dataset.testid = 'upload-progress';
  els.procBar = el('progress', { max: 1, value: 0 });
  els.procBar.dataset.testid = 'process-progress';
  els.status = el('div', { className: 'lm-upload-status' });
  els.status.dataset.testid = 'upload-status';
  els.message = el('p');
  els.message.dataset.testid = 'upload-message';
  els.counts = el('p');
  els.counts.dataset.testid = 'upload-counts';
  els.detail = el('p', { className: 'lm-note', lang: 'en' });
  els.detail.dataset.testid = 'upload-detail';
  els.preview = el('p', { className: 'lm-note' });
  els.preview.dataset.testid = 'upload-preview-note';
  els.problems = el('div');
  els.status.append(els.message, els.detail, els.counts, els.preview, els.problems);
  box.append(auth, signNote, drop, els.fileName,
    el('label', { className: 'lm-field' }, el('span', { textContent: t('crs') }), crs),
    el('label', { className: 'lm-field' }, el('span', { textContent: t('mode') }), mode),
    el('label', { className: 'lm-field' }, el('span', { textContent: t('landUseEdition') }), edition),
    el('div', { className: 'lm-toolbar' }, dry, commit),
    el('label', { className: 'lm-field' }, el('span', { textContent: t('uploadProgress') }), els.upBar),
    el('label', { className: 'lm-field' }, el('span', { textContent: t('processProgress') }), els.procBar),
    els.status);
  if (uploadState.last) showAnswer(uploadState.last, uploadState.last.body?.dryRun === true);
}

/** Who is signed in, in words ("已登录：张工（测绘员，可上传）"). */
function whoText() {
  if (!uploadState.me) return t('signedIn');
  return t('signedInAs', { label: uploadState.me.label ?? '', role: roleName(uploadState.me.role) });
}

/** Under the sign-in: why a token was refused, or that a signed-in viewer cannot upload. */
function signInNote() {
  const refusal = uploadState.signInRefusal;
  if (refusal) {
    const { text, detail } = refusalText(refusal.status, refusal.body);
    return t('tokenRefused', { reason: text }) + (detail && lang() === 'en' ? ` (${detail})` : '');
  }
  return uploadState.me?.role === 'viewer' ? t('readOnlyRole') : '';
}

/** Sign in (the token checked with GET /api/me first: kept only when the server knows it) or out. */
async function signInOrOut(signedIn, value) {
  uploadState.signInRefusal = null;
  if (signedIn) {
    signOut();
    uploadState.me = null;
  } else if (value) {
    const answer = await checkToken(value);
    if (answer.status === 200) {
      signIn(value);
      uploadState.me = answer.body;
    } else {
      uploadState.signInRefusal = answer;
      render();
      return;
    }
  }
  // A map the server refused without a token (anonymous read off) loads again with one.
  const loaded = await window.landmap?.ready.then(() => true, () => false);
  if (loaded === false) { location.reload(); return; }
  render();
}

/** A token kept from earlier in the session: who it is, or why it no longer works (expired, revoked). */
async function recallToken() {
  if (!token()) return;
  const answer = await checkToken(token());
  if (answer.status === 200) uploadState.me = answer.body;
  else if (answer.status === 401) { signOut(); uploadState.signInRefusal = answer; }
  render();
}

export function initUpload(container, theMap) {
  map = theMap;
  map.createPane('lm-problems').style.zIndex = '480';
  problemLayer = L.geoJSON(null, { pane: 'lm-problems', style: () => ({ color: '#C00', weight: 3, dashArray: '4 3', className: 'lm-problem' }) }).addTo(map);
  previewLayer = L.geoJSON(null, { pane: 'lm-problems', style: () => ({ color: '#1a7f37', weight: 3, dashArray: '6 4', fillOpacity: 0.15, className: 'lm-upload-preview' }) }).addTo(map);
  box = el('div', { className: 'lm-upload' });
  container.append(box);
  render();
  onLangChange(render);
  uploadState.signing = recallToken();
  return { state: uploadState, run, takeFile: (file) => takeFile(file).then(render), problemLayer, previewLayer };
}
