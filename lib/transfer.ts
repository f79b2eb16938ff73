/**
 * Export and import between the library and files. The formats themselves are pure modules in
 * lib/export/; this file reads and writes the database around them.
 */
import { papersAfter, type DejaLuDB, type HistoryRow, type PaperRow, type Sighting, type SightingRow } from './db';
import { toBackup, parseBackupGrouped, type GroupedBackup } from './export/backup';
import { BibtexWriter, parseBibtex, toBibtex } from './export/bibtex';
import { parseCslJson, toCslJson } from './export/csl-json';
import type { CiteRef } from './export/common';
import { toCsv } from './export/csv';
import { detectFormat } from './export/imported';
import { toMarkdown } from './export/markdown';
import { heirsOf } from './library/heirs';
import { addToSightingTotal, countSighting, sightingId } from './library/history';
import { Library, mergeRows, probeOf, withDerived, withoutDerived, pairKey } from './library/index';
import { importPapers } from './import-papers';
import type { Catalog } from './library/catalog';
import type { NearKeys } from './library/near-keys';
import type { ExportFormat, ImportResult } from './messages';
import { SettingsSchema } from './messages';
import { noProgress, type Progress } from './progress';
import { measure } from './timing';
import { localDay } from './dates';
import { errorMessage } from './errors';

const FORMATS: Record<ExportFormat, { ext: string; mime: string }> = {
  bibtex: { ext: 'bib', mime: 'application/x-bibtex' },
  'csl-json': { ext: 'json', mime: 'application/vnd.citationstyles.csl+json' },
  markdown: { ext: 'md', mime: 'text/markdown' },
  csv: { ext: 'csv', mime: 'text/csv' },
  backup: { ext: 'json', mime: 'application/json' },
};

export async function exportLibrary(
  db: DejaLuDB,
  format: ExportFormat,
  keys?: string[],
  {
    chunkRows = EXPORT_CHUNK,
    library,
  }: {
    /** Rows per read of the whole library; tests make it small to cross chunk boundaries. */
    chunkRows?: number;
    /**
     * With `keys`: every paper of the library, so the selection's citation keys are the ones the
     * whole library's file gives (lib/export/common.ts CitationKeys). Read synchronously.
     */
    library?: Iterable<CiteRef>;
  } = {},
): Promise<{ filename: string; mime: string; text: string; count: number }> {
  // The reader's day, not UTC's: an export made on the evening of Nov 3 in California is Nov 3's.
  const day = localDay(Date.now());
  const { ext, mime } = FORMATS[format];
  const name = format === 'backup' ? `dejalu-backup-${day}.${ext}` : `dejalu-${day}.${ext}`;
  return db.transaction('r', [db.papers, db.history, db.notSame, db.settings], async () => {
    let t = performance.now();
    if (format === 'bibtex' && !keys) {
      // The whole library, formatted chunk by chunk as it is read (see eachPaperChunk).
      const writer = new BibtexWriter();
      const count = await eachPaperChunk(db, chunkRows, (rows) => writer.add(rows));
      t = measure('export.readAndFormat', t);
      const text = writer.finish();
      // Citation keys and the joining of the entries.
      measure('export.finish', t);
      return { filename: name, mime, text, count };
    }
    let papers: PaperRow[];
    if (keys) papers = (await db.papers.bulkGet(keys)).filter((r): r is PaperRow => !!r);
    else {
      papers = [];
      await eachPaperChunk(db, chunkRows, (rows) => {
        for (const r of rows) papers.push(r);
      });
    }
    t = measure('export.read', t);
    if (format === 'backup') {
      const wanted = keys ? new Set(keys) : null;
      const histories = wanted ? await db.history.bulkGet([...wanted]) : await db.history.toArray();
      // The file keeps BACKUP_VERSION 1's flat list of sightings, so older versions can read it.
      const sightings: SightingRow[] = [];
      for (const h of histories) if (h) for (const s of h.sightings) sightings.push({ paperKey: h.paperKey, ...s });
      const notSame = (await db.notSame.toArray()).filter((p) => !wanted || (wanted.has(p.a) && wanted.has(p.b)));
      const settings = await db.settings.toArray();
      // Derived search keys stay out of the file: the importer recomputes them anyway (they depend
      // on the dedup code of the day), and they were a third of its size and of its parse time.
      const rows = papers.map(withoutDerived);
      return { filename: name, mime, text: JSON.stringify(toBackup({ papers: rows as PaperRow[], sightings, notSame, settings })), count: papers.length };
    }
    const text =
      format === 'bibtex'
        ? toBibtex(papers, library)
        : format === 'csl-json'
          ? toCslJson(papers, library)
          : format === 'markdown'
            ? toMarkdown(papers)
            : toCsv(papers);
    measure('export.format', t);
    return { filename: name, mime, text, count: papers.length };
  });
}

