/** The bulk-action selection: a set of paper keys, changed immutably so Preact sees each change. */

export function toggle(sel: ReadonlySet<string>, key: string, on?: boolean): Set<string> {
  const next = new Set(sel);
  const want = on ?? !sel.has(key);
  if (want) next.add(key);
  else next.delete(key);
  return next;
}

/** Selects (or clears) every key on the page, keeping the other selected keys. */
export function setMany(sel: ReadonlySet<string>, keys: readonly string[], on: boolean): Set<string> {
  const next = new Set(sel);
  for (const k of keys) {
    if (on) next.add(k);
    else next.delete(k);
  }
  return next;
}

/** Only the keys still listed: a bulk action applies to rows the user can see ticked. */
export function keepListed(sel: ReadonlySet<string>, keys: readonly string[]): ReadonlySet<string> {
  if (sel.size === 0) return sel;
  const listed = new Set(keys);
  const next = new Set([...sel].filter((k) => listed.has(k)));
  return next.size === sel.size ? sel : next;
}

export type PageSelection = 'none' | 'some' | 'all';

export function pageSelection(sel: ReadonlySet<string>, keys: readonly string[]): PageSelection {
  let n = 0;
  for (const k of keys) if (sel.has(k)) n++;
  return n === 0 ? 'none' : n === keys.length ? 'all' : 'some';
}

/**
 * Shift-click range: every key between the last clicked row and this one, in list order.
 * Returns null when the anchor is no longer in the list.
 */
export function range(keys: readonly string[], anchor: string, key: string): string[] | null {
  const a = keys.indexOf(anchor);
  const b = keys.indexOf(key);
  if (a === -1 || b === -1) return null;
  return keys.slice(Math.min(a, b), Math.max(a, b) + 1);
}
