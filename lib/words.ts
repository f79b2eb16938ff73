/**
 * Search words: what the catalog indexes for each paper and how queries are split, by one rule:
 * folded text split at every character that is neither a letter nor a digit (and Chinese or
 * Japanese into character pairs), one-character words and stop words dropped. Accents and case are
 * folded so "Schrödinger" is found by "schrodinger", and "Łukasz" by "lukasz"; Greek letters by
 * name, so "α-Divergence" by "alpha".
 */

import { GREEK, isArxivClass, parseArxivId } from './identity';

const STOP = new Set(
  'a an and are as at be by for from in into is it of on or the to via with without we our its this that these using'.split(
    ' ',
  ),
);

/** Letters Unicode does not decompose, as people type them without the stroke, slash or ligature. */
const UNDECOMPOSED: Readonly<Record<string, string>> = {
  ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't',
};
const UNDECOMPOSED_RE = /[łøæœßđðþıħŧ]/g;
/** Lower-case Greek, after NFKD has turned its variants (ϵ, ϕ, µ, 𝛼) into these. */
const GREEK_RE = /[α-ω]/g;
const NON_ASCII = /[^\x00-\x7f]/;

export function fold(text: string): string {
  // ASCII has nothing to decompose or map: lower case is all folding does to it.
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  const bare = text.normalize('NFKD').replace(MARKS, (m) => m.replace(NOT_VOICING, ''));
  // Japanese voicing marks are letters' difference, not accents (デ is not テ): kept, and put back
  // on their kana (ﾃﾞ, half-width, becomes デ too).
  return (VOICING.test(bare) ? bare.normalize('NFC') : bare)
    .toLowerCase()
    .replace(UNDECOMPOSED_RE, (c) => UNDECOMPOSED[c]!)
    // By name, as titles also write them and people type them: "α-Divergence" is found by
    // "alpha divergence", and a formula's `$\alpha$` (indexed as "alpha") by "α".
    .replace(GREEK_RE, (c) => GREEK[c] ?? c);
}

const MARKS = /\p{M}+/gu;
const NOT_VOICING = /[^\u3099\u309a]/g;
const VOICING = /[\u3099\u309a]/;

const SPLIT = /[^\p{L}\p{N}]+/u;

/** Chinese and Japanese script (kana's long-vowel mark included), written without spaces. */
const CJK = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]/u;
const CJK_OR_NOT = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]+|[^\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]+/gu;

/**
 * A word's parts as indexed and searched. Chinese and Japanese have no spaces between words, so a
 * run of their characters stands for its overlapping pairs: "模型" is found inside "扩散模型的研究",
 * and a query "扩散模型" asks for 扩散, 散模 and 模型. Other characters of the same word
 * ("gpt4" in "gpt4模型") stay a word of their own.
 */
