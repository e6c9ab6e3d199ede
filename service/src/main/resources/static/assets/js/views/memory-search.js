// Semantic search (POST /v1/memories/search) with its filters; every result shows its scores.
import {call, seg} from '../api.js';
import {el, field, fill, statusLine} from '../dom.js';

const list = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);

function number(input, name, status, {min, max, integer}) {
  const raw = input.value.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    status.error(`${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}.`);
    return null;
  }
  return value;
}

export function renderSearch(body, userId, params) {
  const status = statusLine();
  const input = (name, attributes = {}) => el('input', {name, ...attributes});
  const f = {
    query: input('query', {required: true, value: params.get('q') || ''}),
    topK: input('topK', {inputmode: 'numeric', value: '10'}),
    minSimilarity: input('minSimilarity', {inputmode: 'decimal'}),
    sessionId: input('sessionId'),
    topics: input('topics'),
    entities: input('entities'),
    from: input('from', {type: 'datetime-local'}),
    to: input('to', {type: 'datetime-local'}),
    keywordWeight: input('keywordWeight', {inputmode: 'decimal'}),
    recencyWeight: input('recencyWeight', {inputmode: 'decimal'}),
  };
  const results = el('div', {id: 'search-results'});
  const form = el('form', {class: 'card', role: 'search'},
    field('Query', f.query, 'Searched by meaning and by keywords.'),
    el('details', {},
      el('summary', {}, 'Filters and ranking'),
      el('div', {class: 'filter-grid'},
        field('Results (topK)', f.topK), field('Minimum similarity', f.minSimilarity, 'Cosine similarity, −1 to 1.'),
        field('Session id', f.sessionId), field('Topics (comma-separated)', f.topics),
        field('Entities (comma-separated)', f.entities), field('Created from', f.from), field('Created before', f.to),
        field('Keyword weight (0–1)', f.keywordWeight, 'Default 0.3.'),
        field('Recency weight (0–1)', f.recencyWeight, 'Default 0: off.'))),
    el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'primary'}, 'Search')), status.node);
  let request = null;
  async function run(offset) {
    try {
      const {body: page} = await call('POST', '/v1/memories/search', {body: {...request, offset}});
      if (offset === undefined) fill(results);
      showResults(results, userId, page, () => run(page.nextOffset));
      if (offset === undefined) results.scrollIntoView({block: 'start'});
      status.ok(page.results.length || offset ? '' : 'No memories match.');
    } catch (e) {
      status.error(e.message);
    }
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    status.clear();
    const topK = number(f.topK, 'Results', status, {min: 1, max: 100, integer: true});
    const minSimilarity = number(f.minSimilarity, 'Minimum similarity', status, {min: -1, max: 1});
    const keywordWeight = number(f.keywordWeight, 'Keyword weight', status, {min: 0, max: 1});
    const recencyWeight = number(f.recencyWeight, 'Recency weight', status, {min: 0, max: 1});
    if ([topK, minSimilarity, keywordWeight, recencyWeight].includes(null)) return;
    const iso = (control) => (control.value ? new Date(control.value).toISOString() : undefined);
    request = {query: f.query.value, userId, topK, minSimilarity, keywordWeight, recencyWeight,
      sessionId: f.sessionId.value.trim() || undefined,
      topics: list(f.topics.value).length ? list(f.topics.value) : undefined,
      entities: list(f.entities.value).length ? list(f.entities.value) : undefined,
      from: iso(f.from), to: iso(f.to)};
    run(undefined);
  });
  fill(body, form, results);
}

const score = (v) => (typeof v === 'number' ? v.toFixed(3) : '–');

function showResults(node, userId, page, more) {
  let table = node.querySelector('table');
  if (!table) {
    table = el('table', {class: 'data'}, el('caption', {}, 'Results, best first'),
      el('thead', {}, el('tr', {}, ['Memory', 'Score', 'Similarity', 'Keyword', 'Recency', 'Topics', 'Created']
        .map((h) => el('th', {scope: 'col'}, h)))), el('tbody'));
    node.append(table);
  }
  const tbody = table.querySelector('tbody');
  for (const hit of page.results) {
    const m = hit.memory;
    tbody.append(el('tr', {},
      el('td', {}, el('a', {href: `#/memory/${seg(userId)}/memory/${seg(m.id)}`}, m.text)),
      el('td', {class: 'score'}, score(hit.score)), el('td', {class: 'score'}, score(hit.similarity)),
      el('td', {class: 'score'}, score(hit.keyword)), el('td', {class: 'score'}, score(hit.recency)),
      el('td', {}, (m.topics || []).join(', ')), el('td', {}, m.createdAt || '')));
  }
  node.querySelector('.more')?.remove();
  if (page.nextOffset !== null && page.nextOffset !== undefined) {
    node.append(el('button', {type: 'button', class: 'more', onclick: more}, 'More results'));
  }
}
