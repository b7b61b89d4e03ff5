// The side panel's tabs, as the WAI-ARIA tabs pattern: arrow keys move between tabs,
// Enter/Space or a click shows one panel. Each panel's module is told when first shown.
const opened = new Set();

/** A phone, portrait or landscape: as map.css's and panel.css's phone rules. */
export const PHONE = '(max-width: 600px), (max-height: 500px)';
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
  const side = document.getElementById('side');
  // A phone shows one panel at a time, as a phone's map apps do (map.css's phone rules): the tools
  // panel opened puts the feature's panel behind it (kept, back when the tools fold), and a feature
  // or a site check shown anew folds the tools panel.
  const phone = window.matchMedia(PHONE);
  const setOpen = (open) => {
    panel.classList.toggle('lm-panel-closed', !open);
    toggle.setAttribute('aria-expanded', String(open));
    side.classList.toggle('lm-behind', open && phone.matches);
  };
  setOpen(window.innerWidth >= 900 && !phone.matches);
  toggle.addEventListener('click', () => setOpen(panel.classList.contains('lm-panel-closed')));
  // Shown anew: its hidden, kind or code changed (a language switch re-renders the same ones: no change).
  new MutationObserver((records) => {
    if (phone.matches && !side.hidden && records.some((r) => side.getAttribute(r.attributeName) !== r.oldValue)) setOpen(false);
  }).observe(side, { attributes: true, attributeFilter: ['hidden', 'data-kind', 'data-code'], attributeOldValue: true });
}
