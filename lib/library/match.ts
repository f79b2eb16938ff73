/**
 * Matching cards to stored papers: ids first, then exact title keys, then near titles through
 * candidate keys and the dedup rules — from the in-memory catalog once it has loaded, else from
 * the snapshot's near keys (./near-keys.ts) and the candidates' rows.
 */
import { candidateKeys, explainMatch, matcherFor, titleDigest } from '../dedup';
import type { DejaLuDB, NotSameRow, PaperRow } from '../db';
import type { Catalog, SlimView } from './catalog';
import { NearKeys } from './near-keys';
import { titleKey } from '../identity';
import type { MatchView } from '../messages';
import { keyOf, pairKey, refOf, refOfProbe, type Probe, type Resolved } from './rows';

/**
 * The stored paper for each card, in three rounds of parallel point queries (never per card in
 * sequence, never a cursor walk, never a scan):
 *  0. for a page lookup with the catalog loaded, the not-same pairs first: once that read is
 *     answered the catalog is known to be in step, and answers ids as well as near titles;
 *  1. arXiv ids by primary key (unless the catalog answered them) and DOIs by index;
 *  2. for the cards still unresolved, their candidates: from the catalog (which also rules most
 *     out on title digests and judges the rest, so only accepted papers are read), else from the
 *     near keys (in memory; papers with the card's exact title key are among them);
 *  3. the rows of the candidates that can still match, and the not-same pairs between them.
 * A card with an arXiv id can only near-match a stored paper without one or with the same id
 * (identifiers decide when both sides have one), and a stored paper keyed `arxiv:<id>` carries that
 * id, so most candidates of a page's new cards are dropped from their keys alone: in IndexedDB an
 * index entry costs a fraction of a row.
 */
export async function resolve(db: DejaLuDB, probes: Probe[], from: Catalog | NearKeys): Promise<(Resolved | null)[]>;
/**
 * For a lookup that only shows what it found (`cards.lookup`): near-title matches come as the
 * catalog's slim views (`Catalog.slim`) instead of rows read from the database — `current` says
 * which catalog is in step with the table once this read transaction has started.
 */
