/**
 * Two papers the reader says are one, and the undo of that: a preprint seen on a digest and its
 * published version imported by DOI under another title, which no rule could join.
 */
import type { DejaLuDB, HistoryRow, NotSameRow, PaperRow } from '../db';
import type { PaperView } from '../messages';
import { Invalid, NotFound } from './errors';
import { toView } from './rows';

export interface MergeResult {
  paper: PaperView;
  /** The key of the paper that joined `paper`. */
  merged: string;
  /** What `unmergePapers` puts back. */
  snapshot: string;
}

/** What a merge changed, and how the merged paper stood right after it (the undo's condition). */
interface MergeSnapshot {
  papers: PaperRow[];
  history: HistoryRow[];
  notSame: NotSameRow[];
  after: { key: string; updatedAt: number; seenCount: number };
}

/** What `mergePapers` needs of the library (Library.rekey, and its database). */
export interface Merger {
  db: DejaLuDB;
  rekey(row: PaperRow, newKey: string, known?: PaperRow): Promise<PaperRow>;
}

/**
 * One row takes everything of both (sightings, tags, notes, ids, links) under the better key
 * (`mergeOrder`), as a re-keyed paper does (Library.rekey), and the other's key leads to it
 * (`moved`). Two different arXiv ids, or DOIs, are refused: identifiers decide, and arXiv or the
 * journals list those as two papers.
 */
export function mergePapers(lib: Merger, keys: [string, string], moved: Map<string, string>): Promise<MergeResult> {
  const db = lib.db;
  return db.transaction('rw', [db.papers, db.history, db.notSame], async () => {
    if (keys[0] === keys[1]) throw new Invalid('A paper cannot be merged with itself.');
    const [a, b] = await db.papers.bulkGet(keys);
    if (!a || !b) throw new NotFound(`No paper with key ${a ? keys[1] : keys[0]}.`);
    for (const id of ['arxivId', 'doi'] as const) {
      if (a[id] && b[id] && a[id] !== b[id]) {
        const what = id === 'doi' ? 'DOIs' : 'arXiv ids';
        throw new Invalid(`These two have different ${what} (${a[id]}, ${b[id]}): they are two papers, not one.`);
      }
    }
    const [keep, other] = mergeOrder(a, b);
    const [history, notSame] = await Promise.all([db.history.bulkGet([keep.key, other.key]), pairsOf(db, [keep.key, other.key])]);
    // Copied before the merge, which works on these very rows.
    const before = JSON.parse(JSON.stringify({ papers: [keep, other], history: history.filter(Boolean), notSame })) as Omit<MergeSnapshot, 'after'>;
    const merged = await lib.rekey(other, keep.key, keep);
    moved.set(other.key, keep.key);
    const snapshot: MergeSnapshot = { ...before, after: { key: merged.key, updatedAt: merged.updatedAt, seenCount: merged.seenCount } };
    return { paper: toView(merged), merged: other.key, snapshot: JSON.stringify(snapshot) };
  });
}

/**
 * Both papers back as they were before the merge, with their histories and not-same pairs, while
 * the merged paper is as the merge left it; one edited or seen since is refused (its new tags,
 * note or sightings would be lost, or given to one of the two by guess).
 */
export function unmergePapers(db: DejaLuDB, snapshot: string): Promise<number> {
  const snap = JSON.parse(snapshot) as MergeSnapshot;
  return db.transaction('rw', [db.papers, db.history, db.notSame], async () => {
    const now = await db.papers.get(snap.after.key);
    if (!now || now.updatedAt !== snap.after.updatedAt || now.seenCount !== snap.after.seenCount) {
      throw new Invalid('The merged paper has changed since (an edit or a new sighting): it stays merged.');
    }
    const keys = snap.papers.map((p) => p.key);
    const pairs = await pairsOf(db, keys);
    await db.notSame.bulkDelete(pairs.map((p) => p.pair));
    await db.history.bulkDelete(keys);
    await db.papers.bulkPut(snap.papers);
    await db.history.bulkPut(snap.history);
    await db.notSame.bulkPut(snap.notSame);
    return snap.papers.length;
  });
}

/** The not-same pairs either key is in. */
async function pairsOf(db: DejaLuDB, keys: string[]): Promise<NotSameRow[]> {
  const rows = await db.notSame.where('a').anyOf(keys).or('b').anyOf(keys).toArray();
  return [...new Map(rows.map((r) => [r.pair, r])).values()];
}

/**
 * Which of two papers a merge keeps: the one under an arXiv key, else a DOI key, as the library
 * keys every paper it can (keyOf); else the one seen first, then the first named.
 */
function mergeOrder(a: PaperRow, b: PaperRow): [keep: PaperRow, other: PaperRow] {
  const rank = (r: PaperRow) => (r.key.startsWith('arxiv:') ? 0 : r.key.startsWith('doi:') ? 1 : 2);
  const seen = (r: PaperRow) => r.firstSeen ?? Infinity;
  const bFirst = rank(b) < rank(a) || (rank(b) === rank(a) && seen(b) < seen(a));
  return bFirst ? [b, a] : [a, b];
}
