/**
 * The popup's view of a tab, without looking its cards up again: the content script's lookup
 * already matched every card, so the background keeps which paper each card is (see lib/router.ts)
 * and `tab.get` re-reads only those rows (status, tags and notes are always current). A card whose
 * remembered paper is gone (re-keyed, merged, deleted) or that was never remembered is looked up.
 */
import { explainMatch } from '../dedup';
import type { DejaLuDB, PaperRow } from '../db';
import type { CardStatus, TabCard } from '../messages';
import { heirsOf } from './heirs';
import { keyOf, probeOf, refOf, refOfProbe, statusOf, toSlimView, type Probe, type Resolved } from './rows';

/** Matches decided by an identifier: no other stored paper can take the card from them. */
const BY_ID = new Set(['arxiv-id', 'arxiv-id-other-version', 'doi']);

/**
 * `lookUp` runs outside the transaction that re-reads the remembered rows, so it may wait for what
 * finds near titles (CatalogStore.nearTitles) before opening its own: only when a card needs it.
 */
export async function tabStatuses(
  db: DejaLuDB,
  cards: TabCard[],
  lookUp: (probes: Probe[]) => Promise<(Resolved | null)[]>,
): Promise<CardStatus[]> {
  const probes = cards.map((c) => probeOf(c.card));
  const out = await db.transaction('r', db.papers, db.notSame, async () => {
    const want = new Set<string>();
    cards.forEach((c, i) => {
      if (c.key === undefined) return;
      if (c.key) want.add(c.key);
      // The card's own paper may have been created since (a sighting, a save): it wins then, as
      // it would in a lookup.
      want.add(keyOf(probes[i]!));
    });
    const keys = [...want];
    const got = keys.length ? await db.papers.bulkGet(keys) : [];
    const rows = new Map<string, PaperRow>();
    for (const r of got) if (r) rows.set(r.key, r);
    // A remembered paper moved to a new key since (the visit's sighting showed its arXiv id) is
    // the same paper: found by the key it had.
    for (const [k, r] of await heirsOf(db, keys.filter((k) => !rows.has(k)))) rows.set(k, r);

    return cards.map((c, i): CardStatus | null => {
      if (c.key === undefined) return null;
      const p = probes[i]!;
      const remembered = c.key ? rows.get(c.key) : undefined;
      if (c.key && !remembered) return null;
      const own = rows.get(keyOf(p));
      const keep = remembered && c.match && BY_ID.has(c.match.rule) ? remembered : (own ?? remembered);
      if (!keep) return { status: 'new' as const };
      return statusFor(p, keep, keep.key === remembered?.key ? c.match : undefined);
    });
  });
  const again = out.flatMap((s, i) => (s ? [] : [i]));
  if (again.length) {
    const resolved = await lookUp(again.map((i) => probes[i]!));
    again.forEach((i, j) => {
      const r = resolved[j];
      out[i] = r ? { status: statusOf(r.row), paper: toSlimView(r.row), match: r.match } : { status: 'new' };
    });
  }
  return out as CardStatus[];
}

/**
 * The card's status as `row` is now. `said`: how the page's lookup matched the card to this row,
 * which the popup repeats (the visit's own sighting may since have taught the row the card's
 * version or arXiv id, and a match worked out now would say "same arXiv id" of what was a title
 * match, or drop "v2 here, v1 before").
 */
function statusFor(p: Probe, row: PaperRow, said?: CardStatus['match']): CardStatus | null {
  const match = explainMatch(refOfProbe(p), refOf(row));
  // No longer the same paper by the rules (its title or ids changed): look the card up again.
  if (!match) return null;
  return { status: statusOf(row), paper: toSlimView(row), match: said ?? match };
}
