import { distance } from 'fastest-levenshtein';
import { describe, expect, it } from 'vitest';
import {
  candidateKeys,
  DedupIndex,
  explainMatch,
  mayBeSameTitle,
  titleDigest,
  titleKeys,
  rowTitleDigest,
  samePaper,
  type IndexedPaper,
  type MatchRule,
  type PaperRef,
  type VersionedRef,
} from '../lib/dedup';
import { titleKey } from '../lib/identity';
import seedPages from './fixtures/dedup/seed-cards.json';
import { DIFFERENT_TITLE_PAIRS, SAME_TITLE_PAIRS } from './fixtures/dedup/labelled-pairs';
import { mulberry32 } from './seeded';

// ---------------------------------------------------------------------------------------------
// Identifier rules
// ---------------------------------------------------------------------------------------------

type RuleCase = [name: string, a: VersionedRef, b: VersionedRef, rule: MatchRule | null, text?: string];

const T = 'Scaling Laws for Neural Language Models';
const ruleCases: RuleCase[] = [
  ['same arXiv id', { arxivId: '2001.08361', title: T }, { arxivId: '2001.08361', title: 'Something else entirely' }, 'arxiv-id', 'same arXiv id'],
  ['same id, versions differ', { arxivId: '2001.08361', version: 2 }, { arxivId: '2001.08361', version: 1 }, 'arxiv-id-other-version', 'same arXiv id, other version (v2 here, v1 before)'],
  ['same id, version only on one side', { arxivId: '2001.08361', version: 2 }, { arxivId: '2001.08361' }, 'arxiv-id', 'same arXiv id'],
  ['versioned id string', { arxivId: '2001.08361v3' }, { url: 'https://arxiv.org/abs/2001.08361v1' }, 'arxiv-id-other-version', 'same arXiv id, other version (v3 here, v1 before)'],
  ['id from URL', { url: 'https://huggingface.co/papers/2001.08361' }, { arxivId: '2001.08361' }, 'arxiv-id'],
  ['different arXiv ids, same title', { arxivId: '2001.08361', title: T }, { arxivId: '2001.08362', title: T }, null],
  ['different arXiv ids, same DOI', { arxivId: '2001.08361', doi: '10.1145/1234' }, { arxivId: '2001.08362', doi: '10.1145/1234' }, null],
  ['arXiv DOI counts as arXiv id', { doi: '10.48550/arXiv.2001.08361' }, { arxivId: '2001.08361' }, 'arxiv-id'],
  ['arXiv DOI vs other arXiv id', { doi: 'https://doi.org/10.48550/arXiv.2001.08361', title: T }, { arxivId: '2001.08362', title: T }, null],
  ['same DOI, any case', { doi: '10.1145/3292500.3330701' }, { doi: 'https://doi.org/10.1145/3292500.3330701'.toUpperCase() }, 'doi', 'same DOI'],
  ['different DOIs, same title', { doi: '10.1145/0001', title: T }, { doi: '10.1145/0002', title: T }, null],
  ['DOI on one side, arXiv on the other: titles decide', { doi: '10.1145/0001', title: T }, { arxivId: '2001.08361', title: T }, 'title', 'same title'],
  ['arXiv id on one side only: titles decide', { arxivId: '2001.08361', title: T }, { title: `${T}.` }, 'title', 'same title'],
  ['no titles, no shared id kind', { arxivId: '2001.08361' }, { doi: '10.1145/1234' }, null],
  ['similar title', { title: T }, { title: 'Scaling Laws for Nueral Language Models' }, 'similar-title'],
  ['similar title, years far apart', { title: T, year: 2020 }, { title: 'Scaling Laws for Nueral Language Models', year: 2024 }, null],
  ['similar title, adjacent years', { title: T, year: 2020 }, { title: 'Scaling Laws for Nueral Language Models', year: 2021 }, 'similar-title'],
  ['similar title, disjoint authors', { title: T, authors: ['Jared Kaplan', 'Sam McCandlish'] }, { title: 'Scaling Laws for Nueral Language Models', authors: ['Ada Lovelace'] }, null],
  ['similar title, shared author', { title: T, authors: ['Jared Kaplan', 'Sam McCandlish'] }, { title: 'Scaling Laws for Nueral Language Models', authors: ['Kaplan, Jared'] }, 'similar-title'],
  ['similar title, only "et al." in common', { title: T, authors: ['Jared Kaplan', 'et al.'] }, { title: 'Scaling Laws for Nueral Language Models', authors: ['Ada Lovelace', 'et al.'] }, null],
  ['same title decides even with far years', { title: T, year: 2020 }, { title: T.toUpperCase(), year: 2024 }, 'title'],
  ['empty titles never match', { title: '' }, { title: '' }, null],
  ['nothing at all', {}, {}, null],
];

