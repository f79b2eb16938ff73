import { TAG_MAX, tagText } from '../tags';
import { parseArxivId } from '../identity';
import type { Venue } from '../venue';
import { errorMessage } from '../errors';

/**
 * What an import yields before the library merges it, and which parser a file needs.
 * Pure: the background calls these with a file's text.
 */

/** One paper read from an imported BibTeX or CSL-JSON file; the library saves each one. */
/** Its journal or proceedings' name by `publicationName`, the numbers by `venueNumbers`. */
export interface ImportedPaper extends Venue {
  title: string;
  /** "First Last", as the library stores authors. */
  authors: string[];
  /** Without version. */
  arxivId?: string;
  version?: number;
  /** arXiv's primary subject class (`cs.CL`), only with an arXiv id. */
  primaryClass?: string;
  /** Normalised (lower-case, bare `10.…`). */
  doi?: string;
  year?: number;
  url?: string;
  abstract?: string;
  /** Already normalised the way the protocol normalises tags. */
  tags: string[];
  note?: string;
}

export type DetectedFormat = 'backup' | 'bibtex' | 'csl-json';

/**
 * The format of an import file, from its content first (a `.json` may be a backup or CSL-JSON) and
 * its name only as a tie-breaker. Looks at the head of the text only: files can be hundreds of MB.
 */
export function detectFormat(text: string, filename?: string): DetectedFormat | null {
  const head = text.slice(0, 4_096).replace(/^\uFEFF/, '').trimStart();
  if (head === '') return null;
  const ext = filename?.toLowerCase().match(/\.([a-z0-9-]+)$/)?.[1];
  if (head.startsWith('{') || head.startsWith('[')) {
    if (/"format"\s*:\s*"dejalu-backup"/.test(head)) return 'backup';
    if (head.startsWith('[')) return 'csl-json';
    // A lone CSL item is an object with a type and a title. Any other object goes to the backup
    // parser, whose errors say what a foreign or truncated JSON file is missing.
    if (/"type"\s*:/.test(head) && /"title"\s*:/.test(text.slice(0, 200_000))) return 'csl-json';
    return 'backup';
  }
  if (/@\s*[A-Za-z]+\s*[{(]/.test(text.slice(0, 200_000))) return 'bibtex';
  if (ext === 'bib' || ext === 'bibtex') return 'bibtex';
  return null;
}

/**
 * Tags from a keyword list ("a, b; c"), by the one tag rule (lib/tags.ts) so imported tags meet
 * typed ones, de-duplicated in order. A keyword too long to be a tag is left out rather than cut.
 */
export function tagsFromKeywords(keywords: string | undefined): string[] {
  if (!keywords) return [];
  const out: string[] = [];
  for (const part of keywords.split(/[,;]/)) {
    const t = tagText(part);
    if (t && t.length <= TAG_MAX && !out.includes(t)) out.push(t);
  }
  return out;
}

/**
 * A journal's or proceedings' name as an entry gives it (BibTeX `journal`/`journaltitle`/`booktitle`,
 * CSL `container-title`), unless it names the preprint server: Google Scholar writes "arXiv preprint
 * arXiv:…", DBLP "CoRR", Semantic Scholar "ArXiv", none of which a bibliography should print.
 */
export function publicationName(text: string | undefined): string | undefined {
  const t = text?.replace(/\s+/g, ' ').trim();
  if (!t || t.length > JOURNAL_MAX || /^(?:arxiv|corr)\b/i.test(t) || parseArxivId(t) !== null) return undefined;
  return t;
}
const JOURNAL_MAX = 500;

/** Zotero's "arXiv:2401.01234 [cs]" note or Extra line: an id, not something the reader wrote. */
export function isArxivOnlyNote(note: string): boolean {
  return /^\s*(?:arxiv\s*:?\s*)?\S+\s*(?:\[[\w.-]+\])?\s*$/i.test(note) && parseArxivId(note) !== null;
}

/** A JSON parse failure in words; a cut-off download is told apart since its fix differs. */
export function jsonErrorMessage(text: string, err: unknown, what: string): string {
  const msg = errorMessage(err);
  const at = Number(msg.match(/at position (\d+)/)?.[1] ?? NaN);
  if (/Unexpected end|Unterminated string/i.test(msg) || at >= text.trimEnd().length) {
    return `The ${what} file is incomplete: its JSON stops in the middle (was the file cut off?).`;
  }
  return `The ${what} file is not valid JSON (${msg}).`;
}
