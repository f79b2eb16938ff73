/**
 * Is this the same paper? Identifiers first, titles second, numbers never fuzzed.
 *
 * Pure code, no browser dependency: the library persists `candidateKeys` in a Dexie multi-entry
 * index so a woken service worker can look titles up without rebuilding anything, and
 * `DedupIndex` is the in-memory equivalent for bulk work (imports, merges, tests).
 */

import { distance } from 'fastest-levenshtein';
import { arxivIdOf, doiOf, parseArxivId, paperKey } from '../identity';
import type { PaperRef } from '../types';
import { analyseTitle, canonical, type TitleInfo } from './title-analysis';

export type { PaperRef } from '../types';
export { analysedTitleKey } from './title-analysis';

export type MatchRule = 'arxiv-id' | 'arxiv-id-other-version' | 'doi' | 'title' | 'similar-title';
export type MatchExplanation = { rule: MatchRule; score?: number; text: string };
/** A reference that may also know which arXiv version it shows. */
export type VersionedRef = PaperRef & { version?: number };

/**
 * Real words one small edit apart that mean different things in ML titles; never treated as
 * typos of each other. Plural `s` is stripped before the lookup.
 */
const CONFUSABLE = new Set(
  [
    ['sample', 'simple'], ['model', 'modal'], ['sparse', 'spare'], ['layer', 'later'],
    ['causal', 'casual'], ['attack', 'attach'], ['adaptive', 'adoptive'], ['trial', 'trail'],
    ['learned', 'learner'], ['trained', 'trainer'], ['coarse', 'course'], ['lower', 'lover'],
    ['robust', 'robot'], ['label', 'level'], ['tuned', 'tuner'], ['mixing', 'mining'],
    ['graph', 'grasp'], ['vision', 'version'], ['latent', 'patent'], ['reward', 'regard'],
    ['scene', 'scent'], ['noise', 'noisy'], ['noize', 'noisy'], ['token', 'taken'],
    ['united', 'untied'], ['angel', 'angle'], ['quiet', 'quite'], ['marital', 'martial'],
    ['sacred', 'scared'], ['silver', 'sliver'], ['diary', 'dairy'], ['dual', 'duel'],
  ].map(([x, y]) => `${x}|${y}`),
);

// ---------------------------------------------------------------------------------------------
// Near-equal titles
// ---------------------------------------------------------------------------------------------

/**
 * The similarity rule, and why.
 *
 * Titles are copied, not retyped, so real variants of one title differ in formatting (case,
 * punctuation, LaTeX, entities, quotes, dashes — all removed by `titleKey`), in spelling
 * (British/American, also in `titleKey`), in spacing and hyphenation (`Pre-training` /
 * `Pre training`), in articles, and rarely in a typo or a plural. Different papers with similar
 * titles differ in a number or version (`Qwen2`/`Qwen2.5`, `Part I`/`Part II`), or in a real word,
 * often one that flips the meaning with a prefix (`Supervised`/`Unsupervised`,
 * `Semi-`/`Self-Supervised`, `Explicit`/`Implicit`, `Few-Shot`/`Zero-Shot`).
 *
 * A character-level ratio alone cannot separate these: `Few-Shot`→`Zero-Shot` is a 0.9 ratio on a
 * 40-character title while a dropped article on a short title is lower. So near-equal is decided
 * word by word, with the ratio only as an outer bound:
 *  1. both titles have ≥ 4 content words (shorter titles need the exact key up to spacing);
 *  2. the multisets of numbers (with a one-letter version suffix such as `4o`), roman numerals
 *     and number words are equal;
 *  3. the word sequences align with words equal (`on`/`of` and `toward`/`towards` too),
 *     articles ignored, spacing/hyphenation merges free, and at most 1 (titles < 8 words) or 2
 *     (longer titles) "typo" substitutions. A typo keeps the first letter of a word of ≥ 5
 *     letters and is one inserted, dropped or replaced letter, or one adjacent swap; or it is a
 *     plural. It never touches digits or words cased like names (`LLaMA`/`LLaVA`), never swaps a
 *     vowel for a vowel (`blind`/`bland`) or `-ed` for `-er`, never falls in a short piece of a
 *     hyphenated word (`Test-Time`/`Text-Time`), and is not a listed confusable pair. Keeping
 *     the first letter is what rejects the prefix antonyms (`un-`, `a-`, `de-`, `im-`/`ex-`,
 *     `non-`); `semi-`/`self-`, `inter-`/`intra-` or `few`/`zero` are two edits or more;
 *  4. the normalised Levenshtein ratio of the article-free compact titles is ≥ 0.9, which bounds
 *     how much of a short title a typo may change;
 *  5. nothing else contradicts: years at most 1 apart, and author surname lists that intersect
 *     when both sides have authors.
 * A trailing parenthetical without numbers (`(HELM)`, `(Extended Abstract)`) may be dropped from
 * either side first.
 */