describe('samePaper / explainMatch: identifiers first', () => {
  it.each(ruleCases)('%s', (_name, a, b, rule, text) => {
    const m = explainMatch(a, b);
    expect(m?.rule ?? null).toBe(rule);
    if (text !== undefined) expect(m?.text).toBe(text);
    expect(samePaper(a, b)).toBe(rule !== null);
    // The rule is symmetric even though the explanation's version text is not.
    expect(samePaper(b, a)).toBe(rule !== null);
  });

  it('explains similar titles with their score', () => {
    const m = explainMatch({ title: T }, { title: 'Scaling Laws for Nueral Language Models' });
    expect(m?.score).toBeGreaterThan(0.9);
    expect(m?.score).toBeLessThan(1);
    expect(m?.text).toBe(`similar title (${m?.score?.toFixed(2)})`);
  });
});

// ---------------------------------------------------------------------------------------------
// Titles: numbers never fuzz, labelled pairs
// ---------------------------------------------------------------------------------------------

describe('samePaper on titles', () => {
  const never: Array<[string, string]> = [
    ['Qwen2 Technical Report', 'Qwen2.5 Technical Report'],
    ['Deep Reinforcement Learning, Part I', 'Deep Reinforcement Learning, Part II'],
    ['YOLOv3: An Incremental Improvement', 'YOLOv4: An Incremental Improvement'],
    ['GPT-4 Technical Report', 'GPT-4o Technical Report'],
    ['Llama 3: Open Foundation Models for Everyone', 'Llama 3.1: Open Foundation Models for Everyone'],
    ['Llama 3 1B: Small Language Models on Device', 'Llama 31B: Small Language Models on Device'],
  ];
  it.each(never)('numbers and versions never fuzz: %s / %s', (a, b) => {
    expect(samePaper({ title: a }, { title: b })).toBe(false);
  });

  it.each(SAME_TITLE_PAIRS)('labelled same: %s / %s', (a, b) => {
    expect(samePaper({ title: a }, { title: b })).toBe(true);
  });

  it.each(DIFFERENT_TITLE_PAIRS)('labelled different: %s / %s', (a, b) => {
    expect(samePaper({ title: a }, { title: b })).toBe(false);
  });

  it('meets precision ≥ 0.995 and recall ≥ 0.98 on the labelled pairs', () => {
    expect(SAME_TITLE_PAIRS.length).toBeGreaterThanOrEqual(60);
    expect(DIFFERENT_TITLE_PAIRS.length).toBeGreaterThanOrEqual(60);
    let tp = 0;
    let fp = 0;
    for (const [a, b] of SAME_TITLE_PAIRS) if (samePaper({ title: a }, { title: b })) tp++;
    for (const [a, b] of DIFFERENT_TITLE_PAIRS) if (samePaper({ title: a }, { title: b })) fp++;
    const precision = tp / Math.max(1, tp + fp);
    const recall = tp / SAME_TITLE_PAIRS.length;
    expect(precision).toBeGreaterThanOrEqual(0.995);
    expect(recall).toBeGreaterThanOrEqual(0.98);
  });

  it('labelled same pairs share a candidate key (or an exact title key)', () => {
    for (const [a, b] of SAME_TITLE_PAIRS) {
      if (titleKey(a) === titleKey(b)) continue;
      const ka = new Set(candidateKeys(a));
      expect(candidateKeys(b).some((k) => ka.has(k)), `${a} / ${b}`).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Seeds: the fixture pages' cards
// ---------------------------------------------------------------------------------------------

type SeedPage = { file: string; digestDay: string; site: string; cards: Array<{ id: string; title: string }> };
const pages = seedPages as SeedPage[];

describe('seed cards', () => {
  const titleById = new Map<string, string>();
  for (const p of pages) for (const c of p.cards) titleById.set(c.id, c.title);
  const distinct = [...titleById.entries()];

  it('has 252 distinct papers, pairwise distinct by title alone', () => {
    expect(distinct.length).toBe(252);
    const clashes: string[] = [];
    for (let i = 0; i < distinct.length; i++) {
      for (let j = i + 1; j < distinct.length; j++) {
        const a = distinct[i]?.[1] ?? '';
        const b = distinct[j]?.[1] ?? '';
        if (samePaper({ title: a }, { title: b })) clashes.push(`${a} / ${b}`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('gives distinct seeds no shared candidate key', () => {
    const owner = new Map<string, string>();
    const shared: string[] = [];
    for (const [id, title] of distinct) {
      for (const k of candidateKeys(title)) {
        const o = owner.get(k);
        if (o !== undefined && o !== id) shared.push(`${titleById.get(o)} / ${title}`);
        owner.set(k, id);
      }
    }
    expect(shared).toEqual([]);
  });

  it('finds the 25 repeats across days and nothing else, walking the days in order', () => {
    const hf = pages.filter((p) => p.site === 'huggingface').sort((a, b) => a.digestDay.localeCompare(b.digestDay));
    const index = new DedupIndex();
    const seen = new Set<string>();
    const repeatsPerDay: number[] = [];
    for (const page of hf) {
      let repeats = 0;
      for (const card of page.cards) {
        // Titles only: the ids must not be what finds them.
        const found = index.find({ title: card.title, key: `new:${card.id}` });
        if (seen.has(card.id)) {
          repeats++;
          expect(found?.key, card.title).toBe(card.id);
        } else {
          expect(found, card.title).toBeNull();
        }
      }
      for (const card of page.cards) {
        index.add({ key: card.id, title: card.title });
        seen.add(card.id);
      }
      repeatsPerDay.push(repeats);
    }
    expect(repeatsPerDay).toEqual([0, 3, 4, 3, 15]);

    // The arXiv listing's papers all appeared on the Hugging Face days.
    const arxiv = pages.find((p) => p.site === 'arxiv');
    expect(arxiv?.cards.length).toBe(22);
    for (const card of arxiv?.cards ?? []) {
      expect(index.find({ title: card.title })?.key).toBe(card.id);
      expect(index.find({ arxivId: card.id })).toBeNull();
    }
  });

  it('finds repeats whose titles were reformatted on the later day', () => {
    const index = new DedupIndex({ papers: distinct.map(([key, title]) => ({ key, title })) });
    for (const [id, title] of distinct) {
      const variant = `${title.toUpperCase().replace(/:/g, ' -').replace(/-/g, ' ')}.`;
      expect(index.find({ title: variant })?.key, variant).toBe(id);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// candidateKeys
// ---------------------------------------------------------------------------------------------

describe('candidateKeys', () => {
  it('gives a few short keys', () => {
    const keys = candidateKeys('Improved Training Technique for Latent Consistency Models');
    expect(keys.length).toBeGreaterThanOrEqual(4);
    expect(keys.length).toBeLessThanOrEqual(12);
    for (const k of keys) expect(k.length).toBeLessThanOrEqual(16);
    expect(candidateKeys('Layer Normalization')).toHaveLength(1);
    expect(candidateKeys('')).toEqual([]);
  });

  it('is deterministic', () => {
    expect(candidateKeys('Denoising Diffusion Probabilistic Models')).toEqual(
      candidateKeys('Denoising Diffusion Probabilistic Models'),
    );
  });

  it('gives every near-equal variant of the seed titles a shared key', () => {
    const rnd = mulberry32(99);
    let checked = 0;
    for (const p of pages) {
      for (const { title } of p.cards) {
        for (let v = 0; v < 6; v++) {
          const variant = variantOf(v % 2 === 0 ? title.replace(/-/, ' ') : title, rnd);
          if (titleKey(variant) === titleKey(title) || !samePaper({ title }, { title: variant })) continue;
          checked++;
          const keys = new Set(candidateKeys(title));
          expect(candidateKeys(variant).some((k) => keys.has(k)), `${title} / ${variant}`).toBe(true);
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('is not fooled by words that name Object methods', () => {
    for (const t of ['The constructor of toString', 'On __proto__ and hasOwnProperty in valueOf Models']) {
      expect(titleKey(t)).toBe(t.toLowerCase().replace(/_/g, ' ').replace(/\s+/g, ' ').trim());
      expect(candidateKeys(t).every((k) => /^[\w:]+$/.test(k))).toBe(true);
      expect(samePaper({ title: t }, { title: `${t}.` })).toBe(true);
    }
    expect(titleKey('\\constructor{x} &constructor; &toString;')).toBe('constructorx and constructor and tostring');
  });

  it('keeps numbers in every key but the spacing ones', () => {
    const a = candidateKeys('Qwen2 Technical Report on Language Models');
    const b = candidateKeys('Qwen2.5 Technical Report on Language Models');
    expect(a.filter((k) => b.includes(k))).toEqual([]);
  });
});

describe('titleDigest / mayBeSameTitle', () => {
  it('never rules out a pair the rules accept on titles, and rules out most that they reject', () => {
    const rnd = mulberry32(7);
    const titles = pages.flatMap((p) => p.cards.map((c) => c.title));
    const pairs: [string, string][] = [...SAME_TITLE_PAIRS, ...DIFFERENT_TITLE_PAIRS].map(([a, b]) => [a, b]);
    for (const title of titles) {
      pairs.push([title, variantOf(title, rnd)], [title, `${title} (Extended Abstract)`], [title, titles[Math.floor(rnd() * titles.length)]!]);
    }
    let same = 0;
    let ruledOut = 0;
    let different = 0;
    for (const [a, b] of pairs) {
      const may = mayBeSameTitle(titleDigest(a), titleDigest(b));
      if (samePaper({ title: a }, { title: b })) {
        same++;
        expect(may, `${a} / ${b}`).toBe(true);
      } else {
        different++;
        if (!may) ruledOut++;
      }
    }
    expect(same).toBeGreaterThan(300);
    expect(ruledOut).toBeGreaterThan(different * 0.6);
  });

  it('decides compact titles exactly as the 0.9 edit ratio does (its letter-count bound only skips work)', () => {
    const rnd = mulberry32(11);
    // Letters sharing a 7-bit bucket (`é` with `i`, `ł` with `B`) and digits, so collisions are tried.
    const alphabet = 'abcdeiostnrlmé0123456789ĳłB';
    const word = () => Array.from({ length: 3 + Math.floor(rnd() * 8) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
    const digest = (compact: string) => ({ key: compact.length, markers: '', compact, short: false, spaceless: compact.length, hasBase: false });
    let near = 0;
    for (let i = 0; i < 4_000; i++) {
      const a = Array.from({ length: 4 + Math.floor(rnd() * 6) }, word).join('');
      let b = a;
      const edits = Math.floor(rnd() * 9);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rnd() * (b.length + 1));
        const ch = alphabet[Math.floor(rnd() * alphabet.length)]!;
        const kind = Math.floor(rnd() * 3);
        b = kind === 0 ? b.slice(0, at) + ch + b.slice(at) : kind === 1 ? b.slice(0, at) + b.slice(at + 1) : b.slice(0, at) + ch + b.slice(at + 1);
      }
      if (rnd() < 0.2) b = [...b].reverse().join('');
      if (b === '') continue;
      const len = Math.max(a.length, b.length);
      // The rule as it was: a length bound, then the ratio.
      const want = !(Math.abs(a.length - b.length) > (1 - 0.9) * len) && (a === b || 1 - distance(a, b) / len >= 0.9);
      const da = digest(a);
      const db = { ...digest(b), key: da.key + 1 };
      expect(mayBeSameTitle(da, db), `${a} / ${b}`).toBe(want);
      if (want) near++;
    }
    expect(near).toBeGreaterThan(300);
  });
});

describe('titleKeys / rowTitleDigest', () => {
  it('give what titleKey, candidateKeys and titleDigest give, and never a digest of an older title', () => {
    const titles = [...new Set(pages.flatMap((p) => p.cards.map((c) => c.title)))];
    titles.push('', 'GPT-4 (Extended Abstract)', 'Über &amp; the $\\alpha$-test', 'A B');
    for (const title of titles) {
      const row = { title };
      // A row never seen by titleKeys gets its digest computed.
      expect(rowTitleDigest(row)).toEqual(titleDigest(title));
      expect(titleKeys(row)).toEqual({ titleKey: titleKey(title), candidateKeys: candidateKeys(title) });
      expect(rowTitleDigest(row)).toEqual(titleDigest(title));
      // The title changed after its keys were computed: the digest follows the title.
      const other = titles[(titles.indexOf(title) + 1) % titles.length]!;
      row.title = other;
      expect(rowTitleDigest(row)).toEqual(titleDigest(other));
      // Another object with the same title is not the row the digest was kept for.
      expect(rowTitleDigest({ title })).toEqual(titleDigest(title));
    }
  });
});

// ---------------------------------------------------------------------------------------------
// DedupIndex
// ---------------------------------------------------------------------------------------------

describe('DedupIndex', () => {
  const papers: IndexedPaper[] = [
    { key: 'arxiv:1706.03762', arxivId: '1706.03762', version: 5, title: 'Attention Is All You Need' },
    { key: 'doi:10.1145/3292500.3330701', doi: '10.1145/3292500.3330701', title: 'Some KDD Paper About Graph Mining at Scale' },
    { key: 'title:scaling', title: 'Scaling Laws for Neural Language Models' },
    { key: 'title:qwen2', title: 'Qwen2 Technical Report' },
  ];

  it('finds by arXiv id, DOI, exact and similar title', () => {
    const index = new DedupIndex({ papers });
    expect(index.size).toBe(4);
    expect(index.find({ url: 'https://arxiv.org/pdf/1706.03762v1' })).toEqual({ key: 'arxiv:1706.03762', rule: 'arxiv-id-other-version' });
    expect(index.find({ arxivId: '1706.03762' })).toEqual({ key: 'arxiv:1706.03762', rule: 'arxiv-id' });
    expect(index.find({ doi: 'doi:10.1145/3292500.3330701' })).toEqual({ key: 'doi:10.1145/3292500.3330701', rule: 'doi' });
    expect(index.find({ title: 'attention is all you need.' })).toEqual({ key: 'arxiv:1706.03762', rule: 'title' });
    expect(index.find({ title: 'Scaling Laws for Nueral Language Models' })).toMatchObject({ key: 'title:scaling', rule: 'similar-title' });
    expect(index.find({ title: 'Qwen2.5 Technical Report' })).toBeNull();
    // A different arXiv id on the card wins over an identical title.
    expect(index.find({ arxivId: '2001.00001', title: 'Attention Is All You Need' })).toBeNull();
  });

  it('removes papers and replaces papers re-added under the same key', () => {
    const index = new DedupIndex({ papers });
    expect(index.remove('title:scaling')).toBe(true);
    expect(index.remove('title:scaling')).toBe(false);
    expect(index.find({ title: 'Scaling Laws for Neural Language Models' })).toBeNull();
    index.add({ key: 'title:qwen2', title: 'Qwen2.5 Technical Report' });
    expect(index.size).toBe(3);
    expect(index.find({ title: 'Qwen2 Technical Report' })).toBeNull();
    expect(index.find({ title: 'Qwen2.5 Technical Report' })?.key).toBe('title:qwen2');
  });

  it('never matches user-declared not-same pairs', () => {
    const ref = { key: 'title:new', title: 'Scaling Laws for Neural Language Models.' };
    expect(new DedupIndex({ papers }).find(ref)?.key).toBe('title:scaling');
    expect(new DedupIndex({ papers, notSame: [['title:scaling', 'title:new']] }).find(ref)).toBeNull();
    expect(new DedupIndex({ papers, notSame: (a, b) => a === 'title:new' && b === 'title:scaling' }).find(ref)).toBeNull();
    const index = new DedupIndex({ papers });
    expect(index.find(ref, { notSame: [['title:new', 'title:scaling']] })).toBeNull();
    expect(index.find(ref, [['title:new', 'title:scaling']])).toBeNull();
    expect(index.find(ref, () => true)).toBeNull();
    const bare = new DedupIndex(new Set([['title:new', 'title:scaling'] as const]));
    for (const p of papers) bare.add(p);
    expect(bare.find(ref)).toBeNull();
    index.addNotSame('title:new', 'title:scaling');
    expect(index.find(ref)).toBeNull();
    // Without a key of its own, the ref's key is its paperKey.
    const byPaperKey = new DedupIndex({ papers, notSame: [['title:scaling laws for neural language models', 'title:scaling']] });
    expect(byPaperKey.find({ title: 'Scaling Laws for Neural Language Models' })).toBeNull();
  });

  it('prefers identifier matches over title matches', () => {
    const index = new DedupIndex({
      papers: [
        { key: 'a', title: 'Attention Is All You Need' },
        { key: 'b', arxivId: '1706.03762', title: 'Transformers' },
      ],
    });
    expect(index.find({ arxivId: '1706.03762', title: 'Attention Is All You Need' })).toEqual({ key: 'b', rule: 'arxiv-id' });
    expect(index.find({ title: 'Attention Is All You Need' }, { exclude: 'a' })).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// 100k generated titles
// ---------------------------------------------------------------------------------------------

const STOP = new Set(['a', 'an', 'the', 'of', 'for', 'and', 'in', 'on', 'with', 'to', 'via', 'by', 'from', 'is', 'are', 'at', 'as']);

/**
 * ML-looking titles: templates filled with the seed titles' words, drawn by their frequency so
 * that common words ("models", "learning", "language") are as common as in real digests. The
 * vocabulary (~1,000 words) is much smaller than a real library's, which makes this harsher on
 * candidate-set sizes than reality.
 */
function titleGenerator(seed: number): () => string {
  const rnd = mulberry32(seed);
  const counts = new Map<string, number>();
  for (const p of pages) {
    for (const c of p.cards) {
      for (const w of c.title.split(/[\s:,?()"']+/)) {
        if (w.length < 2 || /\d/.test(w) || STOP.has(w.toLowerCase())) continue;
        counts.set(w, (counts.get(w) ?? 0) + 1);
      }
    }
  }
  const vocab = [...counts.entries()];
  const cumulative: number[] = [];
  let total = 0;
  for (const [, n] of vocab) cumulative.push((total += n));
  const word = (): string => {
    const r = rnd() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < r) lo = mid + 1;
      else hi = mid;
    }
    return vocab[lo]?.[0] ?? 'Model';
  };
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const phrase = (lo: number, hi: number) => Array.from({ length: int(lo, hi) }, word).join(' ');
  const syll = ['Quant', 'Net', 'Former', 'Flow', 'Gen', 'Vi', 'Lla', 'Diff', 'Mo', 'Seg', 'Rep', 'Sparse', 'Mix', 'Go', 'Deep', 'Tok', 'Align'];
  const name = () => {
    let n = (syll[int(0, syll.length - 1)] ?? '') + (syll[int(0, syll.length - 1)] ?? '');
    if (rnd() < 0.15) n += `-${int(1, 4)}`;
    return n;
  };
  const templates: Array<() => string> = [
    () => `${name()}: ${phrase(3, 7)}`,
    () => `${phrase(2, 4)} for ${phrase(2, 4)}`,
    () => `${phrase(2, 4)} via ${phrase(2, 4)}`,
    () => `${phrase(2, 3)} with ${phrase(2, 3)} for ${phrase(1, 3)}`,
    () => `Towards ${phrase(3, 6)}`,
    () => `A Survey on ${phrase(2, 5)}`,
    () => `On the ${word()} of ${phrase(2, 4)}`,
    () => `${name()}: ${phrase(2, 3)} for ${phrase(2, 4)}`,
  ];
  return () => templates[int(0, templates.length - 1)]?.() ?? phrase(5, 8);
}

/** Spelling slips and reformatting that samePaper must see through. */
function variantOf(title: string, rnd: () => number): string {
  const words = title.split(' ');
  const kind = Math.floor(rnd() * 4);
  if (kind === 0) return `${title.toLowerCase()}.`;
  if (kind === 1) return title.startsWith('A ') ? title.slice(2) : `The ${title}`;
  if (kind === 2) return title.replace(/: /, ' — ').replace(/ for /, ' For ');
  // A typo: drop one inner letter of a long word, keeping its first letters; not in names
  // (`QuantFormer`, `LLMs`), which samePaper never treats as typos.
  const long = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 7 && /^[A-Za-z][a-z]+$/.test(w));
  const pick = long[Math.floor(rnd() * long.length)];
  if (!pick) return title.toUpperCase();
  const [w, i] = pick;
  const at = 2 + Math.floor(rnd() * (w.length - 3));
  words[i] = w.slice(0, at) + w.slice(at + 1);
  return words.join(' ');
}

describe('DedupIndex on 100,000 generated titles', () => {
  it('finds near-equal variants, respects not-same pairs, keeps candidate sets small', () => {
    const next = titleGenerator(42);
    const index = new DedupIndex();
    const titles: string[] = [];
    const t0 = performance.now();
    let rejected = 0;
    while (titles.length < 100_000) {
      const title = next();
      // Keep the library free of near-duplicates so each variant has one right answer.
      if (index.find({ title })) {
        rejected++;
        continue;
      }
      index.add({ key: `p${titles.length}`, title });
      titles.push(title);
    }
    const buildMs = performance.now() - t0;
    expect(index.size).toBe(100_000);

    const rnd = mulberry32(7);
    const lookups: Array<{ key: string; title: string }> = [];
    for (let i = 0; i < 10_000; i++) {
      const n = Math.floor(rnd() * titles.length);
      lookups.push({ key: `p${n}`, title: variantOf(titles[n] ?? '', rnd) });
    }

    let found = 0;
    let candidates = 0;
    const t1 = performance.now();
    const cpu1 = process.cpuUsage().user;
    for (const l of lookups) {
      const r = index.find({ title: l.title, key: `v:${l.key}` });
      if (r?.key === l.key) found++;
      else if (r) expect(samePaper({ title: l.title }, { title: titles[Number(r.key.slice(1))] ?? '' })).toBe(true);
    }
    const lookupMs = performance.now() - t1;
    // CPU time too: other test files share the machine, which skews wall-clock time.
    const lookupCpuMs = (process.cpuUsage().user - cpu1) / 1000;
    for (const l of lookups.slice(0, 2000)) candidates += index.candidates({ title: l.title }).length;

    // Unrelated titles: what a page of new papers costs.
    const fresh = titleGenerator(4242);
    let freshCandidates = 0;
    for (let i = 0; i < 2000; i++) freshCandidates += index.candidates({ title: fresh() }).length;

    console.log(
      `100k build ${(buildMs / 1000).toFixed(1)} s (${rejected} near-duplicates skipped); ` +
        `${Math.round(lookups.length / (lookupMs / 1000))} near-title lookups/s ` +
        `(${Math.round(lookups.length / (lookupCpuMs / 1000))}/s of CPU time); ` +
        `avg candidates: variants ${(candidates / 2000).toFixed(1)}, unrelated ${(freshCandidates / 2000).toFixed(1)}`,
    );
    expect(found / lookups.length).toBeGreaterThanOrEqual(0.995);
    expect(freshCandidates / 2000).toBeLessThan(50);

    // Declared not-same pairs never match, while the rest of the index still does.
    const declared = lookups.slice(0, 500);
    const guarded = new DedupIndex({ notSame: declared.map((l) => [`v:${l.key}`, l.key] as const) });
    for (let i = 0; i < titles.length; i++) guarded.add({ key: `p${i}`, title: titles[i] ?? '' });
    for (const l of declared) expect(guarded.find({ title: l.title, key: `v:${l.key}` })?.key).not.toBe(l.key);
    let stillFound = 0;
    for (const l of lookups.slice(500, 1000)) if (guarded.find({ title: l.title, key: `v:${l.key}` })?.key === l.key) stillFound++;
    expect(stillFound).toBeGreaterThanOrEqual(495);
  }, 180_000);
});

// Type-level check: PaperRef is re-exported from lib/dedup.
const _ref: PaperRef = { title: 'x' };
void _ref;
