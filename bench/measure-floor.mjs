// The import's floor: what writing the backup's rows costs the browser's database by itself, so each
// run shows how much of the import is the extension's own work and how much any import of rows of
// this shape would pay. The same data in three layouts: as the extension stores it (a row per paper
// and a history row per paper), with only the histories packed 100 papers to a row, and with both
// packed, where layouts of fewer, larger records would start from.
import { launchWithExtension } from '../scripts/browser.mjs';
import { DATA_DIR, ensureLib, openExtensionPage } from './chromium.mjs';
import { figure, median } from './report.mjs';
import { log } from './log.mjs';

/** Papers (or histories) per row where a layout packs them. */
const PACKED = 100;

/** Rows per paper and per history in each layout; the first is the extension's own. */
const LAYOUTS = [
  { id: 'import-floor', papers: 1, histories: 1 },
  { id: 'import-floor-histories-packed', papers: 1, histories: PACKED },
  { id: 'import-floor-packed', papers: PACKED, histories: PACKED },
];

/**
 * Write the backup's rows with bare IndexedDB from an extension page, in one transaction as the
 * import does, into a new database of this (empty) profile. Untimed: reading and parsing the file,
 * computing the derived title keys every stored row carries, grouping sightings by paper. Timed:
 * from the first `put` to the transaction's `complete` — no Dexie, no merge, no catalog, every
 * request queued at once.
 */
async function writeFloor(extPage, file, layout) {
  await ensureLib(extPage);
  return extPage.evaluate(
    async ({ file, papersPer, historiesPer }) => {
      const { titleKeys, sightingsByPaper } = globalThis.__dejaluBench;
      const backup = JSON.parse(await (await fetch(chrome.runtime.getURL(file))).text());
      const papers = backup.papers.map((p) => ({ ...p, ...titleKeys(p) }));
      const histories = [...sightingsByPaper(backup.sightings)].map(([paperKey, sightings]) => ({ paperKey, sightings }));
      const pack = (rows, per) => {
        if (per === 1) return rows;
        const out = [];
        for (let i = 0; i < rows.length; i += per) out.push({ block: out.length, rows: rows.slice(i, i + per) });
        return out;
      };
      const paperRows = pack(papers, papersPer);
      const historyRows = pack(histories, historiesPer);
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open('bench-floor', 1);
        open.onupgradeneeded = () => {
          const d = open.result;
          // The extension's schema (lib/db.ts, version 5): papers by key with a DOI index, histories by paper.
          const ps = d.createObjectStore('papers', { keyPath: papersPer === 1 ? 'key' : 'block' });
          if (papersPer === 1) ps.createIndex('doi', 'doi');
          d.createObjectStore('history', { keyPath: historiesPer === 1 ? 'paperKey' : 'block' });
        };
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const t0 = performance.now();
      await new Promise((resolve, reject) => {
        const tx = db.transaction(['papers', 'history'], 'readwrite');
        const ps = tx.objectStore('papers');
        const hs = tx.objectStore('history');
        for (const r of paperRows) ps.put(r);
        for (const r of historyRows) hs.put(r);
        tx.oncomplete = resolve;
        tx.onabort = () => reject(tx.error);
      });
      const ms = performance.now() - t0;
      db.close();
      return { ms, rows: paperRows.length + historyRows.length, papers: papers.length, sightings: backup.sightings.length };
    },
    { file: `${DATA_DIR}/${file}`, papersPer: layout.papers, historiesPer: layout.histories },
  );
}

const perRow = (n, [one, many]) => (n === 1 ? `a row per ${one}` : `${many} ${n} to a row`);
const PAPER = ['paper', 'papers'];
const HISTORY = ['history', 'histories'];

/**
 * Each layout `floorRuns` times, each write in a new profile (an empty database, as the import has),
 * in a browser of its own. `importSeconds` is the import's median in this run, for the ratio.
 */
export async function measureImportFloor({ extDir, size, figures, importSeconds }) {
  const runs = LAYOUTS.map(() => []);
  for (let i = 0; i < size.floorRuns; i++) {
    for (const [j, layout] of LAYOUTS.entries()) {
      const once = await launchWithExtension({ extensionDir: extDir });
      try {
        const ext = await openExtensionPage(once.context, once.extensionId);
        const r = await writeFloor(ext, 'backup.json', layout);
        log(`floor, ${perRow(layout.papers, PAPER)}, ${perRow(layout.histories, HISTORY)}: ${r.rows.toLocaleString('en-US')} rows in ${(r.ms / 1000).toFixed(1)} s`);
        runs[j].push(r);
      } finally {
        await once.context.close();
      }
    }
  }
  const shape = runs[0][0];
  const notes = `the backup's ${shape.papers.toLocaleString('en-US')} papers and ${shape.sightings.toLocaleString('en-US')} sightings, with the derived title keys stored rows carry, written by bare IndexedDB from an extension page in one transaction, each run into a new profile; from the first put to complete`;
  const seconds = (j) => runs[j].map((r) => r.ms / 1000);
  const [own, ...packed] = LAYOUTS.map((layout, j) => ({ layout, rows: runs[j][0].rows.toLocaleString('en-US'), samples: seconds(j) }));
  figures.push(
    figure({
      id: own.layout.id,
      name: `import's floor: the same rows by bare IndexedDB (${own.rows} rows, as the extension stores them)`,
      unit: 's',
      samples: own.samples,
      notes,
    }),
    figure({
      id: 'import-floor-ratio',
      name: 'import ÷ its floor (medians of this run)',
      unit: 'x',
      samples: [importSeconds / median(own.samples)],
      notes: 'how much of the import is the extension’s own work (parsing, checking, merging, the catalog) beyond writing its rows',
    }),
    ...packed.map(({ layout, rows, samples }) =>
      figure({
        id: layout.id,
        name: `the same data by bare IndexedDB, ${perRow(layout.papers, PAPER)}, ${perRow(layout.histories, HISTORY)} (${rows} rows)`,
        unit: 's',
        samples,
        notes: `${notes}; rows of ${PACKED} are over Blink's 64 KiB threshold, so stored as blob files beside LevelDB: where a layout of fewer, larger records would start from`,
      }),
    ),
  );
}
