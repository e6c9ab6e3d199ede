// One item: its value, version and the tier that served it; save with If-Match so a concurrent
// change is reported instead of overwritten; delete with If-Match after a confirmation.
import {call, seg} from '../api.js';
import {confirmAction} from '../confirm.js';
import {el, field, fill, heading, statusLine} from '../dom.js';

function parseJson(text, status) {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch (e) {
    status.error(`The value is not valid JSON: ${e.message}`);
    return null;
  }
}

function ttlQuery(input, status) {
  const raw = input.value.trim();
  if (!raw) return '';
  if (!/^[0-9]+$/.test(raw) || Number(raw) < 1) {
    status.error('TTL must be a whole number of seconds (1 or more), or empty for no expiry.');
    return null;
  }
  return `?ttl=${raw}`;
}

export async function renderItem(main, namespace, key) {
  const status = statusLine();
  const path = `/v1/kv/${seg(namespace)}/${seg(key)}`;
  const crumbs = el('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'},
    el('a', {href: '#/kv'}, 'Namespaces'), ' / ', el('a', {href: `#/kv/${seg(namespace)}`}, namespace), ' / ', key);
  fill(main, crumbs, heading(`Item ${key}`), status.node);
  let answer;
  try {
    answer = await call('GET', path);
  } catch (e) {
    status.error(e.message);
    return;
  }
  let etag = answer.headers.get('ETag');
  const tier = answer.headers.get('X-Strata-Tier');
  const facts = el('dl', {class: 'facts'},
    el('dt', {}, 'Served by'), el('dd', {}, el('span', {class: `tier tier-${tier}`, id: 'served-by'}, tier)),
    el('dt', {}, 'Version (ETag)'), el('dd', {id: 'item-etag'}, etag),
    el('dt', {}, 'Expires'), el('dd', {}, answer.headers.get('X-Strata-Expires-At') || 'never'));
  const value = el('textarea', {name: 'value', rows: '10', spellcheck: 'false', class: 'code'});
  value.value = JSON.stringify(answer.body, null, 2);
  const ttl = el('input', {name: 'ttl', inputmode: 'numeric'});
  const save = el('button', {type: 'submit', class: 'primary'}, 'Save');
  const remove = el('button', {type: 'button', class: 'danger'}, 'Delete');
  const form = el('form', {class: 'card'}, field('Value (JSON)', value),
    field('New TTL in seconds', ttl, 'Empty keeps the item without expiry.'),
    el('div', {class: 'actions'}, save, remove), status.node);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = parseJson(value.value, status);
    const query = ttlQuery(ttl, status);
    if (body === null || query === null) return;
    save.disabled = true;
    try {
      const saved = await call('PUT', path + query, {body, headers: {'If-Match': etag}});
      etag = saved.headers.get('ETag');
      document.getElementById('item-etag').textContent = etag;
      status.ok(`Saved version ${saved.body.version}${saved.body.durable ? ' (committed to PostgreSQL)' : ''}.`);
    } catch (e) {
      status.error(e.message);
    } finally {
      save.disabled = false;
    }
  });
  remove.addEventListener('click', async () => {
    const sure = await confirmAction({title: 'Delete this item?', confirmLabel: 'Delete',
      message: `${namespace}/${key} will be removed from every tier. This cannot be undone.`});
    if (!sure) { remove.focus(); return; }
    try {
      await call('DELETE', path, {headers: {'If-Match': etag}});
      location.hash = `#/kv/${seg(namespace)}`;
    } catch (e) {
      status.error(e.message);
      remove.focus();
    }
  });
  fill(main, crumbs, heading(`Item ${key}`), facts, form);
}

export function renderNewItem(main, params) {
  const status = statusLine();
  const namespace = el('input', {name: 'namespace', required: true, value: params.get('namespace') || ''});
  const key = el('input', {name: 'key', required: true});
  const value = el('textarea', {name: 'value', rows: '10', spellcheck: 'false', class: 'code', required: true});
  const ttl = el('input', {name: 'ttl', inputmode: 'numeric'});
  const form = el('form', {class: 'card'},
    field('Namespace', namespace, 'Letters, digits, . _ - (up to 128).'),
    field('Key', key, 'Up to 512 characters of A-Z a-z 0-9 . _ ~ : @ ! + = -'),
    field('Value (JSON)', value, 'Any JSON value, e.g. {"plan": "pro"} or "text" or 42.'),
    field('TTL in seconds', ttl, 'Empty: no expiry.'),
    el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'primary'}, 'Create')),
    status.node);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = parseJson(value.value, status);
    const query = ttlQuery(ttl, status);
    if (body === null || query === null) return;
    const target = `/v1/kv/${seg(namespace.value.trim())}/${seg(key.value.trim())}`;
    try {
      // If-None-Match: * so "Create" never silently replaces an existing item.
      await call('PUT', target + query, {body, headers: {'If-None-Match': '*'}});
      location.hash = `#/kv/${seg(namespace.value.trim())}/${seg(key.value.trim())}`;
    } catch (e) {
      status.error(e.status === 412 ? 'An item with this key already exists; open it to edit it.' : e.message);
    }
  });
  fill(main, el('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, el('a', {href: '#/kv'}, 'Namespaces'), ' / new item'),
    heading('New item'), form);
}
