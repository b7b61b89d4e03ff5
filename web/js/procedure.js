// A parcel's idle-land procedure in its panel: the events (GET /api/parcels/{code}/events) as a
// table (step, date, document number, cause, new agreed start, amount), and for a signed-in
// surveyor or admin (GET /api/me) a form recording the next step (POST), which shows the API's
// 400/409 refusal (field and detail) or, once recorded, reloads the parcels, the panel and the lists.
import { parcelEvents, recordEvent, whoAmI } from './api.js';
import { token, onTokenChange } from './auth.js';
import { EVENT_KIND, IDLE_CAUSE, PARCEL_STATUS } from './vocabulary.js';
import { stepBody, stepFields, refusal } from './supervisionModel.js';
import { t, label, fmt } from './i18n.js';

const EMPTY = '—';
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

/** The last recording's promise (tests wait on it), and what happens after a step is recorded. */
export const procedureState = { run: Promise.resolve(), afterRecord: async (/** @type {string} */ code) => { void code; } };

/** The outcome of the last step recorded, shown again in the parcel's panel drawn after it. */
let notice = { code: '', text: '' };

let me = { token: '', run: Promise.resolve(/** @type {{ role?: string } | null} */ (null)) };
/** The signed-in token's role, asked once per token. */
function role() {
  if (me.token !== token()) me = { token: token(), run: token() ? whoAmI().catch(() => null) : Promise.resolve(null) };
  return me.run.then((who) => who?.role ?? null);
}

/** The box drawn last and its parcel: drawn again when the token changes (the form is the role's). */
let shown = { box: /** @type {HTMLElement | null} */ (null), code: '' };
onTokenChange(() => {
  if (shown.box?.isConnected) procedureState.run = renderProcedure(shown.box, shown.code);
});

/** Fill `box` with the parcel's events table, and the step form when the token may record. */
export async function renderProcedure(box, code) {
  shown = { box, code };
  const [events, who] = await Promise.all([parcelEvents(code).catch((e) => ({ error: e })), role()]);
  if (!box.isConnected) return;
  box.replaceChildren();
  if (!Array.isArray(events)) box.append(el('p', { className: 'lm-error', textContent: events.error.message }));
  else if (!events.length) box.append(el('p', { className: 'lm-note', textContent: t('eventsNone') }));
  else box.append(eventsTable(events));
  if (who === 'surveyor' || who === 'admin') box.append(stepForm(code));
  if (notice.code === code && notice.text) {
    const done = el('p', { role: 'status', textContent: notice.text });
    done.dataset.testid = 'step-recorded';
    box.append(done);
  }
}

function eventsTable(events) {
  const table = el('table', { className: 'lm-table' });
  table.dataset.testid = 'side-events';
  const head = table.createTHead().insertRow();
  for (const k of ['evKind', 'evOn', 'evDoc', 'evCause', 'evNewStart', 'evAmount']) head.append(el('th', { textContent: t(k) }));
  const body = table.createTBody();
  for (const e of events) {
    const row = body.insertRow();
    row.dataset.kind = e.kind;
    const kind = EVENT_KIND[e.kind] ? label(EVENT_KIND[e.kind]) : label({ zh: e.nameZh, en: e.nameEn });
    const cause = e.cause ? (IDLE_CAUSE[e.cause] ? label(IDLE_CAUSE[e.cause]) : e.cause) : EMPTY;
    // occurredOn and newAgreedStartOn are dates (YYYY-MM-DD) already: shown as they are.
    for (const text of [kind, e.occurredOn, e.documentNo ?? EMPTY, cause, e.newAgreedStartOn ?? EMPTY, e.amountWan == null ? EMPTY : fmt(e.amountWan, 2)]) {
      row.insertCell().textContent = text;
    }
  }
  return table;
}

function input(name, props) {
  const control = el('input', { name, ...props });
  control.dataset.testid = `step-${name}`;
  return el('label', { className: 'lm-field' }, el('span', { textContent: t(`f_${name}`) }), control);
}

function stepForm(code) {
  const form = el('form', { className: 'lm-step' });
  form.dataset.testid = 'step-form';
  const kinds = el('select', { name: 'kind' });
  kinds.dataset.testid = 'step-kind';
  // The steps the office records one at a time: the event kinds the vocabulary gives step fields.
  for (const [kind, entry] of Object.entries(EVENT_KIND).filter(([, e]) => e.stepFields)) kinds.append(el('option', { value: kind, textContent: label(entry) }));
  const causes = el('select', { name: 'cause' });
  causes.dataset.testid = 'step-cause';
  for (const [c, entry] of Object.entries(IDLE_CAUSE)) causes.append(el('option', { value: c, textContent: label(entry) }));
  const optional = {
    cause: el('label', { className: 'lm-field' }, el('span', { textContent: t('f_cause') }), causes),
    newAgreedStartOn: input('newAgreedStartOn', { type: 'date' }),
    newAgreedCompletionOn: input('newAgreedCompletionOn', { type: 'date' }),
    amountWan: input('amountWan', { type: 'number', step: '0.01', min: '0' }),
  };
  const showFields = () => {
    const wanted = stepFields(EVENT_KIND[kinds.value]);
    for (const [name, row] of Object.entries(optional)) row.hidden = !wanted.includes(name);
  };
  kinds.addEventListener('change', showFields);
  const message = el('p', { role: 'status' });
  message.dataset.testid = 'step-message';
  const submit = el('button', { type: 'submit', textContent: t('record') });
  submit.dataset.testid = 'step-submit';
  form.append(el('h3', { textContent: t('recordStep') }), el('label', { className: 'lm-field' }, el('span', { textContent: t('f_kind') }), kinds),
    input('occurredOn', { type: 'date', required: true }), input('documentNo', { type: 'text', maxLength: 500 }),
    ...Object.values(optional), input('note', { type: 'text', maxLength: 2000 }), submit, message);
  showFields();
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const values = Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v)]));
    procedureState.run = record(code, stepBody(values, stepFields(EVENT_KIND[values.kind])), message);
  });
  return form;
}

async function record(code, body, message) {
  message.className = '';
  message.textContent = t('supLoading');
  notice = { code: '', text: '' };
  const { status, body: answer } = await recordEvent(code, body);
  if (status === 201) {
    const state = answer?.stateAfter ? label(PARCEL_STATUS[answer.stateAfter]) || answer.stateAfter : EMPTY;
    message.textContent = t('recorded', { kind: label(EVENT_KIND[body.kind]) || body.kind, state });
    message.dataset.status = '201';
    notice = { code, text: message.textContent };
    await procedureState.afterRecord(code);
    return;
  }
  const r = refusal(status, answer);
  message.className = 'lm-error';
  message.dataset.status = String(status);
  message.dataset.field = r.field;
  // The detail is the API's (English); the field is named in the page's language with its API name.
  const name = t(`f_${r.field}`);
  const field = !r.field ? EMPTY : name === `f_${r.field}` ? r.field : `${name}（${r.field}）`;
  message.textContent = t('stepRefused', { status, field, detail: r.detail });
}
