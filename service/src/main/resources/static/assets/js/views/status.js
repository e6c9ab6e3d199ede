// Status page: GET /v1/stats every few seconds; per-tier hit ratio, latency and size as charts,
// the latest figures as a table, the signed-in tenant's own reads, and PostgreSQL / Redis health.
import {call} from '../api.js';
import {lineChart} from '../chart.js';
import {bytes, el, fill, heading, statusLine} from '../dom.js';

const TIERS = ['hot', 'warm', 'durable'];
const REFRESH_MS = 5000;

/** Renders and refreshes the page; returns the function that stops refreshing when the view is left. */
export function renderStatus(main) {
  const status = statusLine();
  const health = el('div', {class: 'health', id: 'health'});
  const charts = el('div', {class: 'charts'});
  const table = el('div');
  const ownReads = el('div');
  const refreshed = el('p', {class: 'hint', id: 'refreshed'});
  fill(main, heading('Status'),
    el('p', {class: 'hint'}, 'Figures of the instance that answered, sampled in-process; the page refreshes every 5 seconds.'),
    status.node, el('h2', {}, 'Stores'), health, el('h2', {}, 'Tiers'), charts, table,
    el('h2', {}, 'Your reads'), ownReads, refreshed);
  let stopped = false;
  let instance = null;
  async function refresh() {
    try {
      const {body} = await call('GET', '/v1/stats');
      if (stopped) return;
      status.clear();
      drawHealth(health, body.health);
      drawCharts(charts, body.samples);
      drawTable(table, body.samples[body.samples.length - 1]);
      drawOwnReads(ownReads, body.tenantHitRatios || {});
      // Behind a load balancer consecutive answers may come from different instances: say so.
      const switched = instance && instance !== body.instance ? ' (a different instance than the previous refresh)' : '';
      instance = body.instance;
      refreshed.textContent = `Updated ${new Date().toLocaleTimeString()} from instance ${body.instance}${switched}; `
        + `${body.samples.length} samples of ${body.sampleIntervalSeconds} s (window ${body.windowSeconds} s).`;
    } catch (e) {
      if (!stopped) status.error(e.message);
    }
  }
  refresh();
  const timer = setInterval(refresh, REFRESH_MS);
  return () => { stopped = true; clearInterval(timer); };
}

function drawHealth(node, stores) {
  const card = (name, store) => {
    let text = store.status;
    if (store.enabled === false) text = 'not configured';
    const state = store.status === 'UP' ? 'up' : store.status === 'DEGRADED' ? 'degraded' : 'down';
    return el('div', {class: `store card ${state}`, id: `health-${name.toLowerCase()}`},
      el('h3', {}, name), el('p', {class: 'store-state'}, text));
  };
  fill(node, card('PostgreSQL', stores.postgres), card('Redis', stores.redis));
}

function drawCharts(node, samples) {
  const times = samples.map((s) => new Date(s.at));
  const series = (pick) => TIERS.map((tier) => ({
    name: tier, cls: `tier-${tier}`, values: samples.map((s) => pick(s.tiers[tier] || {})),
  }));
  const legend = el('p', {class: 'legend'}, TIERS.map((t) => el('span', {class: `key tier-${t}`}, t)));
  const figure = (title, chart) => el('figure', {class: 'card'}, el('figcaption', {}, title), chart);
  fill(node, legend,
    figure('Hit ratio', lineChart({title: 'Hit ratio', series: series((t) => t.hitRatio), times, min: 0, max: 1,
      format: (v) => `${Math.round(v * 100)} %`})),
    figure('Mean get latency', lineChart({title: 'Mean get latency', series: series((t) => t.meanGetMs), times,
      format: (v) => `${v === 0 ? 0 : v < 1 ? v.toPrecision(2) : v.toFixed(1)} ms`})),
    figure('Entries held', lineChart({title: 'Entries held', series: series((t) => t.entries), times,
      format: (v) => (Number.isInteger(v) ? String(v) : v.toFixed(1))})));
}

function drawTable(node, latest) {
  if (!latest) {
    fill(node, el('p', {}, 'No samples yet: the first arrives a few seconds after start-up.'));
    return;
  }
  const pct = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)} %`);
  const ms = (v) => (v === null || v === undefined ? '–' : `${v.toFixed(3)} ms`);
  const rows = TIERS.map((tier) => {
    const t = latest.tiers[tier] || {};
    return el('tr', {}, el('th', {scope: 'row'}, tier), el('td', {}, String(t.reads ?? 0)), el('td', {}, pct(t.hitRatio)),
      el('td', {}, ms(t.meanGetMs)), el('td', {}, t.entries === null || t.entries === undefined ? 'unknown' : String(t.entries)),
      el('td', {}, bytes(t.bytes)));
  });
  fill(node, el('table', {class: 'data', id: 'tier-table'},
    el('caption', {}, 'Last interval'),
    el('thead', {}, el('tr', {}, ['Tier', 'Reads', 'Hit ratio', 'Mean get', 'Entries', 'Size'].map((h) => el('th', {scope: 'col'}, h)))),
    el('tbody', {}, rows)));
}

/** The signed-in tenant's reads on this instance since it started: which tier answered how often. */
function drawOwnReads(node, tiers) {
  const pct = (t) => (t.hits + t.misses === 0 ? '–' : `${(t.hitRatio * 100).toFixed(1)} %`);
  const rows = TIERS.map((tier) => {
    const t = tiers[tier] || {hits: 0, misses: 0, hitRatio: 0};
    return el('tr', {}, el('th', {scope: 'row'}, tier), el('td', {}, String(t.hits + t.misses)), el('td', {}, String(t.hits)),
      el('td', {}, pct(t)));
  });
  fill(node, el('table', {class: 'data', id: 'tenant-reads-table'},
    el('caption', {}, 'This tenant on this instance, since it started'),
    el('thead', {}, el('tr', {}, ['Tier', 'Reads', 'Hits', 'Hit ratio'].map((h) => el('th', {scope: 'col'}, h)))),
    el('tbody', {}, rows)));
}
