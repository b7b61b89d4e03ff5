// Panels that redraw themselves (a filter changed, totals came back, the language switched) must
// not throw the keyboard focus back to <body> (issue 17): the control that had it gets it back.

/**
 * Run `draw`, which replaces the box's content, and give the focus back to the control with the
 * same data-testid if one inside the box had it.
 * @param {HTMLElement} box
 * @param {() => void} draw
 */
export function keepFocus(box, draw) {
  const active = /** @type {HTMLElement | null} */ (document.activeElement);
  const id = active && box.contains(active) ? active.dataset.testid : undefined;
  draw();
  if (id) /** @type {HTMLElement | null} */ (box.querySelector(`[data-testid="${CSS.escape(id)}"]`))?.focus({ preventScroll: true });
}
