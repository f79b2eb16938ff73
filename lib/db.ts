/**
 * The one database module: the Dexie schema, its versions and their upgrades.
 * Only the background service worker opens it (tests open it on fake-indexeddb).
 */
import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { SiteIdOrSource } from './messages';

/** A paper, keyed by its canonical key: `arxiv:<id>`, else `doi:<doi>`, else `title:<titleKey>`. */
export interface PaperRow {
  key: string;
  title: string;
  /** titleKey(title): exact-title lookups. */
  titleKey: string;
  /**
   * Near-title candidate keys (dedup.candidateKeys), persisted in a multi-entry index so a lookup
   * never rebuilds an in-memory index when the service worker wakes up.
   */
  candidateKeys: string[];
  /** Lower-cased word prefixes of title, authors, tags and note: the library search index. */
  words: string[];
  authors: string[];
  abstract?: string;
  arxivId?: string;
  /** Latest arXiv version seen. */
  version?: number;
  doi?: string;
  year?: number;
  publishedAt?: string;
  urls: string[];
  sites: SiteIdOrSource[];
  firstSeen?: number;
  lastSeen?: number;
  seenCount: number;
  /** The first sighting, denormalised so a page lookup needs no second query. */
  first?: { at: number; site: SiteIdOrSource; label: string; pageUrl: string; digestDate?: string };
  /** When saved; absent when not saved. Indexed, so "saved" filters and sorts are index scans. */
  savedAt?: number;
  tags: string[];
  note: string;
  updatedAt: number;
}

export interface SightingRow {
  id?: number;
  paperKey: string;
  at: number;
  pageUrl: string;
  site: SiteIdOrSource;
  label: string;
  digestDate?: string;
  /** One page visit; a paper gets at most one sighting per visit. */
  visitId: string;
}

/** A pair the user said is *not* the same paper; `pair` is `a|b` with a < b. */
export interface NotSameRow {
  pair: string;
  a: string;
  b: string;
  at: number;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export const DB_NAME = 'dejalu';

export class DejaLuDB extends Dexie {
  papers!: EntityTable<PaperRow, 'key'>;
  sightings!: EntityTable<SightingRow, 'id'>;
  notSame!: EntityTable<NotSameRow, 'pair'>;
  settings!: EntityTable<SettingRow, 'key'>;

  constructor(name = DB_NAME) {
    super(name);
    // Version 1: the first schema. Index only what is queried:
    //  arxivId/doi/titleKey/*candidateKeys: card lookup; savedAt/lastSeen/firstSeen: filters and sorts;
    //  *tags/*sites: filters; *words: search; [visitId+paperKey]: one sighting per visit.
    this.version(1).stores({
      papers: 'key, arxivId, doi, titleKey, *candidateKeys, *words, savedAt, lastSeen, firstSeen, *tags, *sites',
      sightings: '++id, paperKey, [visitId+paperKey]',
      notSame: 'pair, a, b',
      settings: 'key',
    });
    // Version 2: sightings by time for the library's "recent activity" and a title sort index.
    // The upgrade backfills `first` (the denormalised first sighting) for rows written by version 1.
    this.version(2)
      .stores({
        papers:
          'key, arxivId, doi, titleKey, *candidateKeys, *words, savedAt, lastSeen, firstSeen, *tags, *sites, title',
        sightings: '++id, paperKey, [visitId+paperKey], at',
      })
      .upgrade(upgradeToV2);
  }
}

export async function upgradeToV2(tx: Transaction): Promise<void> {
  const papers = tx.table<PaperRow, string>('papers');
  const sightings = tx.table<SightingRow, number>('sightings');
  const missing = await papers.filter((p) => !p.first && p.seenCount > 0).toArray();
  for (const paper of missing) {
    const rows = await sightings.where('paperKey').equals(paper.key).sortBy('at');
    const s = rows[0];
    if (!s) continue;
    paper.first = { at: s.at, site: s.site, label: s.label, pageUrl: s.pageUrl, digestDate: s.digestDate };
    await papers.put(paper);
  }
}

let shared: DejaLuDB | null = null;

/** The background's single connection. */
export function openDb(): DejaLuDB {
  shared ??= new DejaLuDB();
  return shared;
}
