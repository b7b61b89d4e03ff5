// Table cells that keep their shape in the 22rem panels (issue 17): a code, a figure, a date or
// time or a name with no space never wraps inside ("loade/r", "WZKF-/JH-0001", "2026-12-/04"); a
// long text wraps only between words, at most two lines, the rest cut off and the whole of it in
// the cell's tooltip, so one long value cannot squeeze every other column to a character. Figures
// use tabular numerals (panel.css).

/** Longest text without a space kept on one line whole; longer runs are clamped (panel.css). */
const ONE_LINE_MAX = 32;

// Chinese text breaks between any two characters as it should; only Latin words, figures, codes
// and times must stay whole.
const CJK = /[\u3000-\u9fff\uff00-\uffef]/;
const oneWord = (text) => text.length <= ONE_LINE_MAX && !CJK.test(text) && !/\s/.test(text);
// A figure or time with its unit or zone ("2026-12-04 22:01 (UTC+8)", "935.26 mu"): may wrap
// between its parts, never inside one.
const figure = (text) => text.length <= ONE_LINE_MAX && /^\d/.test(text);

/** The text as parts kept whole, with breaks allowed only between them. */
function wholeParts(span, text) {
  span.replaceChildren();
  text.split(' ').forEach((part, i) => {
    if (i) span.append(' ');
    const whole = document.createElement('span');
    whole.className = 'lm-cell-word';
    whole.textContent = part;
    span.append(whole);
  });
}

/**
 * Fit the text cells of a table: each gets its text in a span (.lm-cell) and, when it may be cut
 * off, a title holding all of it. Cells holding elements (buttons, links) are left as they are.
 * @param {HTMLTableElement} table
 * @param {{ wrap?: number[] }} [options] wrap: column indexes of prose (a message) that wraps freely between words
 */
export function fitCells(table, { wrap = [] } = {}) {
  for (const row of table.rows) {
    for (const cell of row.cells) {
      if (cell.children.length) continue;
      const text = cell.textContent ?? '';
      const span = document.createElement('span');
      span.textContent = text;
      if (wrap.includes(cell.cellIndex)) span.className = 'lm-cell-prose';
      else if (oneWord(text)) span.className = 'lm-cell-word';
      else if (figure(text)) wholeParts(span, text);
      else {
        span.className = 'lm-cell';
        cell.title = text;
      }
      cell.replaceChildren(span);
    }
  }
  return table;
}

/**
 * Show each row as a block of "header  value" lines (panel.css .lm-stacked): a table with more
 * columns than a 17-22rem panel holds fits its width at every layout instead of scrolling
 * sideways. It stays a table (rows, cells, headers for screen readers); each cell carries its
 * column's header in data-label, drawn before it.
 * @param {HTMLTableElement} table
 */
export function stackRows(table) {
  const heads = [...(table.tHead?.rows[0]?.cells ?? [])].map((th) => th.textContent ?? '');
  for (const body of table.tBodies) {
    for (const row of body.rows) for (const cell of row.cells) cell.dataset.label = heads[cell.cellIndex] ?? '';
  }
  table.classList.add('lm-stacked');
  return table;
}
