/**
 * Title analysis: what the similarity rule (similar-titles.ts), the candidate keys
 * (candidate-keys.ts) and the catalog's digests (title-digest.ts) read of a title — its key,
 * content words, markers, names, compounds and trailing note — worked out once per title.
 */
import { titleKeyParts } from '../identity';

/** Dropped before comparing words: adding or removing an article never makes another paper. */
const ARTICLES = new Set(['a', 'an', 'the']);
/**
 * Words that citations swap freely ("A Survey on X" / "A Survey of X", "Towards" / "Toward"):
 * equal when aligning words. Only there, not in the tokens, so that `On-Device` still merges
 * with `On Device`.
 */
export const canonical = (w: string): string => (w === 'on' ? 'of' : w === 'toward' ? 'towards' : w);

const ROMAN = new Set([
  'i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii', 'xiii', 'xiv', 'xv',
  'xvi', 'xvii', 'xviii', 'xix', 'xx',
]);
const NUMBER_WORDS = new Set([
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
  'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety', 'hundred',
  'thousand', 'million', 'billion', 'trillion', 'first', 'second',
  'third', 'fourth', 'fifth', 'sixth', 'half', 'double', 'single', 'dual', 'triple',
]);

export type TitleInfo = {
  /** `titleKey(title)`. */
  key: string;
  /** Words compared for near-equality: articles dropped. */
  tokens: string[];
  /** `tokens` with swappable words in one spelling, for candidate keys. */
  canon: string[];
  /** `canon` with hyphenated words split into their pieces, for candidate keys. */
  pieceCanon: string[];
  /** `tokens` without separators: equal when titles differ only in spacing or hyphenation. */
  compact: string;
  /** Sorted numbers with their version letter, roman numerals and number words. */
  markers: string;
  /** Too few words to tell a typo from another paper: only exact keys match. */
  short: boolean;
  /** Words the original casing shows to be names (`LLaMA`, `BERT`, `Mixtral:`): never typos. */
  names: ReadonlySet<string>;
  /** Hyphen-joined words and where their pieces end (`testtime` → [4, 8]). */
  compounds: ReadonlyMap<string, number[]>;
  /** The title without a trailing parenthetical such as `(HELM)` or `(Extended Abstract)`. */
  base?: TitleInfo;
};

/**
 * A trailing parenthetical without numbers: an acronym or a venue note that citations keep or
 * drop (`Holistic Evaluation of Language Models (HELM)`).
 */
const TRAILING_NOTE = /^(.*?[^\s(\[])\s*[([]([^()[\]\d]{1,40})[)\]]\s*[.!?]?\s*$/;

const NO_NAMES: ReadonlySet<string> = new Set();
const foldWord = (w: string): string =>
  w.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^\p{L}\p{N}+]/gu, '');

/**
 * Names differ by one letter far more often than real typos hit them (`LLaMA`/`LLaVA`,
 * `Mistral`/`Mixtral`), so words cased like names are kept out of typo matching: a capital after
 * the first letter of a hyphen-free part (`LLaMA`, `BigNAS`, `BERT`), or the one word before a
 * title's colon. Titles in all capitals say nothing about names.
 */
function namesIn(title: string): ReadonlySet<string> {
  if (!/\p{Ll}/u.test(title)) return NO_NAMES;
  const out = new Set<string>();
  for (const w of title.split(/\s+/)) {
    if (w.split('-').some((part) => /^\P{L}*\p{L}.*\p{Lu}/u.test(part))) out.add(foldWord(w));
  }
  const colon = title.indexOf(':');
  if (colon > 0) {
    const head = title.slice(0, colon).trim();
    if (head !== '' && !/\s/.test(head)) out.add(foldWord(head));
  }
  return out.size > 0 ? out : NO_NAMES;
}

function markerList(words: string[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    if (/\d/.test(w)) {
      // A number keeps one trailing letter (`4o`, `7b`, `3d`) because that letter is the
      // version (`GPT-4` ≠ `GPT-4o`); longer letter runs are the next word glued by a hyphen.
      for (const m of w.matchAll(/(\d+(?:\.\d+)*)([a-z]*)/g)) {
        const letters = m[2] ?? '';
        out.push(letters.length === 1 ? `${m[1]}${letters}` : (m[1] ?? ''));
      }
    } else if (ROMAN.has(w) || NUMBER_WORDS.has(w)) {
      // Other lone letters (`Part B`) are not markers: alignment never lets them change, and
      // as markers they would block split words from PDF extraction (`b y` for `by`).
      out.push(w);
    }
  }
  return out.sort();
}

function analyse(title: string): TitleInfo {
  const info = analyseWhole(title);
  const note = title.match(TRAILING_NOTE);
  if (note?.[1] !== undefined) {
    const base = analyseWhole(note[1]);
    // A note holding a marker (`(Part II)`) is part of the identity, not a note.
    if (!base.short && base.markers === info.markers) info.base = base;
  }
  return info;
}

function analyseWhole(title: string): TitleInfo {
  const { key, pieces } = titleKeyParts(title);
  // A 100k-paper index holds one of these per paper: arrays and maps are shared when equal.
  let compounds: Map<string, number[]> | undefined;
  for (const wp of pieces) {
    if (wp.length < 2) continue;
    let end = 0;
    (compounds ??= new Map()).set(wp.join(''), wp.map((p) => (end += p.length)));
  }
  const words = key === '' ? [] : key.split(' ');
  const tokens = words.filter((w) => !ARTICLES.has(w));
  const canon = tokens.some((w) => canonical(w) !== w) ? tokens.map(canonical) : tokens;
  const allPieces = compounds ? pieces.flat() : words;
  return {
    key,
    tokens,
    canon,
    pieceCanon: compounds ? allPieces.filter((w) => !ARTICLES.has(w)).map(canonical) : canon,
    compact: tokens.join(''),
    markers: markerList(allPieces).join(' '),
    short: tokens.length <= 3,
    names: namesIn(title),
    compounds: compounds ?? NO_COMPOUNDS,
  };
}
const NO_COMPOUNDS: ReadonlyMap<string, number[]> = new Map();

// titleKey runs a few dozen regexes; pairwise checks over the same titles would redo them.
const titleCache = new Map<string, TitleInfo>();
const TITLE_CACHE_MAX = 20_000;

export function analyseTitle(title: string): TitleInfo {
  const hit = titleCache.get(title);
  if (hit) return hit;
  const info = analyse(title);
  if (titleCache.size >= TITLE_CACHE_MAX) titleCache.clear();
  titleCache.set(title, info);
  return info;
}

/** `titleKey(title)`, from the analysis `candidateKeys` and the rules share (cached per title). */
export function analysedTitleKey(title: string): string {
  return analyseTitle(title).key;
}