export async function resolve(
  db: DejaLuDB,
  probes: Probe[],
  from: Catalog | NearKeys,
  current: () => Catalog | null,
): Promise<(Resolved<PaperRow | SlimView> | null)[]>;
export async function resolve(
  db: DejaLuDB,
  probes: Probe[],
  from: Catalog | NearKeys,
  current?: () => Catalog | null,
): Promise<(Resolved<PaperRow | SlimView> | null)[]> {
  const nearIx = from instanceof NearKeys ? from : null;
  const cat = nearIx ? null : (from as Catalog);
  const out: (Resolved<PaperRow | SlimView> | null)[] = probes.map(() => null);

  // ---- round 0, a lookup with a catalog: the not-same pairs, read first to start the transaction --
  /**
   * The catalog, when it is in step with what this read transaction sees: once the transaction's
   * first read is answered it has started, so every transaction that wrote papers before it has
   * committed (and told the catalog), and none can write until it ends. The catalog then holds
   * exactly what the rows would say — if it is still the current one (an aborted write makes the
   * store drop it) — and answers arXiv ids and near titles from memory, with no row read.
   */
  let inStep: Catalog | null = null;
  let firstPairs: NotSameRow[] | null = null;
  if (cat && current) {
    firstPairs = await notSameHead(db);
    if (current() === cat) inStep = cat;
  }

  // ---- round 1: ids ------------------------------------------------------------------------------
  const idKeys = [...new Set(probes.flatMap((p) => (p.arxivId ? [`arxiv:${p.arxivId}`] : [])))];
  const dois = [...new Set(probes.flatMap((p) => (p.doi ? [p.doi] : [])))];
  const idRows = new Map<string, PaperRow | SlimView>();
  const idReads = inStep ? viewsFrom(inStep, idKeys, idRows) : idKeys;
  const [byId, byDoi] = await Promise.all([
    idReads.length ? db.papers.bulkGet(idReads) : Promise.resolve([]),
    Promise.all(dois.map((d) => db.papers.where('doi').equals(d).toArray())),
  ]);
  for (const r of byId) if (r) idRows.set(r.key, r);
  // Rows come in primary-key order: the first one carrying the DOI wins, as it always has.
  const doiRows = new Map<string, PaperRow>();
  dois.forEach((d, i) => {
    const r = byDoi[i]?.find((x) => x.doi === d);
    if (r) doiRows.set(d, r);
  });

  const pending: number[] = [];
  probes.forEach((p, i) => {
    const row = (p.arxivId ? idRows.get(`arxiv:${p.arxivId}`) : undefined) ?? (p.doi ? doiRows.get(p.doi) : undefined);
    if (row) out[i] = { row, match: explain(p, row) };
    else pending.push(i);
  });
  if (!pending.length) return out;
  // Papers that took a pending card's title as another title when merged (PaperRow.altTitleKeys):
  // asked now, answered beside round 3's reads. The index holds almost no row.
  const altKeys = [...new Set(pending.map((i) => probes[i]!.titleKey).filter((k) => k !== ''))];
  const altRead = altKeys.length ? db.papers.where('altTitleKeys').anyOf(altKeys).toArray() : Promise.resolve([]);

  // ---- round 2: candidate keys, in memory -------------------------------------------------------
  const candKeysOf = new Map<number, string[]>();
  const rows = new Map<string, PaperRow | SlimView>();
  /** Candidate key → primary keys, in primary-key order. */
  const byCand = new Map<string, string[]>();
  for (const i of pending) candKeysOf.set(i, candidateKeys(probes[i]!.card.title));
  if (nearIx) for (const i of pending) for (const k of candKeysOf.get(i)!) if (!byCand.has(k)) byCand.set(k, nearIx.candidates(k));

  // ---- round 3: rows of the survivors, not-same pairs ---------------------------------------------
  /** Card i's near candidates with its exact title key (a subset of nearOf's). */
  const exactOf = new Map<number, string[]>();
  /** What the rules said of card i and stored paper pk, when the catalog already asked (`i|pk`). */
  const verdicts = new Map<string, MatchView>();
  const nearOf = new Map<number, string[]>();
  /** Papers one of whose other titles card i's title is near, with the rules' verdict (catalog only). */
  const otherNearOf = new Map<number, { key: string; match: MatchView }[]>();
  const missing = new Set<string>();
  const pairs = new Set<string>();
  /** Each pending card's own key and its `explainMatch` with the card's side worked out once. */
  const ownOf = new Map<number, string>();
  const matchOf = new Map<number, ReturnType<typeof matcherFor>>();
  for (const i of pending) {
    const p = probes[i]!;
    const own = keyOf(p);
    ownOf.set(i, own);
    const match = matcherFor(refOfProbe(p));
    matchOf.set(i, match);
    const can = (pk: string) => mayMatch(p, pk);
    const near: string[] = [];
    if (cat) {
      // The catalog holds what the rules compare: only papers that are the same by them are read,
      // and title digests rule out most candidates before any stored title is analysed.
      const digest = titleDigest(p.card.title);
      const cardHasId = (p.arxivId ?? p.doi) !== undefined;
      const same = cat.sameCandidates(candKeysOf.get(i)!, digest, cardHasId, can, match);
      for (const c of same) {
        verdicts.set(`${i}|${c.key}`, c.match);
        near.push(c.key);
      }
      exactOf.set(i, same.filter((c) => c.sameKey).map((c) => c.key).sort());
      const others = cat.sameOtherTitles(candKeysOf.get(i)!, can, match);
      if (others.length) {
        otherNearOf.set(i, others);
        for (const o of others) {
          if (!rows.has(o.key)) missing.add(o.key);
          pairs.add(pairKey(own, o.key));
        }
      }
    } else {
      const seen = new Set<string>();
      for (const k of candKeysOf.get(i) ?? []) {
        for (const pk of byCand.get(k) ?? []) {
          if (seen.has(pk)) continue;
          seen.add(pk);
          if (can(pk)) near.push(pk);
        }
      }
      // Papers with the card's title key share its spaceless candidate key: they are among `near`,
      // and picked out once their rows are read (below).
    }
    for (const pk of near) {
      if (!rows.has(pk)) missing.add(pk);
      pairs.add(pairKey(own, pk));
    }
    nearOf.set(i, near);
  }
  let missingKeys = [...missing];
  const pairKeys = [...pairs];
  let split: ({ pair: string } | undefined)[];
  let more: (PaperRow | undefined)[];
  if (firstPairs) {
    // The table's pairs were read in round 0 when it is small, as it is for most.
    split = await notSameAmong(db, firstPairs, pairKeys);
    if (inStep) missingKeys = viewsFrom(inStep, missingKeys, rows);
    more = missingKeys.length ? await db.papers.bulkGet(missingKeys) : [];
  } else {
    [more, split] = await Promise.all([
      missingKeys.length ? db.papers.bulkGet(missingKeys) : Promise.resolve([]),
      pairKeys.length ? notSamePairs(db, pairKeys) : Promise.resolve([]),
    ]);
  }
  for (const r of more) if (r) rows.set(r.key, r);
  /** Title key → papers that have it as another title, in primary-key order. */
  const byAltTitle = new Map<string, PaperRow[]>();
  for (const r of await altRead) for (const k of r.altTitleKeys ?? []) byAltTitle.set(k, [...(byAltTitle.get(k) ?? []), r]);
  if (nearIx) {
    for (const i of pending) {
      const tk = probes[i]!.titleKey;
      exactOf.set(i, tk ? nearOf.get(i)!.filter((pk) => (rows.get(pk) as PaperRow | undefined)?.titleKey === tk).sort() : []);
    }
  }
  const splitPairs = new Set<string>();
  for (const s of split) if (s) splitPairs.add(s.pair);
  // The pairs of cards and papers found by another title were not among those read (rarely any).
  const altPairs = pending.flatMap((i) => (byAltTitle.get(probes[i]!.titleKey) ?? []).map((r) => pairKey(ownOf.get(i)!, r.key)));
  const unread = [...new Set(altPairs)].filter((pk) => !pairs.has(pk));
  if (unread.length) for (const s of await db.notSame.bulkGet(unread)) if (s) splitPairs.add(s.pair);

  for (const i of pending) {
    const own = ownOf.get(i)!;
    const match = matchOf.get(i)!;
    const verdict = (r: PaperRow | SlimView) => {
      const known = verdicts.get(`${i}|${r.key}`);
      return known !== undefined ? known : match(refOf(r));
    };
    // Prefer a stored paper whose key is this card's own key: after a "not the same" split the
    // card's own paper must win over the paper it was split from.
    const sameTitle = (exactOf.get(i) ?? []).flatMap((pk) => {
      const r = rows.get(pk);
      const m = r && verdict(r);
      return r && m ? [{ row: r, match: m }] : [];
    });
    const t = sameTitle.find((x) => x.row.key === own) ?? sameTitle[0];
    if (t) {
      out[i] = t;
      continue;
    }
    // The title of a paper merged into a stored one is that paper's as surely as its own title.
    const alt = sameOtherTitle(probes[i]!, own, byAltTitle, splitPairs);
    if (alt) {
      out[i] = alt;
      continue;
    }
    let best: Resolved<PaperRow | SlimView> | null = null;
    const consider = (r: PaperRow | SlimView | undefined, match: MatchView | null) => {
      if (!r || !match || splitPairs.has(pairKey(own, r.key))) return;
      if (!best || (match.score ?? 0) > (best.match.score ?? 0)) best = { row: r, match };
    };
    for (const pk of nearOf.get(i) ?? []) {
      const r = rows.get(pk);
      consider(r, r ? verdict(r) : null);
    }
    // Near one of a paper's other titles (its renamed version's): that paper, as near as the score says.
    for (const o of otherNearOf.get(i) ?? []) consider(rows.get(o.key), o.match.rule === 'title' ? OTHER_TITLE : o.match);
    out[i] = best;
  }
  return out;
}

