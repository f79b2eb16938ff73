/**
 * Search words: what the library's `*words` multi-entry index holds and how queries are split.
 * Accents and case are folded so "Schrödinger" is found by "schrodinger".
 */

const STOP = new Set(
  'a an and are as at be by for from in into is it of on or the to via with without we our its this that these using'.split(
    ' ',
  ),
);

export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Words of a text, folded, deduplicated, stop words dropped. */
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
    for (const w of fold(text.slice(start, end)).split(/[^\p{L}\p{N}]+/u)) {
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
 * Changes whenever `paperWords` changes its output: the `*words` index of stored papers must then
 * be recomputed (lib/library/derived.ts).
 */
export const WORDS_VERSION = 1;

export function paperWords(p: {
  title: string;
  authors: string[];
  tags: string[];
  note: string;
  abstract?: string;
  arxivId?: string;
}): string[] {
  const words = new Set<string>([
    ...wordsOf(p.title),
    ...wordsOf(p.authors.join(' ')),
    ...p.tags.map((t) => fold(t)),
    ...wordsOf(p.note, 200),
    ...wordsOf(p.abstract, ABSTRACT_WORDS),
  ]);
  if (p.arxivId) words.add(p.arxivId.toLowerCase());
  return [...words];
}

/** Query terms, split like indexed words; a query word matches the indexed words it prefixes. */
export function queryTerms(query: string): string[] {
  return fold(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w, i, all) => w.length > 0 && !STOP.has(w) && all.indexOf(w) === i);
}
