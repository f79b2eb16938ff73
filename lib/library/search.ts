/**
 * Library search, answered by the in-memory catalog (./catalog.ts): every condition checked on
 * every paper's columns, an exact total, and only the page's rows read from IndexedDB.
 *
 * Order: date sorts newest first, ties by key descending (last seen takes a paper never seen by
 * when it was saved); title sorts by the folded title
 * (catalog-search.ts `titleSortKey`: case, accents and leading punctuation ignored), then the title
 * itself in code-unit order, then key ascending; times seen sorts most first, ties by last seen;
 * papers without the sort field last in key order;
 * "relevance" ranks results of at most CAP papers by title hits (then newest first), and is newest
 * first beyond.
 *
 * The text is an arXiv id (that paper), a DOI (the papers with that DOI), or words (lib/words.ts
 * `queryTerms`). The tag is read by the one tag rule (lib/tags.ts), as tags are stored.
 */
import type { DejaLuDB, PaperRow } from '../db';
import { normalizeDoi, parseArxivId } from '../identity';
import type { SearchResult, SearchStatus } from '../messages';
import { tagText } from '../tags';
import { queryTerms } from '../words';
import type { Catalog } from './catalog';
import { toSlimView } from './rows';

export interface SearchQuery {
  text: string;
  status: SearchStatus;
  tag?: string;
  site?: string;
  from?: string;
  to?: string;
  sort: 'lastSeen' | 'firstSeen' | 'savedAt' | 'title' | 'seenCount' | 'relevance';
  offset: number;
  limit: number;
}

/** The most matches ranked by relevance (ranking folds every matching title). */
export const CAP = 2_000;

/** What a query asks, worked out once for either way of answering it. */
function parse(q: Omit<SearchQuery, 'offset' | 'limit'>) {
  const fromMs = q.from ? Date.parse(`${q.from}T00:00:00`) : undefined;
  const toMs = q.to ? Date.parse(`${q.to}T23:59:59.999`) : undefined;
  const range = fromMs !== undefined || toMs !== undefined ? { lo: fromMs ?? -Infinity, hi: toMs ?? Infinity } : null;
  const text = q.text.trim();
  const id = parseArxivId(text);
  const doi = id ? null : normalizeDoi(text);
  const terms = id || doi ? [] : queryTerms(text);
  const tag = q.tag === undefined ? '' : tagText(q.tag);
  return { range, id, doi, terms, tag };
}

/** Call inside a read transaction on papers, so the rows read agree with the catalog. */
export async function search(db: DejaLuDB, cat: Catalog, q: SearchQuery): Promise<SearchResult> {
  const found = cat.search(catalogQuery(q, q.offset, q.limit));
  const rows = found.keys.length ? await db.papers.bulkGet(found.keys) : [];
  return { total: found.total, papers: rows.filter((r): r is PaperRow => !!r).map(toSlimView) };
}

/**
 * The keys of every paper the query matches, in its order, at most `max` of them (its offset and
 * limit aside): a selection of all it matches. The catalog alone answers; no row is read.
 */
export function searchKeys(cat: Catalog, q: Omit<SearchQuery, 'offset' | 'limit'>, max: number): { keys: string[]; total: number } {
  return cat.search(catalogQuery(q, 0, max));
}

function catalogQuery(q: Omit<SearchQuery, 'offset' | 'limit'>, offset: number, limit: number) {
  const { range, id, doi, terms, tag } = parse(q);
  return {
    terms,
    ...(id ? { key: `arxiv:${id.id}` } : {}),
    ...(doi ? { doi } : {}),
    status: q.status,
    ...(tag ? { tag } : {}),
    ...(q.site ? { site: q.site } : {}),
    ...(range ? { range } : {}),
    sort: q.sort === 'relevance' ? 'lastSeen' : q.sort,
    relevance: q.sort === 'relevance' && terms.length > 0,
    relevanceCap: CAP,
    offset,
    limit,
  };
}
