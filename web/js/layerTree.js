// The layer tree, grouped as planners think: parks; land (parcels by state); projects by
// stage; infrastructure (roads by stage, rivers by rectification state, reservoirs). Every
// group and every state is a checkbox; they change store.view, and the layers follow.
import { PARCEL_STATUS, PROJECT_STAGE, ROAD_STAGE, RIVER_STATE, RESERVOIR_STYLE, PARK_STYLE } from './styles.js';
import { view, changed } from './store.js';
import { t, label, onLangChange } from './i18n.js';
import { swatch } from './legend.js';
import { keepFocus } from './focus.js';

// group -> layers (each with its colour table, if any, and the swatch shape)
const TREE = [
  { group: 'parks', layers: [{ id: 'parks', swatchKind: 'fill', color: PARK_STYLE.fillColor }] },
  { group: 'land', layers: [{ id: 'parcels', table: PARCEL_STATUS, swatchKind: 'fill' }] },
  { group: 'projects', layers: [{ id: 'projects', table: PROJECT_STAGE, swatchKind: 'dot' }] },
  {
    group: 'infrastructure',
    layers: [
      { id: 'roads', table: ROAD_STAGE, swatchKind: 'line' },
      { id: 'rivers', table: RIVER_STATE, swatchKind: 'line' },
      { id: 'reservoirs', swatchKind: 'fill', color: RESERVOIR_STYLE.fillColor },
    ],
  },
];

function checkbox(testid, checked, text, onToggle, extra) {
  const row = document.createElement('label');
  row.className = 'lm-check';
  const input = document.createElement('input');
  input.type = 'checkbox';
  input.checked = checked;
  input.dataset.testid = testid;
  input.addEventListener('change', () => onToggle(input.checked));
  const span = document.createElement('span');
  span.textContent = text;
  if (extra) row.append(input, extra, span); else row.append(input, span);
  return row;
}

function groupOn(group) {
  return group.layers.some((l) => !view.off.has(l.id));
}

// One Tab stop for the whole tree (WAI-ARIA roving tabindex): Tab enters it on the switch used last,
// the arrow keys move between switches, Home/End go to the first/last, Space switches.
let current = 'tree-group-parks';

function roving(tree) {
  const boxes = () => /** @type {HTMLInputElement[]} */ ([...tree.querySelectorAll('input[type=checkbox]')]);
  const all = boxes();
  if (!all.some((b) => b.dataset.testid === current)) current = all[0]?.dataset.testid ?? current;
  for (const b of all) b.tabIndex = b.dataset.testid === current ? 0 : -1;
  tree.addEventListener('focusin', (e) => {
    const target = /** @type {HTMLElement} */ (e.target);
    if (!target.dataset.testid) return;
    current = target.dataset.testid;
    for (const b of boxes()) b.tabIndex = b === target ? 0 : -1;
  });
  tree.addEventListener('keydown', (e) => {
    const list = boxes();
    const i = list.findIndex((b) => b === document.activeElement);
    const to = { ArrowDown: i + 1, ArrowRight: i + 1, ArrowUp: i - 1, ArrowLeft: i - 1, Home: 0, End: list.length - 1 }[e.key];
    if (to == null || i < 0) return;
    e.preventDefault();
    list[Math.max(0, Math.min(list.length - 1, to))].focus();
  });
}

function render(container) {
  keepFocus(container, () => draw(container));
}

function draw(container) {
  container.replaceChildren();
  const tree = document.createElement('ul');
  tree.className = 'lm-tree';
  tree.setAttribute('aria-label', t('layerTreeAria'));
  tree.dataset.testid = 'layer-tree';
  for (const group of TREE) {
    const li = document.createElement('li');
    li.append(checkbox(`tree-group-${group.group}`, groupOn(group), t(group.group), (on) => {
      for (const l of group.layers) if (on) view.off.delete(l.id); else view.off.add(l.id);
      changed('view');
      render(container);
    }));
    const layersUl = document.createElement('ul');
    for (const l of group.layers) {
      const layerLi = document.createElement('li');
      if (group.layers.length > 1 || !l.table) {
        layerLi.append(checkbox(`tree-layer-${l.id}`, !view.off.has(l.id), t(l.id), (on) => {
          if (on) view.off.delete(l.id); else view.off.add(l.id);
          changed('view');
          render(container);
        }, l.table ? null : swatch(l.swatchKind, l.color)));
      }
      if (l.table) {
        const states = document.createElement('ul');
        for (const [code, entry] of Object.entries(l.table)) {
          const stateLi = document.createElement('li');
          stateLi.append(checkbox(`tree-${l.id}-${code}`, !view.hidden[l.id].has(code), label(entry), (on) => {
            if (on) view.hidden[l.id].delete(code); else view.hidden[l.id].add(code);
            changed('view');
          }, swatch(l.swatchKind, entry.color, entry.lineStyle)));
          states.append(stateLi);
        }
        layerLi.append(states);
      }
      layersUl.append(layerLi);
    }
    li.append(layersUl);
    tree.append(li);
  }
  roving(tree);
  container.append(tree);
}

/** Add a group of layers to the tree (the planning layers, planLayers.js): { group, layers: [{ id,
 * table?, swatchKind, color? }] }, switched like the others through store.view. */
export function addTreeGroup(group) {
  TREE.push(group);
}

export function initLayerTree(container) {
  const box = document.createElement('div');
  container.append(box);
  render(box);
  onLangChange(() => render(box));
  return { render: () => render(box) };
}
