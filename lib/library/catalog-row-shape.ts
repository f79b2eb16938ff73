/**
 * The separators the catalog's string columns join with, and which rows those columns give back
 * exactly (`plainRow`): a snapshot joins a column's slots with SEP and a slot joins one paper's
 * list with SUB, so strings holding either, or empty where '' means "absent", cannot round-trip;
 * the slim views of such rows are read from the database instead (lib/library/catalog.ts).
 */
import type { PaperRow } from '../db';

/** Joins a column's slots in a snapshot. */
export const SEP = '\u0000';
/** Joins one paper's list (authors, tags, sites, URLs) within a slot. */
export const SUB = '\u0001';

const ROW_FIELDS = new Set([
  'key', 'title', 'titleKey', 'candidateKeys', 'words', 'authors', 'abstract', 'arxivId', 'version', 'doi', 'year',
  'publishedAt', 'primaryClass', 'journal', 'proceedings', 'volume', 'issue', 'pages', 'venueFixed', 'altTitles', 'altTitleKeys', 'urls', 'sites', 'firstSeen', 'lastSeen', 'seenCount', 'first', 'savedAt', 'tags', 'note', 'updatedAt',
]);
const FIRST_FIELDS = new Set(['at', 'site', 'label', 'pageUrl', 'digestDate']);
const isNum = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
const optNum = (x: unknown) => x === undefined || isNum(x);
const optText = (x: unknown) => x === undefined || (typeof x === 'string' && x !== '' && !x.includes(SEP));
const texts = (x: unknown) => Array.isArray(x) && x.every((t) => typeof t === 'string' && t !== '' && !t.includes(SUB) && !t.includes(SEP));

/**
 * Whether the columns give this row's slim view back exactly: only the fields of PaperRow (a field
 * added there and not here makes every row read from the database again: slower, never wrong), of
 * their types, with no empty or separator-holding strings where columns join lists or use '' for
 * "absent". Rows as the library writes them almost always are; the others are read from the table.
 */
export function plainRow(row: PaperRow): boolean {
  for (const k in row) if (!ROW_FIELDS.has(k)) return false;
  const f = row.first as Record<string, unknown> | undefined;
  if (f !== undefined) {
    if (typeof f !== 'object' || f === null) return false;
    for (const k in f) if (!FIRST_FIELDS.has(k)) return false;
    if (!isNum(f.at) || typeof f.site !== 'string' || typeof f.label !== 'string' || typeof f.pageUrl !== 'string') return false;
    if (f.digestDate !== undefined && typeof f.digestDate !== 'string') return false;
  }
  return (
    typeof row.key === 'string' && typeof row.title === 'string' && !row.title.includes(SEP) &&
    texts(row.authors) && texts(row.urls) && texts(row.sites) && texts(row.tags) &&
    optText(row.arxivId) && optText(row.doi) && optText(row.publishedAt) && optText(row.journal) && optText(row.proceedings) &&
    optNum(row.version) && optNum(row.year) && optNum(row.firstSeen) && optNum(row.lastSeen) && optNum(row.savedAt) &&
    isNum(row.seenCount) && isNum(row.updatedAt) && typeof row.note === 'string' && !row.note.includes(SEP)
  );
}
