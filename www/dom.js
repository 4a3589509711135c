// Building DOM nodes without ever parsing data as HTML.
//
// Every piece of text that comes from a report, a file name or the checker
// goes into the page through textContent or a text node (never innerHTML),
// so whatever a pasted report contains is shown as text and never runs.

/**
 * Creates an element.
 * @param {string} tag
 * @param {Record<string, unknown> | null} [props] `class`, `dataset`,
 *   `text`, `on<event>` listeners, or attributes (set with setAttribute).
 * @param {...(Node | string | number | null | undefined | false | Array<any>)} children
 * @returns {HTMLElement}
 */
export function h(tag, props, ...children) {
  const el = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === 'class') el.className = String(value);
      else if (key === 'text') el.textContent = String(value);
      else if (key === 'dataset') Object.assign(el.dataset, value);
      else if (key.startsWith('on') && typeof value === 'function') {
        el.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
      } else el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children (nested arrays allowed), strings as text nodes. */
export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Removes every child of an element. */
export function clear(el) {
  el.replaceChildren();
  return el;
}
