// Whole-user operations: the context an application would put in its prompt, export (JSON Lines
// download) and erasure with a typed confirmation and the server's deletion receipt.
import {call, seg} from '../api.js';
import {confirmAction} from '../confirm.js';
import {el, field, fill, statusLine} from '../dom.js';
import {loadExport} from './memory-data.js';

export function renderContext(body, userId, params) {
  const status = statusLine();
  const query = el('input', {name: 'query', value: params.get('query') || ''});
  const tokens = el('input', {name: 'tokens', inputmode: 'numeric', value: params.get('tokens') || '1000'});
  const sessionId = el('input', {name: 'sessionId'});
  const out = el('div', {id: 'context-result'});
  const form = el('form', {class: 'card'}, field('Query', query, 'What the application is about to answer.'),
    field('Token budget', tokens, '16 to 100000 tokens.'), field('Session id', sessionId, 'Optional: include this session\'s window.'),
    el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'primary'}, 'Assemble context')),
    status.node);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!/^[0-9]+$/.test(tokens.value.trim())) { status.error('Token budget must be a whole number.'); return; }
    const q = new URLSearchParams({tokens: tokens.value.trim()});
    if (query.value.trim()) q.set('query', query.value.trim());
    if (sessionId.value.trim()) q.set('sessionId', sessionId.value.trim());
    try {
      const {body: context} = await call('GET', `/v1/users/${seg(userId)}/context?${q}`);
      status.clear();
      showContext(out, context);
      out.scrollIntoView({block: 'start'});
    } catch (e) {
      status.error(e.message);
    }
  });
  fill(body, form, out);
}

/** Shows each part of the assembled context under its own heading, then the exact JSON. */
function showContext(node, context) {
  const parts = [];
  for (const [name, value] of Object.entries(context || {})) {
    if (name === 'prompt') continue;
    if (Array.isArray(value)) {
      parts.push(el('h3', {}, `${name} (${value.length})`),
        el('ul', {}, value.map((v) => el('li', {}, typeof v === 'object' ? (v.text || v.content || v.memory?.text || v.name || JSON.stringify(v)) : String(v)))));
    } else if (value !== null && typeof value !== 'object') {
      parts.push(el('p', {}, el('strong', {}, `${name}: `), String(value)));
    }
  }
  fill(node, el('h2', {}, 'Assembled context'), parts,
    context && context.prompt ? [el('h3', {}, 'Prompt text'), el('pre', {class: 'json', id: 'context-prompt'}, context.prompt)] : null,
    el('details', {}, el('summary', {}, 'Exact JSON'), el('pre', {class: 'json'}, JSON.stringify(context, null, 2))));
}

export function renderExport(body, userId) {
  const status = statusLine();
  const button = el('button', {type: 'button', class: 'primary'}, 'Export as JSON Lines');
  const out = el('div');
  button.addEventListener('click', async () => {
    status.ok('Exporting…');
    try {
      const {text, records, broken} = await loadExport(userId);
      // A Blob URL keeps the export in the browser: nothing is sent anywhere else.
      const url = URL.createObjectURL(new Blob([text], {type: 'application/x-ndjson'}));
      status.ok(`${records.length} records exported${broken.length ? ` (${broken.length} unreadable lines)` : ''}.`);
      fill(out, el('p', {}, el('a', {href: url, download: `strata-user-${userId}.jsonl`, class: 'button', id: 'export-download'},
        `Download strata-user-${userId}.jsonl`)),
      el('pre', {class: 'json', 'aria-label': 'Export preview'}, text.split('\n').slice(0, 50).join('\n')));
    } catch (e) {
      status.error(e.message);
    }
  });
  fill(body, el('p', {}, 'Everything stored about this user, one JSON record per line, for backup or a data-portability request.'),
    button, status.node, out);
}

export function renderErase(body, userId) {
  const status = statusLine();
  const button = el('button', {type: 'button', class: 'danger'}, `Erase user ${userId}`);
  const out = el('div', {id: 'erase-receipt'});
  button.addEventListener('click', async () => {
    const sure = await confirmAction({title: `Erase user ${userId}?`, confirmLabel: 'Erase everything',
      message: 'Sessions, long-term memories, their history, entities and cached copies of this user are deleted in '
        + 'every tier and the search index. This cannot be undone.', typeToConfirm: userId});
    if (!sure) { status.ok('Nothing was erased.'); button.focus(); return; }
    try {
      const {body: receipt} = await call('DELETE', `/v1/users/${seg(userId)}`);
      status.ok(`User ${userId} was erased.`);
      showReceipt(out, receipt);
      out.querySelector('h2').focus();
    } catch (e) {
      status.error(e.message);
    }
  });
  fill(body, el('p', {}, 'Erasure is permanent. The server answers a receipt that counts what it deleted in each tier.'),
    button, status.node, out);
}

function showReceipt(node, receipt) {
  const rows = [];
  const walk = (prefix, value) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, v);
    } else {
      rows.push(el('tr', {}, el('th', {scope: 'row'}, prefix), el('td', {}, Array.isArray(value) ? value.join(', ') : String(value))));
    }
  };
  walk('', receipt || {});
  fill(node, el('section', {class: 'card receipt', 'aria-labelledby': 'receipt-title'},
    el('h2', {id: 'receipt-title', tabindex: '-1'}, 'Deletion receipt'),
    el('table', {class: 'data'}, el('tbody', {}, rows)),
    el('details', {}, el('summary', {}, 'Exact JSON'), el('pre', {class: 'json'}, JSON.stringify(receipt, null, 2)))));
}
