/**
 * Search against a straightforward reference: read every row, keep those meeting every condition,
 * order them as documented in lib/library/search.ts, cut the page. Every filter and sort, small and
 * large result sets, first and later pages.
 */
import { describe, expect, it } from 'vitest';
import { DejaLuDB, type PaperRow } from '../../lib/db';
import { Library } from '../../lib/library';
import { CAP, type SearchQuery } from '../../lib/library/search';
import { normalizeDoi, parseArxivId } from '../../lib/identity';
import type { SiteIdOrSource } from '../../lib/messages';
import { fold, paperWords, queryTerms } from '../../lib/words';
import { tagText } from '../../lib/tags';
import { candidateKeys } from '../../lib/dedup';
import { titleKey } from '../../lib/identity';
import { mulberry32 as rng } from '../seeded';

const WORDS = ['diffusion', 'transformers', 'language', 'models', 'large', 'vision', 'agents', 'graph', 'robust', 'sparse', 'reasoning', 'retrieval'];
const RARE = ['okapi', 'zebrafish', 'quokka'];
const AUTHORS = ['Wei Zhang', 'Ana Silva', 'Kim Lee', 'Priya Sharma', 'Ngozi Okafor'];
const TAGS = ['to-read', 'llm', 'agents', 'vision'];
const SITES: SiteIdOrSource[] = ['huggingface', 'arxiv', 'import'];
const DAY = 86_400_000;
const T0 = Date.parse('2024-01-01T00:00:00');

async function generated(n: number) {
  const db = new DejaLuDB(`search-${Math.random()}`);
  const r = rng(42);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const rows: PaperRow[] = [];
  for (let i = 0; i < n; i++) {
    const words = Array.from({ length: 3 + Math.floor(r() * 4) }, () => pick(WORDS));
    if (r() < 0.02) words.push(pick(RARE));
    // Lower-case and accented first letters and leading quotes sometimes: titles sort folded.
    const lead = r();
    const first = lead < 0.1 ? 'e' : lead < 0.15 ? 'É' : lead < 0.2 ? '“E' : lead < 0.25 ? 'Ze' : lead < 0.3 ? 'ze' : 'E';
    const title = `${first}ffective ${words.join(' ')} ${i % 7 === 0 ? 'Schrödinger' : ''} part ${i % 13}`.trim();
    const seen = r() < 0.92;
    // Many papers share a sighting time, as a page's batch does.
    const firstSeen = seen ? T0 + Math.floor(r() * 60) * DAY : undefined;
    const lastSeen = firstSeen !== undefined ? firstSeen + Math.floor(r() * 20) * DAY : undefined;
    const savedAt = r() < 0.15 ? T0 + Math.floor(r() * 90) * DAY : undefined;
    const row: PaperRow = {
      key: i % 10 < 8 ? `arxiv:2401.${String(i).padStart(5, '0')}` : `title:${titleKey(title)}#${i}`,
      title,
      titleKey: titleKey(title),
      candidateKeys: candidateKeys(title),
      words: [],
      authors: [pick(AUTHORS)],
      arxivId: i % 10 < 8 ? `2401.${String(i).padStart(5, '0')}` : undefined,
      doi: i % 10 === 9 || i % 50 === 1 ? `10.1234/gen.${i % 500}` : undefined,
      urls: [],
      sites: seen ? [...new Set([pick(SITES), pick(SITES)])].filter((s) => s !== 'import') : ['import'],
      firstSeen,
      lastSeen,
      seenCount: seen ? 1 + (i % 5) : 0,
      savedAt,
      tags: r() < 0.3 ? [...new Set([pick(TAGS), pick(TAGS)])] : [],
      // Some published: in a journal or a conference's proceedings.
      journal: i % 11 === 0 ? 'Journal of Okapi Studies' : undefined,
      proceedings: i % 11 !== 0 && i % 13 === 0 ? 'ICLR 2026' : undefined,
      note: r() < 0.05 ? 'compare with the okapi baseline' : '',
      updatedAt: T0,
    };
    for (const k of Object.keys(row) as (keyof PaperRow)[]) if (row[k] === undefined) delete row[k];
    row.words = paperWords(row);
    rows.push(row);
  }
  await db.papers.bulkPut(rows);
  return { db, lib: new Library(db), rows };
}

type SortField = 'lastSeen' | 'firstSeen' | 'savedAt' | 'title' | 'seenCount';
const cmpKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What titles sort by: folded, leading punctuation ignored. */
const titleOrder = (t: string) => fold(t).replace(/^[^\p{L}\p{N}]+/u, '');

