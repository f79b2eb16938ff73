/**
 * Whole-library exports read from the database, against files written by the export code before
 * it was made fast (tests/export/golden/*): speed work must not change a byte of the output.
 */
import { describe, expect, it } from 'vitest';
import { DejaLuDB, type PaperRow } from '../../lib/db';
import { exportLibrary } from '../../lib/transfer';
import { SAMPLE, row } from './papers';
import { mulberry32 } from '../seeded';

let n = 0;

/** A seeded generator, so the library (and so the golden file) is the same on every run. */
const WORDS = ['Attention', 'diffusion', 'LLaMA-2', 'GPT-4', 'über', 'Schrödinger', 'zero-shot', '50%', 'A&B', 'x_1', '$O(n)$', '{braces}', 'back\\slash', '#1', '~approx^2', 'Transformers', 'of', 'and', 'the', 'ImageNet', 'naïve', '—', '“quoted”', 'Ångström', '日本語'];
const NAMES = ['Ashish Vaswani', 'Jörg Müller', 'Ludwig van Beethoven', 'José García-López', 'DeepMind', 'Li Wei', 'Ng', 'Smith, John', 'Research and Development Team', 'Zoë O’Brien'];

/** Papers with every kind of awkward content, many sharing a citation key. */
export function fixtureLibrary(count = 400): PaperRow[] {
  const rnd = mulberry32(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const out: PaperRow[] = SAMPLE.map((p) => ({ ...p }));
  for (let i = 0; i < count; i++) {
    const title = Array.from({ length: 2 + Math.floor(rnd() * 8) }, () => pick(WORDS)).join(' ');
    const kind = rnd();
    const id = `24${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}.${String(i).padStart(5, '0')}`;
    const key = kind < 0.7 ? `arxiv:${id}` : kind < 0.85 ? `doi:10.1000/x.${i}` : `title:t${i}`;
    out.push(
      row({
        key,
        title,
        authors: Array.from({ length: Math.floor(rnd() * 4) }, () => pick(NAMES)),
        ...(key.startsWith('arxiv:') ? { arxivId: id, version: 1 + Math.floor(rnd() * 3) } : {}),
        ...(key.startsWith('doi:') ? { doi: key.slice(4) } : {}),
        ...(rnd() < 0.6 ? { year: 2015 + Math.floor(rnd() * 11) } : {}),
        ...(rnd() < 0.3 ? { publishedAt: `2024-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}` } : {}),
        ...(rnd() < 0.8 ? { abstract: Array.from({ length: 5 + Math.floor(rnd() * 60) }, () => pick(WORDS)).join(rnd() < 0.1 ? '\n ' : ' ') } : {}),
        ...(rnd() < 0.2 ? { urls: [`https://example.org/p/${i}?a=1&b={2}`] } : {}),
        tags: rnd() < 0.2 ? [pick(['c++', 'q&a', 'to-read', 'a,b', '{x}'])] : [],
        note: rnd() < 0.15 ? `Note ${i}: ${pick(WORDS)} & 100%\n\n${pick(WORDS)}` : rnd() < 0.05 ? '   ' : '',
      }),
    );
  }
  return out;
}

async function libraryDb(rows: PaperRow[]): Promise<DejaLuDB> {
  const db = new DejaLuDB(`library-export-${++n}`);
  await db.papers.bulkPut(rows);
  return db;
}

describe('exporting the whole library', () => {
  it('BibTeX of a 400-paper fixture library is byte-for-byte the golden file', async () => {
    const db = await libraryDb(fixtureLibrary());
    const file = await exportLibrary(db, 'bibtex');
    expect(file.count).toBe(SAMPLE.length + 400);
    await expect(file.text).toMatchFileSnapshot('golden/library.bib');
  });

  it('read in chunks of any size, the library exports to the same bytes, in every format', async () => {
    const rows = fixtureLibrary();
    const db = await libraryDb(rows);
    const total = SAMPLE.length + 400;
    // A last chunk that is exactly full (then one empty read), a ragged one, one row per read.
    let exact = Math.floor(total / 4);
    while (total % exact !== 0) exact--;
    expect(exact).toBeGreaterThan(7);
    const sizes = [exact, 7, 1];
    for (const format of ['bibtex', 'csl-json', 'markdown', 'csv'] as const) {
      const whole = await exportLibrary(db, format, undefined, { chunkRows: total + 1 });
      if (format === 'bibtex') await expect(whole.text).toMatchFileSnapshot('golden/library.bib');
      for (const size of sizes) {
        const file = await exportLibrary(db, format, undefined, { chunkRows: size });
        expect(file.count).toBe(total);
        expect(file.text === whole.text).toBe(true);
      }
    }
  });

  it('only the chosen papers, in key order, match the golden file too', async () => {
    const rows = fixtureLibrary();
    const db = await libraryDb(rows);
    const keys = rows.filter((_, i) => i % 7 === 3).map((r) => r.key);
    const file = await exportLibrary(db, 'bibtex', keys);
    await expect(file.text).toMatchFileSnapshot('golden/selection.bib');
  });
});
