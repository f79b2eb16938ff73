/**
 * The library's filters: what the toolbar shows, the `library.search` query it becomes, and the
 * URL hash that keeps it across reloads and makes a filtered view linkable.
 */
import { SEARCH_STATUSES, type SearchQuery, type SearchStatus, type SiteIdOrSource } from '../../lib/messages';
import { TAG_MAX, tagText } from '../../lib/tags';
import { SOURCES } from '../shared/sites';

export type Status = SearchStatus;
export type Sort = 'lastSeen' | 'firstSeen' | 'savedAt' | 'title' | 'seenCount' | 'relevance';

export interface Filters {
  text: string;
  status: Status;
  /** '' = any tag. */
  tag: string;
  /** '' = any site. */
  site: '' | SiteIdOrSource;
  /** First-seen range, YYYY-MM-DD, '' = open. */
  from: string;
  to: string;
  sort: Sort;
}

export const DEFAULT_FILTERS: Filters = { text: '', status: 'all', tag: '', site: '', from: '', to: '', sort: 'lastSeen' };
export const PAGE_SIZE = 50;
/** The protocol's cap on one search page. */
export const MAX_LIMIT = 500;

const SORTS: readonly Sort[] = ['lastSeen', 'firstSeen', 'savedAt', 'title', 'seenCount', 'relevance'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** "Best match" only means something while searching for text. */
export function effectiveSort(f: Filters): Exclude<Sort, never> {
  return f.sort === 'relevance' && f.text.trim() === '' ? 'lastSeen' : f.sort;
}

export function toSearchQuery(f: Filters, offset: number, limit: number = PAGE_SIZE): SearchQuery {
  const q: SearchQuery = {
    text: f.text.trim().slice(0, 500),
    status: f.status,
    sort: effectiveSort(f),
    offset,
    limit: Math.min(MAX_LIMIT, Math.max(1, limit)),
  };
  if (f.tag) q.tag = f.tag;
  if (f.site) q.site = f.site;
  if (DAY.test(f.from)) q.from = f.from;
  if (DAY.test(f.to)) q.to = f.to;
  return q;
}

export function isFiltered(f: Filters): boolean {
  return f.text.trim() !== '' || f.status !== 'all' || f.tag !== '' || f.site !== '' || f.from !== '' || f.to !== '';
}

/** Only what differs from the defaults, so a plain view has a plain URL. */
export function filtersToHash(f: Filters): string {
  const p = new URLSearchParams();
  for (const k of Object.keys(DEFAULT_FILTERS) as (keyof Filters)[]) {
    if (f[k] !== DEFAULT_FILTERS[k]) p.set(k === 'text' ? 'q' : k, f[k]);
  }
  const s = p.toString();
  return s ? `#${s}` : '';
}

/**
 * `#paper=<key>`: the library opened on one paper's details (from the popup or a badge panel).
 * Read once when the page opens; the filters' hash then takes the address's place.
 */
export function paperHash(key: string): string {
  return `#${new URLSearchParams({ paper: key }).toString()}`;
}

export function paperFromHash(hash: string): string | null {
  const key = new URLSearchParams(hash.replace(/^#/, '')).get('paper');
  return key && key.length <= 2_200 ? key : null;
}

/** A hash from the address bar is user input: anything unknown falls back to the default. */
export function filtersFromHash(hash: string): Filters {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const pick = <T extends string>(v: string | null, allowed: readonly T[], fallback: T): T =>
    v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;
  const day = (v: string | null) => (v !== null && DAY.test(v) ? v : '');
  return {
    text: (p.get('q') ?? '').slice(0, 500),
    status: pick(p.get('status'), SEARCH_STATUSES, 'all'),
    // As tags are stored (the one tag rule): `#tag=LLM` is the tag llm.
    tag: tagText(p.get('tag') ?? '').slice(0, TAG_MAX),
    site: pick<'' | SiteIdOrSource>(p.get('site'), SOURCES, ''),
    from: day(p.get('from')),
    to: day(p.get('to')),
    sort: pick(p.get('sort'), SORTS, 'lastSeen'),
  };
}