const OTHER_TITLE: MatchView = { rule: 'other-title', text: 'same title as an entry merged into it' };

/**
 * A stored paper one of whose other titles (a merged paper's) has the card's title key, when
 * identifiers do not say otherwise (different arXiv ids or DOIs) and the reader did not split them.
 */
function sameOtherTitle(p: Probe, own: string, byAltTitle: Map<string, PaperRow[]>, splitPairs: Set<string>): Resolved | null {
  for (const row of byAltTitle.get(p.titleKey) ?? []) {
    if (!mayMatch(p, row.key) || splitPairs.has(pairKey(own, row.key))) continue;
    const title = row.altTitles?.find((t) => titleKey(t) === p.titleKey);
    if (title === undefined) continue;
    const m = explainMatch(refOfProbe(p), { ...refOf(row), title });
    if (m) return { row, match: m.rule === 'title' ? OTHER_TITLE : m };
  }
  return null;
}

/**
 * Whether the stored paper keyed `pk` can be the same paper as the card, judged from the key alone.
 * Keys are `arxiv:<id>`, `doi:<doi>` or `title:<key>` (with `#n` after a split), and a row keyed by
 * an id carries that id. Identifiers decide when both sides have one of a kind (dedup.explainMatch):
 * different arXiv ids are different papers; a card with a DOI and no arXiv id differs from a paper
 * keyed by another DOI, which has no arXiv id (else its key would be the arXiv one).
 */
