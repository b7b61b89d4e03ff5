// The side panel's tabs, as the WAI-ARIA tabs pattern: arrow keys move between tabs,
// Enter/Space or a click shows one panel. Each panel's module is told when first shown.
const opened = new Set();
const onFirstShow = {};

export function whenShown(panelId, fn) {
  onFirstShow[panelId] = fn;
}

export function showTab(panelId) {
  const tabs = [.../** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.lm-tabs [role=tab]'))];
  for (const tab of tabs) {
    const selected = tab.getAttribute('aria-controls') === panelId;
    tab.setAttribute('aria-selected', String(selected));
    tab.tabIndex = selected ? 0 : -1;
    document.getElementById(tab.getAttribute('aria-controls')).hidden = !selected;
  }
  if (!opened.has(panelId)) {
    opened.add(panelId);
    onFirstShow[panelId]?.();
  }
}

export function initTabs() {
  const tabs = [.../** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll('.lm-tabs [role=tab]'))];
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => showTab(tab.getAttribute('aria-controls')));
    tab.addEventListener('keydown', (/** @type {KeyboardEvent} */ e) => {
      const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
      if (!step) return;
      e.preventDefault();
      const next = tabs[(i + step + tabs.length) % tabs.length];
      next.focus();
      showTab(next.getAttribute('aria-controls'));
    });
  });
  showTab('tab-layers');
  // The panel folds away on narrow screens (tablets in portrait, phones).
  const toggle = document.getElementById('panel-toggle');
  const panel = document.getElementById('panel');
  const setOpen = (open) => {
    panel.classList.toggle('lm-panel-closed', !open);
    toggle.setAttribute('aria-expanded', String(open));
  };
  setOpen(window.innerWidth >= 900);
  toggle.addEventListener('click', () => setOpen(panel.classList.contains('lm-panel-closed')));
}
