/**
 * Near-equal titles: the word-by-word rule that tells a variant of a title from another paper's
 * title, and its cheap edit-ratio bound (`nearCompacts`) that the catalog's digests share.
 */
import { distance } from 'fastest-levenshtein';
import { canonical, type TitleInfo } from './title-analysis';

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
export function similarTitles(a: TitleInfo, b: TitleInfo): number | null {
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

/**
 * `ratio(x, y) >= MIN_RATIO`, with cheap bounds first. The edit distance is at least the lengths'
 * difference, and at least what the letter counts differ by, which rules out most candidates
 * (titles sharing a group of words) at a fraction of the distance's cost.
 */
export function nearCompacts(x: string, y: string): boolean {
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
export function similarWithoutNotes(a: TitleInfo, b: TitleInfo): number | null {
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
