/**
 * What the library answers without changing anything: a paper with its history, papers by key or
 * by a key they had, the paper a PDF tab shows, citations, tags, recently saved papers, totals.
 * The Library (./index.ts) hands these its database and catalog; they write nothing.
 */
import type { DejaLuDB, PaperRow } from '../db';
import type { LibraryStats, PaperView, SightingView } from '../messages';
import type { Reading } from '../reading';
import { citationBibtex } from '../export/bibtex';
import type { Catalog } from './catalog';
import { NotFound } from './errors';
import { heirsOf } from './heirs';
import { sightingTotal } from './history';
import { dropUndefined, toView } from './rows';

export interface PaperDetail {
  paper: PaperView | null;
  sightings: SightingView[];
  /** The papers the reader said this one is not. */
  notSame: PaperView[];
}

export function getPaper(db: DejaLuDB, key: string): Promise<PaperDetail> {
  return db.transaction('r', db.papers, db.history, db.notSame, async () => {
    const row = await db.papers.get(key);
    if (!row) return { paper: null, sightings: [], notSame: [] };
    const sightings = ((await db.history.get(key))?.sightings ?? []).map(
      ({ at, site, label, pageUrl, digestDate, visitId }) => dropUndefined({ at, site, label, pageUrl, digestDate, visitId }),
    );
    const pairs = await db.notSame.where('a').equals(key).or('b').equals(key).toArray();
    const others = await db.papers.bulkGet(pairs.map((p) => (p.a === key ? p.b : p.a)));
    return {
      paper: toView(row),
      sightings,
      notSame: others.filter((r): r is PaperRow => !!r).map(toView),
    };
  });
}

/** The papers' BibTeX for a manuscript, by their keys or ones they had (citationBibtex). */
export async function cite(db: DejaLuDB, catalog: Catalog, keys: string[]): Promise<{ bibtex: string; count: number }> {
  const got = await db.papers.bulkGet(keys);
  const heirs = await heirsOf(db, keys.filter((_, i) => !got[i]));
  const rows = new Map<string, PaperRow>();
  keys.forEach((k, i) => {
    const row = got[i] ?? heirs.get(k);
    if (row) rows.set(row.key, row);
  });
  if (rows.size === 0) throw new NotFound(keys.length === 1 ? `No paper with key ${keys[0]}.` : 'None of these papers is in the library.');
  return { bibtex: citationBibtex([...rows.values()], catalog.citeRefs()), count: rows.size };
}

/** The paper under this key, or the one that took it over (merged, re-keyed). */
export async function paperOf(db: DejaLuDB, key: string): Promise<PaperView | null> {
  const row = (await db.papers.get(key)) ?? (await heirsOf(db, [key])).get(key);
  return row ? toView(row) : null;
}

export async function getPapers(db: DejaLuDB, keys: string[]): Promise<(PaperView | null)[]> {
  const rows = await db.papers.bulkGet(keys);
  return rows.map((r) => (r ? toView(r) : null));
}

/**
 * The paper a tab's full text is of (lib/reading.ts): by its arXiv key, its DOI (the first paper
 * stored with it), or its forum or the tab's address among its links (the catalog's scan, asked
 * for only then; the first, should several have it).
 */
export async function paperRead(db: DejaLuDB, catalog: () => Promise<Catalog>, reading: Reading): Promise<PaperView | null> {
  if (reading.arxivId) return paperOf(db, `arxiv:${reading.arxivId}`);
  if (reading.doi) {
    const [key] = await db.papers.where('doi').equals(reading.doi).primaryKeys();
    return key === undefined ? null : paperOf(db, key);
  }
  const link = reading.forum ?? reading.url;
  if (!link) return null;
  const [key] = (await catalog()).keysWithUrl(link);
  return key === undefined ? null : paperOf(db, key);
}

/** Tags by how many papers carry them, most first. */
export function listTags(catalog: Catalog): { tag: string; count: number }[] {
  return [...catalog.tagCounts()].map(([tag, count]) => ({ tag, count })).sort((x, y) => y.count - x.count || x.tag.localeCompare(y.tag));
}

/** The most recently saved papers. */
export function recent(db: DejaLuDB, catalog: Catalog, limit: number): Promise<PaperView[]> {
  return db.transaction('r', db.papers, async () => {
    const { keys } = catalog.search({ terms: [], status: 'saved', sort: 'savedAt', relevance: false, relevanceCap: 0, offset: 0, limit });
    return (await db.papers.bulkGet(keys)).filter((r): r is PaperRow => !!r).map(toView);
  });
}

/** The library's totals, and what the reader did since the last backup. */
export async function stats(db: DejaLuDB, catalog: Promise<Catalog>): Promise<LibraryStats> {
  const [cat, [sightings, mark]] = await Promise.all([
    catalog,
    db.transaction('r', db.history, db.meta, () => Promise.all([sightingTotal(db), db.meta.get('backup')])),
  ]);
  const backup = mark?.key === 'backup' ? mark.value : undefined;
  return {
    papers: cat.size,
    saved: cat.savedCount(),
    sightings,
    tags: cat.tagCounts().size,
    ...(backup ? { backup } : {}),
    unbackedUp: cat.ownWorkSince(backup?.at ?? -Infinity),
  };
}
