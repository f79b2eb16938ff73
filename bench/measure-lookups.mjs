// Near-title lookups: the DedupIndex in Node and cards.lookup in Chromium, each against a linear scan.
import { libScript } from './bundle.mjs';
import { figure, summary } from './report.mjs';
import { log, round } from './log.mjs';

/**
 * Near-title lookups in Node: the DedupIndex over the library against a linear scan with the same
 * similarity (`samePaper`), scanned block by block so the title-analysis cache stays warm (the
 * fastest honest linear scan).
 */
function nodeNearTitle({ lib, index, library, refs, size }) {
  const runs = [];
  let found = 0;
  for (let r = 0; r < size.runs; r++) {
    const t0 = performance.now();
    let hit = 0;
    for (const ref of refs) if (index.find(ref.probe)) hit++;
    runs.push(performance.now() - t0);
    found = hit;
  }
  const known = refs.filter((r) => r.libraryKey);
  const recall = known.filter((r) => index.find(r.probe)?.key === r.libraryKey).length / Math.max(1, known.length);
  const sample = refs.slice(0, size.linearQueries);
  const BLOCK = 10_000;
  const t0 = performance.now();
  let linearHits = 0;
  for (let start = 0; start < library.papers.length; start += BLOCK) {
    const block = library.papers.slice(start, start + BLOCK);
    for (const ref of sample) {
      for (const p of block) if (lib.samePaper(ref.probe, p)) linearHits++;
    }
  }
  const linearPerLookup = (performance.now() - t0) / sample.length;
  return { runs, found, recall, linearPerLookup, linearHits };
}

/** The same linear scan in an extension page of Chromium, on the library's titles. */
export async function chromeLinearScan(extPage, library, sample) {
  await extPage.evaluate(await libScript());
  const rows = library.papers.map((p) => ({ key: p.key, title: p.title, authors: p.authors, year: p.year, arxivId: p.arxivId, doi: p.doi }));
  return extPage.evaluate(
    ({ rows: all, refs }) => {
      const { samePaper } = globalThis.__dejaluBench;
      const BLOCK = 10_000;
      const t0 = performance.now();
      let hits = 0;
      for (let start = 0; start < all.length; start += BLOCK) {
        const block = all.slice(start, start + BLOCK);
        for (const ref of refs) for (const p of block) if (samePaper(ref, p)) hits++;
      }
      return { perLookup: (performance.now() - t0) / refs.length, hits };
    },
    { rows, refs: sample },
  );
}

/** Title-only cards.lookup in the extension, against the same linear scan in an extension page. */
export async function measureCardsLookup(ctx) {
  const { size, want, figures, phase, library, refs, lookupBatches, ext } = ctx;
  if (want('lookup')) {
    log('cards.lookup for title-only cards…');
    const lookups = [];
    let matched = 0;
    for (let i = 0; i < lookupBatches.length; i++) {
      const batch = lookupBatches[i];
      const res = await ext.evaluate(async (cards) => {
        const t0 = performance.now();
        const reply = await chrome.runtime.sendMessage({ type: 'cards.lookup', cards });
        const ms = performance.now() - t0;
        return { ms, ok: reply?.ok, keys: reply?.ok ? reply.statuses.map((s) => s.paper?.key ?? null) : [] };
      }, batch.map((b) => b.card));
      if (!res.ok) throw new Error('cards.lookup failed');
      if (i > 0 || lookupBatches.length === 1) lookups.push(res.ms);
      if (i === 1 || lookupBatches.length === 1) matched = batch.filter((b, j) => b.libraryKey && res.keys[j] === b.libraryKey).length / batch.filter((b) => b.libraryKey).length;
    }
    const sample = refs.slice(0, size.chromeLinearQueries).map((r) => r.probe);
    const scan = await chromeLinearScan(ext, library, sample);
    const perCard = lookups.map((ms) => ms / size.lookupBatch);
    figures.push(
      ...lookupFigures({
        id: 'near-title-chromium',
        name: 'title-only cards.lookup in Chromium',
        perLookupMs: perCard,
        scanMs: scan.perLookup,
        baseline: { name: 'linear scan, samePaper over every paper in an extension page (warm title cache)', queries: sample.length },
        extra: { batch: size.lookupBatch, batchMs: summary(lookups), knownVariantsMatched: round(matched, 4) },
      }),
    );
  }
  phase('cardsLookup');
}

/** The DedupIndex over the library in Node against a linear scan with the same similarity. */
export async function measureNodeLookups(ctx) {
  const { size, want, figures, phase, lib, index, indexBuildMs, library, refs } = ctx;
  if (want('node')) {
    log('near-title lookups in Node (DedupIndex vs linear scan)…');
    const nn = nodeNearTitle({ lib, index, library, refs, size });
    figures.push(
      ...lookupFigures({
        id: 'near-title-node',
        name: 'near-title lookup, Node DedupIndex',
        perLookupMs: nn.runs.map((ms) => ms / refs.length),
        scanMs: nn.linearPerLookup,
        baseline: { name: 'linear scan, samePaper over every paper (warm title cache)', queries: size.linearQueries },
        extra: { indexBuildMs: round(indexBuildMs, 0), recallOfKnownVariants: round(nn.recall, 4), queries: refs.length },
      }),
    );
  }
  phase('nodeNearTitle');
}

/** A lookup's two figures: its speed-up over a linear scan taking `scanMs` a lookup, and its rate. */
function lookupFigures({ id, name, perLookupMs, scanMs, baseline, extra }) {
  return [
    figure({
      id: `${id}-speedup`,
      name: `${name}: speed-up over linear scan`,
      unit: 'x',
      samples: perLookupMs.map((ms) => scanMs / ms),
      goal: { op: '>=', value: 100 },
      baseline: { name: baseline.name, msPerLookup: round(scanMs, 3), queries: baseline.queries },
      extra,
    }),
    figure({
      id: `${id}-rate`,
      name: `${name}: lookups/s`,
      unit: '/s',
      samples: perLookupMs.map((ms) => 1000 / ms),
      goal: { op: '>=', value: 10_000 },
    }),
  ];
}
