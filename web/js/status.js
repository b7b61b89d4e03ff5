// The status line under the title: "正在加载…", then a count per layer, or the errors.
// #status carries data-state (loading | ready | error) so browser tests can wait on it.
import { t, onLangChange } from './i18n.js';

const el = () => document.getElementById('status');
let last = null;

export function showLoading() {
  const status = el();
  status.dataset.state = 'loading';
  status.textContent = t('loading');
}

/**
 * Show the result of loading every layer.
 * results: [{ def, count }] for loaded layers and [{ def, error }] for failed ones.
 */
export function showResults(results) {
  last = results;
  const status = el();
  status.replaceChildren();
  const failed = results.filter((r) => r.error);
  status.dataset.state = failed.length ? 'error' : 'ready';
  status.setAttribute('role', failed.length ? 'alert' : 'status');

  results.forEach((r, i) => {
    // A real separator (not CSS content) so screen readers and innerText read it too.
    if (i > 0) status.append(' · ');
    const span = document.createElement('span');
    span.dataset.testid = `count-${r.def.id}`;
    if (r.error) {
      span.className = 'lm-error';
      span.textContent = t('loadFailed', { layer: t(r.def.id), message: r.error.message });
    } else {
      span.dataset.count = String(r.count);
      span.textContent = `${t(r.def.id)} ${r.count} ${t(`unit_${r.def.id}`)}`.trim();
    }
    status.append(span);
  });
}

onLangChange(() => { if (last) showResults(last); });
