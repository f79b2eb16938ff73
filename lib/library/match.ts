/**
 * Matching cards to stored papers: ids first, then exact title keys, then near titles through the
 * persisted candidate-key index and the dedup rules.
 */
import { candidateKeys, explainMatch, samePaper } from '../dedup';
import type { DejaLuDB, PaperRow } from '../db';
import type { MatchView } from '../messages';
import { keyOf, pairKey, refOf, refOfProbe, type Probe, type Resolved } from './rows';

/**
 * The stored paper for each card, in one pass of batched index queries (never per card, never a
 * scan): arXiv ids by primary key, DOIs and exact title keys by index, near titles through the
 * persisted candidate-key index and the dedup rules.
 */
export async function resolve(db: DejaLuDB, probes: Probe[]): Promise<(Resolved | null)[]> {
  const out: (Resolved | null)[] = probes.map(() => null);
  const idKeys = probes.map((p) => (p.arxivId ? `arxiv:${p.arxivId}` : null));
  const byId = await db.papers.bulkGet(idKeys.filter((k): k is string => k !== null));
  const idRows = new Map<string, PaperRow>();
  for (const r of byId) if (r) idRows.set(r.key, r);

  const dois = [...new Set(probes.flatMap((p) => (p.doi ? [p.doi] : [])))];
  const doiRows = dois.length ? await db.papers.where('doi').anyOf(dois).toArray() : [];

  const tks = [...new Set(probes.map((p) => p.titleKey).filter(Boolean))];
  const titleRows = tks.length ? await db.papers.where('titleKey').anyOf(tks).toArray() : [];
  const byTitle = new Map<string, PaperRow[]>();
  for (const r of titleRows) byTitle.set(r.titleKey, [...(byTitle.get(r.titleKey) ?? []), r]);

  const pending: number[] = [];
  probes.forEach((p, i) => {
    const idKey = idKeys[i];
    const row = idKey ? idRows.get(idKey) : undefined;
    if (row) {
      out[i] = { row, match: explain(p, row) };
      return;
    }
    const doiRow = p.doi ? doiRows.find((r) => r.doi === p.doi) : undefined;
    if (doiRow) {
      out[i] = { row: doiRow, match: explain(p, doiRow) };
      return;
    }
    // Prefer a stored paper whose key is this card's own key: after a "not the same" split the
    // card's own paper must win over the paper it was split from.
    const own = keyOf(p);
    const sameTitle = (byTitle.get(p.titleKey) ?? []).filter((r) => samePaper(refOfProbe(p), refOf(r)));
    const t = sameTitle.find((r) => r.key === own) ?? sameTitle[0];
    if (t) {
      out[i] = { row: t, match: explain(p, t) };
      return;
    }
    pending.push(i);
  });
  if (!pending.length) return out;

  const keysOf = new Map<number, string[]>();
  for (const i of pending) keysOf.set(i, candidateKeys(probes[i]!.card.title));
  const allKeys = [...new Set([...keysOf.values()].flat())];
  if (!allKeys.length) return out;
  const candidates = await db.papers.where('candidateKeys').anyOf(allKeys).distinct().toArray();
  const byCand = new Map<string, PaperRow[]>();
  for (const r of candidates)
    for (const k of r.candidateKeys) if (allKeys.includes(k)) byCand.set(k, [...(byCand.get(k) ?? []), r]);

  const splitPairs = await notSamePairs(db, candidates.map((r) => r.key));
  for (const i of pending) {
    const p = probes[i]!;
    const own = keyOf(p);
    const seen = new Set<string>();
    let best: Resolved | null = null;
    for (const k of keysOf.get(i) ?? []) {
      for (const r of byCand.get(k) ?? []) {
        if (seen.has(r.key)) continue;
        seen.add(r.key);
        if (splitPairs.has(pairKey(own, r.key))) continue;
        if (!samePaper(refOfProbe(p), refOf(r))) continue;
        const match = explain(p, r);
        if (!best || (match.score ?? 0) > (best.match.score ?? 0)) best = { row: r, match };
      }
    }
    out[i] = best;
  }
  return out;
}

function explain(p: Probe, row: PaperRow): MatchView {
  const m = explainMatch(refOfProbe(p), refOf(row));
  return m ?? { rule: 'title', text: 'same title' };
}

async function notSamePairs(db: DejaLuDB, keys: string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const [as, bs] = await Promise.all([
    db.notSame.where('a').anyOf(keys).toArray(),
    db.notSame.where('b').anyOf(keys).toArray(),
  ]);
  return new Set([...as, ...bs].map((r) => r.pair));
}
