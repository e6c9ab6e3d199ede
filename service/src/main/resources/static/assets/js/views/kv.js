// Key/value browser: the tenant's namespaces (GET /v1/kv) and a namespace's keys
// (GET /v1/kv/{ns}?prefix=&limit=&cursor=), both paged with the server's opaque cursors.
import {call, seg} from '../api.js';
import {bytes, el, field, fill, heading, statusLine} from '../dom.js';

const PAGE = 20;

/** Pager links: the cursor trail lives in the URL so Back and reload keep the page. */
function pager(baseHash, params, nextCursor) {
  const trail = (params.get('trail') || '').split(',').filter(Boolean);
  const links = [];
  if (params.get('cursor')) {
    const previous = new URLSearchParams(params);
    const back = trail.slice(0, -1);
    const previousCursor = trail.length ? trail[trail.length - 1] : '';
    if (previousCursor) previous.set('cursor', previousCursor); else previous.delete('cursor');
    if (back.length) previous.set('trail', back.join(',')); else previous.delete('trail');
    links.push(el('a', {href: `${baseHash}?${previous}`, class: 'button', rel: 'prev'}, '← Previous page'));
  }
  if (nextCursor) {
    const next = new URLSearchParams(params);
    next.set('cursor', nextCursor);
    const nextTrail = params.get('cursor') ? [...trail, params.get('cursor')] : trail;
    if (nextTrail.length) next.set('trail', nextTrail.join(',')); else next.delete('trail');
    links.push(el('a', {href: `${baseHash}?${next}`, class: 'button', rel: 'next'}, 'Next page →'));
  }
  return el('nav', {class: 'pager', 'aria-label': 'Pages'}, links);
}

export async function renderNamespaces(main, params) {
  const status = statusLine();
  const list = el('ul', {class: 'namespace-list', 'aria-label': 'Namespaces'});
  const open = el('input', {name: 'namespace', required: true, pattern: '[A-Za-z0-9][A-Za-z0-9._\\-]{0,127}'});
  const openForm = el('form', {class: 'inline-form'}, field('Open a namespace', open), el('button', {type: 'submit'}, 'Open'));
  openForm.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/kv/${seg(open.value.trim())}`;
  });
  const pages = el('div');
  fill(main, heading('Namespaces'),
    el('p', {}, el('a', {href: '#/kv/_new', class: 'button primary'}, 'New item')),
    openForm, status.node, list, pages);
  const query = new URLSearchParams({limit: String(PAGE)});
  if (params.get('cursor')) query.set('cursor', params.get('cursor'));
  try {
    const {body} = await call('GET', `/v1/kv?${query}`);
    if (body.namespaces.length === 0) {
      status.ok('This tenant has no items yet. Create one with "New item".');
    }
    for (const ns of body.namespaces) {
      list.append(el('li', {}, el('a', {href: `#/kv/${seg(ns.name)}`}, ns.name)));
    }
    fill(pages, pager('#/kv', params, body.nextCursor));
  } catch (e) {
    status.error(e.message);
  }
}

export async function renderNamespace(main, namespace, params) {
  const status = statusLine();
  const prefix = el('input', {name: 'prefix', value: params.get('prefix') || ''});
  const filter = el('form', {class: 'inline-form', role: 'search'}, field('Key prefix', prefix), el('button', {type: 'submit'}, 'Filter'));
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (prefix.value) next.set('prefix', prefix.value);
    location.hash = `#/kv/${seg(namespace)}?${next}`;
  });
  const tbody = el('tbody');
  const table = el('table', {class: 'data'},
    el('caption', {}, `Keys in ${namespace}`),
    el('thead', {}, el('tr', {}, ['Key', 'Version', 'Size', 'Expires'].map((h) => el('th', {scope: 'col'}, h)))),
    tbody);
  const pages = el('div');
  fill(main,
    el('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, el('a', {href: '#/kv'}, 'Namespaces'), ' / ', namespace),
    heading(`Namespace ${namespace}`),
    el('p', {}, el('a', {href: `#/kv/_new?namespace=${seg(namespace)}`, class: 'button primary'}, 'New item in this namespace')),
    filter, status.node, table, pages);
  const query = new URLSearchParams({limit: String(PAGE)});
  for (const name of ['prefix', 'cursor']) if (params.get(name)) query.set(name, params.get(name));
  try {
    const {body} = await call('GET', `/v1/kv/${seg(namespace)}?${query}`);
    if (body.items.length === 0) status.ok('No keys here (ephemeral items are not listed).');
    for (const item of body.items) {
      tbody.append(el('tr', {},
        el('td', {}, el('a', {href: `#/kv/${seg(namespace)}/${seg(item.key)}`}, item.key)),
        el('td', {}, String(item.version)),
        el('td', {}, bytes(item.sizeBytes)),
        el('td', {}, item.expiresAt || 'never')));
    }
    fill(pages, pager(`#/kv/${seg(namespace)}`, params, body.nextCursor));
  } catch (e) {
    status.error(e.message);
  }
}
