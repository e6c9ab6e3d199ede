// A line chart in plain SVG: one line per series over time, gaps where a value is null (no reads
// in that interval), a labelled y-axis. The chart is an image with a text summary for screen
// readers; the figures are also in the table beside it.

const NS = 'http://www.w3.org/2000/svg';
const WIDTH = 560;
const HEIGHT = 200;
const PAD = {left: 56, right: 12, top: 12, bottom: 28};

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * series: [{name, cls, values: [number|null]}], times: [Date], format: (number) => string.
 * Returns an <svg> element sized by its viewBox (CSS makes it fluid).
 */
export function lineChart({title, series, times, format, min = 0, max}) {
  const all = series.flatMap((s) => s.values).filter((v) => v !== null && v !== undefined);
  const top = max ?? niceCeiling(Math.max(0, ...all) * 1.1);
  const root = svg('svg', {viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', class: 'chart'});
  root.append(svg('title', {}, `${title}: ${summary(series, format)}`));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i) => PAD.left + (times.length <= 1 ? plotW : (i / (times.length - 1)) * plotW);
  const y = (v) => PAD.top + plotH - ((v - min) / (top - min)) * plotH;
  for (const fraction of [0, 0.5, 1]) {
    const value = min + (top - min) * fraction;
    root.append(svg('line', {x1: PAD.left, x2: WIDTH - PAD.right, y1: y(value), y2: y(value), class: 'grid'}));
    root.append(svg('text', {x: PAD.left - 6, y: y(value) + 4, 'text-anchor': 'end', class: 'axis'}, format(value)));
  }
  if (times.length) {
    root.append(svg('text', {x: PAD.left, y: HEIGHT - 8, class: 'axis'}, clock(times[0])));
    root.append(svg('text', {x: WIDTH - PAD.right, y: HEIGHT - 8, 'text-anchor': 'end', class: 'axis'}, clock(times[times.length - 1])));
  }
  for (const s of series) {
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null || v === undefined) { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    if (d) root.append(svg('path', {d, class: `line ${s.cls}`}));
    // A lone point between gaps has no line; mark every point so it still shows.
    s.values.forEach((v, i) => {
      if (v !== null && v !== undefined) root.append(svg('circle', {cx: x(i), cy: y(v), r: 2.5, class: `dot ${s.cls}`}));
    });
  }
  return root;
}

/** The next 1, 2 or 5 × 10^k at or above the value, so axis labels are round numbers. */
function niceCeiling(value) {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) {
    if (value <= step * power) return step * power;
  }
  return 10 * power;
}

function clock(date) {
  return date.toLocaleTimeString([], {hour: '2-digit', minute: '2-digit', second: '2-digit'});
}

function summary(series, format) {
  return series.map((s) => {
    const last = [...s.values].reverse().find((v) => v !== null && v !== undefined);
    return `${s.name} ${last === undefined ? 'no data' : format(last)}`;
  }).join(', ');
}
