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
  setPanelOpen(window.innerWidth >= 900 && !window.matchMedia(PHONE).matches);
  toggle.addEventListener('click', () => setPanelOpen(panel.classList.contains('lm-panel-closed')));
}

/**
 * Open or fold the tools panel. A phone shows one panel at a time, as a phone's map apps do
 * (panel.css's phone rules): the tools panel opened puts the feature's panel behind it (kept, back
 * when the tools fold).
 * @param {boolean} open
 */
function setPanelOpen(open) {
  document.getElementById('panel').classList.toggle('lm-panel-closed', !open);
  document.getElementById('panel-toggle').setAttribute('aria-expanded', String(open));
  document.getElementById('side').classList.toggle('lm-behind', open && window.matchMedia(PHONE).matches);
}

/** The feature's panel was just shown (sidePanel.js select, siteResult.js showSiteResult): on a
 * phone the tools panel folds for it, before the target is framed, so the frame is measured with the
 * panels that will be there. */
export function sideShown() {
  if (window.matchMedia(PHONE).matches && !document.getElementById('side').hidden) setPanelOpen(false);
}
