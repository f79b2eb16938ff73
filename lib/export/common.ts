/** Helpers shared by the export formats: years, links, names and citation keys. */
import type { PaperRow } from '../db';

/** The fields of a paper that exports read; a `PaperRow` or a `PaperView` both fit. */
export type ExportPaper = Pick<
  PaperRow,
  'key' | 'title' | 'authors' | 'abstract' | 'arxivId' | 'version' | 'doi' | 'year' | 'publishedAt' | 'urls' | 'tags' | 'note'
> &
  Partial<Pick<PaperRow, 'savedAt' | 'firstSeen' | 'lastSeen' | 'seenCount'>>;

/** The year an arXiv id was issued: every id encodes its month of submission. */
export function yearFromArxivId(id: string): number | undefined {
  const m = id.match(/^(\d{2})\d{2}\.\d{4,5}$/) ?? id.match(/^[a-z-]+\/(\d{2})\d{5}$/);
  if (!m?.[1]) return undefined;
  const yy = Number(m[1]);
  return yy >= 91 ? 1900 + yy : 2000 + yy;
}

/** Best known year: stored year, publication date, then the arXiv id. */
export function paperYear(p: ExportPaper): number | undefined {
  if (p.year !== undefined) return p.year;
  const fromDate = p.publishedAt?.match(/^(\d{4})/)?.[1];
  if (fromDate) return Number(fromDate);
  return p.arxivId ? yearFromArxivId(p.arxivId) : undefined;
}

/** [year, month?, day?] from the publication date, else the year alone. */
export function paperDateParts(p: ExportPaper): number[] | undefined {
  const m = p.publishedAt?.match(/^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/);
  if (m?.[1]) return [m[1], m[2], m[3]].filter((x): x is string => x !== undefined).map(Number);
  const y = paperYear(p);
  return y === undefined ? undefined : [y];
}

export const arxivAbsUrl = (id: string): string => `https://arxiv.org/abs/${id}`;
export const arxivPdfUrl = (id: string): string => `https://arxiv.org/pdf/${id}`;
export const hfPaperUrl = (id: string): string => `https://huggingface.co/papers/${id}`;
/** The DOI arXiv (DataCite) issues for every paper, as Zotero writes it. */
export const arxivDoi = (id: string): string => `10.48550/arXiv.${id}`;

/** Is this DOI arXiv's own rather than a journal's? */
export function isArxivDoi(doi: string): boolean {
  return /^10\.48550\/arxiv\./i.test(doi);
}

/** The link a reference manager should keep: arXiv abstract, else a stored web link, else the DOI. */
export function paperUrl(p: ExportPaper): string | undefined {
  if (p.arxivId) return arxivAbsUrl(p.arxivId);
  const web = p.urls.find((u) => /^https?:\/\//i.test(u));
  if (web) return web;
  return p.doi ? `https://doi.org/${p.doi}` : undefined;
}

/** The DOI to export: a journal DOI when known, else arXiv's DOI for preprints. */
export function exportDoi(p: ExportPaper): string | undefined {
  if (p.doi) return p.doi;
  return p.arxivId ? arxivDoi(p.arxivId) : undefined;
}

const PARTICLES = new Set(['von', 'van', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'dos', 'das', 'do', 'ter', 'ten', 'zu', 'y', 'al', 'el', 'bin', 'ibn']);

/**
 * "Ludwig van Beethoven" → { given: "Ludwig", family: "van Beethoven" }. Stored authors are
 * free text from pages, so this is a heuristic: the last word is the family name, with any
 * lower-case particles just before it.
 */
export function splitName(name: string): { given?: string; family: string } {
  const trimmed = name.trim();
  if (MESSY_SPACE.test(trimmed)) return splitWords(trimmed.split(/\s+/).filter((w) => w !== ''));
  return splitSquashed(trimmed);
}

/**
 * `splitName` of a name that is trimmed and single-spaced (`squash`ed), as most are: the usual
 * "Given Family" is cut at its last space without building a word list.
 */
export function splitSquashed(name: string): { given?: string; family: string } {
  const last = name.lastIndexOf(' ');
  if (last === -1) return { family: name };
  const before = name.lastIndexOf(' ', last - 1);
  // Two words, or a third-last word that is no particle: the last word is the family name.
  if (before === -1 || !isParticle(name.slice(before + 1, last))) return { given: name.slice(0, last), family: name.slice(last + 1) };
  return splitWords(name.split(' '));
}

function splitWords(words: string[]): { given?: string; family: string } {
  if (words.length <= 1) return { family: words[0] ?? '' };
  let start = words.length - 1;
  while (start > 1 && isParticle(words[start - 1] ?? '')) start--;
  return { given: words.slice(0, start).join(' '), family: words.slice(start).join(' ') };
}

const isParticle = (word: string) => PARTICLES.has(word.toLowerCase()) && /^\p{Ll}/u.test(word);
/** Whitespace other than a single space: a run, or a tab, newline, no-break space… */
const MESSY_SPACE = /\s\s|[^\S ]/;

/** Plain lower-case ASCII letters and digits: what citation keys are made of. */
export function asciiWord(text: string): string {
  // ASCII needs no decomposition (the usual case: every title word of a 100k-paper export).
  if (!NON_ASCII.test(text)) return text.toLowerCase().replace(NOT_KEY_CHAR, '');
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[øØ]/g, 'o')
    .replace(/[łŁ]/g, 'l')
    .replace(/[æÆ]/g, 'ae')
    .toLowerCase()
    .replace(NOT_KEY_CHAR, '');
}
const NON_ASCII = /[^\x00-\x7f]/;
const NOT_KEY_CHAR = /[^a-z0-9]/g;