/** The documented order (lib/library/search.ts). */
function byField(sort: SortField): (x: PaperRow, y: PaperRow) => number {
  if (sort === 'seenCount') return (x, y) => y.seenCount - x.seenCount || byField('lastSeen')(x, y);
  // Last seen takes a paper never seen (added by hand, imported) by when it was saved.
  const value = (r: PaperRow) => (sort === 'lastSeen' ? (r.lastSeen ?? r.savedAt) : r[sort]);
  return (x, y) => {
    const a = value(x);
    const b = value(y);
    const ha = sort === 'title' ? typeof a === 'string' : typeof a === 'number';
    const hb = sort === 'title' ? typeof b === 'string' : typeof b === 'number';
    if (ha !== hb) return ha ? -1 : 1;
    if (!ha) return cmpKey(x.key, y.key);
    if (sort === 'title') return cmpKey(titleOrder(a as string), titleOrder(b as string)) || cmpKey(a as string, b as string) || cmpKey(x.key, y.key);
    return (b as number) - (a as number) || cmpKey(y.key, x.key);
  };
}

/** The reference: every row, every condition checked, the documented order. */
function reference(rows: PaperRow[], q: SearchQuery) {
  const id = parseArxivId(q.text.trim());
  const doi = id ? null : normalizeDoi(q.text);
  const terms = id || doi ? [] : queryTerms(q.text);
  const tag = q.tag ? tagText(q.tag) : '';
  const from = q.from ? Date.parse(`${q.from}T00:00:00`) : -Infinity;
  const to = q.to ? Date.parse(`${q.to}T23:59:59.999`) : Infinity;
  const hits = rows.filter(
    (r) =>
      (!id || r.key === `arxiv:${id.id}`) &&
      (!doi || r.doi === doi) &&
      terms.every((t) => r.words!.some((w) => w.startsWith(t))) &&
      (q.status !== 'saved' || (r.savedAt ?? 0) > 0) &&
      (q.status !== 'seen' || (r.lastSeen ?? 0) > 0) &&
      (q.status !== 'noted' || r.note.trim() !== '') &&
      (q.status !== 'published' || r.journal !== undefined || r.proceedings !== undefined) &&
      (!tag || r.tags.includes(tag)) &&
      (!q.site || (r.sites as string[]).includes(q.site)) &&
      (!(q.from || q.to) || (r.firstSeen !== undefined && r.firstSeen >= from && r.firstSeen <= to)),
  );
  const sort = q.sort === 'relevance' ? 'lastSeen' : q.sort;
  if (q.sort === 'relevance' && terms.length && hits.length <= CAP) {
    const score = (r: PaperRow) => terms.reduce((s, t) => s + (fold(r.title).includes(t) ? 2 : 0), 0) + (r.savedAt ? 1 : 0);
    hits.sort((x, y) => score(y) - score(x) || byField('lastSeen')(x, y));
  } else hits.sort(byField(sort));
  return { total: hits.length, keys: hits.slice(q.offset, q.offset + q.limit).map((r) => r.key) };
}

describe('search', () => {
  it('answers every filter and sort as the reference does, large and small, first and later pages', async () => {
    const { lib, rows } = await generated(4_500);
    const texts = ['', 'diffusion', 'diffusion transformers', 'large language models', 'lang', 'okapi', 'zebrafish vision', 'zhang', 'Priya Sharma', 'schrodinger', 'nothing-like-this', 'effective part', rows[17]!.arxivId!, '10.1234/gen.1', 'https://doi.org/10.1234/GEN.51', 'zebrafish-x', '2401.000', '2401.00017 effective'];
    const variants: Partial<SearchQuery>[] = [
      {},
      { sort: 'title' },
      { sort: 'firstSeen' },
      { sort: 'seenCount' },
      { status: 'noted' },
      { status: 'noted', sort: 'title' },
      { status: 'published' },
      { status: 'published', sort: 'title', tag: 'llm' },
      { status: 'seen', sort: 'seenCount', tag: 'llm' },
      { sort: 'savedAt', status: 'saved' },
      { sort: 'relevance' },
      { status: 'seen', sort: 'firstSeen', from: '2024-01-10', to: '2024-01-20' },
      { from: '2024-02-01', sort: 'lastSeen' },
      { tag: 'llm' },
      { tag: 'to-read', sort: 'title' },
      { tag: '#LLM' },
      { site: 'arxiv' },
      { site: 'import', sort: 'title' },
      { status: 'saved', sort: 'title' },
      // Sparse among common words.
      { status: 'saved', site: 'import', sort: 'title' },
    ];
    let nonEmpty = 0;
    let compared = 0;
    for (const text of texts) {
      for (const v of variants) {
        for (const [offset, limit] of [[0, 50], [120, 25]] as const) {
          const q: SearchQuery = { text, status: 'all', sort: 'lastSeen', offset, limit, ...v };
          const want = reference(rows, q);
          const label = JSON.stringify(q);
          const got = await lib.search(q);
          expect(got.papers.map((p) => p.key), label).toEqual(want.keys);
          expect(got.total, label).toBe(want.total);
          expect(got.papers.every((p) => p.abstract === undefined)).toBe(true);
          if (want.total > 0) nonEmpty++;
          compared++;
        }
        // Every match, as "select all that match" asks: the same order, whole or cut at the cap.
        const q: SearchQuery = { text, status: 'all', sort: 'lastSeen', offset: 0, limit: rows.length, ...v };
        const all = reference(rows, q);
        const label = JSON.stringify(q);
        expect(await lib.searchKeys(q, rows.length), label).toEqual({ keys: all.keys, total: all.total });
        expect(await lib.searchKeys(q, 7), label).toEqual({ keys: all.keys.slice(0, 7), total: all.total });
      }
    }
    expect(compared).toBe(texts.length * variants.length * 2);
    expect(lib.catalog.ready()?.size).toBe(rows.length);
    // Not vacuous: most queries find papers, some find none.
    expect(nonEmpty).toBeGreaterThan(compared / 2);
    expect(nonEmpty).toBeLessThan(compared);
  }, 240_000);
});

