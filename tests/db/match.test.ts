/**
 * The batched matcher must answer exactly as the matcher it replaced: `legacyResolve` below is the
 * previous implementation (a cursor walk over every candidate's full row), kept as the reference.
 */
import { describe, expect, it } from 'vitest';
import { candidateKeys, explainMatch, samePaper } from '../../lib/dedup';
import { DejaLuDB, type PaperRow } from '../../lib/db';
import { Library } from '../../lib/library';
import { resolve } from '../../lib/library/match';
import { keyOf, pairKey, probeOf, refOf, refOfProbe, type Probe, type Resolved } from '../../lib/library/rows';
import type { CardInput, MatchView, PageInfo } from '../../lib/messages';
import { mulberry32 as rng } from '../seeded';
import { nearKeysOf } from './near';

async function legacyResolve(db: DejaLuDB, probes: Probe[]): Promise<(Resolved | null)[]> {
  const explain = (p: Probe, row: PaperRow): MatchView => explainMatch(refOfProbe(p), refOf(row)) ?? { rule: 'title', text: 'same title' };
  const out: (Resolved | null)[] = probes.map(() => null);
  const idKeys = probes.map((p) => (p.arxivId ? `arxiv:${p.arxivId}` : null));
  const byId = await db.papers.bulkGet(idKeys.filter((k): k is string => k !== null));
  const idRows = new Map<string, PaperRow>();
  for (const r of byId) if (r) idRows.set(r.key, r);
  const dois = [...new Set(probes.flatMap((p) => (p.doi ? [p.doi] : [])))];
  const doiRows = dois.length ? await db.papers.where('doi').anyOf(dois).toArray() : [];
  const tks = [...new Set(probes.map((p) => p.titleKey).filter(Boolean))];
  const wantedTitles = new Set(tks);
  const titleRows = tks.length ? await db.papers.filter((r) => wantedTitles.has(r.titleKey)).toArray() : [];
  const byTitle = new Map<string, PaperRow[]>();
  for (const r of titleRows) byTitle.set(r.titleKey, [...(byTitle.get(r.titleKey) ?? []), r]);
  const pending: number[] = [];
  probes.forEach((p, i) => {
    const idKey = idKeys[i];
    const row = idKey ? idRows.get(idKey) : undefined;
    if (row) return void (out[i] = { row, match: explain(p, row) });
    const doiRow = p.doi ? doiRows.find((r) => r.doi === p.doi) : undefined;
    if (doiRow) return void (out[i] = { row: doiRow, match: explain(p, doiRow) });
    const own = keyOf(p);
    const sameTitle = (byTitle.get(p.titleKey) ?? []).filter((r) => samePaper(refOfProbe(p), refOf(r)));
    const t = sameTitle.find((r) => r.key === own) ?? sameTitle[0];
    if (t) return void (out[i] = { row: t, match: explain(p, t) });
    pending.push(i);
  });
  if (!pending.length) return out;
  const keysOf = new Map<number, string[]>();
  for (const i of pending) keysOf.set(i, candidateKeys(probes[i]!.card.title));
  const allKeys = [...new Set([...keysOf.values()].flat())];
  if (!allKeys.length) return out;
  const wanted = new Set(allKeys);
  const candidates = await db.papers.filter((r) => r.candidateKeys.some((k) => wanted.has(k))).toArray();
  const byCand = new Map<string, PaperRow[]>();
  for (const r of candidates) for (const k of r.candidateKeys) if (allKeys.includes(k)) byCand.set(k, [...(byCand.get(k) ?? []), r]);
  const keys = candidates.map((r) => r.key);
  const pairs = keys.length
    ? new Set([...(await db.notSame.where('a').anyOf(keys).toArray()), ...(await db.notSame.where('b').anyOf(keys).toArray())].map((r) => r.pair))
    : new Set<string>();
  for (const i of pending) {
    const p = probes[i]!;
    const own = keyOf(p);
    const seen = new Set<string>();
    let best: Resolved | null = null;
    for (const k of keysOf.get(i) ?? []) {
      for (const r of byCand.get(k) ?? []) {
        if (seen.has(r.key)) continue;
        seen.add(r.key);
        if (pairs.has(pairKey(own, r.key))) continue;
        if (!samePaper(refOfProbe(p), refOf(r))) continue;
        const match = explain(p, r);
        if (!best || (match.score ?? 0) > (best.match.score ?? 0)) best = { row: r, match };
      }
    }
    out[i] = best;
  }
  return out;
}

