/** Words and numbers as the library page shows them. */

const numberFmt = new Intl.NumberFormat('en');
export function count(n: number): string {
  return numberFmt.format(n);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

const dayFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const timeFmt = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export function day(ms: number | undefined): string {
  return ms === undefined ? '—' : dayFmt.format(ms);
}

export function dateTime(ms: number): string {
  return timeFmt.format(ms);
}

/** "today", "yesterday", "3 days ago", else the date: recent activity reads better relative. */
export function relativeDay(ms: number | undefined, now: number = Date.now()): string {
  if (ms === undefined) return '—';
  const startOf = (t: number) => new Date(new Date(t).toDateString()).getTime();
  const days = Math.round((startOf(now) - startOf(ms)) / 86_400_000);
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days > 1 && days < 7) return `${days} days ago`;
  return day(ms);
}

/** "A, B, C and 12 more": long author lists would push everything else off the row. */
export function authorLine(authors: readonly string[], max = 3): string {
  if (authors.length === 0) return '';
  if (authors.length <= max) return authors.join(', ');
  return `${authors.slice(0, max).join(', ')} and ${authors.length - max} more`;
}
