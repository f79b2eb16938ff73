/**
 * Same paper or not, and why: identifiers first (arXiv id, DOI), titles second (similar-titles.ts),
 * with years and authors able to contradict a title match. What a reference says of itself is
 * reduced once to a `Profile`, which the in-memory index (dedup-index.ts) keeps per paper.
 */
import { arxivIdOf, doiOf, parseArxivId } from '../identity';
import type { PaperRef } from '../types';
import { similarTitles, similarWithoutNotes } from './similar-titles';
import { analyseTitle, type TitleInfo } from './title-analysis';

export type MatchRule = 'arxiv-id' | 'arxiv-id-other-version' | 'doi' | 'title' | 'similar-title';
export type MatchExplanation = { rule: MatchRule; score?: number; text: string };
/** A reference that may also know which arXiv version it shows. */
export type VersionedRef = PaperRef & { version?: number };

export type Profile = {
  arxiv?: string;
  version?: number;
  /** Publisher DOI; arXiv-issued DOIs count as arXiv ids instead. */
  doi?: string;
  title?: TitleInfo;
  year?: number;
  surnames?: Set<string>;
};

// Stored papers share authors, and a lookup compares a card with several papers: each name is
// reduced once (normalising and two regexes per author showed in lookup profiles).
const surnameCache = new Map<string, string>();
const SURNAME_CACHE_MAX = 20_000;

function surname(author: string): string {
  const hit = surnameCache.get(author);
  if (hit !== undefined) return hit;
  const s = surnameOf(author);
  if (surnameCache.size >= SURNAME_CACHE_MAX) surnameCache.clear();
  surnameCache.set(author, s);
  return s;
}

function surnameOf(author: string): string {
  const a = author.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().trim();
  if (a.includes(',')) return (a.split(',')[0] ?? '').trim();
  const parts = a.split(/\s+/).filter((p) => !/^(jr|sr|ii|iii|iv)\.?$/.test(p));
  return parts[parts.length - 1] ?? '';
}

export function profileOf(ref: VersionedRef): Profile {
  const p: Profile = {};
  const arxiv = arxivIdOf(ref);
  if (arxiv) {
    p.arxiv = arxiv.id;
    const version =
      ref.version ??
      arxiv.version ??
      (ref.arxivId ? parseArxivId(ref.arxivId)?.version : undefined) ??
      (ref.url ? parseArxivId(ref.url)?.version : undefined);
    if (version !== undefined) p.version = version;
  }
  const doi = doiOf(ref);
  if (doi && !doi.startsWith('10.48550/')) p.doi = doi;
  if (ref.title !== undefined) {
    const info = analyseTitle(ref.title);
    if (info.key !== '') p.title = info;
  }
  if (typeof ref.year === 'number' && Number.isFinite(ref.year)) p.year = ref.year;
  if (ref.authors && ref.authors.length > 0) {
    // "et al." and "others" name nobody: two such lists must not look like shared authors.
    const s = new Set(ref.authors.map(surname).filter((x) => x !== '' && !/^(al\.?|others)$/.test(x)));
    if (s.size > 0) p.surnames = s;
  }
  return p;
}

function contradicts(a: Profile, b: Profile): boolean {
  if (a.year !== undefined && b.year !== undefined && Math.abs(a.year - b.year) > 1) return true;
  if (a.surnames && b.surnames) {
    for (const s of a.surnames) if (b.surnames.has(s)) return false;
    return true;
  }
  return false;
}

export function explainProfiles(a: Profile, b: Profile): MatchExplanation | null {
  if (a.arxiv !== undefined && b.arxiv !== undefined) {
    if (a.arxiv !== b.arxiv) return null;
    if (a.version !== undefined && b.version !== undefined && a.version !== b.version) {
      return {
        rule: 'arxiv-id-other-version',
        text: `same arXiv id, other version (v${a.version} here, v${b.version} before)`,
      };
    }
    return { rule: 'arxiv-id', text: 'same arXiv id' };
  }
  if (a.doi !== undefined && b.doi !== undefined) {
    return a.doi === b.doi ? { rule: 'doi', text: 'same DOI' } : null;
  }
  if (!a.title || !b.title) return null;
  if (a.title.key === b.title.key) return { rule: 'title', text: 'same title' };
  const score = similarTitles(a.title, b.title) ?? similarWithoutNotes(a.title, b.title);
  if (score === null || contradicts(a, b)) return null;
  return { rule: 'similar-title', score, text: `similar title (${score.toFixed(2)})` };
}

/**
 * Why `a` (what is on the page now) and `b` (what was seen before) are the same paper, or null.
 * Identifiers decide when both sides have one of a kind: the same arXiv id in any version, the
 * same DOI; different arXiv ids or DOIs mean different papers whatever the titles say. Otherwise
 * titles decide: same `titleKey`, or near-equal titles (see `similarTitles`) with nothing
 * contradicting.
 */
export function explainMatch(a: VersionedRef, b: VersionedRef): MatchExplanation | null {
  return explainProfiles(profileOf(a), profileOf(b));
}

/**
 * `explainMatch` with `a` fixed: what `a` says of itself (ids, title analysis, author surnames) is
 * worked out once, for a card compared with every candidate the catalog gives it.
 */
export function matcherFor(a: VersionedRef): (b: VersionedRef) => MatchExplanation | null {
  // Lazily: most cards of a page have no candidate left to compare by then.
  let pa: Profile | undefined;
  return (b) => explainProfiles((pa ??= profileOf(a)), profileOf(b));
}

export function samePaper(a: PaperRef, b: PaperRef): boolean {
  return explainMatch(a, b) !== null;
}