const HF: PageInfo = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface', label: 'Nov 3', digestDate: '2025-11-03' };
let n = 0;
const summary = (r: Resolved | null) => (r ? { key: r.row.key, match: r.match } : null);

/** Seeded titles with the shapes that stress near-title matching: shared skeletons, numbers, names. */
const ADJ = ['Efficient', 'Robust', 'Scalable', 'Sparse', 'Adaptive', 'Unified', 'Multimodal', 'Causal', 'Hierarchical', 'Contrastive'];
const NOUN = ['Transformers', 'Diffusion Models', 'Language Models', 'Graph Networks', 'Agents', 'Retrievers', 'Tokenizers'];
const TASK = ['Reasoning', 'Segmentation', 'Code Generation', 'Retrieval', 'Planning', 'Video Generation', 'Alignment'];
const NAMES = ['NovaGPT', 'LLaMA', 'Qwen2', 'Mixtral', 'BERT'];
function library(size: number, seed = 1) {
  const r = rng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)]!;
  const titles: string[] = [];
  const templates = [
    () => `${pick(ADJ)} ${pick(NOUN)} for ${pick(TASK)}`,
    () => `${pick(NAMES)}: ${pick(ADJ)} ${pick(NOUN)} for ${pick(TASK)} in the Wild`,
    () => `Towards ${pick(ADJ)} ${pick(TASK)} with ${pick(NOUN)}`,
    () => `${pick(ADJ)} ${pick(TASK)} with ${Math.floor(r() * 9) + 1}B Parameters`,
    () => `A Survey on ${pick(ADJ)} ${pick(NOUN)} for ${pick(TASK)} and ${pick(TASK)}`,
  ];
  for (let i = 0; i < size; i++) titles.push(pick(templates)());
  return { titles, r, pick };
}
function variant(title: string, r: () => number): string {
  const words = title.split(' ');
  const i = Math.floor(r() * words.length);
  const w = words[i]!;
  const kind = Math.floor(r() * 4);
  if (kind === 0 && w.length > 5) words[i] = w.slice(0, 3) + w.slice(4); // dropped letter
  else if (kind === 1) words[i] = w.endsWith('s') ? w.slice(0, -1) : `${w}s`; // plural
  else if (kind === 2) return title.toUpperCase();
  else return `The ${title}`;
  return words.join(' ');
}

