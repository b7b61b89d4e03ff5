// The status line under the title: "正在加载…", then a count per layer, or the errors.
// #status carries data-state (loading | ready | error) so browser tests can wait on it.

const el = () => document.getElementById('status');

export function showLoading() {
  const status = el();
  status.dataset.state = 'loading';
  status.textContent = '正在加载…';
}

/**
 * Show the result of loading every layer.
 * results: [{ def, count }] for loaded layers and [{ def, error }] for failed ones.
 */
export function showResults(results) {
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
      span.textContent = `${r.def.zh}加载失败：${r.error.message}`;
    } else {
      span.dataset.count = String(r.count);
      span.textContent = `${r.def.zh} ${r.count} ${r.def.unit}`;
    }
    status.append(span);
  });
}