const MIN_RATIO = 0.9;

/** Crude English singular, enough to see `policy`/`policies` as one word. */
const singular = (w: string): string =>
  w.replace(/ies$/, 'y').replace(/(ss|x|ch|sh)es$/, '$1').replace(/([^s])s$/, '$1');

function typoLike(x: string, y: string): boolean {
  if (x === y) return true;
  // Every way below keeps the first letter (a singular only changes a word's end): checked first,
  // since aligning two titles asks this of most pairs of their words.
  if (x[0] !== y[0]) return false;
  if (/\d/.test(x) || /\d/.test(y)) return false;
  if (Math.min(x.length, y.length) >= 4 && singular(x) === singular(y)) return true;
  const shorter = Math.min(x.length, y.length);
  if (shorter < 5 || x[0] !== y[0]) return false;
  const sx = x.replace(/s$/, '');
  const sy = y.replace(/s$/, '');
  if (CONFUSABLE.has(`${sx}|${sy}`) || CONFUSABLE.has(`${sy}|${sx}`)) return false;
  const d = distance(x, y);
  if (d === 1) return !otherWordForm(x, y);
  // Two edits in one word are nearly always another form of it (`generation`/`generative`,
  // `detection`/`detecting`), not a slip; an adjacent swap is the one exception.
  return d === 2 && isTransposition(x, y);
}

/**
 * One-letter substitutions that make another word rather than a slip: a vowel for a vowel
 * (`blind`/`bland`, `model`/`modal`, `sample`/`simple`) and `-ed`/`-er` (`mixed`/`mixer`).
 */
function otherWordForm(x: string, y: string): boolean {
  if (x.length !== y.length) return false;
  let i = 0;
  while (x[i] === y[i]) i++;
  const cx = x[i] ?? '';
  const cy = y[i] ?? '';
  if (VOWELS.has(cx) && VOWELS.has(cy)) return true;
  return i === x.length - 1 && x[i - 1] === 'e' && ((cx === 'd' && cy === 'r') || (cx === 'r' && cy === 'd'));
}
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

/**
 * A typo inside a hyphen-joined word must be a typo of the piece it falls in: `Test-Time` →
 * `Text-Time` changes the 4-letter word `test`, which is not a typo but another word.
 * `ends` are the piece ends in `x`.
 */
function compoundTypoLike(x: string, y: string, ends: number[]): boolean {
  const shorter = Math.min(x.length, y.length);
  let p = 0;
  while (p < shorter && x[p] === y[p]) p++;
  let q = 0;
  while (q < shorter - p && x[x.length - 1 - q] === y[y.length - 1 - q]) q++;
  const editEnd = x.length - q;
  let start = 0;
  for (const end of ends) {
    // The piece holding the edit (an insertion at a boundary belongs to the piece before it).
    if (p < end || (p === end && editEnd === p)) {
      if (editEnd > end) return false;
      const dl = y.length - x.length;
      return typoLike(x.slice(start, end), y.slice(start, end + dl));
    }
    start = end;
  }
  return false;
}

/** `x` is `y` with two adjacent letters swapped ("Nueral"): one slip of the fingers, not two. */
function isTransposition(x: string, y: string): boolean {
  if (x.length !== y.length) return false;
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return (
    i + 1 < x.length &&
    x[i] === y[i + 1] &&
    x[i + 1] === y[i] &&
    x.slice(i + 2) === y.slice(i + 2)
  );
}

