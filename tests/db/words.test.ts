/** The `*words` index content: folding an abstract piece by piece must index exactly what folding it whole did. */
import { describe, expect, it } from 'vitest';
import { ABSTRACT_WORDS, fold, NOTE_WORDS, paperWords, queryTerms, wordsOf } from '../../lib/words';
import { mulberry32 } from '../seeded';

const STOP = new Set('a an and are as at be by for from in into is it of on or the to via with without we our its this that these using'.split(' '));

/** Chinese and Japanese runs as their character pairs, other parts of a word whole. */
function pairs(word: string): string[] {
  return (word.match(/[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]+|[^\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]+/gu) ?? []).flatMap((run) => {
    const chars = [...run];
    if (!/[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]/u.test(run) || chars.length === 1) return [run];
    return chars.slice(1).map((c, i) => chars[i]! + c);
  });
}

/** The whole-text version wordsOf had before it folded in pieces. */
function reference(text: string | undefined, limit = Infinity): string[] {
  if (!text) return [];
  const out = new Set<string>();
  for (const w of fold(text).split(/[^\p{L}\p{N}]+/u).flatMap(pairs)) {
    if (w.length < 2 || STOP.has(w)) continue;
    out.add(w);
    if (out.size >= limit) break;
  }
  return [...out];
}

const PIECES = ['扩散模型', 'データセット', 'GPT4模型', '的', 'Schrödinger', 'ΣΟΦΟΣ', 'ΟΔΟΣ ', 'e\u0301te\u0301', ' \u0301x', 'naïve', 'the', 'of', 'model', 'Models', 'x', '2401.00001', 'ﬁne-tuning', 'Ⅻ', '日本語', '  ', '\n', '\t', '\u00a0', ' ', ' ', ' ', '—', 'GPT-4o', 'İstanbul'];

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

describe('Chinese and Japanese, written without spaces', () => {
  it('are indexed as character pairs, other parts of a word as words', () => {
    expect(wordsOf('扩散模型的研究')).toEqual(['扩散', '散模', '模型', '型的', '的研', '研究']);
    // Folding keeps the voicing marks (デ is not テ), which it does not take for accents.
    expect(wordsOf('GPT4模型 と データセット')).toEqual(['gpt4', '模型', 'デー', 'ータ', 'タセ', 'セッ', 'ット']);
    expect(queryTerms('データ')).toEqual(['デー', 'ータ']);
    expect(queryTerms('テータ')).toEqual(['テー', 'ータ']);
    // Half-width kana with a separate voicing mark fold to the full-width letter.
    expect(fold('ﾃﾞｰﾀ ぱ')).toBe('データ ぱ');
    // Accents still go.
    expect(fold('Schrödinger café')).toBe('schrodinger cafe');
    // A single character between spaces is a one-character word, dropped as others are.
    expect(wordsOf('的 model')).toEqual(['model']);
  });

  it('are asked for as the same pairs, a single character as a prefix', () => {
    expect(queryTerms('扩散模型')).toEqual(['扩散', '散模', '模型']);
    expect(queryTerms('模型 diffusion')).toEqual(['模型', 'diffusion']);
    expect(queryTerms('模')).toEqual(['模']);
  });
});

describe('query terms follow the index’s rule', () => {
  it('drop one-character parts the index drops, unless nothing else is left (GPT-4, X-ray, O’Brien, Llama 3.1, 1.58-bit)', () => {
    expect(queryTerms('GPT-4')).toEqual(['gpt']);
    expect(queryTerms('Qwen2.5')).toEqual(['qwen2']);
    expect(queryTerms('X-ray')).toEqual(['ray']);
    expect(queryTerms("O'Brien")).toEqual(['brien']);
    expect(queryTerms('Llama 3.1')).toEqual(['llama']);
    expect(queryTerms('1.58-bit')).toEqual(['58', 'bit']);
    // Only single characters: kept, as prefixes.
    expect(queryTerms('x')).toEqual(['x']);
    expect(queryTerms('x-y')).toEqual(['x', 'y']);
    expect(queryTerms('a')).toEqual([]);
  });

  it('a paper is found by typing its title, an author or a tag: every query term prefixes one of its words', () => {
    const parts = ['扩散模型', 'データセット', 'GPT-4', 'Qwen2.5', 'X-ray', "O'Brien", 'Llama 3.1', '1.58-bit', 'x', 'Łukasz', 'Søren', 'Æsir', 'Straße', 'ΣΟΦΟΣ', 'naïve', 'ﬁne-tuning', 'What’s', 'the', 'to', 'A', 'e\u0301te\u0301', '(Almost)', '“Quoted”', 'v2', 'k-NN', 'R2-D2'];
    const rnd = mulberry32(4);
    const pick = () => parts[Math.floor(rnd() * parts.length)]!;
    for (let i = 0; i < 500; i++) {
      const title = Array.from({ length: 1 + Math.floor(rnd() * 5) }, pick).join(rnd() < 0.8 ? ' ' : '-');
      const tag = Array.from({ length: 1 + Math.floor(rnd() * 3) }, pick).join('-').toLowerCase();
      const author = `${pick()} ${pick()}`;
      const words = paperWords({ title, authors: [author], tags: [tag], note: '' });
      for (const text of [title, author, tag, `#${tag}`]) {
        const terms = queryTerms(text);
        // A query of single characters asks for words starting with them, which "x" alone is not.
        if (terms.every((t) => t.length === 1)) continue;
        for (const t of terms) expect(words.some((w) => w.startsWith(t)), `${JSON.stringify(text)} → ${t} in ${words.join(' ')}`).toBe(true);
      }
    }
  });

  it('keep an arXiv id whole, as the index holds it, also while it is being typed or beside words', () => {
    expect(queryTerms('2401.012')).toEqual(['2401.012']);
    expect(queryTerms('2401.')).toEqual(['2401.']);
    expect(queryTerms('2401.01234 attention')).toEqual(['2401.01234', 'attention']);
    expect(queryTerms('arXiv:2401.01234v2 sparse')).toEqual(['2401.01234', 'sparse']);
    expect(queryTerms('hep-th/99')).toEqual(['hep-th/99']);
    expect(queryTerms('math.GT/0309')).toEqual(['math/0309']);
    // Not ids: no such month, no such archive.
    expect(queryTerms('survey 2023.')).toEqual(['survey', '2023']);
    expect(queryTerms('w/4 bits')).toEqual(['bits']);
    const words = paperWords({ title: 'T', authors: [], tags: [], note: '', arxivId: '2401.01234' });
    expect(words.some((w) => w.startsWith(queryTerms('2401.012')[0]!))).toBe(true);
  });
});