function parts(word: string): string[] {
  if (!CJK.test(word)) return [word];
  const out: string[] = [];
  for (const [run] of word.matchAll(CJK_OR_NOT)) {
    if (!CJK.test(run)) {
      out.push(run);
      continue;
    }
    const chars = [...run];
    if (chars.length === 1) out.push(run);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}

/** Whether folded text may hold Chinese or Japanese (the common case, ASCII, is asked nothing more). */
const mayBeCjk = (folded: string) => NON_ASCII.test(folded) && CJK.test(folded);

/** Words of a text, folded, deduplicated, stop words and one-character words dropped. */
export function wordsOf(text: string | undefined, limit = Infinity): string[] {
  if (!text) return [];
  const out = new Set<string>();
  // With a limit, fold a piece at a time: the first 40 words of an abstract need only its first few
  // hundred characters folded. Pieces end just after a space, where folding and splitting the
  // pieces gives what folding and splitting the whole text gives.
  const step = limit === Infinity ? text.length : 400;
  for (let start = 0; start < text.length; ) {
    let end = start + step;
    if (end >= text.length) end = text.length;
    else {
      const space = text.indexOf(' ', end);
      end = space === -1 ? text.length : space + 1;
    }
    const piece = text.slice(start, end);
    // One scan for non-ASCII, as `fold` makes (ASCII is only lower-cased), and a further split
    // only where Chinese or Japanese may be: no array per word for the rest (an import computes
    // some 6 million words).
    const ascii = !NON_ASCII.test(piece);
    const folded = ascii ? piece.toLowerCase() : fold(piece);
    const words = !ascii && CJK.test(folded) ? folded.split(SPLIT).flatMap(parts) : folded.split(SPLIT);
    for (const w of words) {
      if (w.length < 2 || STOP.has(w)) continue;
      out.add(w);
      if (out.size >= limit) return [...out];
    }
    start = end;
  }
  return [...out];
}

/**
 * Abstract words are capped: indexing every word of 100k abstracts would make imports and saves
 * slow for little gain; the first words of an abstract carry its subject.
 */
export const ABSTRACT_WORDS = 40;

/**
 * Note words are the user's own, so all of them count; the cap only bounds what a pathological note
 * (a pasted book) costs the catalog.
 */
export const NOTE_WORDS = 5_000;

/**
 * Changes whenever `paperWords` changes its output: derived fields are then recomputed
 * (lib/library/derived.ts) and the catalog's snapshot, which records this version, is rebuilt.
 * 2: one-character words' rule shared with queries, tag parts, letters NFKD keeps, 5,000 note words.
 * 3: Chinese and Japanese runs as their character pairs.
 * 4: arXiv's primary class, whole (`cs.cl`).
 * 5: Greek letters by name (`α` → `alpha`); the titles of papers merged into one (`altTitles`);
 *    Japanese voicing kept (`デ` is not `テ`).
 * 6: the journal's or proceedings' name.
 */
export const WORDS_VERSION = 6;

export function paperWords(p: {
  title: string;
  authors: string[];
  tags: string[];
  note: string;
  abstract?: string;
  arxivId?: string;
  primaryClass?: string;
  altTitles?: string[];
  journal?: string;
  proceedings?: string;
}): string[] {
  const words = new Set<string>([...wordsOf(p.title), ...wordsOf(p.authors.join(' '))]);
  for (const t of p.altTitles ?? []) for (const w of wordsOf(t)) words.add(w);
  // Where it was published: "nature", "neural information processing" find an imported library's.
  for (const w of wordsOf(p.journal ?? p.proceedings)) words.add(w);
  // A tag whole (`must-read`) and its words (`must`, `read`), as a query splits what is typed.
  for (const t of p.tags) {
    words.add(fold(t));
    for (const w of wordsOf(t)) words.add(w);
  }
  for (const w of wordsOf(p.note, NOTE_WORDS)) words.add(w);
  for (const w of wordsOf(p.abstract, ABSTRACT_WORDS)) words.add(w);
  if (p.arxivId) words.add(p.arxivId.toLowerCase());
  // Whole, as a query keeps a class with a subject (`cs.CL` finds the class, not every "cs" and
  // "cl"); an archive alone (`hep-th`) is split by queries as by the index, so its parts too.
  if (p.primaryClass) {
    words.add(p.primaryClass.toLowerCase());
    if (!p.primaryClass.includes('.')) for (const w of wordsOf(p.primaryClass)) words.add(w);
  }
  return [...words];
}

/**
 * An arXiv id, whole or as it is being typed (`2401.`, `2401.012`, `arXiv:2401.01234v2`,
 * `hep-th/99`): kept as one term, since the index holds a paper's id as one word. New-style needs a
 * real month, so a year ending a sentence (`2023.`) stays a word.
 */
const NEW_ID = /^(?:arxiv:)?(\d{2}(?:0[1-9]|1[0-2])\.\d{0,5})(?:v\d*)?$/;
const OLD_ID = /^(?:arxiv:)?([a-z]+(?:-[a-z]+)?)(?:\.[a-z]{2})?\/(\d{1,7})(?:v\d*)?$/;

function idTerm(token: string): string | null {
  const m = NEW_ID.exec(token);
  if (m) return m[1]!;
  const o = OLD_ID.exec(token);
  // Only the archives arXiv had (lib/identity.ts lists them), asked with a valid id of each, so
  // `w/4` stays two words; the subject class (`math.gt/…`) is dropped as the stored id drops it.
  return o && parseArxivId(`${o[1]}/9108001`) ? `${o[1]}/${o[2]}` : null;
}

/**
 * Query terms, split like indexed words; a query word matches the indexed words it prefixes. Words
 * of one character are dropped as the index drops them ("GPT-4" is "gpt", "X-ray" is "ray"), unless
 * nothing else is left: a query of single characters keeps them as prefixes ("x" finds "xlstm").
 */
export function queryTerms(query: string): string[] {
  const all: string[] = [];
  const folded = fold(query);
  const cjk = mayBeCjk(folded);
  for (const token of folded.split(/\s+/)) {
    if (!token) continue;
    const id = idTerm(token);
    if (id !== null) all.push(id);
    // `cs.cl`, `cond-mat.mtrl-sci`: one term, as the index holds a primary class; `node.js` stays two words.
    else if (token.includes('.') && isArxivClass(token)) all.push(token);
    else for (const word of token.split(SPLIT)) for (const w of cjk ? parts(word) : [word]) if (w.length > 0 && !STOP.has(w)) all.push(w);
  }
  const long = all.filter((w) => w.length > 1);
  const terms = long.length ? long : all;
  return terms.filter((w, i) => terms.indexOf(w) === i);
}