describe('batched matcher', () => {
  it('answers every kind of card exactly as the previous matcher did', async () => {
    const db = new DejaLuDB(`match-${++n}`);
    const lib = new Library(db, () => Date.parse('2025-11-03T09:00:00Z'));
    const { titles, r, pick } = library(1_500, 7);
    const authors = () => [pick(['Wei Zhang', 'Ana Silva', 'Kim Lee', 'Priya Sharma'])];
    // Stored: arXiv-keyed, DOI-keyed and title-keyed papers.
    const stored: CardInput[] = titles.map((title, i) =>
      i % 10 < 7
        ? { title, arxivId: `2401.${String(i).padStart(5, '0')}`, authors: authors(), year: 2024 }
        : i % 10 < 9
          ? { title, doi: `10.1000/x${i}`, authors: authors(), year: 2023 }
          : { title, authors: authors(), year: 2022 },
    );
    for (let i = 0; i < stored.length; i += 300) {
      await lib.recordSightings(`v${i}`, HF, stored.slice(i, i + 300));
      // The snapshot is saved part-way: the papers written after it come from the journal.
      if (i === 600) await lib.catalog.get();
    }
    // A few "not the same" splits between stored near-duplicates and their variants.
    const probes: Probe[] = [];
    for (let i = 0; i < 600; i++) {
      const s = stored[Math.floor(r() * stored.length)]!;
      const t = variant(s.title, r);
      const kind = i % 8;
      const c: CardInput =
        kind === 0 ? { ...s } // same ids
        : kind === 1 ? { title: t, arxivId: `2601.${String(i).padStart(5, '0')}`, authors: s.authors, year: s.year } // near title, unknown id
        : kind === 2 ? { title: t, authors: s.authors, year: s.year } // title only
        : kind === 3 ? { title: s.title } // exact title, no id
        : kind === 4 ? { title: t, doi: `10.1000/new${i}` } // unknown DOI
        : kind === 5 ? { title: pick(titles), arxivId: `2602.${String(i).padStart(5, '0')}` } // another paper's title, new id
        : kind === 6 ? { title: t, authors: ['Somebody Else'], year: 2010 } // contradicting facts
        : { title: `${pick(ADJ)} ${pick(NOUN)} for ${pick(TASK)}` }; // maybe new
      probes.push(probeOf(c));
    }
    // "Not the same paper" splits; for some the card's own paper is deleted afterwards, so only the
    // recorded pair keeps the card from near-matching the paper it was split from again.
    const before = await legacyResolve(db, probes.slice(0, 200));
    let splits = 0;
    for (const [i, b] of before.entries()) {
      if (b?.match.rule !== 'similar-title' || i % 2 === 1) continue;
      if (splits++ % 2 === 0) await lib.markNotSame(b.row.key, { card: probes[i]!.card });
      else {
        const [x, y] = [keyOf(probes[i]!), b.row.key].sort() as [string, string];
        await db.notSame.put({ pair: `${x}|${y}`, a: x, b: y, at: 1 });
      }
    }
    expect(splits).toBeGreaterThan(3);

    const near = await nearKeysOf(db);
    const got = await db.transaction('r', db.papers, db.notSame, () => resolve(db, probes, near));
    const want = await db.transaction('r', db.papers, db.notSame, () => legacyResolve(db, probes));
    expect(got.map(summary)).toEqual(want.map(summary));
    // The set is varied enough to mean something.
    const rules = new Set(want.map((w) => w?.match.rule ?? 'none'));
    for (const rule of ['arxiv-id', 'doi', 'title', 'similar-title', 'none']) expect(rules).toContain(rule);
  }, 120_000);

  it('lookups answer slim views: everything a badge shows, not the abstract', async () => {
    const db = new DejaLuDB(`match-${++n}`);
    const lib = new Library(db);
    const c: CardInput = { title: 'Abstracts Stay Home', arxivId: '2501.00001', abstract: 'A long abstract.' };
    await lib.recordSightings('v', HF, [c]);
    await lib.editTags({ key: 'arxiv:2501.00001' }, ['x'], []);
    const [st] = await lib.lookup([c]);
    expect(st?.paper).toMatchObject({ key: 'arxiv:2501.00001', tags: ['x'], seenCount: 1 });
    expect(st?.paper?.abstract).toBeUndefined();
    expect((await lib.getPaper('arxiv:2501.00001')).paper?.abstract).toBe('A long abstract.');
  });
});

describe("a card's DOI", () => {
  it("arXiv's own DOI names the arXiv id and is not kept as the paper's DOI, as imports do", async () => {
    expect(probeOf({ title: 'T', doi: 'https://doi.org/10.48550/arXiv.2401.01234' })).toMatchObject({ arxivId: '2401.01234', doi: undefined });
    expect(probeOf({ title: 'T', arxivId: '2401.01234', doi: '10.48550/arxiv.2401.01234' })).toMatchObject({ arxivId: '2401.01234', doi: undefined });
    // A journal's DOI is kept, and never read as an arXiv id however it looks.
    expect(probeOf({ title: 'T', doi: '10.1000/2401.01234' })).toMatchObject({ arxivId: undefined, doi: '10.1000/2401.01234' });

    const lib = new Library(new DejaLuDB(`arxiv-doi-${Math.random()}`), () => Date.parse('2025-11-03T09:00:00Z'));
    const page: PageInfo = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface', label: 'Nov 3' };
    await lib.recordSightings('v1', page, [{ title: 'Some Preprint', doi: '10.48550/arXiv.2401.01234' }]);
    const [stored] = await lib.getPapers(['arxiv:2401.01234']);
    expect(stored).toMatchObject({ key: 'arxiv:2401.01234', arxivId: '2401.01234' });
    expect(stored?.doi).toBeUndefined();
  });
});
