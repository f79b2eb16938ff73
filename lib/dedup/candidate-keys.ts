/**
 * Candidate keys: a few hashed keys per title that near-equal titles share, so that a near-title
 * lookup reads an index instead of comparing every title. The library stores them on each paper
 * row; `DedupIndex`, the catalog and a just-started worker's near keys hold them in memory, hashed.
 */
import { analyseTitle, type TitleInfo } from './title-analysis';

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
 * behind a 2–3 character prefix: short to store on every row, collisions negligible.
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
 * The index uses the very keys `candidateKeys` gives the library; hashed, they also take a third
 * less memory than the raw word groups in a 100k-paper index.
 */
export function keysOf(info: TitleInfo): string[] {
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
