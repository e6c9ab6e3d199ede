// A user's sessions (listed from the export) and one session's window, summary and messages
// (GET /v1/sessions/{sessionId}/messages?userId=&all=true).
import {call, seg} from '../api.js';
import {el, field, fill, statusLine} from '../dom.js';
import {classify, loadExport} from './memory-data.js';

export async function renderSessions(body, userId, sessionId) {
  const status = statusLine();
  const input = el('input', {name: 'sessionId', value: sessionId || ''});
  const form = el('form', {class: 'inline-form'}, field('Session id', input), el('button', {type: 'submit'}, 'Open session'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value.trim()) location.hash = `#/memory/${seg(userId)}/sessions/${seg(input.value.trim())}`;
  });
  const known = el('ul', {class: 'namespace-list', 'aria-label': 'Sessions of this user'});
  const detail = el('div');
  fill(body, form, status.node, known, detail);
  if (sessionId) {
    showSession(detail, userId, sessionId, status);
  }
  try {
    const {records} = await loadExport(userId);
    for (const s of classify(records).sessions) {
      known.append(el('li', {}, el('a', {href: `#/memory/${seg(userId)}/sessions/${seg(s.sessionId)}`}, s.sessionId),
        ` (${s.messages} messages)`));
    }
    if (!known.children.length && !sessionId) status.ok('No active sessions for this user.');
  } catch (e) {
    if (!sessionId) status.error(`${e.message} Enter a session id to open it directly.`);
  }
}

async function showSession(node, userId, sessionId, status) {
  try {
    const {body} = await call('GET', `/v1/sessions/${seg(sessionId)}/messages?userId=${seg(userId)}&all=true`);
    const w = body.window;
    const messages = (body.allMessages || w.messages).map((m) => el('tr', {class: m.folded ? 'folded' : undefined},
      el('td', {}, String(m.seq)), el('td', {}, m.role), el('td', {}, m.content),
      el('td', {}, String(m.tokens)), el('td', {}, m.folded ? 'in summary' : 'in window'), el('td', {}, m.createdAt || '')));
    fill(node, el('h2', {}, `Session ${sessionId}`),
      el('p', {}, `Window: ${w.windowTokens} of ${w.budgetTokens} tokens; ${w.foldedMessages} messages folded into the summary, `
        + `${w.omittedMessages} outside the window. Expires ${w.expiresAt}.`),
      el('h3', {}, 'Running summary'), el('p', {class: 'card'}, w.summary || '(none yet)'),
      el('table', {class: 'data'}, el('caption', {}, 'Messages'),
        el('thead', {}, el('tr', {}, ['#', 'Role', 'Content', 'Tokens', 'Where', 'At'].map((h) => el('th', {scope: 'col'}, h)))),
        el('tbody', {}, messages)));
  } catch (e) {
    status.error(e.message);
  }
}
