// The import's floor: what writing the backup's rows costs the browser's database by itself, so each
// run shows how much of the import is the extension's own work and how much any import of rows of
// this shape would pay. Two layouts of the same data: as the extension stores it (a row per paper
// and a history row per paper), and packed 100 papers to a row, where a layout of fewer, larger
// records would start from.
import { launchWithExtension } from '../scripts/browser.mjs';
import { DATA_DIR, ensureLib, openExtensionPage } from './chromium.mjs';
import { figure, median } from './report.mjs';
import { log } from './log.mjs';

/** Papers (and their histories) per row in the packed layout. */
const PACKED = 100;

/**
 * Write the backup's rows with bare IndexedDB from an extension page, in one transaction as the
 * import does, into a new database of this (empty) profile. Untimed: reading and parsing the file,
 * computing the derived title keys every stored row carries, grouping sightings by paper. Timed:
 * from the first `put` to the transaction's `complete` — no Dexie, no merge, no catalog, every
 * request queued at once.
 */
async function writeFloor(extPage, file, packed) {
  await ensureLib(extPage);
  return extPage.evaluate(
    async ({ file, packed }) => {
      const { titleKeys } = globalThis.__dejaluBench;
      const backup = JSON.parse(await (await fetch(chrome.runtime.getURL(file))).text());
      const papers = backup.papers.map((p) => ({ ...p, ...titleKeys(p) }));
      const byPaper = new Map();
      for (const { paperKey, ...s } of backup.sightings) {
        let list = byPaper.get(paperKey);
        if (!list) byPaper.set(paperKey, (list = []));
        list.push(s);
      }
      const histories = [...byPaper].map(([paperKey, sightings]) => ({ paperKey, sightings }));
      const blocks = (rows) => {
        const out = [];
        for (let i = 0; i < rows.length; i += packed) out.push({ block: out.length, rows: rows.slice(i, i + packed) });
        return out;
      };
      const paperRows = packed ? blocks(papers) : papers;
      const historyRows = packed ? blocks(histories) : histories;
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open(`bench-floor-${packed}`, 1);
        open.onupgradeneeded = () => {
          const d = open.result;
          // The extension's schema (lib/db.ts, version 5): papers by key with a DOI index, histories by paper.
          const ps = d.createObjectStore('papers', { keyPath: packed ? 'block' : 'key' });
          if (!packed) ps.createIndex('doi', 'doi');
          d.createObjectStore('history', { keyPath: packed ? 'block' : 'paperKey' });
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
    { file: `${DATA_DIR}/${file}`, packed },
  );
}

/**
 * Each layout `runs` times, each write in a new profile (an empty database, as the import has), in a
 * browser of its own. `importSeconds` is the import's median in this run, for the ratio.
 */
export async function measureImportFloor({ extDir, size, figures, importSeconds }) {
  const samples = { 0: [], [PACKED]: [] };
  const rowsOf = {};
  let shape = null;
  for (let i = 0; i < size.floorRuns; i++) {
    for (const packed of [0, PACKED]) {
      const once = await launchWithExtension({ extensionDir: extDir });
      try {
        const ext = await openExtensionPage(once.context, once.extensionId);
        const r = await writeFloor(ext, 'backup.json', packed);
        log(`floor, ${packed ? `${packed} papers a row` : 'a row per paper'}: ${r.rows.toLocaleString('en-US')} rows in ${(r.ms / 1000).toFixed(1)} s`);
        samples[packed].push(r.ms / 1000);
        rowsOf[packed] = r.rows;
        shape = r;
      } finally {
        await once.context.close();
      }
    }
  }
  const floor = median(samples[0]);
  const notes = `the backup's ${shape.papers.toLocaleString('en-US')} papers and ${shape.sightings.toLocaleString('en-US')} sightings, with their derived title keys, written by bare IndexedDB from an extension page in one transaction, each run into a new profile; from the first put to complete`;
  figures.push(
    figure({
      id: 'import-floor',
      name: `import's floor: the same rows by bare IndexedDB (${rowsOf[0].toLocaleString('en-US')} rows, as the extension stores them)`,
      unit: 's',
      samples: samples[0],
      notes,
    }),
    figure({
      id: 'import-floor-ratio',
      name: "import ÷ its floor (medians of this run)",
      unit: 'x',
      samples: [importSeconds / floor],
      notes: 'how much of the import is the extension’s own work (parsing, checking, merging, the catalog) beyond writing its rows',
    }),
    figure({
      id: 'import-floor-packed',
      name: `the same data by bare IndexedDB, ${PACKED} papers to a row (${rowsOf[PACKED].toLocaleString('en-US')} rows)`,
      unit: 's',
      samples: samples[PACKED],
      notes: `${notes.replace('with their derived', 'with the derived')}; papers and histories in rows of ${PACKED}: where a layout of fewer, larger records would start from`,
    }),
  );
}
