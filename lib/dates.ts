/** Dates as researchers read them on a badge: "Nov 3", with the year only when it is not this year. */
export function shortDate(input: string | number, now = new Date()): string {
  const d = typeof input === 'number' ? new Date(input) : new Date(`${input}T12:00:00`);
  if (Number.isNaN(d.getTime())) return String(input);
  const opts: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' };
  if (d.getFullYear() !== now.getFullYear()) opts.year = 'numeric';
  return d.toLocaleDateString('en-US', opts);
}

/** When a paper was first seen: the digest's own day when the page had one, else the visit's day. */
export function firstSeenDate(first: { at: number; digestDate?: string } | undefined): string | undefined {
  if (!first) return undefined;
  return first.digestDate ?? new Date(first.at).toISOString().slice(0, 10);
}
