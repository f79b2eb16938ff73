/** Dates as researchers read them on a badge: "Nov 3", with the year only when it is not this year. */
export function shortDate(input: string | number, now = new Date()): string {
  const d = typeof input === 'number' ? new Date(input) : new Date(`${input}T12:00:00`);
  if (Number.isNaN(d.getTime())) return String(input);
  return (d.getFullYear() !== now.getFullYear() ? withYear() : dayMonth()).format(d);
}

// `toLocaleDateString` with options builds a new formatter per call (~0.1 ms); a page of badges
// formats a date per card. Same output: it is defined as this formatter's `format`.
let dm: Intl.DateTimeFormat | undefined;
let dmy: Intl.DateTimeFormat | undefined;
const dayMonth = () => (dm ??= new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' }));
const withYear = () => (dmy ??= new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric' }));

/** When a paper was first seen: the digest's own day when the page had one, else the visit's day. */
export function firstSeenDate(first: { at: number; digestDate?: string } | undefined): string | undefined {
  if (!first) return undefined;
  return first.digestDate ?? new Date(first.at).toISOString().slice(0, 10);
}
