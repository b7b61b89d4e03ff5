// The map's busy sign: shown while a repaint the user asked for (a year on the slider) is under
// way, so a slow answer never looks like nothing happened. Work is counted, so overlapping
// repaints keep the sign up until the last is drawn.
import { t } from './i18n.js';

let pending = 0;
/** @type {HTMLElement | null} */
let sign = null;

function signOn(container) {
  if (!sign) {
    sign = document.createElement('div');
    sign.className = 'lm-busy';
    sign.dataset.testid = 'map-busy';
    sign.setAttribute('role', 'status');
    sign.hidden = true;
    container.append(sign);
  }
  return sign;
}

/**
 * Show the sign over the map's container until `work` settles; resolves (or rejects) as `work` does.
 * @template T
 * @param {HTMLElement} container
 * @param {Promise<T>} work
 * @returns {Promise<T>}
 */
export function whileBusy(container, work) {
  const el = signOn(container);
  pending++;
  el.textContent = t('repainting');
  el.hidden = false;
  container.setAttribute('aria-busy', 'true');
  const done = () => {
    if (--pending > 0) return;
    el.hidden = true;
    container.removeAttribute('aria-busy');
  };
  work.then(done, done);
  return work;
}
