// Small DOM builders. Everything is created as elements and text nodes, never by parsing HTML strings, so values read from
// the server (keys, JSON, memory text) cannot inject markup; the CSP forbids inline script anyway.

/** el('button', {type: 'button', onclick: f}, 'Save') */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      node.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (value === true) {
      node.setAttribute(name, '');
    } else {
      node.setAttribute(name, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of a node. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

let ids = 0;
/** A labelled form field: label + input/textarea/select, linked by id. */
export function field(labelText, control, hint) {
  const id = control.id || `f${++ids}`;
  control.id = id;
  const parts = [el('label', {for: id}, labelText), control];
  if (hint) {
    const hintId = `${id}-hint`;
    control.setAttribute('aria-describedby', hintId);
    parts.push(el('small', {id: hintId, class: 'hint'}, hint));
  }
  return el('div', {class: 'field'}, parts);
}

/** An inline status line for one view (errors and confirmations next to what caused them). */
export function statusLine() {
  const node = el('p', {class: 'status-line', role: 'status', 'aria-live': 'polite'});
  return {
    node,
    error(message) { node.className = 'status-line error'; node.textContent = message; reveal(node); },
    ok(message) { node.className = 'status-line ok'; node.textContent = message; reveal(node); },
    clear() { node.className = 'status-line'; node.textContent = ''; },
  };
}

// A message below the fold would go unseen; bring it into view without jumping when it is visible.
function reveal(node) {
  if (node.isConnected && node.textContent) node.scrollIntoView({block: 'nearest'});
}

/** Formats a byte count for people. */
export function bytes(value) {
  if (value === null || value === undefined) return 'unknown';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = value;
  let unit = 0;
  while (v >= 1024 && unit < units.length - 1) { v /= 1024; unit++; }
  return `${unit === 0 ? v : v.toFixed(1)} ${units[unit]}`;
}

export function heading(text) {
  return el('h1', {tabindex: '-1'}, text);
}
