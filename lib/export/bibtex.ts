/**
 * BibTeX export (for Zotero, JabRef, LaTeX) and import (BibTeX as Zotero or Better BibTeX write it).
 */
import type { PaperRow } from '../db';
import { normalizeDoi, parseArxivClass, parseArxivId } from '../identity';
import { readBibtex, type BibEntry } from './bibtex-read';
import { CitationKeys, entryKind, exportDoi, type CiteRef, isArxivDoi, isOrganisation, paperUrl, paperYear, splitSquashed, type ExportPaper } from './common';
import { isArxivOnlyNote, publicationName, tagsFromKeywords, type ImportedPaper } from './imported';
import { venueNumbers } from '../venue';
import { decodeLatex, escapeLatex, escapeLatexText, protectTitle, squash } from './latex';

// ---- export --------------------------------------------------------------------------------------

/** A name as BibTeX wants it: "van Beethoven, Ludwig"; one-word or odd names braced whole. */
function bibName(name: string): string {
  const clean = squash(name);
  // "and" or a comma inside a name would split it; an organisation is one unit.
  if (/\band\b/i.test(clean) || clean.includes(',') || isOrganisation(clean)) return `{${escapeLatex(clean)}}`;
  const { given, family } = splitSquashed(clean);
  // Most names have nothing to escape: one test for the whole name rather than one per part.
  if (!LATEX_SPECIAL.test(clean) && !clean.includes('--')) return given ? `${family}, ${given}` : family;
  if (!given) return escapeLatex(family);
  return `${escapeLatex(family)}, ${escapeLatex(given)}`;
}
const LATEX_SPECIAL = /[\\{}&%$#_~^]/;

/** `escapeLatexText(squash(text))`, with one scan (and a search for `--`) for the usual text that needs neither. */
function latexText(text: string): string {
  return LATEX_OR_SPACE.test(text) || text.includes('--') ? escapeLatexText(squash(text)) : text.trim();
}
const LATEX_OR_SPACE = /\s\s|[^\S ]|[\\{}&%$#_~^]/;

/** Verbatim fields (url, doi, eprint) are not LaTeX, but their braces must still balance. */
function verbatim(value: string): string {
  return VERBATIM_SPECIAL.test(value) ? value.replace(/[{}\\\s]/g, (c) => encodeURIComponent(c)) : value;
}
const VERBATIM_SPECIAL = /[{}\\\s]/;

/**
 * The BibTeX for `papers`, one entry each, in the given order, keys unique within the file. For a
 * selection, `library` (every paper's `CiteRef`) gives each paper the key the whole library's file
 * gives it (see CitationKeys).
 */
export function toBibtex(papers: readonly (PaperRow | ExportPaper)[], library?: Iterable<CiteRef>): string {
  const writer = new BibtexWriter();
  writer.add(papers);
  return writer.finish(library);
}

/**
 * Entries to paste into a manuscript's `.bib`: the citation keys the library's file gives them
 * (`library`: every paper's `CiteRef`), and nothing of the reader's own (no reading note, no tags
 * as keywords) nor the abstract, which a bibliography does not print.
 */
export function citationBibtex(papers: readonly (PaperRow | ExportPaper)[], library?: Iterable<CiteRef>): string {
  return toBibtex(
    papers.map((p) => ({ ...p, abstract: undefined, tags: [], note: '' })),
    library,
  );
}

/**
 * BibTeX written as papers arrive, chunk by chunk, in file order: each entry is formatted when its
 * paper comes, so an export formats one chunk while the next is read. Only the citation keys wait
 * for the end, since which of the papers sharing a base key keeps it is known only then.
 */
export class BibtexWriter {
  private readonly types: string[] = [];
  private readonly bodies: string[] = [];
  private readonly keys = new CitationKeys();

  add(papers: readonly (PaperRow | ExportPaper)[]): void {
    for (const p of papers) {
      this.keys.add(p);
      this.types.push(ENTRY_TYPE[entryKind(p)]);
      this.bodies.push(entryBody(p));
    }
  }

  /** The whole file; the writer is spent. `library`: as for toBibtex. */
  finish(library?: Iterable<CiteRef>): string {
    if (library) this.keys.addNamesakes(library);
    const keys = this.keys.finish();
    const entries = this.bodies.map((body, i) => this.types[i]! + keys[i]! + body);
    this.bodies.length = 0;
    return entries.join('\n');
  }
}

const ENTRY_TYPE = { article: '@article{', conference: '@inproceedings{', preprint: '@misc{' } as const;

/** An entry after its key: `,\n  title = {…}` … `\n}\n`. */
function entryBody(p: ExportPaper): string {
  const doi = exportDoi(p);
  // One string built in place (100k entries in an export): no field list to map and join.
  let out = `,\n  title = {${protectTitle(squash(p.title))}}`;
  if (p.authors.length > 0) {
    let names = bibName(p.authors[0]!);
    for (let i = 1; i < p.authors.length; i++) names += ` and ${bibName(p.authors[i]!)}`;
    out += `,\n  author = {${names}}`;
  }
  const year = paperYear(p);
  if (year !== undefined) out += `,\n  year = {${year}}`;
  if (p.journal) out += `,\n  journal = {${latexText(p.journal)}}`;
  else if (p.proceedings) out += `,\n  booktitle = {${latexText(p.proceedings)}}`;
  if (p.volume) out += `,\n  volume = {${escapeLatex(p.volume)}}`;
  if (p.issue) out += `,\n  number = {${escapeLatex(p.issue)}}`;
  // Stored with an en dash as printed; BibTeX writes a range `--`.
  if (p.pages) out += `,\n  pages = {${escapeLatex(p.pages).replace(/–/g, '--')}}`;
  if (p.arxivId) {
    out += `,\n  eprint = {${verbatim(p.arxivId)}},\n  archivePrefix = {arXiv}`;
    if (p.primaryClass) out += `,\n  primaryClass = {${verbatim(p.primaryClass)}}`;
  }
  if (doi) out += `,\n  doi = {${verbatim(doi)}}`;
  const url = paperUrl(p);
  if (url) out += `,\n  url = {${verbatim(url)}}`;
  // Keywords are never typeset and Better BibTeX reads them verbatim: write tags as they are,
  // minus the characters that would unbalance or escape.
  if (p.tags.length > 0) out += `,\n  keywords = {${p.tags.map((t) => t.replace(/[{}\\,]/g, '')).join(', ')}}`;
  if (p.abstract) out += `,\n  abstract = {${latexText(p.abstract)}}`;
  // `annote`, not `note`: styles print `note` in the bibliography, and a reading note is private.
  // Written as it is, line breaks and indentation included: the import reads it back the same way.
  const note = p.note.trim();
  if (note) out += `,\n  annote = {${escapeLatex(note)}}`;
  return `${out}\n}\n`;
}

// ---- import --------------------------------------------------------------------------------------

/** Splits at top-level (brace depth 0) matches of `sep`. */
function splitTop(value: string, sep: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0) {
      sep.lastIndex = i;
      const m = sep.exec(value);
      if (m && m.index === i) {
        parts.push(value.slice(start, i));
        i += m[0].length - 1;
        start = i + 1;
      }
    }
  }
  parts.push(value.slice(start));
  return parts;
}

