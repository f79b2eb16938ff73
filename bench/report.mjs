// Statistics, goals and the printed table of the benchmark.

export function quantile(values, q) {
  const v = [...values].sort((a, b) => a - b);
  if (!v.length) return NaN;
  const pos = (v.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}
export const median = (values) => quantile(values, 0.5);

/** Median, min, max and the spread as (max − min) / median. */
export function summary(values) {
  const v = values.filter((x) => Number.isFinite(x));
  if (!v.length) return { runs: values.length, median: null, min: null, max: null, spreadPct: null };
  const med = median(v);
  const min = Math.min(...v);
  const max = Math.max(...v);
  return { runs: v.length, median: med, min, max, spreadPct: med ? ((max - min) / Math.abs(med)) * 100 : 0 };
}

/**
 * A figure: `value` is judged against `goal` ({ op: '<' | '<=' | '>=' , value }). `missBy` says how far
 * from the goal a miss is, as a factor and in the figure's unit.
 */
export function figure({ id, name, unit, samples, value, goal, baseline, notes, extra }) {
  const s = summary(samples);
  const v = value ?? s.median;
  let pass = null;
  let missBy = null;
  if (goal && v !== null && Number.isFinite(v)) {
    pass = goal.op === '<' ? v < goal.value : goal.op === '<=' ? v <= goal.value : v >= goal.value;
    if (!pass) {
      const factor = goal.op === '>=' ? goal.value / v : v / goal.value;
      missBy = { factor, amount: goal.op === '>=' ? goal.value - v : v - goal.value, unit };
    }
  }
  return {
    id,
    name,
    unit,
    value: v,
    goal: goal ? { ...goal, text: `${goal.op} ${fmt(goal.value, unit)}` } : null,
    pass,
    missBy,
    runs: s.runs,
    median: s.median,
    min: s.min,
    max: s.max,
    spreadPct: s.spreadPct,
    samples,
    ...(baseline ? { baseline } : {}),
    ...(notes ? { notes } : {}),
    ...(extra ? { extra } : {}),
  };
}

export function fmt(v, unit) {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const n = Math.abs(v);
  const digits = n >= 100 ? 0 : n >= 10 ? 1 : n >= 1 ? 2 : 3;
  const num = Number(v.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits });
  switch (unit) {
    case 'ms':
      return `${num} ms`;
    case 's':
      return `${num} s`;
    case 'x':
      return `${num}×`;
    case 'kB':
      return `${num} kB`;
    case 'MB':
      return `${num} MB`;
    case '/s':
      return `${num}/s`;
    default:
      return unit ? `${num} ${unit}` : num;
  }
}

function verdict(f) {
  if (f.pass === null) return f.goal ? 'n/a' : 'report';
  if (f.pass) return 'pass';
  const { factor, amount, unit } = f.missBy;
  const times = factor >= 10 ? factor.toFixed(0) : factor.toFixed(1);
  // A ratio's miss reads best as a factor alone; other units say the amount too.
  if (unit === 'x') return `MISS (${times}× worse than the goal)`;
  return `MISS by ${fmt(amount, unit)} (${times}× worse than the goal)`;
}

function spread(f) {
  if (f.min === null || f.runs < 2) return '';
  return `${fmt(f.min, f.unit)} – ${fmt(f.max, f.unit)}`;
}

/** Rows of the results table, as arrays of cells. */
export function tableRows(figures) {
  return figures.map((f) => [f.name, fmt(f.value, f.unit), spread(f), String(f.runs), f.goal ? f.goal.text : '—', verdict(f)]);
}

const HEAD = ['measure', 'median', 'spread (min – max)', 'runs', 'goal', 'result'];

export function textTable(figures) {
  const rows = [HEAD, ...tableRows(figures)];
  const widths = HEAD.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

export function markdownTable(figures) {
  const esc = (s) => s.replace(/\|/g, '\\|');
  return [
    `| ${HEAD.join(' | ')} |`,
    `|${HEAD.map(() => '---').join('|')}|`,
    ...tableRows(figures).map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}