const MERGES: ReadonlyArray<readonly [number, number]> = [[1, 2], [2, 1], [1, 3], [3, 1], [2, 2]];

function spanLength(words: string[], from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) n += words[i]!.length;
  return n;
}

/**
 * Fewest typo substitutions aligning the two word lists (equal words and spacing merges are
 * free), or `limit + 1` when it exceeds `limit`.
 */
function alignCost(
  a: string[],
  b: string[],
  limit: number,
  isName: (w: string) => boolean,
  isTypo: (x: string, y: string) => boolean,
): number {
  const n = a.length;
  const m = b.length;
  const over = limit + 1;
  // dp[i][j]: cost to align a[i..] with b[j..]; filled backwards.
  const width = m + 1;
  const dp = new Array<number>((n + 1) * width).fill(over);
  dp[n * width + m] = 0;
  for (let i = n; i >= 0; i--) {
    for (let j = m; j >= 0; j--) {
      if (i === n && j === m) continue;
      let best = over;
      const ai = a[i];
      const bj = b[j];
      if (ai !== undefined && bj !== undefined) {
        const next = dp[(i + 1) * width + j + 1] ?? over;
        if (ai === bj || canonical(ai) === canonical(bj)) best = next;
        else if (next + 1 < best && !isName(ai) && !isName(bj) && isTypo(ai, bj)) best = next + 1;
        for (const [k, l] of MERGES) {
          if (best === 0) break;
          if (i + k > n || j + l > m) continue;
          const rest = dp[(i + k) * width + j + l] ?? over;
          if (rest >= best) continue;
          // Joined words can only be equal with equal lengths: checked first, without joining.
          if (spanLength(a, i, k) !== spanLength(b, j, l)) continue;
          if (a.slice(i, i + k).join('') === b.slice(j, j + l).join('')) best = rest;
        }
      }
      dp[i * width + j] = Math.min(best, over);
    }
  }
  return dp[0] ?? over;
}

function ratio(x: string, y: string): number {
  const len = Math.max(x.length, y.length);
  return len === 0 ? 1 : 1 - distance(x, y) / len;
}

/** Score of near-equal titles, or null when they are not near-equal (see the rule above). */
function similarTitles(a: TitleInfo, b: TitleInfo): number | null {
  if (a.markers !== b.markers) return null;
  if (a.short || b.short) {
    // Short titles only tolerate spacing (`Self Normalizing` / `Self-Normalizing`), articles
    // included: on two or three words, any other change may well be another paper.
    return a.key.replace(/ /g, '') === b.key.replace(/ /g, '') ? Math.round(ratio(a.key, b.key) * 100) / 100 : null;
  }
  if (!nearCompacts(a.compact, b.compact)) return null;
  if (a.compact !== b.compact) {
    const limit = Math.min(a.tokens.length, b.tokens.length) >= 8 ? 2 : 1;
    const isName = (w: string) => a.names.has(w) || b.names.has(w);
    const isTypo = (x: string, y: string) => {
      const ex = a.compounds.get(x);
      const ey = b.compounds.get(y);
      if (ex && !compoundTypoLike(x, y, ex)) return false;
      if (ey && !compoundTypoLike(y, x, ey)) return false;
      return ex !== undefined || ey !== undefined || typoLike(x, y);
    };
    if (alignCost(a.tokens, b.tokens, limit, isName, isTypo) > limit) return null;
  }
  return Math.round(ratio(a.key, b.key) * 100) / 100;
}

// ---------------------------------------------------------------------------------------------
// Profiles and the rules
// ---------------------------------------------------------------------------------------------