describe('search: papers with a note', () => {
  it('finds every paper with a note, a row of another shape too (its view is read from the table)', async () => {
    const db = new DejaLuDB(`search-noted-${Math.random()}`);
    const base = { titleKey: '', candidateKeys: [], authors: [], urls: [], sites: ['huggingface' as const], seenCount: 1, lastSeen: 5, tags: [], updatedAt: 1 };
    await db.papers.bulkPut([
      { ...base, key: 'arxiv:2501.00001', title: 'Annotated Paper', note: 'see section 3' },
      { ...base, key: 'arxiv:2501.00002', title: 'Blank Note Paper', note: '  \n ' },
      { ...base, key: 'arxiv:2501.00003', title: 'Plain Paper', note: '' },
      // A field this version does not know (written by a newer one): not a plain row.
      { ...base, key: 'arxiv:2501.00004', title: 'Odd Paper', note: 'odd but noted', futureField: 1 } as PaperRow,
    ]);
    const lib = new Library(db);
    const noted = await lib.search({ text: '', status: 'noted', sort: 'title', offset: 0, limit: 10 });
    expect(noted.papers.map((p) => [p.key, p.note])).toEqual([
      ['arxiv:2501.00001', 'see section 3'],
      ['arxiv:2501.00004', 'odd but noted'],
    ]);
  });
});

let libraries = 0;
const HF = { url: 'https://huggingface.co/papers/date/2025-10-29', site: 'huggingface' as const, label: 'Oct 29', digestDate: '2025-10-29' };
async function libraryOf(cards: { title: string; arxivId?: string; doi?: string; authors?: string[]; abstract?: string; primaryClass?: string }[]) {
  const lib = new Library(new DejaLuDB(`search-typed-${++libraries}-${Math.random()}`), () => Date.parse('2025-11-03T09:00:00Z'));
  await lib.recordSightings('v1', HF, cards);
  return lib;
}
async function keysFor(lib: Library, text: string, extra: Partial<SearchQuery> = {}) {
  const r = await lib.search({ text, status: 'all', sort: 'lastSeen', offset: 0, limit: 50, ...extra });
  return r.papers.map((p) => p.key);
}

