// Reads a user's export (GET /v1/users/{userId}/export, JSON Lines) into memories and sessions:
// the one call that lists everything of a user, so browsing needs no extra listing endpoints.
import {call, seg} from '../api.js';

/** Parses JSON Lines; a line that is not JSON is kept as an error rather than dropped. */
export function parseJsonLines(text) {
  const records = [];
  const broken = [];
  (text || '').split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    try { records.push(JSON.parse(line)); } catch { broken.push(index + 1); }
  });
  return {records, broken};
}

const kindOf = (record) => String(record.type || record.kind || record.recordType || '').toLowerCase();

/** Groups export records by what they are: the explicit type when present, else their shape. */
export function classify(records) {
  const memories = [];
  const sessions = new Map();
  const other = [];
  for (const record of records) {
    const kind = kindOf(record);
    const data = record.memory || record.data || record;
    if (kind.includes('memory') || (!kind && data.text && data.id && !data.role)) {
      memories.push(data);
    } else if (kind.includes('session') || kind.includes('message') || data.role) {
      const id = data.sessionId || record.sessionId;
      if (!sessions.has(id)) sessions.set(id, {sessionId: id, messages: 0});
      const session = sessions.get(id);
      if (Array.isArray(data.messages)) session.messages += data.messages.length;
      else if (data.role) session.messages += 1;
      if (data.summary) session.summary = data.summary;
    } else {
      other.push(record);
    }
  }
  return {memories, sessions: [...sessions.values()].filter((s) => s.sessionId), other};
}

export async function loadExport(userId) {
  const answer = await call('GET', `/v1/users/${seg(userId)}/export`, {headers: {Accept: 'application/x-ndjson, application/jsonl, application/json'}});
  const text = typeof answer.body === 'string' ? answer.body : jsonLinesOf(answer.body);
  return {text, ...parseJsonLines(text)};
}

// A server answering a JSON array instead of JSON Lines is still readable.
function jsonLinesOf(body) {
  if (Array.isArray(body)) return body.map((r) => JSON.stringify(r)).join('\n');
  return body ? JSON.stringify(body) : '';
}
