/**
 * A reference manager's file (BibTeX, CSL-JSON: Zotero's exports, or ours come back) into the
 * library: each entry becomes a saved paper, or joins the paper it is (lib/transfer.ts reads the
 * file and calls this; a backup is lib/transfer.ts's own).
 */
import type { PaperRow } from './db';
import { DedupIndex } from './dedup';
import type { ImportedPaper } from './export/imported';
import { BatchRows } from './library/batch-rows';
import { heirsOf } from './library/heirs';
import { forStorage, newRow, probeOf, type Library } from './library/index';
import { keyOf, learn, refOf, refOfProbe } from './library/rows';
import type { ImportResult } from './messages';
import { learnVenue } from './venue';

/**
 * BibTeX / CSL-JSON entries become saved papers; keywords become tags; notes are appended, never
 * replaced. An entry is the library's paper it resolves to, else a paper an earlier entry of the
 * file made (a preprint and its published version are one paper), else a new one. As a page's card
 * does (Library.upsert), an entry matched by id or exact title teaches the paper its ids, and one
 * that shows an arXiv id moves the paper to `arxiv:<id>`; a near-title match teaches no ids.
 */
export async function importPapers(library: Library, papers: ImportedPaper[], format: 'bibtex' | 'csl-json'): Promise<ImportResult> {
  const db = library.db;
  const from = await library.catalog.nearTitles();
  return db.transaction('rw', db.papers, db.history, db.notSame, async () => {
    const now = Date.now();
    const probes = papers.map((p) =>
      probeOf({
        title: p.title,
        authors: p.authors,
        arxivId: p.arxivId,
        version: p.version,
        primaryClass: p.primaryClass,
        doi: p.doi,
        url: p.url,
        abstract: p.abstract,
        year: p.year,
      }),
    );
    const resolved = await library.resolve(probes, from);
    // Papers stored under the DOI alone of an entry that also shows its arXiv id: the same paper.
    const twinKeys = [...new Set(probes.flatMap((p) => (p.arxivId && p.doi ? [`doi:${p.doi}`] : [])))];
    const twins = new Map<string, PaperRow>();
    for (const r of twinKeys.length ? await db.papers.bulkGet(twinKeys) : []) if (r) twins.set(r.key, r);

    // An entry that is not in the library by id or exact title, but whose own key a paper took over
    // (the reader merged it into that paper, or it was re-keyed): that paper. Without this, a file
    // imported again would bring back every title-only paper merged away since.
    const retired = [...new Set(probes.flatMap((p, i) => (resolved[i] && resolved[i].match.rule !== 'similar-title' ? [] : [keyOf(p)])))];
    const heirs = await heirsOf(db, retired);

    let added = 0;
    /** The library's papers this import changed, by the key each had before it. */
    const updated = new Set<string>();
    /** The papers this import made, for the entries after them to match. */
    const made = new DedupIndex();
    const remember = (row: PaperRow) => made.add({ key: row.key, ...refOf(row) });
    /** Every paper this import writes, by its key now, following the papers it moves. */
    const rows = new BatchRows(library, (oldKey, newKey, next) => {
      if (made.remove(oldKey) || made.has(newKey)) remember(next);
    });

    for (let i = 0; i < papers.length; i++) {
      const entry = papers[i]!;
      const p = probes[i]!;
      const found = resolved[i];
      let fuzzy = found?.match.rule === 'similar-title';
      let row: PaperRow | undefined;
      if (found && !fuzzy) row = rows.get(found.row.key) ?? found.row;
      else {
        // Not in the library by id or title: perhaps an earlier entry of this file made it, which a
        // near-title match in the library does not outrank.
        const hit = made.find(refOfProbe(p));
        const heir = heirs.get(keyOf(p));
        if (hit && !(found && hit.rule === 'similar-title')) {
          row = rows.get(hit.key)!;
          fuzzy = hit.rule === 'similar-title';
        } else if (heir) {
          row = rows.get(heir.key) ?? heir;
          fuzzy = false;
          updated.add(heir.key);
        } else if (found) row = rows.get(found.row.key) ?? found.row;
        // An entry with the key of a paper this import wrote is that paper.
        else row = rows.get(keyOf(p));
      }
      if (found && row && rows.current(found.row.key) === row.key) updated.add(found.row.key);
      const isNew = !row;
      if (!row) {
        row = newRow(p, now);
        added++;
      } else if (!fuzzy) {
        // A near-title match hands the paper nothing of the entry but its tags and note (see
        // Library.upsert): its ids, link, authors and abstract may be another paper's.
        learn(row, p);
      }
      // Where it was published, like the ids, only from an entry that is surely this paper.
      if (!fuzzy) learnVenue(row, entry);
      if (!fuzzy && rows.wantsIdentity(row, p)) {
        row = await rows.identify(row, p, (doiKey) => {
          const twin = twins.get(doiKey);
          if (twin) updated.add(doiKey);
          return twin;
        });
      }
      row.savedAt ??= now;
      row.tags = [...new Set([...row.tags, ...entry.tags])];
      // Compared without regard to whitespace: a note that went out in a file and came back (from a
      // reference manager that re-wrapped it) is the same note.
      if (entry.note && !spaced(row.note).includes(spaced(entry.note))) row.note = row.note ? `${row.note}\n\n${entry.note}` : entry.note;
      if (!row.sites.includes('import')) row.sites = [...row.sites, 'import'];
      row.updatedAt = now;
      rows.set(forStorage(row));
      // Later entries match the papers this import made as they are now.
      if (isNew || made.has(row.key)) remember(row);
    }
    await db.papers.bulkPut([...rows.byKey.values()]);
    return { added, updated: updated.size, sightings: 0, format };
  });
}

/** A text with its whitespace runs as single spaces: the same note, however it was wrapped. */
function spaced(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