/** Rows per read of a whole-library export. */
const EXPORT_CHUNK = 2_000;

/**
 * Every paper in key order, `chunkRows` rows at a time, each chunk handed to `each` while the
 * next one is being read: the database reads in its own process while this one formats. Reading
 * the 100k-row table in one request kept every row alive
 * at once, and the garbage collector's passes over them cost more than the reading. Returns how
 * many rows there were. Must run inside a transaction over `db.papers`.
 */
async function eachPaperChunk(db: DejaLuDB, chunkRows: number, each: (rows: PaperRow[]) => void): Promise<number> {
  let count = 0;
  let rows = await papersAfter(db, null, chunkRows);
  while (rows.length > 0) {
    // Asked for before this chunk is handed over, so the read overlaps the work on it.
    const next = rows.length === chunkRows ? papersAfter(db, rows[rows.length - 1]!.key, chunkRows) : null;
    each(rows);
    count += rows.length;
    rows = next ? await next : [];
  }
  return count;
}

class ImportFailed extends Error {
  readonly code = 'import-failed' as const;
}

/**
 * Import a file. The whole file is parsed and validated before anything is written, and the
 * writes are one transaction: a bad file leaves the library exactly as it was.
 */
export async function importLibrary(
  library: Library,
  text: string,
  format: 'backup' | 'bibtex' | 'csl-json' | 'auto',
  filename?: string,
  {
    progress = noProgress,
    chunkRows = IMPORT_CHUNK,
  }: {
    /** Told each step, and how many papers of a backup are written. */
    progress?: Progress;
    /** Rows per write of a backup import; tests make it small to cross chunk boundaries. */
    chunkRows?: number;
  } = {},
): Promise<ImportResult> {
  const kind = format === 'auto' ? detectFormat(text, filename) : format;
  if (!kind) throw new ImportFailed('Not a Déjà Lu backup, BibTeX or CSL-JSON file: nothing was imported.');
  progress('checking');
  try {
    if (kind === 'backup') return await importBackup(library, parseBackupGrouped(text), chunkRows, progress);
    const papers = kind === 'bibtex' ? parseBibtex(text) : parseCslJson(text);
    return await importPapers(library, papers, kind);
  } catch (err) {
    if (err instanceof ImportFailed) throw err;
    const why = errorMessage(err);
    throw new ImportFailed(`${why} Nothing was imported.`);
  }
}

/**
 * Merge a backup: sightings united (a sighting is the same when paper, visit and time agree), tags
 * united, notes kept from both sides. Importing the same file twice changes nothing.
 *
 * Rows are written `chunkRows` at a time as they are merged, all in the one transaction: while the
 * database writes one chunk in its own process, this one analyses the next chunk's titles (and the
 * catalog takes in the chunk just written), instead of the worker and the database waiting for
 * each other in turn.
 */
