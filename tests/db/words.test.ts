/** The `*words` index content: folding an abstract piece by piece must index exactly what folding it whole did. */
import { describe, expect, it } from 'vitest';
import { ABSTRACT_WORDS, fold, paperWords, wordsOf } from '../../lib/words';
import { mulberry32 } from '../seeded';

const STOP = new Set('a an and are as at be by for from in into is it of on or the to via with without we our its this that these using'.split(' '));

/** The whole-text version wordsOf had before it folded in pieces. */
function reference(text: string | undefined, limit = Infinity): string[] {
  if (!text) return [];
  const out = new Set<string>();
  for (const w of fold(text).split(/[^\p{L}\p{N}]+/u)) {
    if (w.length < 2 || STOP.has(w)) continue;
    out.add(w);
    if (out.size >= limit) break;
  }
  return [...out];
}

const PIECES = ['Schrödinger', 'ΣΟΦΟΣ', 'ΟΔΟΣ ', 'e\u0301te\u0301', ' \u0301x', 'naïve', 'the', 'of', 'model', 'Models', 'x', '2401.00001', 'ﬁne-tuning', 'Ⅻ', '日本語', '  ', '\n', '\t', '\u00a0', ' ', ' ', ' ', '—', 'GPT-4o', 'İstanbul'];

describe('wordsOf with a limit', () => {
  it('gives exactly the words of folding the whole text, on 2,000 random long texts', () => {
    const rnd = mulberry32(9);
    for (let i = 0; i < 2_000; i++) {
      const text = Array.from({ length: 50 + Math.floor(rnd() * 400) }, () => PIECES[Math.floor(rnd() * PIECES.length)]).join(rnd() < 0.5 ? ' ' : '');
      for (const limit of [1, 7, ABSTRACT_WORDS, 200, Infinity]) expect(wordsOf(text, limit)).toEqual(reference(text, limit));
    }
  });

  it('paper words still include the abstract’s first words and stop at the cap', () => {
    const abstract = Array.from({ length: 300 }, (_, i) => `word${i}`).join(' ');
    const words = paperWords({ title: 'T', authors: [], tags: [], note: '', abstract });
    expect(words).toContain('word0');
    expect(words).toContain(`word${ABSTRACT_WORDS - 1}`);
    expect(words).not.toContain(`word${ABSTRACT_WORDS}`);
  });
});
