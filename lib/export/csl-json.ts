/**
 * CSL-JSON export and import, shaped like Zotero's own: arXiv preprints are `article` items with
 * `publisher: "arXiv"`, `number: "arXiv:…"` and arXiv's DOI; journal articles are
 * `article-journal`, conference papers `paper-conference`.
 */
import { z } from 'zod';
import type { PaperRow } from '../db';
import { normalizeDoi, parseArxivId } from '../identity';
import { citationKeys, entryKind, exportDoi, type CiteRef, isArxivDoi, isOrganisation, paperDateParts, paperUrl, splitName, type ExportPaper } from './common';
import { venueNumbers } from '../venue';
import { isArxivOnlyNote, publicationName, jsonErrorMessage, tagsFromKeywords, type ImportedPaper } from './imported';

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

export interface CslItem {
  id: string;
  type: string;
  'citation-key'?: string;
  title: string;
  author?: CslName[];
  /** The journal of an `article-journal`, the proceedings of a `paper-conference`. */
  'container-title'?: string;
  volume?: string;
  issue?: string;
  /** Pages, "583-589". */
  page?: string;
  issued?: { 'date-parts': number[][] };
  URL?: string;
  DOI?: string;
  publisher?: string;
  number?: string;
  abstract?: string;
  keyword?: string;
  /** The reader's note: CSL's `annote`, which citation styles do not print. */
  annote?: string;
}

function cslName(name: string): CslName {
  if (isOrganisation(name)) return { literal: name.trim().replace(/\s+/g, ' ') };
  const { given, family } = splitName(name);
  return given ? { family, given } : { literal: family };
}

/**
 * CSL items for `papers`, ids being the same citation keys as the BibTeX export's; with `library`
 * (every paper's `CiteRef`), a selection cites by the whole library's keys (see toBibtex).
 */
export function toCslItems(papers: readonly (PaperRow | ExportPaper)[], library?: Iterable<CiteRef>): CslItem[] {
  const keys = citationKeys(papers, library);
  return papers.map((p, i) => {
    const key = keys[i] ?? `paper${i + 1}`;
    const kind = entryKind(p);
    const item: CslItem = { id: key, type: CSL_TYPE[kind], 'citation-key': key, title: p.title };
    const container = p.journal ?? p.proceedings;
    if (container) item['container-title'] = container;
    if (p.volume) item.volume = p.volume;
    if (p.issue) item.issue = p.issue;
    // CSL writes a range with a hyphen (Zotero's export does); styles print their own dash.
    if (p.pages) item.page = p.pages.replace(/–/g, '-');
    if (p.authors.length > 0) item.author = p.authors.map(cslName);
    const date = paperDateParts(p);
    if (date) item.issued = { 'date-parts': [date] };
    const url = paperUrl(p);
    if (url) item.URL = url;
    const doi = exportDoi(p);
    if (doi) item.DOI = doi;
    if (p.arxivId && kind === 'preprint') {
      item.publisher = 'arXiv';
      item.number = `arXiv:${p.arxivId}`;
    }
    if (p.abstract) item.abstract = p.abstract;
    if (p.tags.length > 0) item.keyword = p.tags.join(', ');
    if (p.note.trim()) item.annote = p.note.trim();
    return item;
  });
}

const CSL_TYPE = { article: 'article-journal', conference: 'paper-conference', preprint: 'article' } as const;

/** CSL-JSON text (an array of items, as Zotero exports and imports it). */
export function toCslJson(papers: readonly (PaperRow | ExportPaper)[], library?: Iterable<CiteRef>): string {
  return JSON.stringify(toCslItems(papers, library), null, 2);
}

// ---- import --------------------------------------------------------------------------------------

const str = z.union([z.string(), z.number()]).transform(String).optional().catch(undefined);
const NameSchema = z.looseObject({ family: str, given: str, literal: str, 'non-dropping-particle': str, 'dropping-particle': str, suffix: str });
const DateSchema = z
  .looseObject({ 'date-parts': z.array(z.array(z.union([z.number(), z.string()]))).optional().catch(undefined), raw: str, literal: str })
  .optional()
  .catch(undefined);
const ItemSchema = z.looseObject({
  title: str,
  type: str,
  author: z.array(z.unknown()).optional().catch(undefined),
  editor: z.array(z.unknown()).optional().catch(undefined),
  issued: DateSchema,
  URL: str,
  DOI: str,
  number: str,
  archive_location: str,
  'container-title': str,
  volume: str,
  issue: str,
  page: str,
  note: str,
  annote: str,
  abstract: str,
  keyword: str,
  // Some tools write an array of keywords instead of CSL's comma-separated string.
  keywords: z.union([z.string(), z.array(z.string())]).optional().catch(undefined),
});