function mayMatch(p: Probe, pk: string): boolean {
  if (p.arxivId === undefined && p.doi === undefined) return true;
  const id = pk.includes('#') ? pk.replace(/#\d+$/, '') : pk;
  if (p.arxivId !== undefined && id.startsWith('arxiv:')) return id.slice(6) === p.arxivId;
  if (p.arxivId === undefined && p.doi !== undefined && id.startsWith('doi:')) return id.slice(4) === p.doi;
  return true;
}

/**
 * Slim views of the papers keyed `keys`, put in `into`, from a catalog in step with the table; the
 * keys whose rows must be read: those of papers the columns cannot give back exactly. A key the
 * catalog lacks is in no row either, so it is neither viewed nor read.
 */
function viewsFrom(cat: Catalog, keys: string[], into: Map<string, PaperRow | SlimView>): string[] {
  const reads: string[] = [];
  for (const k of keys) {
    if (!cat.has(k)) continue;
    const v = cat.slim(k);
    if (v) into.set(k, v);
    else reads.push(k);
  }
  return reads;
}

/** The not-same pairs among `pairs` (see notSameHead and notSameAmong). */
async function notSamePairs(db: DejaLuDB, pairs: string[]): Promise<({ pair: string } | undefined)[]> {
  return notSameAmong(db, await notSameHead(db), pairs);
}

/**
 * The first rows of the not-same table, one more than SMALL_NOT_SAME: all of it when it is small,
 * as it is for most, and that one row more tells whether it is.
 */
function notSameHead(db: DejaLuDB): Promise<NotSameRow[]> {
  return db.notSame.limit(SMALL_NOT_SAME + 1).toArray();
}

/** The not-same pairs among `pairs`: from the table's head when that is all of it, else read pair by pair. */
async function notSameAmong(db: DejaLuDB, head: NotSameRow[], pairs: string[]): Promise<({ pair: string } | undefined)[]> {
  if (head.length <= SMALL_NOT_SAME) return head;
  return pairs.length ? db.notSame.bulkGet(pairs) : [];
}

/** Up to this many not-same pairs, the whole table is read in one request rather than pair by pair. */
const SMALL_NOT_SAME = 500;

function explain(p: Probe, row: PaperRow | SlimView): MatchView {
  const m = explainMatch(refOfProbe(p), refOf(row));
  return m ?? { rule: 'title', text: 'same title' };
}