type Profile = {
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

function profileOf(ref: VersionedRef): Profile {
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

function explainProfiles(a: Profile, b: Profile): MatchExplanation | null {
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
 * What a title must share with another to be the same paper by title, in a few numbers a 100k
 * catalog can keep for every paper (lib/library/catalog.ts): comparing two digests rejects most
 * candidate pairs without analysing the stored title, and never rejects a pair `explainMatch`
 * would accept on titles.
 */
export type TitleDigest = { key: number; markers: string; compact: string; short: boolean; spaceless: number; hasBase: boolean };

export function titleDigest(title: string): TitleDigest {
  return digestOf(analyseTitle(title));
}

function digestOf(info: TitleInfo): TitleDigest {
  return {
    key: hashNumber(info.key),
    markers: info.markers,
    compact: info.compact,
    short: info.short,
    spaceless: hashNumber(info.key.replace(/ /g, '')),
    hasBase: info.base !== undefined,
  };
}

/**
 * Digests worked out while a row's stored keys were (`titleKeys`), for the catalog to take when
 * the same row object reaches it: an import would otherwise analyse 100k titles a second time,
 * since they overflow `analyseTitle`'s cache. Weak, so rows are never kept alive by it.
 */
const rowDigests = new WeakMap<object, { title: string; digest: TitleDigest }>();

/**
 * `titleKey` and `candidateKeys` of a row's title from one analysis (they are the same key and the
 * keys `candidateKeys(title)` gives).
 */
export function titleKeys(row: { title: string }): { titleKey: string; candidateKeys: string[] } {
  const info = analyseTitle(row.title);
  rowDigests.set(row, { title: row.title, digest: digestOf(info) });
  return { titleKey: info.key, candidateKeys: keysOf(info) };
}

/** `titleDigest(row.title)`, taken from `titleKeys` when it saw this row with this title. */
export function rowTitleDigest(row: { title: string }): TitleDigest {
  const got = rowDigests.get(row);
  return got && got.title === row.title ? got.digest : titleDigest(row.title);
}

/**
 * False only when the titles can be neither equal nor near-equal: the same key, else the same
 * markers (a trailing note only exists with its title's markers) and, without notes, the edit
 * ratio `similarTitles` checks first.
 */
export function mayBeSameTitle(a: TitleDigest, b: TitleDigest): boolean {
  if (a.key === b.key) return true;
  if (a.markers !== b.markers) return false;
  if (a.hasBase || b.hasBase) return true;
  if (a.short || b.short) return a.spaceless === b.spaceless;
  return nearCompacts(a.compact, b.compact);
}

/**
 * `ratio(x, y) >= MIN_RATIO`, with cheap bounds first. The edit distance is at least the lengths'
 * difference, and at least what the letter counts differ by, which rules out most candidates
 * (titles sharing a group of words) at a fraction of the distance's cost.
 */
function nearCompacts(x: string, y: string): boolean {
  if (x === y) return true;
  const len = Math.max(x.length, y.length);
  if (Math.abs(x.length - y.length) > (1 - MIN_RATIO) * len) return false;
  if (1 - letterCountBound(x, y) / len < MIN_RATIO) return false;
  return ratio(x, y) >= MIN_RATIO;
}

const letterCounts = new Int32Array(128);
/**
 * A lower bound of the edit distance of x and y: an edit adds or removes at most one letter of
 * each kind, so the distance is at least the larger of the surplus of x's letters over y's and
 * of y's over x's. Letters are counted by their code's low 7 bits: letters sharing a bucket only
 * lower the bound, which stays a bound.
 */
function letterCountBound(x: string, y: string): number {
  const h = letterCounts;
  for (let i = 0; i < x.length; i++) h[x.charCodeAt(i) & 127]!++;
  for (let i = 0; i < y.length; i++) h[y.charCodeAt(i) & 127]!--;
  let more = 0;
  let fewer = 0;
  // Each bucket is read once, then emptied for the next call.
  const take = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i) & 127;
      const v = h[c]!;
      if (v > 0) more += v;
      else fewer -= v;
      h[c] = 0;
    }
  };
  take(x);
  take(y);
  return Math.max(more, fewer);
}

