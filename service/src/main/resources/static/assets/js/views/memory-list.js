// A user's long-term memories (from the export) and one memory with its change history.
import {call, seg} from '../api.js';
import {confirmAction} from '../confirm.js';
import {el, fill, statusLine} from '../dom.js';
import {classify, loadExport} from './memory-data.js';

export async function renderMemories(body, userId) {
  const status = statusLine();
  const overview = el('div', {id: 'user-summary'});
  fill(body, overview, status.node);
  status.ok('Loading…');
  showSummary(overview, userId);
  try {
    const {records, broken} = await loadExport(userId);
    const {memories} = classify(records);
    memories.sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
    status.ok(`${memories.length} long-term memor${memories.length === 1 ? 'y' : 'ies'}`
      + (broken.length ? `; ${broken.length} export lines were not readable` : '') + '.');
    const rows = memories.map((m) => el('tr', {},
      el('td', {}, el('a', {href: `#/memory/${seg(userId)}/memory/${seg(m.id)}`}, m.text)),
      el('td', {}, (m.topics || []).join(', ')), el('td', {}, (m.entities || []).join(', ')),
      el('td', {class: 'score'}, typeof m.importance === 'number' ? m.importance.toFixed(2) : ''),
      el('td', {}, m.sessionId || ''), el('td', {}, m.createdAt || '')));
    body.append(el('table', {class: 'data', id: 'memory-table'}, el('caption', {}, `Long-term memories of ${userId}`),
      el('thead', {}, el('tr', {}, ['Text', 'Topics', 'Entities', 'Importance', 'Session', 'Created']
        .map((h) => el('th', {scope: 'col'}, h)))), el('tbody', {}, rows)));
  } catch (e) {
    status.error(e.status === 404 && !e.problem?.detail?.includes('user')
      ? `${e.message} This server may not offer user export yet; use Search to find memories.` : e.message);
  }
}

/** Counts, top topics and last activity (GET /v1/users/{id}/summary); the list below still loads if this fails. */
async function showSummary(node, userId) {
  try {
    const {body: summary} = await call('GET', `/v1/users/${seg(userId)}/summary`);
    const counts = Object.entries(summary.counts || {}).map(([k, v]) => `${v} ${k}`).join(', ');
    const names = (list) => (list || []).map((t) => (typeof t === 'object' ? t.name || t.topic || t.value || JSON.stringify(t) : t)).join(', ');
    fill(node, el('dl', {class: 'facts wide'},
      el('dt', {}, 'Holds'), el('dd', {}, counts || 'nothing'),
      el('dt', {}, 'Top topics'), el('dd', {}, names(summary.topics) || '–'),
      el('dt', {}, 'Top entities'), el('dd', {}, names(summary.entities) || '–'),
      el('dt', {}, 'Last activity'), el('dd', {}, summary.lastActivityAt || 'never')));
  } catch (e) {
    fill(node, el('p', {class: 'status-line error'}, e.message));
  }
}

export async function renderMemoryDetail(body, userId, id) {
  const status = statusLine();
  fill(body, status.node);
  let answer;
  try {
    answer = (await call('GET', `/v1/memories/${seg(id)}`)).body;
  } catch (e) {
    status.error(e.message);
    return;
  }
  const m = answer.memory;
  const facts = [['Text', m.text], ['Topics', (m.topics || []).join(', ')], ['Entities', (m.entities || []).join(', ')],
    ['Importance', m.importance], ['Session', m.sessionId], ['Merged duplicates', m.mergedCount],
    ['Duplicate of', m.duplicateOf], ['Version', m.version], ['Created', m.createdAt], ['Updated', m.updatedAt]]
    .filter(([, v]) => v !== undefined && v !== null && v !== '');
  const history = (answer.history || []).map((h) => el('tr', {},
    el('td', {}, String(h.version)), el('td', {}, h.event), el('td', {}, h.text || ''), el('td', {}, h.at || '')));
  const remove = el('button', {type: 'button', class: 'danger'}, 'Delete memory');
  remove.addEventListener('click', async () => {
    const sure = await confirmAction({title: 'Delete this memory?', confirmLabel: 'Delete',
      message: 'It is removed from PostgreSQL, the caches and the search index.'});
    if (!sure) return;
    try {
      await call('DELETE', `/v1/memories/${seg(id)}`);
      location.hash = `#/memory/${seg(userId)}/memories`;
    } catch (e) {
      status.error(e.message);
    }
  });
  fill(body, el('h2', {}, 'Memory'),
    el('dl', {class: 'facts wide'}, facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))])),
    m.metadata ? el('pre', {class: 'json'}, JSON.stringify(m.metadata, null, 2)) : null,
    el('h2', {}, 'History'),
    el('table', {class: 'data'}, el('thead', {}, el('tr', {}, ['Version', 'Event', 'Text', 'At'].map((h) => el('th', {scope: 'col'}, h)))),
      el('tbody', {}, history)),
    el('div', {class: 'actions'}, remove), status.node);
}