async function importBackup(library: Library, backup: GroupedBackup, chunkRows: number, progress: Progress): Promise<ImportResult> {
  const db = library.db;
  let t = performance.now();
  const started = t;
  // The file's sightings, one history per paper.
  const incomingHistory = backup.histories;
  const incoming = new Map(backup.papers.map((p) => [p.key, p]));
  // What finds papers by title, for file papers whose keys are not here (see joinKnownPapers): only
  // asked for when there is a library to look in. A restore into an empty one needs none.
  const from = library.catalog.nearNow() ?? ((await db.papers.count()) > 0 ? await library.catalog.nearTitles() : null);
  // Restoring into a library that holds no work of the reader's yet (a new profile, perhaps with a
  // digest or two seen): what it then holds of the reader's is that backup, made when the file says.
  const madeAt = Date.parse(backup.exportedAt);
  const restoring = Number.isFinite(madeAt) && (await library.catalog.get()).ownWorkSince(-Infinity) === 0;
  progress('merging');
  const result = await db.transaction('rw', [db.papers, db.history, db.meta, db.notSame, db.settings], async () => {
    let added = 0;
    let updated = 0;
    let newSightings = 0;
    // One read of the table's keys (an index-only walk) tells which file papers are here already.
    const present = new Set((await db.papers.toCollection().primaryKeys()) as string[]);
    const moved = present.size && from ? await joinKnownPapers(library, from, present, incoming, incomingHistory) : new Map<string, string>();
    const paperKeys = [...incoming.keys()];
    const historyKeys = [...incomingHistory.keys()];
    // Sightings of papers the file leaves out: a paper already here gains them (and its counts
    // follow); sightings of a paper in neither the file nor the library have nothing to belong to.
    const outsideKeys = historyKeys.filter((k) => !incoming.has(k));
    const [existing, existingHistory, outside] = await Promise.all([
      readPresent(db.papers, paperKeys, present),
      readPresent(db.history, historyKeys),
      outsideKeys.length ? db.papers.bulkGet(outsideKeys) : Promise.resolve([]),
    ]);
    t = measure('import.readExisting', t);
    const historyOf = new Map(historyKeys.map((k, i) => [k, existingHistory[i]]));
    /** Every key to merge: the file's papers, then papers already here that gain sightings. */
    const keys = [...paperKeys];
    const have = new Map<string, PaperRow>();
    existing.forEach((row, i) => row && have.set(paperKeys[i]!, row));
    outside.forEach((row, i) => {
      if (row) {
        keys.push(outsideKeys[i]!);
        have.set(outsideKeys[i]!, row);
      }
    });
    // Written in key order, whatever the file's order (an export is in key order; a file merged or
    // edited elsewhere need not be): LevelDB compacts sorted writes for less. A shuffled 100k
    // backup imported in 25.5 s against 28.8 s. Keys compare by UTF-16 code units, as in IndexedDB.
    keys.sort();

    /** One paper merged with its sightings; a history only when it gains some. */
    const merge = (key: string): { row: PaperRow; changed: boolean; history?: HistoryRow } => {
      const p = incoming.get(key);
      const old = have.get(key);
      // The existing row as it was, to write only what the file changes.
      const original = old && JSON.stringify(old);
      let row: PaperRow;
      if (!old) {
        added++;
        row = withDerived({ ...p! });
      } else if (p) {
        // Counts come from sightings below; merge the rest.
        const merged = mergeRows(old, { ...p, seenCount: 0 });
        merged.seenCount = old.seenCount;
        if (JSON.stringify(merged) !== original) updated++;
        row = withDerived(merged);
      } else row = old;
      const sightings = incomingHistory.get(key);
      let history: HistoryRow | undefined;
      if (sightings) {
        const list = historyOf.get(key)?.sightings ?? [];
        const seen = new Set(list.map(sightingId));
        const before = list.length;
        for (const s of sightings) {
          const id = sightingId(s);
          if (seen.has(id)) continue;
          seen.add(id);
          list.push(s);
          // Counts of a paper that was already here follow the sightings it gains; a new paper's
          // counts come with it from the file.
          if (old) countSighting(row, s);
        }
        if (list.length > before) {
          newSightings += list.length - before;
          list.sort((a, b) => a.at - b.at);
          history = { paperKey: key, sightings: list };
        }
      }
      // A paper the file leaves as it was is not written again (importing a file twice writes nothing).
      return { row, changed: !old || JSON.stringify(row) !== original, history };
    };

    // Changed rows are written `chunkRows` at a time, as soon as that many are merged; the write
    // IMPORT_AHEAD before is awaited only then, so the database always has the next one queued.
    // (A file that changes little still writes papers in bulk, which the journal does not list
    // key by key: see JOURNAL_BULK.)
    const writes: Promise<unknown>[] = [];
    let papers: PaperRow[] = [];
    let histories: HistoryRow[] = [];
    const flush = () => {
      const written = Promise.all([papers.length && db.papers.bulkPut(papers), histories.length && db.history.bulkPut(histories)]);
      // Awaited in turn: a failed write then rejects this transaction's function, which aborts it
      // and so undoes every chunk written before.
      written.catch(() => {});
      writes.push(written);
      papers = [];
      histories = [];
    };
    progress('writing', 0, keys.length);
    for (let i = 0; i < keys.length; i++) {
      const m = merge(keys[i]!);
      if (m.changed) papers.push(m.row);
      if (m.history) histories.push(m.history);
      if (papers.length < chunkRows && histories.length < chunkRows) continue;
      flush();
      if (writes.length > IMPORT_AHEAD) await writes.shift();
      progress('writing', i + 1, keys.length);
    }
    if (papers.length || histories.length) flush();
    t = measure('import.mergeAndWrite', t);
    await Promise.all(writes);
    progress('writing', keys.length, keys.length);
    await addToSightingTotal(db, newSightings);
    t = measure('import.drain', t);
    // Pairs follow the file papers that joined a paper here under its key.
    const pairs = backup.notSame.map((p) => ({ ...p, a: moved.get(p.a) ?? p.a, b: moved.get(p.b) ?? p.b })).filter((p) => p.a !== p.b);
    await db.notSame.bulkPut(pairs.map((p) => ({ ...p, pair: pairKey(p.a, p.b) })));
    for (const s of backup.settings) {
      if (s.key !== 'settings' || (await db.settings.get('settings'))) continue;
      const parsed = SettingsSchema.safeParse(s.value);
      if (parsed.success) await db.settings.put({ key: 'settings', value: parsed.data });
    }
    if (restoring) await db.meta.put({ key: 'backup', value: { at: madeAt, papers: backup.papers.length } });
    return { added, updated, sightings: newSightings, format: 'backup' as const };
  });
  t = measure('import.commit', t);
  measure('import.total', started);
  return result;
}

