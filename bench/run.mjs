// `npm run bench`: what users feel, measured in Debian Chromium with the built extension, on a
// generated library of 100,000 papers and 1,000,000 sightings. scripts/bench.mjs installs and builds
// first, then calls `runBench`. See bench/README.md for what each figure is and how it is measured.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, freemem, platform, release, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath, launchWithExtension, removeWhenClosed, servePages } from '../scripts/browser.mjs';
import { ROOT, gitHead } from '../scripts/setup.mjs';
import { summarise, tabIdOf, waitForReport } from '../scripts/walk.mjs';
import { libScript, loadLib } from './bundle.mjs';
import {
  exportAll,
  importUploaded,
  metrics,
  openExtensionPage,
  prepareExtension,
  sleep,
  timedSendSummary,
  writeDataFile,
} from './chromium.mjs';
import { backupChunks, cardFactory, generateLibrary, pageCards } from './generate.mjs';
import { INIT_SCRIPT, navTiming, querySelectorAllMs, waitForBadges } from './page-probe.mjs';
import { hfDailyPage, pageUrl } from './pages.mjs';
import { figure, markdownTable, median, quantile, summary, textTable } from './report.mjs';
import { mainThreadTasks, startTrace, stopTrace } from './trace.mjs';

/** Words typed into the library page's search box, one per run (common and rare in the generated titles). */
const LIBRARY_PAGE_WORDS = ['transformer', 'diffusion', 'robust', 'agents', 'segmentation', 'reasoning'];

export const SIZES = {
  full: {
    papers: 100_000,
    sightings: 1_000_000,
    smallCards: 100,
    bigCards: 5_000,
    runs: 5,
    bigRuns: 3,
    bigBudgetMs: 150_000,
    nodeQueries: 10_000,
    linearQueries: 10,
    chromeLinearQueries: 10,
    lookupBatch: 500,
    searchBudgetMs: 60_000,
    exportRuns: 3,
    exportBudgetMs: 30_000,
    importRuns: 3,
  },
  smoke: {
    papers: 1_000,
    sightings: 10_000,
    smallCards: 100,
    bigCards: 500,
    runs: 1,
    bigRuns: 1,
    bigBudgetMs: 0,
    nodeQueries: 500,
    linearQueries: 5,
    chromeLinearQueries: 3,
    lookupBatch: 100,
    searchBudgetMs: 10_000,
    exportRuns: 1,
    exportBudgetMs: 10_000,
    importRuns: 1,
  },
};

const log = (...a) => console.log('[bench]', ...a);
const round = (v, d = 2) => (v === null || v === undefined || !Number.isFinite(v) ? v : Number(v.toFixed(d)));

function machine() {
  const cpu = cpus();
  let chromiumVersion = 'unknown';
  try {
    chromiumVersion = execFileSync(chromiumPath(), ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {}
  let playwright = 'unknown';
  try {
    playwright = JSON.parse(readFileSync(join(ROOT, 'node_modules', '@playwright', 'test', 'package.json'), 'utf8')).version;
  } catch {}
  let dirty = false;
  try {
    dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT }).toString().trim() !== '';
  } catch {}
  return {
    cpuModel: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGB: round(totalmem() / 2 ** 30, 1),
    freeMemoryGB: round(freemem() / 2 ** 30, 1),
    os: `${platform()} ${release()}`,
    node: process.version,
    chromium: chromiumVersion,
    playwright,
    gitHead: gitHead(),
    gitDirty: dirty,
  };
}

async function launchPlain() {
  const dir = mkdtempSync(join(tmpdir(), 'dejalu-bench-plain-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    headless: true,
    colorScheme: 'light',
    viewport: { width: 1280, height: 900 },
    args: CHROMIUM_FLAGS,
  });
  removeWhenClosed(context, dir);
  return context;
}

/**
 * One page load. With the extension, waits until every card shows its badge; without, until load.
 * Then lets the page settle, reads CDP metrics (after a GC when `heap`), and the trace when `trace`.
 */
async function loadPage(context, url, { extension, trace = false, heap = false, settleMs = 1_000, scriptUrl, timeoutMs = 180_000 }) {
  const page = await context.newPage();
  await page.bringToFront();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (trace) await startTrace(cdp);
  await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
  const probe = extension ? await waitForBadges(page, timeoutMs) : await page.evaluate(() => ({ ...window.__bench }));
  await sleep(settleMs);
  let heapMB;
  if (heap) {
    await cdp.send('HeapProfiler.collectGarbage');
    await sleep(200);
  }
  const m = await metrics(cdp);
  if (heap) heapMB = m.JSHeapUsedSize / 1e6;
  const nav = await navTiming(page);
  const longTasks = await page.evaluate(() => [...window.__bench.longTasks]);
  let tasks = null;
  if (trace) {
    const events = await stopTrace(cdp);
    tasks = mainThreadTasks(events, url, scriptUrl);
  }
  return { page, cdp, probe, nav, metrics: m, heapMB, longTasks, tasks };
}

async function closePage(r) {
  await r.cdp.detach().catch(() => {});
  await r.page.close();
}

