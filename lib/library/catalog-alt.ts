/**
 * A paper's other titles in the catalog (PaperRow.altTitles: an arXiv version renamed, a merged
 * entry's title), found by near titles as its own title is. The exact title key of another title
 * is an index of the papers table (lib/library/match.ts); a card whose title is only near one of
 * them (the camera-ready's title with a word changed) needs the candidate keys of those titles too.
 * Few papers have other titles, so they are kept apart from the main candidate pairs, in maps.
 */
import { candidateKeys, hashNumber } from '../dedup';
import type { PaperRow } from '../db';
import type { CatalogColumns } from './catalog-columns';
import { SEP, SUB } from './catalog-row-shape';

/** The row's other titles as the column keeps them: joined by SUB, '' for none (or any it cannot hold). */
export function altTitlesText(row: PaperRow): string {
  const titles = (row.altTitles ?? []).filter((t) => typeof t === 'string' && t !== '' && !t.includes(SUB) && !t.includes(SEP));
  return titles.join(SUB);
}

/** Slot s's other titles, as its column says. */
export function altTitlesAt(c: CatalogColumns, s: number): string[] {
  const text = c.altTitles[s];
  return text ? text.split(SUB) : [];
}

/** Slot s takes the other titles its column holds now: its former ones' keys go. */
export function indexAltTitles(c: CatalogColumns, s: number): void {
  for (const h of c.altHashesOf.get(s) ?? []) {
    const slots = c.altSlots.get(h);
    if (!slots) continue;
    const left = slots.filter((x) => x !== s);
    if (left.length) c.altSlots.set(h, left);
    else c.altSlots.delete(h);
  }
  c.altHashesOf.delete(s);
  const titles = altTitlesAt(c, s);
  if (!titles.length) return;
  const hashes = [...new Set(titles.flatMap((t) => candidateKeys(t).map(hashNumber)))];
  c.altHashesOf.set(s, hashes);
  for (const h of hashes) {
    const slots = c.altSlots.get(h);
    if (slots) slots.push(s);
    else c.altSlots.set(h, [s]);
  }
}

/** Every slot's other titles indexed, as after loading a snapshot. */
export function indexAllAltTitles(c: CatalogColumns): void {
  c.altSlots.clear();
  c.altHashesOf.clear();
  for (let s = 0; s < c.altTitles.length; s++) if (c.altTitles[s] && c.keys[s]) indexAltTitles(c, s);
}

/** The live slots one of whose other titles shares a candidate key with `keys` (a card's), each once. */
export function altCandidateSlots(c: CatalogColumns, keys: string[]): number[] {
  if (c.altSlots.size === 0) return [];
  const out = new Set<number>();
  for (const k of keys) for (const s of c.altSlots.get(hashNumber(k)) ?? []) if (c.keys[s]) out.add(s);
  return [...out];
}