describe('search finds what people type', () => {
  it('a query with a one-character part: GPT-4, Qwen2.5, X-ray, what’s, O’Brien, Llama 3.1, 1.58-bit', async () => {
    const lib = await libraryOf([
      { title: 'GPT-4 Technical Report', arxivId: '2303.08774' },
      { title: 'Qwen2.5 Technical Report', arxivId: '2412.15115' },
      { title: 'X-ray Imaging with Diffusion Priors', arxivId: '2401.00001' },
      { title: "What's Hidden in a Randomly Weighted Neural Network?", arxivId: '1911.13299' },
      { title: 'Scaling Laws Revisited', arxivId: '2401.00011', authors: ["Siobhan O'Brien"] },
      { title: 'The Llama 3.1 Herd of Models', arxivId: '2407.21783' },
      { title: 'The Era of 1.58-bit Large Language Models', arxivId: '2402.17764' },
    ]);
    expect(await keysFor(lib, 'GPT-4')).toEqual(['arxiv:2303.08774']);
    expect(await keysFor(lib, 'Qwen2.5')).toEqual(['arxiv:2412.15115']);
    expect(await keysFor(lib, 'X-ray')).toEqual(['arxiv:2401.00001']);
    expect(await keysFor(lib, "what's hidden")).toEqual(['arxiv:1911.13299']);
    expect(await keysFor(lib, "O'Brien")).toEqual(['arxiv:2401.00011']);
    expect(await keysFor(lib, 'llama 3.1')).toEqual(['arxiv:2407.21783']);
    expect(await keysFor(lib, '1.58-bit')).toEqual(['arxiv:2402.17764']);
    // A single character alone is a prefix.
    expect(await keysFor(lib, 'q')).toEqual(['arxiv:2412.15115']);
  });

  it('a hyphenated tag by typing it: must-read, #must-read, "deep learning", to-read', async () => {
    const lib = await libraryOf([
      { title: 'Hidden Dynamics of Massive Activations', arxivId: '2401.00002' },
      { title: 'Some Unrelated Title', arxivId: '2401.00003' },
      { title: 'Graph Networks', arxivId: '2401.00012' },
    ]);
    await lib.editTags({ key: 'arxiv:2401.00002' }, ['must-read'], []);
    await lib.editTags({ key: 'arxiv:2401.00003' }, ['Deep Learning'], []);
    await lib.editTags({ key: 'arxiv:2401.00012' }, ['to-read'], []);
    expect(await keysFor(lib, 'must-read')).toEqual(['arxiv:2401.00002']);
    expect(await keysFor(lib, '#must-read')).toEqual(['arxiv:2401.00002']);
    expect(await keysFor(lib, 'deep learning')).toEqual(['arxiv:2401.00003']);
    expect(await keysFor(lib, 'deep-learning')).toEqual(['arxiv:2401.00003']);
    // "to" is a stop word: "to-read" is "read", which must-read holds too.
    expect((await keysFor(lib, 'to-read')).sort()).toEqual(['arxiv:2401.00002', 'arxiv:2401.00012']);
  });

  it('Chinese and Japanese words inside a title or note, written without spaces', async () => {
    const lib = await libraryOf([
      { title: '大規模言語モデルの評価に関する研究', arxivId: '2401.00041' },
      { title: 'Diffusion Models for Video', arxivId: '2401.00042' },
      { title: 'Another Paper', arxivId: '2401.00043' },
    ]);
    await lib.setNote({ key: 'arxiv:2401.00042' }, '这篇论文的扩散模型很有意思，和GPT4模型比较一下');
    expect(await keysFor(lib, '言語モデル')).toEqual(['arxiv:2401.00041']);
    expect(await keysFor(lib, '評価')).toEqual(['arxiv:2401.00041']);
    expect(await keysFor(lib, '模型')).toEqual(['arxiv:2401.00042']);
    expect(await keysFor(lib, '有意思')).toEqual(['arxiv:2401.00042']);
    expect(await keysFor(lib, '扩散模型 video')).toEqual(['arxiv:2401.00042']);
    expect(await keysFor(lib, 'gpt4')).toEqual(['arxiv:2401.00042']);
    // The characters in another order are another word.
    expect(await keysFor(lib, '模型扩散')).toEqual([]);
  });

  it('names with letters Unicode does not decompose: Łukasz, Søren', async () => {
    const lib = await libraryOf([{ title: 'Attention Is All You Need', arxivId: '1706.03762', authors: ['Łukasz Kaiser', 'Søren Hauberg'] }]);
    expect(await keysFor(lib, 'lukasz')).toEqual(['arxiv:1706.03762']);
    expect(await keysFor(lib, 'Łukasz')).toEqual(['arxiv:1706.03762']);
    expect(await keysFor(lib, 'soren hauberg')).toEqual(['arxiv:1706.03762']);
  });

  it('a DOI typed or pasted, bare or as a link, finds the papers with that DOI', async () => {
    const lib = await libraryOf([
      { title: 'A Paper With Only A DOI', doi: '10.1145/3580305.3599256' },
      { title: 'A Preprint That Has A DOI Too', arxivId: '2401.00031', doi: '10.1000/xyz.77' },
      { title: 'Something Else Entirely', doi: '10.1145/3580305.3599257' },
    ]);
    const [onlyDoi] = await keysFor(lib, 'only');
    expect(await keysFor(lib, '10.1145/3580305.3599256')).toEqual([onlyDoi]);
    expect(await keysFor(lib, 'https://doi.org/10.1145/3580305.3599256')).toEqual([onlyDoi]);
    expect(await keysFor(lib, ' doi:10.1145/3580305.3599256. ')).toEqual([onlyDoi]);
    expect(await keysFor(lib, '10.1000/XYZ.77')).toEqual(['arxiv:2401.00031']);
    expect(await keysFor(lib, '10.1145/0000')).toEqual([]);
  });

  it('an arXiv id as it is being typed, or beside words', async () => {
    const lib = await libraryOf([
      { title: 'Some Paper About Attention', arxivId: '2401.01234' },
      { title: 'Another Paper About Attention', arxivId: '2401.05678' },
      { title: 'An Old One', arxivId: 'hep-th/9901001' },
    ]);
    expect(await keysFor(lib, '2401.01234')).toEqual(['arxiv:2401.01234']);
    expect(await keysFor(lib, '2401.012')).toEqual(['arxiv:2401.01234']);
    expect((await keysFor(lib, '2401.')).sort()).toEqual(['arxiv:2401.01234', 'arxiv:2401.05678']);
    expect(await keysFor(lib, '2401.01234 attention')).toEqual(['arxiv:2401.01234']);
    expect(await keysFor(lib, 'hep-th/99')).toEqual(['arxiv:hep-th/9901001']);
  });

  it("arXiv's primary class, whole: cs.CL is the class, not every paper saying CS and CL", async () => {
    const lib = await libraryOf([
      { title: 'A Language Paper', arxivId: '2401.00101', primaryClass: 'cs.CL' },
      { title: 'A Vision Paper', arxivId: '2401.00102', primaryClass: 'cs.CV', abstract: 'CS students and CL researchers.' },
      { title: 'A Theory Paper', arxivId: '2401.00103', primaryClass: 'hep-th' },
      { title: 'A Paper Citing hep-th Work', arxivId: '2401.00104' },
      { title: 'Scaling node.js servers', arxivId: '2401.00105' },
    ]);
    expect(await keysFor(lib, 'cs.CL')).toEqual(['arxiv:2401.00101']);
    expect(await keysFor(lib, 'CS.cl language')).toEqual(['arxiv:2401.00101']);
    expect((await keysFor(lib, 'cs')).sort()).toEqual(['arxiv:2401.00101', 'arxiv:2401.00102']);
    // An archive alone is split by the query as by the index: the class and the words both count.
    expect((await keysFor(lib, 'hep-th')).sort()).toEqual(['arxiv:2401.00103', 'arxiv:2401.00104']);
    // Not a class: words as before.
    expect(await keysFor(lib, 'node.js')).toEqual(['arxiv:2401.00105']);
  });

  it('a word of a note past its 200th distinct word', async () => {
    const lib = await libraryOf([{ title: 'Some Title', arxivId: '2401.00005' }]);
    const note = `${Array.from({ length: 210 }, (_, i) => `w${i}x`).join(' ')} reviewer-two said zanzibar`;
    await lib.setNote({ key: 'arxiv:2401.00005' }, note);
    expect(await keysFor(lib, 'zanzibar')).toEqual(['arxiv:2401.00005']);
  });

  it('the tag filter by the one tag rule: LLM, #llm and " llm " are the tag llm', async () => {
    const lib = await libraryOf([{ title: 'Tagged', arxivId: '2401.00041' }, { title: 'Untagged', arxivId: '2401.00042' }]);
    await lib.editTags({ key: 'arxiv:2401.00041' }, ['llm'], []);
    for (const tag of ['llm', 'LLM', '#llm', ' llm ']) expect(await keysFor(lib, '', { tag }), tag).toEqual(['arxiv:2401.00041']);
  });

  it('by title: case, accents and leading quotes do not push a title after Z', async () => {
    const lib = await libraryOf([
      { title: 'Zebra Finches and Transformers', arxivId: '2401.00021' },
      { title: 'attention over graphs', arxivId: '2401.00022' },
      { title: 'Émergence of Reasoning', arxivId: '2401.00023' },
      { title: 'Bayesian Flow', arxivId: '2401.00024' },
      { title: '“Cats” Are Not Dogs', arxivId: '2401.00025' },
      { title: 'Attention Over Graphs', arxivId: '2401.00026' },
    ]);
    expect(await keysFor(lib, '', { sort: 'title' })).toEqual([
      'arxiv:2401.00026', // "Attention…" before "attention…": equal folded, then code units
      'arxiv:2401.00022',
      'arxiv:2401.00024',
      'arxiv:2401.00025',
      'arxiv:2401.00023',
      'arxiv:2401.00021',
    ]);
  });
});
