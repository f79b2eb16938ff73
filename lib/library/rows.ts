/**
 * Library rows: a card's identity (its probe and key), fresh rows, what a card teaches a stored row,
 * views sent to the UI, and merging two rows of one paper.
 */
import { analysedTitleKey, candidateKeys, explainMatch, titleKeys } from '../dedup';
import type { NotSameRow, PaperRow } from '../db';
import { arxivIdFromDoi, normalizeDoi, paperKey, parseArxivId, titleKey } from '../identity';
import type { CardInput, CardStatus, MatchView, PaperView } from '../messages';
import { learnVenue } from '../venue';
import type { SlimView } from './catalog';

/** A card with its identity worked out once. */
export interface Probe {
  card: CardInput;
  arxivId?: string;
  version?: number;
  doi?: string;
  titleKey: string;
}

/** The stored paper a card is, and why; `R` is a slim view when the lookup only shows it. */
export interface Resolved<R extends PaperRow | SlimView = PaperRow> {
  row: R;
  match: MatchView;
}

export function probeOf(card: CardInput): Probe {
  let arxivId = card.arxivId ? (parseArxivId(card.arxivId)?.id ?? card.arxivId) : undefined;
  let version = card.version;
  const anyDoi = card.doi ? (normalizeDoi(card.doi) ?? undefined) : undefined;
  // arXiv's own DOI names the arXiv id, not a journal's version: the id is kept, the DOI not (as
  // imports do), so exports and the DOI index only ever hold journals' DOIs.
  const fromDoi = anyDoi ? arxivIdFromDoi(anyDoi) : null;
  const doi = fromDoi ? undefined : anyDoi;
  if (!arxivId && card.url) {
    const parsed = parseArxivId(card.url);
    if (parsed) {
      arxivId = parsed.id;
      version ??= parsed.version;
    }
  }
  if (!arxivId && fromDoi) arxivId = fromDoi.id;
  // The same key as identity.titleKey, from the analysis a card's candidate keys reuse.
  return { card, arxivId, version, doi, titleKey: analysedTitleKey(card.title) };
}