/** Near-equal once a trailing note is dropped from one side or both; scored on the full titles. */
function similarWithoutNotes(a: TitleInfo, b: TitleInfo): number | null {
  if (!a.base && !b.base) return null;
  const pairs: Array<[TitleInfo | undefined, TitleInfo | undefined]> = [
    [a.base, b],
    [a, b.base],
    [a.base, b.base],
  ];
  for (const [x, y] of pairs) {
    if (x && y && (x.key === y.key || similarTitles(x, y) !== null)) {
      return Math.round(ratio(a.key, b.key) * 100) / 100;
    }
  }
  return null;
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

// ---------------------------------------------------------------------------------------------
// Candidate keys
// ---------------------------------------------------------------------------------------------

/** cyrb53: a fast 53-bit string hash; keys only need to be short and collision-free in practice. */
function hash53(s: string): string {
  return hashNumber(s).toString(36);
}

export function hashNumber(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * Candidate keys, and why this design rather than MinHash.
 *
 * `similarTitles` accepts a bounded set of differences, so retrieval can be exact instead of
 * probabilistic (pigeonhole rather than LSH):
 *  - spacing and hyphenation differences leave the title without spaces unchanged: key `s…`
 *    (the only key of a short title, whose only tolerated change this is);
 *  - article differences too leave the article-free compact title unchanged: key `c…`;
 *  - otherwise the word lists have the same length and differ in at most t words (t = 1 below
 *    8 words, 2 from 8, as in the rule), all of ≥ 4 letters without digits. Those n longer words
 *    are dealt into t + 1 interleaved groups (position mod t + 1); at most t groups hold a changed
 *    word, so at least one group is identical on both sides. Each group's key hashes the group's
 *    words, n, the short words in order and the number/version markers: all equal on both
 *    sides, so they only sharpen the key.
 *
 * The groups are dealt twice when the title has hyphenated words: over its words
 * (`pretraining` as one) and over their pieces (`pre`, `training`), so that a typo next to a
 * hyphen that became a space (`Self-Generated`/`Self Generated`) still shares a group.
 *
 * Interleaving spreads a common phrase ("large language models") across groups, so a group mixes
 * common and rare words and rarely equals another paper's. A key is a 53-bit hash in base 36
 * behind a 2–3 character prefix: short for a Dexie multi-entry index, collisions negligible.
 * Exact `titleKey` matches are left to the library's own exact index. The accepted variants not
 * guaranteed a shared key combine a typo with a word written solid on one side and spaced on the
 * other (`Pretraining`/`Pre training`); hyphenated on one side is covered by the piece groups.
 *
 * So: 1 key for titles of ≤ 3 content words, 4 keys for 4–7 words, 5 from 8 words, and 2–3 more
 * for titles with hyphenated words: at most 8; a title with a trailing note (`(HELM)`) also gets
 * the keys of the title without it.
 */
export function candidateKeys(title: string): string[] {
  return keysOf(analyseTitle(title));
}

/**
 * Changes whenever `candidateKeys` (or `TITLE_KEY_VERSION`) changes its output: persisted keys
 * made by an older version must then be recomputed (lib/library/derived.ts does it at the next
 * service-worker start).
 */
export const CANDIDATE_KEYS_VERSION = 1;

/**
 * The index uses the very keys `candidateKeys` gives the library's Dexie index; hashed, they
 * also take a third less memory than the raw word groups in a 100k-paper index.
 */
function keysOf(info: TitleInfo): string[] {
  const keys = ownKeys(info);
  if (!info.base) return keys;
  // The title without its note must meet the titles that never had one.
  return [...new Set([...keys, ...ownKeys(info.base)])];
}

function ownKeys(info: TitleInfo): string[] {
  if (info.key === '') return [];
  const spaceless = `s:${hash53(info.key.replace(/ /g, ''))}`;
  if (info.short) return [spaceless];
  const keys = [spaceless, `c:${hash53(info.compact)}`];
  // Group count from the word count, which both sides of a substitution-only pair share; never
  // below the rule's typo limit + 1, since pieces are at least as many as words.
  const groupsFor = (words: string[]) => (words.length >= 8 ? 3 : 2);
  groupKeys(info.canon, groupsFor(info.canon), info.markers, keys);
  // Same key space as the word groups: the spaced title's words are the hyphenated one's pieces.
  if (info.pieceCanon.length !== info.canon.length) {
    groupKeys(info.pieceCanon, groupsFor(info.pieceCanon), info.markers, keys);
  }
  return keys;
}

/**
 * Words of ≤ 3 letters and words with digits can never be a typo or a plural, so they are equal
 * on both sides: they go into every key as the title's fixed skeleton (`of … for … with`) and
 * only the longer words are dealt into groups. Dealing `of`, `for`, `and` would make groups such
 * as "of models" that thousands of titles share.
 */
function groupKeys(words: string[], groups: number, markers: string, out: string[]): void {
  const fixed: string[] = [];
  const dealt: string[] = [];
  for (const w of words) (w.length <= 3 || /\d/.test(w) ? fixed : dealt).push(w);
  const n = dealt.length;
  const skeleton = `${n}\u0001${fixed.join(' ')}\u0001${markers}`;
  for (let g = 0; g < groups; g++) {
    const members: string[] = [];
    for (let i = g; i < n; i += groups) members.push(dealt[i] ?? '');
    out.push(`${groups}${g}:${hash53(`${members.join(' ')}\u0001${skeleton}`)}`);
  }
}

// ---------------------------------------------------------------------------------------------
// In-memory index
// ---------------------------------------------------------------------------------------------

export type IndexedPaper = { key: string } & VersionedRef;
export type FindResult = { key: string; rule: MatchRule; score?: number };
/** User-declared "not the same paper" pairs, as a predicate or a list of key pairs. */
export type NotSame = ((keyA: string, keyB: string) => boolean) | Iterable<readonly [string, string]>;

export type DedupIndexOptions = { papers?: Iterable<IndexedPaper>; notSame?: NotSame };
/** `notSame` adds pairs for this lookup only; `exclude` skips one indexed key (e.g. the paper itself). */
export type FindOptions = { notSame?: NotSame; exclude?: string };

function isNotSame(x: object): x is NotSame {
  return typeof x === 'function' || Symbol.iterator in x;
}

type Entry = { paper: IndexedPaper; profile: Profile };

/** Postings hold one key as a bare string: most candidate keys belong to a single paper. */
type Postings = Map<string, string | Set<string>>;

function post(map: Postings, k: string, v: string): void {
  const cur = map.get(k);
  if (cur === undefined) map.set(k, v);
  else if (typeof cur === 'string') {
    if (cur !== v) map.set(k, new Set([cur, v]));
  } else cur.add(v);
}

function unpost(map: Postings, k: string, v: string): void {
  const cur = map.get(k);
  if (cur === undefined) return;
  if (typeof cur === 'string') {
    if (cur === v) map.delete(k);
    return;
  }
  cur.delete(v);
  if (cur.size === 0) map.delete(k);
}

function addPostings(map: Postings, k: string, out: Set<string>): void {
  const cur = map.get(k);
  if (cur === undefined) return;
  if (typeof cur === 'string') out.add(cur);
  else for (const v of cur) out.add(v);
}

const pairId = (x: string, y: string) => (x < y ? `${x}\u0000${y}` : `${y}\u0000${x}`);

const RULE_RANK: Record<MatchRule, number> = {
  'arxiv-id': 5,
  'arxiv-id-other-version': 4,
  doi: 3,
  title: 2,
  'similar-title': 1,
};

/**
 * Papers by arXiv id, DOI, title key and candidate key, so `find` touches only the few papers
 * that could match instead of scanning the library.
 */
export class DedupIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly byArxiv: Postings = new Map();
  private readonly byDoi: Postings = new Map();
  private readonly byTitle: Postings = new Map();
  private readonly byCandidate: Postings = new Map();
  private readonly notSamePairs = new Set<string>();
  private readonly notSamePredicates: Array<(a: string, b: string) => boolean> = [];

  /** Options, or the not-same pairs alone (`new DedupIndex(notSame)`). */
  constructor(options: DedupIndexOptions | NotSame = {}) {
    const o: DedupIndexOptions = isNotSame(options) ? { notSame: options } : options;
    if (o.notSame) this.addNotSame(o.notSame);
    if (o.papers) for (const p of o.papers) this.add(p);
  }

  get size(): number {
    return this.entries.size;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Adds a paper, replacing any paper already indexed under the same key. */
  add(paper: IndexedPaper): void {
    if (this.entries.has(paper.key)) this.remove(paper.key);
    const profile = profileOf(paper);
    const keys = profile.title ? keysOf(profile.title) : [];
    this.entries.set(paper.key, { paper, profile });
    if (profile.arxiv) post(this.byArxiv, profile.arxiv, paper.key);
    if (profile.doi) post(this.byDoi, profile.doi, paper.key);
    if (profile.title) post(this.byTitle, profile.title.key, paper.key);
    for (const k of keys) post(this.byCandidate, k, paper.key);
  }

  remove(key: string): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    const { profile } = e;
    if (profile.arxiv) unpost(this.byArxiv, profile.arxiv, key);
    if (profile.doi) unpost(this.byDoi, profile.doi, key);
    if (profile.title) unpost(this.byTitle, profile.title.key, key);
    // Keys are a pure function of the title: recomputed rather than kept for every paper.
    if (profile.title) for (const k of keysOf(profile.title)) unpost(this.byCandidate, k, key);
    this.entries.delete(key);
    return true;
  }

  /** Declares pairs of paper keys that must never match, whatever their titles say. */
  addNotSame(notSame: NotSame): void;
  addNotSame(keyA: string, keyB: string): void;
  addNotSame(x: NotSame | string, y?: string): void {
    if (typeof x === 'string') {
      if (y !== undefined) this.notSamePairs.add(pairId(x, y));
    } else if (typeof x === 'function') {
      this.notSamePredicates.push(x);
    } else {
      for (const [a, b] of x) this.notSamePairs.add(pairId(a, b));
    }
  }

  private isNotSame(a: string, b: string, extra?: NotSame): boolean {
    if (this.notSamePairs.has(pairId(a, b))) return true;
    for (const f of this.notSamePredicates) if (f(a, b) || f(b, a)) return true;
    if (extra) {
      if (typeof extra === 'function') return extra(a, b) || extra(b, a);
      for (const [x, y] of extra) if ((x === a && y === b) || (x === b && y === a)) return true;
    }
    return false;
  }

  /** Keys of the indexed papers that could match `ref`, before the `samePaper` check. */
  candidates(ref: VersionedRef): string[] {
    return [...this.candidateSet(profileOf(ref))];
  }

  private candidateSet(profile: Profile): Set<string> {
    const out = new Set<string>();
    if (profile.arxiv) addPostings(this.byArxiv, profile.arxiv, out);
    if (profile.doi) addPostings(this.byDoi, profile.doi, out);
    if (profile.title) {
      addPostings(this.byTitle, profile.title.key, out);
      for (const ck of keysOf(profile.title)) addPostings(this.byCandidate, ck, out);
    }
    return out;
  }

  /**
   * The indexed paper that is the same as `ref`, preferring identifier matches over exact titles
   * over similar titles (then the higher score). `ref.key` (or its `paperKey`) is the key checked
   * against not-same pairs; `exclude` skips one indexed key, e.g. the paper itself.
   */
  find(ref: VersionedRef & { key?: string }, opts: FindOptions | NotSame = {}): FindResult | null {
    const options: FindOptions = isNotSame(opts) ? { notSame: opts } : opts;
    const profile = profileOf(ref);
    const refKey = ref.key ?? paperKey(ref);
    let best: FindResult | null = null;
    let bestRank = 0;
    for (const key of this.candidateSet(profile)) {
      if (key === options.exclude) continue;
      const e = this.entries.get(key);
      if (!e) continue;
      const m = explainProfiles(profile, e.profile);
      if (!m) continue;
      if (key !== refKey && this.isNotSame(refKey, key, options.notSame)) continue;
      const rank = RULE_RANK[m.rule];
      if (
        best === null ||
        rank > bestRank ||
        (rank === bestRank && (m.score ?? 1) > (best.score ?? 1))
      ) {
        best = m.score === undefined ? { key, rule: m.rule } : { key, rule: m.rule, score: m.score };
        bestRank = rank;
      }
    }
    return best;
  }
}