describe("arXiv's primary class", () => {
  it('is one term when it has a subject, of a known archive; else words as before', () => {
    expect(queryTerms('cs.CL')).toEqual(['cs.cl']);
    expect(queryTerms('cond-mat.mtrl-sci transformers')).toEqual(['cond-mat.mtrl-sci', 'transformers']);
    expect(queryTerms('hep-th')).toEqual(['hep', 'th']);
    expect(queryTerms('node.js')).toEqual(['node', 'js']);
    expect(queryTerms('cs.c')).toEqual(['cs']);
  });

  it('is indexed whole, and an archive alone by its parts too', () => {
    const base = { title: 'T', authors: [], tags: [], note: '' };
    expect(paperWords({ ...base, primaryClass: 'cs.CL' })).toEqual(expect.arrayContaining(['cs.cl']));
    expect(paperWords({ ...base, primaryClass: 'cs.CL' })).not.toContain('cl');
    expect(paperWords({ ...base, primaryClass: 'hep-th' })).toEqual(expect.arrayContaining(['hep-th', 'hep', 'th']));
  });
});

describe('paper words', () => {
  it('hold a tag whole and its words (must-read → must, read; to-read → read)', () => {
    const words = paperWords({ title: 'T', authors: [], tags: ['must-read', 'deep-learning', 'to-read'], note: '' });
    expect(words).toEqual(expect.arrayContaining(['must-read', 'must', 'read', 'deep-learning', 'deep', 'learning', 'to-read']));
    expect(words).not.toContain('to');
  });

  it('fold letters Unicode does not decompose (Ł, Ø, Æ, Œ, ß, Đ, Ð, Þ, ı)', () => {
    expect(fold('Łukasz Søren ÆSIR Œuvre Straße Đorđe Ðór Þór ıi ŁØÆŒẞĐ')).toBe('lukasz soren aesir oeuvre strasse dorde dor thor ii loaeoessd');
    expect(wordsOf('Łukasz Kaiser, Søren Hauberg')).toEqual(['lukasz', 'kaiser', 'soren', 'hauberg']);
    // ASCII folds to lower case only, as before.
    expect(fold('GPT-4o: A Model')).toBe('gpt-4o: a model');
  });

  it('fold Greek letters to their names, as titles spell them and formulas hold them', () => {
    expect(fold('α-Divergence, µP and ϕ-nets in 𝛽-VAE')).toBe('alpha-divergence, mup and phi-nets in beta-vae');
    expect(wordsOf('$\\alpha$-Divergence')).toEqual(['alpha', 'divergence']);
    expect(wordsOf('α-Divergence Preference Optimization')).toEqual(['alpha', 'divergence', 'preference', 'optimization']);
    // A Greek letter typed alone is a term now, not a dropped one-character word.
    expect(queryTerms('α')).toEqual(['alpha']);
    expect(queryTerms('alpha divergence')).toEqual(['alpha', 'divergence']);
  });

  it(`hold a note's words up to the ${NOTE_WORDS.toLocaleString('en')}th distinct word, not its first 200`, () => {
    const note = `${Array.from({ length: 4_000 }, (_, i) => `w${i}x`).join(' ')} zanzibar`;
    expect(paperWords({ title: 'T', authors: [], tags: [], note })).toContain('zanzibar');
    expect(NOTE_WORDS).toBeGreaterThanOrEqual(4_001);
    const huge = Array.from({ length: NOTE_WORDS + 500 }, (_, i) => `n${i}x`).join(' ');
    expect(paperWords({ title: 'T', authors: [], tags: [], note: huge })).toHaveLength(NOTE_WORDS);
  });
});
