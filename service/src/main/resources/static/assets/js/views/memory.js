// Semantic memory of one user: tabs over the issue-6 endpoints. The user id lives in the URL
// (#/memory/{userId}/{tab}) so every view can be bookmarked and reached with Back.
import {seg} from '../api.js';
import {el, field, fill, heading} from '../dom.js';
import {renderMemories, renderMemoryDetail} from './memory-list.js';
import {renderSearch} from './memory-search.js';
import {renderSessions} from './memory-sessions.js';
import {renderContext, renderExport, renderErase} from './memory-user.js';

const TABS = [
  ['memories', 'Memories'], ['sessions', 'Sessions'], ['search', 'Search'],
  ['context', 'Context'], ['export', 'Export'], ['erase', 'Erase user'],
];

export function renderMemory(main, parts, params) {
  const [userId, tab = 'memories', ...rest] = parts;
  if (!userId) {
    renderUserPicker(main);
    return;
  }
  const body = el('div', {class: 'tab-body'});
  const tabs = el('ul', {class: 'tabs', 'aria-label': `Views of user ${userId}`},
    TABS.map(([id, label]) => el('li', {}, el('a', {href: `#/memory/${seg(userId)}/${id}`,
      'aria-current': id === tab ? 'page' : undefined}, label))));
  fill(main,
    el('nav', {class: 'crumbs', 'aria-label': 'Breadcrumb'}, el('a', {href: '#/memory'}, 'Users'), ' / ', userId),
    heading(`User ${userId}`), tabs, body);
  const views = {
    memories: () => renderMemories(body, userId),
    memory: () => renderMemoryDetail(body, userId, rest[0]),
    sessions: () => renderSessions(body, userId, rest[0], params),
    search: () => renderSearch(body, userId, params),
    context: () => renderContext(body, userId, params),
    export: () => renderExport(body, userId),
    erase: () => renderErase(body, userId),
  };
  (views[tab] || views.memories)();
}

function renderUserPicker(main) {
  const input = el('input', {name: 'userId', required: true, autocomplete: 'off'});
  const form = el('form', {class: 'card narrow'},
    field('User id', input, 'The userId your application stores sessions and memories under.'),
    el('button', {type: 'submit', class: 'primary'}, 'Open user'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value.trim()) location.hash = `#/memory/${seg(input.value.trim())}/memories`;
  });
  fill(main, heading('Memories'), el('p', {}, 'Sessions, long-term memories, search, context, export and erasure of one user.'), form);
}