export function keyOf(p: Probe): string {
  // Without ids the key is the title key, which the probe already holds (titleKey runs dozens of
  // regexes; a page lookup asks every card's key).
  if (!p.arxivId && !p.doi) return `title:${p.titleKey}`;
  return paperKey({ arxivId: p.arxivId, doi: p.doi, title: p.card.title });
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export function refOf(row: PaperRow | SlimView) {
  return { title: row.title, arxivId: row.arxivId, doi: row.doi, authors: row.authors, year: row.year, version: row.version };
}
export function refOfProbe(p: Probe) {
  return {
    title: p.card.title,
    arxivId: p.arxivId,
    doi: p.doi,
    authors: p.card.authors,
    year: p.card.year ?? yearOf(p.card.publishedAt),
    version: p.version,
  };
}

function yearOf(date: string | undefined): number | undefined {
  const y = date ? Number(date.slice(0, 4)) : NaN;
  return Number.isFinite(y) && y > 1000 ? y : undefined;
}

/**
 * The row without what is computed from its text (withDerived): the search and title keys, which
 * views never show and backups leave out (the importer computes them with the code of its day).
 */
export function withoutDerived(row: PaperRow): Omit<PaperRow, 'titleKey' | 'candidateKeys' | 'words' | 'altTitleKeys'> {
  const { titleKey: _t, candidateKeys: _c, words: _w, altTitleKeys: _ak, ...rest } = row;
  return rest;
}

export function toView(row: PaperRow): PaperView {
  const { formerKeys: _f, ...view } = withoutDerived(row);
  return view;
}

/**
 * What a badge, the popup or a list row shows: the view without the abstract, and of its venue
 * only the name (a list row names it; a citation reads the whole row). Page lookups and
 * search results travel as these (a 100-card page's replies are a fraction of the size, and the
 * content script keeps them for the page's life); the library's detail panel asks `paper.get`.
 */
export function toSlimView(row: PaperRow | SlimView): PaperView {
  // A slim view from the catalog (lib/library/catalog.ts `slim`) has none of these fields.
  const { abstract: _a, primaryClass: _p, volume: _v, issue: _i, pages: _pg, venueFixed: _vf, altTitles: _at, altTitleKeys: _ak, titleKey: _t, candidateKeys: _c, words: _w, formerKeys: _f, ...view } =
    row as PaperRow;
  return view;
}

export function statusOf(row: PaperRow | SlimView | undefined): CardStatus['status'] {
  if (!row) return 'new';
  if (row.savedAt) return 'saved';
  return row.seenCount > 0 ? 'seen' : 'new';
}

/** A fresh row for a card the library has never met. */
export function newRow(p: Probe, now: number): PaperRow {
  const c = p.card;
  const row: PaperRow = {
    key: keyOf(p),
    title: c.title,
    titleKey: p.titleKey,
    candidateKeys: candidateKeys(c.title),
    authors: c.authors ?? [],
    abstract: c.abstract,
    arxivId: p.arxivId,
    version: p.version,
    doi: p.doi,
    year: c.year ?? yearOf(c.publishedAt),
    publishedAt: c.publishedAt,
    primaryClass: c.primaryClass,
    urls: linksOf(c),
    sites: [],
    seenCount: 0,
    tags: [],
    note: '',
    updatedAt: now,
  };
  learnVenue(row, c);
  return dropUndefined(row);
}

export function dropUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/** Index fields are ours to compute from the row's text, never taken from a file or an old version. */
export function withDerived(row: PaperRow): PaperRow {
  const keys = titleKeys(row);
  row.titleKey = keys.titleKey;
  row.candidateKeys = keys.candidateKeys;
  withAltTitleKeys(row);
  return forStorage(row);
}

/** `altTitleKeys` as the row's `altTitles` give them; none without other titles. */
function withAltTitleKeys(row: PaperRow): void {
  const keys = [...new Set((row.altTitles ?? []).map(titleKey).filter((k) => k !== ''))];
  if (keys.length) row.altTitleKeys = keys;
  else delete row.altTitleKeys;
}

/**
 * A row as it is written now: without the search words rows kept before version 4 (a third of a
 * row's size; the catalog computes them). Every write passes its rows through here.
 */
export function forStorage(row: PaperRow): PaperRow {
  delete row.words;
  return row;
}

const LINK_PLACEHOLDER = /\bthis https? URL\b/;

/**
 * Names as Google Scholar prints them, "AA Salema", "J Mouris": given names cut to initials. A
 * paper first met there learns the whole names from the first card that gives them all.
 */
function initialsOnly(authors: string[]): boolean {
  return authors.every((a) => {
    const words = a.trim().split(/\s+/);
    return words.length > 1 && words.slice(0, -1).every((w) => INITIALS.test(w));
  });
}
const INITIALS = /^(?:\p{Lu}\.?)+(?:-(?:\p{Lu}\.?)+)?$/u;

/** What a card teaches about a stored paper: fill gaps, never erase what the user or a page gave. */
export function learn(row: PaperRow, p: Probe): void {
  const c = p.card;
  if (c.authors?.length && (!row.authors.length || (initialsOnly(row.authors) && !initialsOnly(c.authors) && c.authors.length >= row.authors.length))) {
    row.authors = c.authors;
  }
  // An abstract stored from an arXiv listing before its links were read (lib/sites/arxiv.ts) says
  // "code at this https URL": a card that gives the address replaces it.
  if (c.abstract && (!row.abstract || (LINK_PLACEHOLDER.test(row.abstract) && !LINK_PLACEHOLDER.test(c.abstract)))) row.abstract = c.abstract;
  if (!row.arxivId && p.arxivId) row.arxivId = p.arxivId;
  if (p.version && (!row.version || p.version > row.version)) row.version = p.version;
  if (!row.doi && p.doi) row.doi = p.doi;
  if (!row.publishedAt && c.publishedAt) row.publishedAt = c.publishedAt;
  if (!row.primaryClass && c.primaryClass) row.primaryClass = c.primaryClass;
  // A venue learned once stays: a later page's other name for it (OpenReview's list says "ICLR
  // 2026", an imported entry the proceedings' full title) does not replace it.
  learnVenue(row, c);
  row.year ??= c.year ?? yearOf(c.publishedAt);
  const links = linksOf(c).filter((u) => !row.urls.includes(u));
  if (links.length > 0) row.urls = [...row.urls, ...links].slice(-20);
  learnTitle(row, p);
  dropUndefined(row);
}

/**
 * The same paper by an id under a title of its own (an arXiv version renamed, the journal's title
 * of a preprint an imported entry names): kept among its other titles, so a page showing that
 * title alone (Google Scholar, OpenReview) finds it. A title the library already knows, one only
 * near-equal to it (TeX, a plural: the near-title match finds those anyway) or one cut short is
 * not another title.
 */
function learnTitle(row: PaperRow, p: Probe): void {
  if (p.titleKey === '' || p.titleKey === row.titleKey || row.altTitleKeys?.includes(p.titleKey)) return;
  const title = p.card.title;
  if (CUT_TITLE.test(title) || explainMatch({ title }, { title: row.title })) return;
  row.altTitles = [...(row.altTitles ?? []), title].slice(-ALT_TITLES_MAX);
  withAltTitleKeys(row);
}
const CUT_TITLE = /(?:…|\.\.\.)\s*$/;

/** Two rows of one paper become one; nothing the user wrote is dropped. */
export function mergeRows(keep: PaperRow, other: PaperRow): PaperRow {
  const m: PaperRow = { ...keep };
  m.seenCount = keep.seenCount + other.seenCount;
  m.firstSeen = minDefined(keep.firstSeen, other.firstSeen);
  m.lastSeen = maxDefined(keep.lastSeen, other.lastSeen);
  m.first = !keep.first ? other.first : !other.first ? keep.first : keep.first.at <= other.first.at ? keep.first : other.first;
  m.savedAt = minDefined(keep.savedAt, other.savedAt);
  m.tags = [...new Set([...keep.tags, ...other.tags])];
  m.note = mergeNotes(keep.note, other.note);
  m.urls = [...new Set([...keep.urls, ...other.urls])];
  m.sites = [...new Set([...keep.sites, ...other.sites])];
  m.authors = keep.authors.length ? keep.authors : other.authors;
  m.abstract ??= other.abstract;
  m.doi ??= other.doi;
  m.arxivId ??= other.arxivId;
  m.version = maxDefined(keep.version, other.version);
  m.year ??= other.year;
  m.publishedAt ??= other.publishedAt;
  m.primaryClass ??= other.primaryClass;
  learnVenue(m, other);
  m.altTitles = altTitles(keep, other);
  withAltTitleKeys(m);
  m.updatedAt = Math.max(keep.updatedAt, other.updatedAt);
  const former = [...new Set([...(keep.formerKeys ?? []), ...(other.formerKeys ?? [])])];
  m.formerKeys = former.length ? former : undefined;
  return dropUndefined(m);
}

/**
 * The titles a merged paper was also known by (a published version's, an earlier arXiv version's):
 * the other row's, unless it is the kept title but for case and punctuation (its title key).
 */
function altTitles(keep: PaperRow, other: PaperRow): string[] | undefined {
  const seen = new Set([titleKey(keep.title)]);
  const out: string[] = [];
  for (const t of [...(keep.altTitles ?? []), other.title, ...(other.altTitles ?? [])]) {
    const k = titleKey(t);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(t);
  }
  return out.length ? out.slice(0, ALT_TITLES_MAX) : undefined;
}
const ALT_TITLES_MAX = 20;

/** Notes are never dropped: different notes are kept one after the other. */
export function mergeNotes(a: string, b: string): string {
  const x = a.trim();
  const y = b.trim();
  if (!x) return b;
  if (!y || x === y || x.includes(y)) return a;
  if (y.includes(x)) return b;
  return `${a}\n\n---\n\n${b}`;
}

function minDefined(a?: number, b?: number): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b);
}
function maxDefined(a?: number, b?: number): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

/** The not-same pair of two keys, in key order (its `pair` is the primary key). */
export function notSameRow(a: string, b: string, at: number): NotSameRow {
  const [x, y] = a < b ? [a, b] : [b, a];
  return { pair: `${x}|${y}`, a: x, b: y, at };
}

/** A card's addresses for its paper's links: its own, then its full text's. */
function linksOf(c: CardInput): string[] {
  return c.fullTextUrl && c.fullTextUrl !== c.url ? (c.url ? [c.url, c.fullTextUrl] : [c.fullTextUrl]) : c.url ? [c.url] : [];
}