/**
 * Another device's backup may hold a paper this library has under another key (there known by its
 * title, here by its arXiv id). Each file paper whose key is not here is resolved as a card is — by
 * arXiv id, DOI or exact title; a near title is a judgement the user makes, never merged unasked —
 * in one batch (the file's papers whose keys are here, and every paper of a restore into an empty
 * library, ask for nothing). A found paper takes the file paper in: it moves in `incoming` (with
 * its sightings in `histories`) to that paper's key, where the import merges it as it merges a
 * paper of the same key (mergeRows, sightings joined). When the file knows the paper by its arXiv id
 * and this library does not, the paper here moves to the file's key instead (Library.rekey, which
 * takes its sightings and pairs along; `present` follows). Returns the file keys moved, old → new.
 * Runs inside the import's transaction.
 */
async function joinKnownPapers(
  library: Library,
  from: Catalog | NearKeys,
  present: Set<string>,
  incoming: Map<string, PaperRow>,
  histories: Map<string, Sighting[]>,
): Promise<Map<string, string>> {
  const moved = new Map<string, string>();
  const absent = [...incoming.values()].filter((p) => !present.has(p.key));
  if (!absent.length) return moved;
  const fileKeys = new Set(incoming.keys());
  const probes = absent.map((p) => probeOf({ title: p.title, authors: p.authors, arxivId: p.arxivId, version: p.version, doi: p.doi, year: p.year }));
  const found = await library.resolve(probes, from);
  // A paper here that took over a file paper's key since the file was made (the reader merged the
  // two, or it showed its arXiv id) is that paper, whatever its title and ids say now.
  const heirs = await heirsOf(library.db, absent.map((p) => p.key));
  /** Papers here moved to a file paper's key. */
  const rekeyed = new Set<string>();
  for (let i = 0; i < absent.length; i++) {
    const p = absent[i]!;
    const heir = heirs.get(p.key);
    const here = heir ? { row: heir } : found[i];
    if (!here || (!heir && found[i]!.match.rule === 'similar-title') || rekeyed.has(here.row.key)) continue;
    const key = here.row.key;
    // The file holds the paper here as a paper of its own, apart from this one: they stay apart,
    // unless the reader joined them after the file was made.
    if (fileKeys.has(key) && !heir) continue;
    if (!heir && p.arxivId && p.key === `arxiv:${p.arxivId}` && !key.startsWith('arxiv:')) {
      await library.rekey(here.row, p.key);
      rekeyed.add(key);
      present.delete(key);
      present.add(p.key);
      continue;
    }
    incoming.delete(p.key);
    const other = incoming.get(key);
    incoming.set(key, other ? mergeRows(other, { ...p, key }) : { ...p, key });
    const sightings = histories.get(p.key);
    if (sightings) {
      histories.delete(p.key);
      histories.set(key, [...(histories.get(key) ?? []), ...sightings]);
    }
    moved.set(p.key, key);
  }
  return moved;
}

/** Rows (papers, histories) per write of a backup import (see importBackup); at least JOURNAL_BULK. */
const IMPORT_CHUNK = 2_000;
/** Chunks whose writes may be in flight while the next one is merged. */
const IMPORT_AHEAD = 2;

/**
 * `table.bulkGet(keys)` without asking for keys that are not there: one read of the table's keys
 * (an index-only walk; `present` when the caller has read them), then rows only for the keys
 * present. Restoring a backup into an empty or small library asks for 100k absent keys otherwise,
 * one IndexedDB request each.
 */
async function readPresent<T>(
  table: { toCollection(): { primaryKeys(): Promise<unknown[]> }; bulkGet(keys: string[]): Promise<(T | undefined)[]> },
  keys: string[],
  present?: Set<string>,
): Promise<(T | undefined)[]> {
  present ??= new Set((await table.toCollection().primaryKeys()) as string[]);
  const wanted = keys.filter((k) => present.has(k));
  const rows = wanted.length ? await table.bulkGet(wanted) : [];
  const byKey = new Map(wanted.map((k, i) => [k, rows[i]]));
  return keys.map((k) => byKey.get(k));
}