const STOPWORDS = new Set(
  ('a an the on of in for to and or with without towards toward via is are be do does from by at as ' +
    'into onto over under can how what when why which who we our your you its it this that these those ' +
    'not no yet all any').split(' '),
);

/** "vaswani2017attention": first author's family name, year, first significant title word. */
export function baseCitationKey(p: ExportPaper): string {
  const first = p.authors[0];
  const family = first ? asciiWord(splitName(first).family) : '';
  const year = paperYear(p);
  let word: string | undefined;
  // Word by word until the first significant one: most titles decide on their first word or two.
  for (const part of p.title.split(TITLE_WORD_BREAK)) {
    const w = asciiWord(part);
    if (w.length > 0 && !STOPWORDS.has(w) && !/^\d+$/.test(w)) {
      word = w;
      break;
    }
  }
  const key = `${family || 'anon'}${year ?? ''}${word ?? ''}`;
  return key;
}
const TITLE_WORD_BREAK = /[\s\-–—:;,.!?/()[\]{}"'`]+/;

/**
 * One unique key per paper, in input order. Papers sharing a base key are ordered by their stored
 * key, so the same set always gets the same suffixes: the first keeps the base, then `a`, `b`, …
 */
export function citationKeys(papers: readonly ExportPaper[]): string[] {
  return uniqueKeys(
    papers.map(baseCitationKey),
    papers.map((p) => p.key),
  );
}

/**
 * `citationKeys` from each paper's base key and stored key (same order): a key's suffix depends on
 * every other paper's base, so an export made chunk by chunk collects both and decides at the end.
 */
export function uniqueKeys(bases: readonly string[], storedKeys: readonly string[]): string[] {
  const groups = new Map<string, number[]>();
  bases.forEach((b, i) => {
    const g = groups.get(b);
    if (g) g.push(i);
    else groups.set(b, [i]);
  });
  const used = new Set(groups.keys());
  const keys = [...bases];
  for (const [base, idx] of groups) {
    if (idx.length < 2) continue;
    idx.sort((x, y) => cmp(storedKeys[x] ?? '', storedKeys[y] ?? '') || x - y);
    let n = 0;
    for (const i of idx.slice(1)) {
      let candidate: string;
      // A suffixed key can collide with another paper's base ("smith2020a" + title "a…"): skip it.
      do candidate = base + suffix(n++);
      while (used.has(candidate));
      used.add(candidate);
      keys[i] = candidate;
    }
  }
  return keys;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** a…z, then aa, ab, …: enough for any number of namesakes. */
function suffix(n: number): string {
  let s = '';
  let k = n;
  do {
    s = String.fromCharCode(97 + (k % 26)) + s;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return s;
}
