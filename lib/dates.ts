/** Dates as researchers read them on a badge: "Nov 3", with the year only when it is not this year. */
export function shortDate(input: string | number, now = new Date()): string {
  const d = typeof input === 'number' ? new Date(input) : new Date(`${input}T12:00:00`);
  if (Number.isNaN(d.getTime())) return String(input);
  return d.getFullYear() !== now.getFullYear() ? `${dayMonth(d)}, ${d.getFullYear()}` : dayMonth(d);
}

// What `Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric'[, year: 'numeric'] })` prints,
// by hand: the first formatter a content script makes loads the locale's data, ~15 ms of a page's
// first badges (a third of the script's main-thread work on a 100-card page).
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Nov 3", in local time. */
export function dayMonth(d: Date): string {
  return `${MONTHS[d.getMonth()]} ${d.getDate()}`;
}

/** When a paper was first seen: the digest's own day when the page had one, else the visit's day. */
export function firstSeenDate(first: { at: number; digestDate?: string } | undefined): string | undefined {
  if (!first) return undefined;
  return first.digestDate ?? localDay(first.at);
}

/** The moment the reader's day (local time) of `at` began. */
export function startOfLocalDay(at: number): number {
  const d = new Date(at);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** The reader's day (YYYY-MM-DD, local time) of a moment: what the history lines show for it too. */
export function localDay(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