/** "Müller, Jörg and {Google DeepMind} and van Beethoven, Ludwig, Jr" → display names. */
export function parseBibAuthors(raw: string): string[] {
  const names: string[] = [];
  for (const part of splitTop(squash(raw), /\s+and\s+/iy)) {
    const pieces = splitTop(part, /,/y).map((x) => squash(decodeLatex(x)));
    if (pieces.length === 1 && pieces[0]?.toLowerCase() === 'others') continue; // "et al."
    const [last = '', a, b] = pieces;
    const name = pieces.length >= 3 ? `${b} ${last} ${a}` : pieces.length === 2 ? `${a} ${last}` : last;
    const clean = squash(name);
    if (clean) names.push(clean);
  }
  return names;
}

/** A verbatim field's text: no LaTeX decoding beyond the escapes Zotero adds to URLs and DOIs. */
function plain(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const v = raw.replace(/\\([_%&#$])/g, '$1').replace(/[{}]/g, '').trim();
  return v === '' ? undefined : v;
}

/**
 * A reading note (`annote`) as it was written, so our own export comes back unchanged (an import
 * appends a note it does not find): line breaks, indentation and runs of spaces are kept, and `--`
 * or `~` are the characters typed, not dashes and spaces. Only the ends are trimmed.
 */
function readingNote(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const v = decodeLatex(raw, { typography: false }).replace(/\r\n?/g, '\n').trim();
  return v === '' ? undefined : v;
}

/** A typeset `note` keeps its line breaks; only runs of spaces inside a line are collapsed. */
function multiline(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const v = decodeLatex(raw)
    .split(/\r?\n/)
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return v === '' ? undefined : v;
}

function toImported(e: BibEntry): ImportedPaper | null {
  const f = e.fields;
  const text = (name: string): string | undefined => {
    const raw = f[name];
    if (raw === undefined) return undefined;
    const v = squash(decodeLatex(raw));
    return v === '' ? undefined : v;
  };
  const title = text('title');
  if (!title) return null;

  const doiRaw = plain(f.doi);
  const doi = doiRaw ? normalizeDoi(doiRaw) ?? undefined : undefined;
  const url = plain(f.url) ?? plain(f.howpublished?.match(/\\url\{([^}]*)\}/)?.[1]);
  const prefix = (plain(f.archiveprefix) ?? plain(f.eprinttype) ?? 'arxiv').toLowerCase();
  // arXiv ids hide in many fields depending on the exporter; the first one that parses wins.
  const candidates = [
    prefix === 'arxiv' ? plain(f.eprint) : undefined,
    doi,
    url,
    text('note'),
    text('annote'),
    text('journal'),
    text('journaltitle'),
    text('howpublished'),
    text('number'),
    text('eid'),
  ];
  let arxiv: { id: string; version?: number } | null = null;
  for (const c of candidates) {
    if (c && (arxiv = parseArxivId(c))) break;
  }

  const yearText = text('year') ?? text('date');
  const yearNum = Number(yearText?.match(/\b(\d{4})\b/)?.[1]);
  const note = [readingNote(f.annote), multiline(f.note)]
    // Zotero puts "arXiv:2401.01234 [cs]" in `note`: that is an id, not the reader's note.
    .filter((n): n is string => !!n && !isArxivOnlyNote(n))
    .join('\n\n');

  const out: ImportedPaper = {
    title,
    authors: f.author !== undefined ? parseBibAuthors(f.author) : f.editor !== undefined ? parseBibAuthors(f.editor) : [],
    tags: tagsFromKeywords(f.keywords === undefined ? undefined : decodeLatex(f.keywords, { typography: false })),
  };
  if (arxiv) {
    out.arxivId = arxiv.id;
    if (arxiv.version !== undefined) out.version = arxiv.version;
    // `primaryClass` as arXiv and we write it; biblatex calls it `eprintclass`.
    const primaryClass = parseArxivClass(plain(f.primaryclass) ?? plain(f.eprintclass));
    if (primaryClass) out.primaryClass = primaryClass;
  }
  // arXiv's own DOI only told the arXiv id (a candidate above): the paper's DOI is a journal's.
  if (doi && !isArxivDoi(doi)) out.doi = doi;
  const journal = publicationName(text('journal') ?? text('journaltitle'));
  // A booktitle names proceedings only in a conference paper (in an @incollection it is a book's).
  const proceedings = !journal && PROCEEDINGS_TYPES.has(e.type) ? publicationName(text('booktitle')) : undefined;
  if (journal) out.journal = journal;
  if (proceedings) out.proceedings = proceedings;
  if (journal || proceedings) {
    // Numbers only with the name they belong to: DBLP gives CoRR papers `volume = {abs/…}`.
    // `number` is an article's issue; a conference paper's is its series number, not kept.
    const issue = journal ? (text('issue') ?? text('number')) : undefined;
    Object.assign(out, venueNumbers({ volume: text('volume'), issue, pages: text('pages') }));
  }
  if (yearNum >= 1000 && yearNum <= 3000) out.year = yearNum;
  if (url) out.url = url;
  const abstract = text('abstract');
  if (abstract) out.abstract = abstract;
  if (note) out.note = note;
  return out;
}

const PROCEEDINGS_TYPES = new Set(['inproceedings', 'conference']);

/**
 * Papers from a BibTeX file. Entries without a title are skipped; a file with no usable entry,
 * or with broken syntax, throws an Error whose message says what and where.
 */
export function parseBibtex(text: string): ImportedPaper[] {
  if (text.trim() === '') throw new Error('The file is empty.');
  const entries = readBibtex(text);
  if (entries.length === 0) throw new Error('No BibTeX entries found: the file has no "@type{key, …}" entries.');
  const papers = entries.map(toImported).filter((p): p is ImportedPaper => p !== null);
  if (papers.length === 0) throw new Error(`None of the ${entries.length} BibTeX entries has a title.`);
  return papers;
}
