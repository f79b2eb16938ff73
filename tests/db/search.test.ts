/**
 * Search against a straightforward reference: read every row, keep those meeting every condition,
 * order them as documented in lib/library/search.ts, cut the page. Every filter and sort, small and
 * large result sets, first and later pages.
 */
import { describe, expect, it } from 'vitest';
import { DejaLuDB, type PaperRow } from '../../lib/db';
import { Library } from '../../lib/library';
import { CAP, type SearchQuery } from '../../lib/library/search';
import { parseArxivId } from '../../lib/identity';
import type { SiteIdOrSource } from '../../lib/messages';
import { fold, paperWords, queryTerms } from '../../lib/words';
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
    // Lower-case first letters and accents sometimes: code-unit order is not locale order.
    const title = `${r() < 0.1 ? 'e' : 'E'}ffective ${words.join(' ')} ${i % 7 === 0 ? 'Schrödinger' : ''} part ${i % 13}`.trim();
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
      urls: [],
      sites: seen ? [...new Set([pick(SITES), pick(SITES)])].filter((s) => s !== 'import') : ['import'],
      firstSeen,
      lastSeen,
      seenCount: seen ? 1 : 0,
      savedAt,
      tags: r() < 0.3 ? [...new Set([pick(TAGS), pick(TAGS)])] : [],
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

type SortField = 'lastSeen' | 'firstSeen' | 'savedAt' | 'title';
const cmpKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The documented order (lib/library/search.ts). */
function byField(sort: SortField): (x: PaperRow, y: PaperRow) => number {
  return (x, y) => {
    const a = x[sort];
    const b = y[sort];
    const ha = sort === 'title' ? typeof a === 'string' : typeof a === 'number';
    const hb = sort === 'title' ? typeof b === 'string' : typeof b === 'number';
    if (ha !== hb) return ha ? -1 : 1;
    if (!ha) return cmpKey(x.key, y.key);
    if (sort === 'title') return cmpKey(a as string, b as string) || cmpKey(x.key, y.key);
    return (b as number) - (a as number) || cmpKey(y.key, x.key);
  };
}

/** The reference: every row, every condition checked, the documented order. */
function reference(rows: PaperRow[], q: SearchQuery) {
  const id = parseArxivId(q.text.trim());
  const terms = id ? [] : queryTerms(q.text);
  const from = q.from ? Date.parse(`${q.from}T00:00:00`) : -Infinity;
  const to = q.to ? Date.parse(`${q.to}T23:59:59.999`) : Infinity;
  const hits = rows.filter(
    (r) =>
      (!id || r.key === `arxiv:${id.id}`) &&
      terms.every((t) => r.words!.some((w) => w.startsWith(t))) &&
      (q.status !== 'saved' || (r.savedAt ?? 0) > 0) &&
      (q.status !== 'seen' || (r.lastSeen ?? 0) > 0) &&
      (!q.tag || r.tags.includes(q.tag)) &&
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
    const texts = ['', 'diffusion', 'diffusion transformers', 'large language models', 'lang', 'okapi', 'zebrafish vision', 'zhang', 'Priya Sharma', 'schrodinger', 'nothing-like-this', 'effective part', rows[17]!.arxivId!];
    const variants: Partial<SearchQuery>[] = [
      {},
      { sort: 'title' },
      { sort: 'firstSeen' },
      { sort: 'savedAt', status: 'saved' },
      { sort: 'relevance' },
      { status: 'seen', sort: 'firstSeen', from: '2024-01-10', to: '2024-01-20' },
      { from: '2024-02-01', sort: 'lastSeen' },
      { tag: 'llm' },
      { tag: 'to-read', sort: 'title' },
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
      }
    }
    expect(compared).toBe(texts.length * variants.length * 2);
    expect(lib.catalog.ready()?.size).toBe(rows.length);
    // Not vacuous: most queries find papers, some find none.
    expect(nonEmpty).toBeGreaterThan(compared / 2);
    expect(nonEmpty).toBeLessThan(compared);
  }, 240_000);
});
