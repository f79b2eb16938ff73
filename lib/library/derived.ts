/**
 * Stored papers carry fields computed from their title — `titleKey`, `candidateKeys` — that lookups
 * read through the catalog and the near keys (search words are the catalog's, computed from rows,
 * and its snapshot records DERIVED_VERSION too). When the code computing them changes (its version constants), keys
 * already stored would silently stop matching what new cards compute, so the background recomputes
 * them once, in small transactions, and records the version it used; rows rewritten then also lose
 * the search words rows kept before version 4.
 */
import { CANDIDATE_KEYS_VERSION } from '../dedup';
import { papersAfter, type DejaLuDB, type PaperRow } from '../db';
import { TITLE_KEY_VERSION } from '../identity';
import { WORDS_VERSION } from '../words';
import { withDerived } from './rows';

/** 1: merged papers' other titles get their title keys (PaperRow.altTitleKeys, Dexie version 7). */
const ALT_TITLE_KEYS_VERSION = 1;

export const DERIVED_VERSION = `${TITLE_KEY_VERSION}.${CANDIDATE_KEYS_VERSION}.${WORDS_VERSION}.${ALT_TITLE_KEYS_VERSION}`;

/**
 * What a database without a recorded version holds: every key written before versions were
 * recorded was computed by version 1 of each function.
 */
const UNRECORDED = '1.1.1';

/**
 * Recompute derived fields of every paper when they were made by other code; returns how many rows
 * changed. Each batch is its own transaction so page lookups are not held up behind a long rewrite;
 * the version is written only at the end, so a worker stopped halfway starts over next time.
 */
export async function refreshDerived(db: DejaLuDB, version = DERIVED_VERSION, batch = 500): Promise<number> {
  const recorded = await db.meta.get('derived');
  const stored = recorded?.value ?? UNRECORDED;
  if (stored === version) {
    if (!recorded) await db.meta.put({ key: 'derived', value: version });
    return 0;
  }
  let changed = 0;
  let after: string | null = null;
  for (;;) {
    const n: number = await db.transaction('rw', db.papers, async () => {
      const rows: PaperRow[] = await papersAfter(db, after, batch);
      const updated = rows.filter((row) => {
        const before = JSON.stringify([row.titleKey, row.candidateKeys, row.words, row.altTitleKeys]);
        withDerived(row);
        return JSON.stringify([row.titleKey, row.candidateKeys, row.words, row.altTitleKeys]) !== before;
      });
      if (updated.length) await db.papers.bulkPut(updated);
      changed += updated.length;
      after = rows.at(-1)?.key ?? after;
      return rows.length;
    });
    if (n < batch) break;
  }
  await db.meta.put({ key: 'derived', value: version });
  return changed;
}