/** Raw IndexedDB read of keys from the extension page: the lookup part of the navigation baseline. */
async function rawIdbRead(extPage, keys) {
  return extPage.evaluate(async (ks) => {
    const db =
      globalThis.__benchDb ??
      (globalThis.__benchDb = await new Promise((resolve, reject) => {
        const req = indexedDB.open('dejalu');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      }));
    const t0 = performance.now();
    const tx = db.transaction('papers', 'readonly');
    const store = tx.objectStore('papers');
    const rows = await Promise.all(
      ks.map(
        (k) =>
          new Promise((resolve, reject) => {
            const r = store.get(k);
            r.onsuccess = () => resolve(r.result);
            r.onerror = () => reject(r.error);
          }),
      ),
    );
    const ms = performance.now() - t0;
    return { ms, found: rows.filter(Boolean).length };
  }, keys);
}

async function closeRawIdb(extPage) {
  await extPage.evaluate(() => {
    globalThis.__benchDb?.close();
    globalThis.__benchDb = undefined;
  });
}

function searchQueries(library) {
  const someId = library.papers.find((p) => p.arxivId)?.arxivId ?? '2401.01234';
  const texts = [
    'diffusion', 'transformers', 'language models', 'large language models', 'reinforcement learning',
    'quantization', 'robotic manipulation', 'mathematical reasoning', 'video generation', 'graph neural networks',
    'benchmark', 'survey', 'efficient', 'zero-shot', 'in-context learning', 'speculative decoding',
    'medical imaging', 'knowledge distillation', 'agents', 'alignment',
    'transf', 'diffu', 'quant', 'reinf', 'segm', 'multim', 'retriev', 'hallu', 'gauss', 'tok',
    'Zhang', 'Wei Zhang', 'Nakamura', 'Priya Sharma', 'Schmidt', 'Okafor', 'Kim Lee',
    'diffusion Zhang', 'vision transformers robustness', 'mixture-of-experts routing', 'GPT', 'Technical Report',
    someId,
  ];
  const queries = texts.map((text) => ({ text }));
  queries.push(
    { text: '', tag: 'to-read' },
    { text: '', tag: 'llm', sort: 'title' },
    { text: 'language models', status: 'saved', sort: 'title' },
    { text: 'agents', tag: 'agents', sort: 'relevance' },
    { text: '', status: 'seen', sort: 'firstSeen', from: '2024-01-01', to: '2024-06-30' },
    { text: '', site: 'arxiv', sort: 'lastSeen' },
    { text: '', status: 'saved', sort: 'savedAt' },
    { text: '', sort: 'title' },
    { text: '' },
  );
  return queries;
}

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
async function chromeLinearScan(extPage, library, sample) {
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

/**
 * @param {{ mode: 'full' | 'smoke', out: string, markdownOut?: string }} opts
 */
export async function runBench(opts) {
  const started = Date.now();
  // BENCH_PAPERS / BENCH_SIGHTINGS / BENCH_RUNS / BENCH_ONLY (comma-separated: node, plain, page100,
  // page5000, lookup, search, popup, librarypage, export, import) make a partial run for working on one
  // figure; a full run sets none.
  const size = {
    ...SIZES[opts.mode],
    ...(process.env.BENCH_PAPERS ? { papers: Number(process.env.BENCH_PAPERS) } : {}),
    ...(process.env.BENCH_SIGHTINGS ? { sightings: Number(process.env.BENCH_SIGHTINGS) } : {}),
    ...(process.env.BENCH_RUNS ? { runs: Number(process.env.BENCH_RUNS) } : {}),
  };
  const only = process.env.BENCH_ONLY?.split(',').map((x) => x.trim());
  const want = (section) =>
    !only || only.includes(section) || (section === 'plain' && (only.includes('page100') || only.includes('page5000')));
  const figures = [];
  const info = {};
  const phases = {};
  let phaseStart = Date.now();
  const phase = (name) => {
    phases[name] = round((Date.now() - phaseStart) / 1000, 1);
    phaseStart = Date.now();
  };
  const lib = await loadLib();
  const host = machine();
  log(`${opts.mode} run on ${host.cpuModel} × ${host.cores}, ${host.memoryGB} GB; ${host.chromium}; git ${host.gitHead}`);

  // ---- data --------------------------------------------------------------------------------------
  let t = performance.now();
  const library = generateLibrary({ papers: size.papers, sightings: size.sightings, lib });
  const genMs = performance.now() - t;
  t = performance.now();
  const { chunks, singleBackupBytes } = backupChunks(library, Infinity);
  const backupText = chunks[0];
  log(`library: ${library.papers.length} papers (${JSON.stringify(library.kinds)}), ${library.sightings.length} sightings; backup ${(singleBackupBytes / 1e6).toFixed(1)} MB; generated in ${(genMs / 1000).toFixed(1)} s`);

  t = performance.now();
  const index = new lib.DedupIndex();
  for (const r of library.papers) index.add({ key: r.key, title: r.title, arxivId: r.arxivId, doi: r.doi, authors: r.authors, year: r.year });
  const indexBuildMs = performance.now() - t;
  const factory = cardFactory({ library, lib, index });

  // Pages: every run gets its own page (visits record sightings, so a page is never loaded twice);
  // run 0 of each kind is a warm-up and is not counted.
  const pages = new Map();
  const smallPages = [];
  const bigPages = [];
  let day = 0;
  const nextDay = () => {
    day++;
    return `2099-${String(1 + Math.floor((day - 1) / 28)).padStart(2, '0')}-${String(1 + ((day - 1) % 28)).padStart(2, '0')}`;
  };
  const addPage = (n, list) => {
    const d = nextDay();
    const cards = pageCards(factory, n);
    pages.set(pageUrl(d), { body: hfDailyPage(d, cards) });
    list.push({ url: pageUrl(d), cards });
  };
  // 100-card pages: [0, runs] untraced loads (also loaded without the extension, in another browser),
  // [runs + 1, 2 runs + 1] traced loads, the last one for the popup's tab. Index 0 is the warm-up.
  for (let i = 0; i < (size.runs + 1) * 2 + 1; i++) addPage(size.smallCards, smallPages);
  // 5,000-card pages: no warm-up (each load is long enough to be its own), time-boxed runs.
  for (let i = 0; i < size.bigRuns; i++) addPage(size.bigCards, bigPages);
  // 100-card pages loaded right after the worker is stopped (made last, so every page above is
  // the same as before they were added).
  const coldPages = [];
  for (let i = 0; i < size.runs; i++) addPage(size.smallCards, coldPages);
  const expected = (cards) => {
    const c = { new: 0, seen: 0, saved: 0, nearTitle: 0 };
    for (const card of cards) {
      c[card.expect]++;
      if (card.libraryKey && !card.libraryKey.startsWith('arxiv:')) c.nearTitle++;
    }
    return c;
  };
  // Title-only cards (no id at all): half near-equal to stored titles, half new.
  const refs = [];
  for (let i = 0; i < size.nodeQueries; i++) {
    const c = i % 2 ? factory.titleOnlyNew() : factory.titleOnlyKnown();
    refs.push({ probe: { title: c.title, authors: c.authors, year: c.year }, libraryKey: c.libraryKey });
  }
  const lookupBatches = [];
  for (let r = 0; r < size.runs + 1; r++) {
    const batch = [];
    for (let i = 0; i < size.lookupBatch; i++) {
      const c = i % 2 ? factory.titleOnlyNew() : factory.titleOnlyKnown();
      batch.push({ card: { title: c.title, authors: c.authors, year: c.year }, libraryKey: c.libraryKey });
    }
    lookupBatches.push(batch);
  }
  log(`pages: ${smallPages.length} × ${size.smallCards} cards (${(pages.get(smallPages[0].url).body.length / 1e6).toFixed(1)} MB each), ${bigPages.length} × ${size.bigCards} cards (${(pages.get(bigPages[0].url).body.length / 1e6).toFixed(1)} MB each)`);
  info.setup = {
    papers: library.papers.length,
    sightings: library.sightings.length,
    paperKinds: library.kinds,
    generateSeconds: round(genMs / 1000, 1),
    singleBackupMB: round(singleBackupBytes / 1e6, 1),
    runtimeMessageLimitMB: round(64 * 2 ** 20 / 1e6, 1),
    backupExceedsOneMessage: singleBackupBytes > 64 * 2 ** 20,
    inlineChars: lib.INLINE_CHARS,
    smallPage: { cards: size.smallCards, bytes: pages.get(smallPages[0].url).body.length, expected: expected(smallPages[0].cards) },
    bigPage: { cards: size.bigCards, bytes: pages.get(bigPages[0].url).body.length, expected: expected(bigPages[0].cards) },
  };

  phase('generate');
  // ---- content-script bundle -----------------------------------------------------------------------
  const extDir = prepareExtension();
  const contentJs = readFileSync(join(extDir, 'content-scripts', 'content.js'));
  const gz = gzipSync(contentJs).length;
  figures.push(
    figure({
      id: 'content-bundle-gzip',
      name: 'content-script bundle, gzip',
      unit: 'kB',
      samples: [gz / 1000],
      goal: { op: '<', value: 40 },
      notes: `${contentJs.length} bytes raw, ${gz} bytes gzipped (zlib default level); 1 kB = 1,000 bytes`,
    }),
  );

  // ---- near-title lookups in Node -------------------------------------------------------------------
  if (want('node')) {
    log('near-title lookups in Node (DedupIndex vs linear scan)…');
    const nn = nodeNearTitle({ lib, index, library, refs, size });
    const perLookup = nn.runs.map((ms) => ms / refs.length);
    const nodeRate = perLookup.map((ms) => 1000 / ms);
    figures.push(
      figure({
        id: 'near-title-node-speedup',
        name: 'near-title lookup, Node DedupIndex: speed-up over linear scan',
        unit: 'x',
        samples: perLookup.map((ms) => nn.linearPerLookup / ms),
        goal: { op: '>=', value: 100 },
        baseline: { name: 'linear scan, samePaper over every paper (warm title cache)', msPerLookup: round(nn.linearPerLookup, 3), queries: size.linearQueries },
        extra: { indexBuildMs: round(indexBuildMs, 0), recallOfKnownVariants: round(nn.recall, 4), queries: refs.length },
      }),
      figure({
        id: 'near-title-node-rate',
        name: 'near-title lookup, Node DedupIndex: lookups/s',
        unit: '/s',
        samples: nodeRate,
        goal: { op: '>=', value: 10_000 },
      }),
    );
  }
  phase('nodeNearTitle');
  // ---- without the extension --------------------------------------------------------------------------
  // Outside the block: the page sections compare against these.
  const plainSmall = [];
  const plainBig = [];
  if (want('plain')) {
    log('pages without the extension…');
    const plain = await launchPlain();
    await plain.addInitScript(INIT_SCRIPT);
    await servePages(plain, pages);
    for (let i = 0; i <= size.runs; i++) {
      const r = await loadPage(plain, smallPages[i].url, { extension: false });
      if (i > 0) plainSmall.push({ task: r.metrics.TaskDuration * 1000, script: r.metrics.ScriptDuration * 1000, nav: r.nav });
      await closePage(r);
    }
    for (let i = 0; i < bigPages.length; i++) {
      const r = await loadPage(plain, bigPages[i].url, { extension: false, heap: true, settleMs: 2_000 });
      plainBig.push({ heapMB: r.heapMB, nodes: r.metrics.Nodes, longTasks: r.longTasks, nav: r.nav });
      await closePage(r);
    }
    await plain.close();
  }
  phase('withoutExtension');
  // ---- with the extension: import ---------------------------------------------------------------------
  writeDataFile(extDir, 'backup.json', backupText);
  const imports = [];
  const { context, extensionId } = await launchWithExtension({ extensionDir: extDir });
  const scriptUrl = `chrome-extension://${extensionId}/`;
  try {
    await context.addInitScript(INIT_SCRIPT);
    await servePages(context, pages);
    const ext = await openExtensionPage(context, extensionId);

    log(`importing the backup (${(singleBackupBytes / 1e6).toFixed(0)} MB) through Cache Storage + library.import…`);
    const imp = await importUploaded(ext, 'backup.json');
    if (!imp.reply?.ok) throw new Error(`import failed: ${JSON.stringify(imp.reply)}`);
    const stats = (await timedSendSummary(ext, { type: 'library.stats' })).reply;
    log(`imported in ${(imp.ms / 1000).toFixed(1)} s: ${JSON.stringify(imp.reply)}`);
    imports.push({ ...imp, stats });

    phase('import');
    // ---- navigation → every badge shown (100 cards) ------------------------------------------------------
    if (want('page100')) {
      log('100-card page: navigation → every badge shown…');
      const nav = [];
      const work = [];
      let check = null;
      for (let i = 0; i <= size.runs; i++) {
        const { url, cards } = smallPages[i];
        const r = await loadPage(context, url, { extension: true });
        const q = await querySelectorAllMs(r.page);
        const keys = cards.map((c) => `arxiv:${c.id}`);
        const idb = await rawIdbRead(ext, keys);
        if (i === 1) {
          const tabId = await tabIdOf(ext, r.page);
          const report = summarise(await waitForReport(ext, tabId, cards.length, 20_000, url));
          check = { expected: expected(cards), shown: { new: report.new, seen: report.seen, saved: report.saved } };
        }
        if (i > 0) {
          nav.push({
            badgesAt: r.probe.badgesAt,
            firstBadgeAt: r.probe.firstBadgeAt,
            dcl: r.nav.domContentLoadedEnd,
            load: r.nav.loadEnd,
            qsa: q.first,
            idb: idb.ms,
            idbFound: idb.found,
            task: r.metrics.TaskDuration * 1000,
            script: r.metrics.ScriptDuration * 1000,
          });
        }
        await closePage(r);
        // The traced load of the same kind of page: main-thread work of the content script.
        const tr = await loadPage(context, smallPages[size.runs + 1 + i].url, {
          extension: true,
          trace: true,
          scriptUrl,
        });
        if (i > 0 && tr.tasks) {
          const own = tr.tasks.tasks.filter((x) => x.script);
          work.push({
            ms: own.reduce((s, x) => s + x.ms, 0),
            cpuMs: own.every((x) => x.cpuMs !== null) ? own.reduce((s, x) => s + x.cpuMs, 0) : null,
            tasks: own.length,
            longest: Math.max(0, ...own.map((x) => x.ms)),
          });
        }
        await closePage(tr);
      }
      await closeRawIdb(ext);
      const baselines = nav.map((n) => n.dcl + n.qsa + n.idb);
      figures.push(
        figure({
          id: 'nav-badges-100',
          name: 'navigation → every badge shown, 100 cards: ratio to baseline',
          unit: 'x',
          samples: nav.map((n, i) => n.badgesAt / baselines[i]),
          goal: { op: '<=', value: 2 },
          baseline: {
            name: 'DOMContentLoaded end + bare querySelectorAll of the cards + one raw IndexedDB read of their keys',
            medianMs: round(median(baselines)),
            parts: { domContentLoadedEndMs: round(median(nav.map((n) => n.dcl))), querySelectorAllMs: round(median(nav.map((n) => n.qsa)), 3), rawIdbReadMs: round(median(nav.map((n) => n.idb))) },
          },
          extra: {
            badgesShownMs: summary(nav.map((n) => n.badgesAt)),
            firstBadgeMs: summary(nav.map((n) => n.firstBadgeAt)),
            loadEventEndMs: summary(nav.map((n) => n.load)),
            statusCheck: check,
          },
        }),
        figure({
          id: 'nav-badges-100-ms',
          name: 'navigation → every badge shown, 100 cards (absolute)',
          unit: 'ms',
          samples: nav.map((n) => n.badgesAt),
        }),
        figure({
          id: 'content-main-thread-100',
          name: 'content-script main-thread work, 100 cards',
          unit: 'ms',
          samples: work.map((w) => w.ms),
          goal: { op: '<', value: 16 },
          notes: 'sum of the page main thread tasks that ran content-script code (CDP trace)',
          extra: {
            tasks: summary(work.map((w) => w.tasks)),
            longestTaskMs: summary(work.map((w) => w.longest)),
            crossCheck: {
              name: 'CDP Performance.getMetrics TaskDuration with the extension minus without (same kind of page, untraced)',
              withMs: round(median(nav.map((n) => n.task))),
              withoutMs: round(median(plainSmall.map((p) => p.task))),
              differenceMs: round(median(nav.map((n) => n.task)) - median(plainSmall.map((p) => p.task))),
              scriptDurationWithMs: round(median(nav.map((n) => n.script))),
              scriptDurationWithoutMs: round(median(plainSmall.map((p) => p.script))),
            },
          },
        }),
        // The same tasks' thread time (Chromium's tdur): what the main thread itself ran, without the
        // time the OS gave its core to other processes. On a 2-core machine the browser, the worker
        // and Playwright's Node process (serving the page's thumbnails and files) take turns with it, and
        // that time is in the wall-clock figure above. Reported beside it, not instead of it.
        figure({
          id: 'content-main-thread-100-cpu',
          name: 'content-script main-thread work, 100 cards: thread time of the same tasks',
          unit: 'ms',
          samples: work.every((w) => w.cpuMs !== null) ? work.map((w) => w.cpuMs) : [],
          notes: 'tdur of the tasks counted above (CDP trace): the time the main thread ran, not the time it was descheduled',
        }),
      );
      if (check) log(`status check on a 100-card page: expected ${JSON.stringify(check.expected)}, shown ${JSON.stringify(check.shown)}`);

      // The same kind of page with a worker that has just started: Chrome stops it after 30 s idle,
      // so a day's first digest page usually starts it. Reported, no goal.
      log('100-card page, worker just started…');
      const cold = [];
      const workers = await context.newCDPSession(ext);
      await workers.send('ServiceWorker.enable');
      for (const { url } of coldPages) {
        await workers.send('ServiceWorker.stopAllWorkers');
        await sleep(300);
        const r = await loadPage(context, url, { extension: true });
        cold.push({ badgesAt: r.probe.badgesAt, dcl: r.nav.domContentLoadedEnd });
        await closePage(r);
      }
      await workers.detach();
      // The sections after this one start from a worker with its catalog loaded.
      await timedSendSummary(ext, { type: 'library.stats' });
      figures.push(
        figure({
          id: 'nav-badges-100-cold',
          name: 'navigation → every badge shown, 100 cards, worker just started (absolute)',
          unit: 'ms',
          samples: cold.map((c) => c.badgesAt),
          notes: 'the worker stopped (CDP) before each load; its start, and lookups answered before its catalog has loaded',
          extra: { domContentLoadedEndMs: summary(cold.map((c) => c.dcl)) },
        }),
      );
    }
    phase('page100');
    // ---- 5,000-card page: long tasks and memory -----------------------------------------------------------
    if (want('page5000')) {
      log(`${size.bigCards}-card page: long tasks and memory…`);
      const big = [];
      const bigStart = Date.now();
      for (let i = 0; i < bigPages.length && (i === 0 || Date.now() - bigStart < size.bigBudgetMs); i++) {
        const r = await loadPage(context, bigPages[i].url, { extension: true, trace: true, heap: true, settleMs: 2_000, scriptUrl, timeoutMs: 600_000 });
        const own = r.tasks ? r.tasks.tasks.filter((x) => x.script) : [];
        const contentStart = own.length ? own[0].start : Infinity;
        const after = r.tasks ? r.tasks.tasks.filter((x) => x.start >= contentStart) : [];
        {
          big.push({
            longestScriptTask: Math.max(0, ...own.map((x) => x.ms)),
            scriptTasksOver50: own.filter((x) => x.ms > 50).length,
            scriptMs: own.reduce((s, x) => s + x.ms, 0),
            longestTaskAfterStart: Math.max(0, ...after.map((x) => x.ms)),
            longTasksObserved: r.longTasks.length,
            longestObserved: Math.max(0, ...r.longTasks.map((x) => x.duration)),
            badgesAt: r.probe.badgesAt,
            dcl: r.nav.domContentLoadedEnd,
            heapMB: r.heapMB,
            nodes: r.metrics.Nodes,
          });
        }
        await closePage(r);
      }
      const plainHeap = median(plainBig.map((p) => p.heapMB));
      figures.push(
        figure({
          id: 'big-page-longest-task',
          name: `${size.bigCards.toLocaleString('en-US')} cards: longest main-thread task running the content script`,
          unit: 'ms',
          samples: big.map((b) => b.longestScriptTask),
          goal: { op: '<=', value: 50 },
          notes: 'CDP trace of the page renderer main thread; a task counts when content-script code runs in it',
          extra: {
            scriptTasksOver50ms: summary(big.map((b) => b.scriptTasksOver50)),
            contentScriptMainThreadMs: summary(big.map((b) => b.scriptMs)),
            longestTaskAfterContentScriptStartMs: summary(big.map((b) => b.longestTaskAfterStart)),
            longTaskObserver: {
              withExtension: { count: summary(big.map((b) => b.longTasksObserved)), longestMs: summary(big.map((b) => b.longestObserved)) },
              withoutExtension: {
                count: summary(plainBig.map((p) => p.longTasks.length)),
                longestMs: summary(plainBig.map((p) => Math.max(0, ...p.longTasks.map((x) => x.duration)))),
              },
            },
            badgesShownMs: summary(big.map((b) => b.badgesAt)),
            domContentLoadedEndMs: summary(big.map((b) => b.dcl)),
          },
        }),
        figure({
          id: 'big-page-heap',
          name: `${size.bigCards.toLocaleString('en-US')} cards: JS heap the extension adds to the page`,
          unit: 'MB',
          samples: big.map((b) => b.heapMB - plainHeap),
          notes: 'JSHeapUsedSize after a forced GC (CDP), with the extension minus without; the isolated world shares the page isolate',
          extra: {
            withExtensionMB: summary(big.map((b) => b.heapMB)),
            withoutExtensionMB: summary(plainBig.map((p) => p.heapMB)),
            domNodesWith: summary(big.map((b) => b.nodes)),
            domNodesWithout: summary(plainBig.map((p) => p.nodes)),
          },
        }),
      );
    }
    phase('page5000');
    // ---- cards.lookup for title-only cards ---------------------------------------------------------------
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
        figure({
          id: 'near-title-chromium-speedup',
          name: 'title-only cards.lookup in Chromium: speed-up over linear scan',
          unit: 'x',
          samples: perCard.map((ms) => scan.perLookup / ms),
          goal: { op: '>=', value: 100 },
          baseline: { name: 'linear scan, samePaper over every paper in an extension page (warm title cache)', msPerLookup: round(scan.perLookup, 3), queries: sample.length },
          extra: { batch: size.lookupBatch, batchMs: summary(lookups), knownVariantsMatched: round(matched, 4) },
        }),
        figure({
          id: 'near-title-chromium-rate',
          name: 'title-only cards.lookup in Chromium: lookups/s',
          unit: '/s',
          samples: perCard.map((ms) => 1000 / ms),
          goal: { op: '>=', value: 10_000 },
        }),
      );
    }
    phase('cardsLookup');
    // ---- library search ------------------------------------------------------------------------------------
    if (want('search')) {
      log('library search…');
      const queries = searchQueries(library);
      const rounds = [];
      const perQuery = new Map();
      const searchStart = Date.now();
      // Warm-up: one query (the background's first search opens its transaction paths).
      await timedSendSummary(ext, { type: 'library.search', query: { text: 'warm up' } });
      while (rounds.length < size.runs && (rounds.length === 0 || Date.now() - searchStart < size.searchBudgetMs)) {
        const times = [];
        for (const q of queries) {
          const r = await timedSendSummary(ext, { type: 'library.search', query: q });
          if (!r.reply.ok) throw new Error(`search failed: ${JSON.stringify(q)} ${JSON.stringify(r.reply)}`);
          times.push(r.ms);
          const key = JSON.stringify(q);
          perQuery.set(key, [...(perQuery.get(key) ?? []), { ms: r.ms, total: r.reply.total }]);
        }
        rounds.push(times);
      }
      const all = rounds.flat();
      const slowest = [...perQuery.entries()]
        .map(([q, rs]) => ({ query: JSON.parse(q), medianMs: round(median(rs.map((x) => x.ms)), 1), total: rs[0].total }))
        .sort((a, b) => b.medianMs - a.medianMs);
      figures.push(
        figure({
          id: 'search-p95',
          name: `library search, ${size.papers / 1000}k papers: p95 of ${queries.length} queries`,
          unit: 'ms',
          samples: rounds.map((r) => quantile(r, 0.95)),
          value: quantile(all, 0.95),
          goal: { op: '<', value: 30 },
          notes: 'median column: p95 over every query of every round; spread: p95 of each round',
          extra: { medianQueryMs: round(median(all), 1), rounds: rounds.length, slowest: slowest.slice(0, 10), fastest: slowest.slice(-3) },
        }),
      );
      // Chrome stops an idle service worker after 30 s; the next search starts it and loads the
      // catalog (snapshot + journal) before answering. Stopped here through DevTools.
      const cdp = await context.newCDPSession(ext);
      await cdp.send('ServiceWorker.enable');
      const cold = [];
      for (let r = 0; r < size.runs; r++) {
        await cdp.send('ServiceWorker.stopAllWorkers');
        await sleep(300);
        const res = await timedSendSummary(ext, { type: 'library.search', query: { text: 'language models' } });
        if (!res.reply.ok) throw new Error(`cold search failed: ${JSON.stringify(res.reply)}`);
        cold.push(res.ms);
      }
      await cdp.detach();
      figures.push(
        figure({
          id: 'search-cold',
          name: `library search right after the service worker starts (catalog loaded first), ${size.papers / 1000}k papers`,
          unit: 'ms',
          samples: cold,
          notes: 'no goal in the issue: what the in-memory catalog costs at each worker start',
        }),
      );
    }
    phase('search');
    // ---- popup -----------------------------------------------------------------------------------------------
    if (want('popup')) {
      log('popup: open → first screen with data…');
      const shown = await loadPage(context, smallPages[smallPages.length - 1].url, { extension: true, settleMs: 300 });
      const tabId = await tabIdOf(ext, shown.page);
      await waitForReport(ext, tabId, size.smallCards, 30_000, shown.page.url());
      const popup = [];
      for (let i = 0; i <= size.runs; i++) {
        const p = await context.newPage();
        await p.setViewportSize({ width: 400, height: 600 });
        await p.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
        await p.waitForFunction(() => window.__bench?.rowsAt !== null && window.__bench?.rowsAt !== undefined, null, { timeout: 60_000, polling: 50 });
        const r = await p.evaluate(() => ({
          rowsAt: window.__bench.rowsAt,
          rows: window.__bench.rows,
          dcl: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? null,
        }));
        if (i > 0 || size.runs === 0) popup.push(r);
        await p.close();
      }
      // What the popup waits for: one tab.get (the tab's cards looked up again), timed alone.
      const tabGet = [];
      for (let i = 0; i < size.runs; i++) tabGet.push((await timedSendSummary(ext, { type: 'tab.get', tabId })).ms);
      // The popup opened after the page has been read for a while: Chrome has stopped the worker
      // (30 s idle), and the popup's tab.get starts it.
      const popupCold = [];
      const workers = await context.newCDPSession(ext);
      await workers.send('ServiceWorker.enable');
      for (let i = 0; i < size.runs; i++) {
        await workers.send('ServiceWorker.stopAllWorkers');
        await sleep(300);
        const p = await context.newPage();
        await p.setViewportSize({ width: 400, height: 600 });
        await p.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
        await p.waitForFunction(() => window.__bench?.rowsAt !== null && window.__bench?.rowsAt !== undefined, null, { timeout: 60_000, polling: 50 });
        popupCold.push(await p.evaluate(() => window.__bench.rowsAt));
        await p.close();
      }
      await workers.detach();
      await closePage(shown);
      figures.push(
        figure({
          id: 'popup-first-screen',
          name: `popup: open → first screen with data, ${size.papers / 1000}k library`,
          unit: 'ms',
          samples: popup.map((p) => p.rowsAt),
          goal: { op: '<', value: 100 },
          notes: `popup.html?tab=<id> of a tab showing a ${size.smallCards}-card page; from navigation start until [data-testid="paper-row"] is in the DOM`,
          extra: { rows: popup[0]?.rows, tabGetMessageMs: summary(tabGet), domContentLoadedEndMs: summary(popup.map((p) => p.dcl)) },
        }),
        figure({
          id: 'popup-first-screen-cold',
          name: `popup: open → first screen with data, worker just started, ${size.papers / 1000}k library`,
          unit: 'ms',
          samples: popupCold,
          notes: 'the worker stopped (CDP) before each open, as Chrome stops it after 30 s idle; its start and the lookups before its catalog has loaded',
        }),
      );
    }
    phase('popup');
    // ---- library page -------------------------------------------------------------------------------------
    if (want('librarypage')) {
      log('library page: open, search as you type, next page…');
      const open = [];
      const typed = [];
      const more = [];
      const longest = [];
      for (let i = 0; i <= size.runs; i++) {
        const p = await context.newPage();
        await p.setViewportSize({ width: 1280, height: 800 });
        await p.goto(`chrome-extension://${extensionId}/library.html`);
        await p.waitForFunction(() => window.__bench?.rowsAt != null, null, { timeout: 60_000, polling: 20 });
        const opened = await p.evaluate(() => window.__bench.rowsAt);
        // Typing a word: from the last keystroke until the list shows the new first row. Each run
        // searches another word so no cache is warm.
        const word = LIBRARY_PAGE_WORDS[i % LIBRARY_PAGE_WORDS.length];
        const typeMs = await p.evaluate(async (w) => {
          const input = document.querySelector('[data-testid="search-input"]');
          const first = () => document.querySelector('[data-testid="paper-row"]')?.getAttribute('data-key') ?? '';
          const count = () => document.querySelector('[data-testid="result-count"]')?.textContent ?? '';
          const before = first() + count();
          const t0 = performance.now();
          input.value = w;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          const deadline = t0 + 30_000;
          while (first() + count() === before && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
          return performance.now() - t0;
        }, word);
        // Next page of results ("load more"): from the click until the list has grown.
        const moreMs = await p.evaluate(async () => {
          const rows = () => document.querySelectorAll('[data-testid="paper-row"]').length;
          const button = document.querySelector('[data-testid="load-more"]');
          if (!button) return null;
          const n = rows();
          const t0 = performance.now();
          button.click();
          const deadline = t0 + 30_000;
          while (rows() === n && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
          return performance.now() - t0;
        });
        const tasks = await p.evaluate(() => window.__bench.longTasks.map((t) => t.duration));
        if (i > 0 || size.runs === 0) {
          open.push(opened);
          typed.push(typeMs);
          if (moreMs !== null) more.push(moreMs);
          longest.push(tasks.length ? Math.max(...tasks) : 0);
        }
        await p.close();
      }
      const notes = 'no goal in the issue: reported to show the page works at this size (it pages 50 rows at a time)';
      figures.push(
        figure({ id: 'library-open', name: `library page: open → first rows, ${size.papers / 1000}k library`, unit: 'ms', samples: open, notes }),
        figure({
          id: 'library-type',
          name: 'library page: type a word → results shown',
          unit: 'ms',
          samples: typed,
          notes: `${notes}; includes the page's search debounce; words: ${LIBRARY_PAGE_WORDS.join(', ')}`,
        }),
        figure({ id: 'library-more', name: 'library page: load the next 50 rows', unit: 'ms', samples: more, notes }),
        figure({
          id: 'library-longest-task',
          name: 'library page: longest main-thread task (open, search, next page)',
          unit: 'ms',
          samples: longest,
          notes: 'longtask observer; 0 when no task took over 50 ms',
        }),
      );
    }
    phase('libraryPage');
    // ---- export --------------------------------------------------------------------------------------------
    if (want('export')) {
      log('export all as BibTeX…');
      const exports = [];
      const exportStart = Date.now();
      let exportInfo;
      while (exports.length < size.exportRuns && (exports.length === 0 || Date.now() - exportStart < size.exportBudgetMs)) {
        const r = await exportAll(ext, 'bibtex');
        if (!r.reply?.ok) throw new Error(`export failed: ${JSON.stringify(r.reply)}`);
        exports.push(r.ms / 1000);
        exportInfo = r.reply;
      }
      figures.push(
        figure({
          id: 'export-bibtex',
          name: `export all ${size.papers / 1000}k papers as BibTeX`,
          unit: 's',
          samples: exports,
          goal: { op: '<', value: 5 },
          notes: 'library.export + every library.exportPart, until the whole text is in the extension page',
          extra: exportInfo,
        }),
      );
    }
    phase('export');
  } finally {
    await context.close();
  }
  // ---- import, timed again --------------------------------------------------------------------------
  // Each into a new profile, in a browser of its own, after every other section: in the one run that
  // made them first, every later figure of the extension's browser came out slower (lookups 7.3k/s
  // against ~11k/s) while the Node-only one did not. The cause was not looked into.
  try {
    const importRuns = !only || only.includes('import') ? size.importRuns : 1;
    for (let i = 1; i < importRuns; i++) {
      const once = await launchWithExtension({ extensionDir: extDir });
      try {
        const ext = await openExtensionPage(once.context, once.extensionId);
        log(`importing the backup into a new profile (${i + 1} of ${importRuns})…`);
        const imp = await importUploaded(ext, 'backup.json');
        if (!imp.reply?.ok) throw new Error(`import failed: ${JSON.stringify(imp.reply)}`);
        log(`imported in ${(imp.ms / 1000).toFixed(1)} s`);
        imports.push(imp);
      } finally {
        await once.context.close();
      }
    }
  } finally {
    // The extension's copy holds the backup file (333 MB at full size).
    rmSync(dirname(extDir), { recursive: true, force: true });
  }
  const [first] = imports;
  figures.push(
    figure({
      id: 'import-backup',
      name: `import the ${size.papers / 1000}k-paper backup`,
      unit: 's',
      samples: imports.map((x) => x.ms / 1000),
      goal: { op: '<', value: 10 },
      notes: `one ${(first.bytes / 1e6).toFixed(0)} MB backup put in Cache Storage + library.import, each run into a new profile`,
      extra: { storeSeconds: imports.map((x) => round(x.storeMs / 1000, 1)), reply: first.reply, stats: first.stats },
    }),
  );
  phase('importAgain');

  // ---- results -----------------------------------------------------------------------------------------
  const order = [
    'nav-badges-100', 'nav-badges-100-ms', 'nav-badges-100-cold', 'content-main-thread-100', 'content-main-thread-100-cpu', 'big-page-longest-task',
    'near-title-node-speedup', 'near-title-node-rate', 'near-title-chromium-speedup', 'near-title-chromium-rate',
    'search-p95', 'popup-first-screen', 'popup-first-screen-cold', 'library-open', 'library-type', 'library-more', 'library-longest-task',
    'import-backup', 'export-bibtex', 'content-bundle-gzip', 'big-page-heap',
  ];
  figures.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  const results = {
    bench: 'dejalu',
    version: 1,
    mode: opts.mode,
    startedAt: new Date(started).toISOString(),
    durationSeconds: round((Date.now() - started) / 1000, 0),
    machine: host,
    setup: info.setup,
    phaseSeconds: phases,
    figures: figures.map((f) => roundFigure(f)),
  };
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, `${JSON.stringify(results, null, 2)}\n`);
  if (opts.markdownOut) writeFileSync(opts.markdownOut, `${markdownTable(figures)}\n`);
  console.log(`\n${textTable(figures)}\n`);
  const missed = figures.filter((f) => f.pass === false);
  log(`${figures.filter((f) => f.pass).length} goals met, ${missed.length} missed; results in ${opts.out} (${results.durationSeconds} s)`);
  return results;
}

function roundFigure(f) {
  const r = (v) => (typeof v === 'number' ? round(v, Math.abs(v) >= 100 ? 1 : 3) : v);
  return {
    ...f,
    value: r(f.value),
    median: r(f.median),
    min: r(f.min),
    max: r(f.max),
    spreadPct: r(f.spreadPct),
    samples: f.samples.map(r),
    ...(f.missBy ? { missBy: { ...f.missBy, factor: r(f.missBy.factor), amount: r(f.missBy.amount) } } : {}),
  };
}