function displayName(raw: unknown): string | null {
  const r = NameSchema.safeParse(raw);
  if (!r.success) return null;
  const n = r.data;
  if (n.literal) return n.literal.trim() || null;
  const parts = [n.given, n['dropping-particle'], n['non-dropping-particle'], n.family, n.suffix];
  const name = parts.filter((x) => x && x.trim()).join(' ').replace(/\s+/g, ' ').trim();
  return name || null;
}

function year(issued: z.infer<typeof DateSchema>): number | undefined {
  const first = issued?.['date-parts']?.[0]?.[0];
  const y = Number(first ?? (issued?.raw ?? issued?.literal)?.match(/\b(\d{4})\b/)?.[1]);
  return y >= 1000 && y <= 3000 ? y : undefined;
}

function toImported(raw: unknown): ImportedPaper | null {
  const r = ItemSchema.safeParse(raw);
  if (!r.success) return null;
  const it = r.data;
  const title = it.title?.replace(/\s+/g, ' ').trim();
  if (!title) return null;
  const doi = it.DOI ? normalizeDoi(it.DOI) ?? undefined : undefined;
  let arxiv: { id: string; version?: number } | null = null;
  for (const c of [doi, it.number, it.archive_location, it.URL, it.note, it['container-title']]) {
    if (c && (arxiv = parseArxivId(c))) break;
  }
  const keywords = Array.isArray(it.keywords) ? it.keywords.join(',') : it.keywords;
  const noteParts = [it.annote, it.note]
    // Zotero's `note` carries the Extra field: "arXiv:2401.01234 [cs]" is an id, not a note.
    .filter((n): n is string => !!n?.trim() && !isArxivOnlyNote(n))
    .map((n) => n.trim());
  const out: ImportedPaper = {
    title,
    authors: (it.author ?? it.editor ?? []).map(displayName).filter((n): n is string => n !== null),
    tags: tagsFromKeywords([it.keyword, keywords].filter(Boolean).join(',')),
  };
  if (arxiv) {
    out.arxivId = arxiv.id;
    if (arxiv.version !== undefined) out.version = arxiv.version;
  }
  // arXiv's own DOI only told the arXiv id (read from it above): the paper's DOI is a journal's.
  if (doi && !isArxivDoi(doi)) out.doi = doi;
  // A preprint's container is its server (Zotero: "arXiv"), a report's its series: only a journal
  // article's container is a journal, and a conference paper's its proceedings.
  const container = it.type === 'article-journal' || it.type === 'paper-conference' ? publicationName(it['container-title']) : undefined;
  if (container) {
    if (it.type === 'article-journal') out.journal = container;
    else out.proceedings = container;
    Object.assign(out, venueNumbers({ volume: it.volume, issue: it.issue, pages: it.page }));
  }
  const y = year(it.issued);
  if (y !== undefined) out.year = y;
  if (it.URL) out.url = it.URL.trim();
  if (it.abstract?.trim()) out.abstract = it.abstract.trim();
  if (noteParts.length > 0) out.note = noteParts.join('\n\n');
  return out;
}

/**
 * Papers from CSL-JSON (an array of items, as Zotero exports; a lone item is accepted too). Items
 * without a title are skipped; anything that is not CSL-JSON throws an Error saying so.
 */
export function parseCslJson(text: string): ImportedPaper[] {
  const t = text.replace(/^\uFEFF/, '');
  if (t.trim() === '') throw new Error('The file is empty.');
  let data: unknown;
  try {
    data = JSON.parse(t);
  } catch (err) {
    throw new Error(jsonErrorMessage(t, err, 'CSL-JSON'));
  }
  const items = Array.isArray(data) ? data : isObject(data) && 'title' in data && 'type' in data ? [data] : null;
  if (!items) throw new Error('This JSON is not CSL-JSON: expected an array of items, each with a "type" and a "title".');
  if (items.length === 0) throw new Error('The CSL-JSON file holds no items.');
  const bad = items.findIndex((x) => !isObject(x));
  if (bad !== -1) throw new Error(`This JSON is not CSL-JSON: item ${bad + 1} is not an object.`);
  const papers = items.map(toImported).filter((p): p is ImportedPaper => p !== null);
  if (papers.length === 0) throw new Error(`None of the ${items.length} CSL-JSON items has a title.`);
  return papers;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
