/** Helpers shared by the export formats: years, links, names and citation keys. */
import type { PaperRow } from '../db';

/** The fields of a paper that exports read; a `PaperRow` or a `PaperView` both fit. */
export type ExportPaper = Pick<
  PaperRow,
  'key' | 'title' | 'authors' | 'abstract' | 'arxivId' | 'version' | 'doi' | 'year' | 'publishedAt' | 'urls' | 'tags' | 'note'
> &
  Partial<Pick<PaperRow, 'savedAt' | 'firstSeen' | 'lastSeen' | 'seenCount' | 'primaryClass' | 'journal' | 'proceedings' | 'volume' | 'issue' | 'pages'>>;

/**
 * What a paper is to a reference manager: a journal article (BibTeX `@article`, CSL
 * `article-journal`) when it names a journal or has a journal's DOI, a conference paper
 * (`@inproceedings`, `paper-conference`) when it names proceedings, else a preprint or web item.
 */
export function entryKind(p: Pick<ExportPaper, 'doi' | 'journal' | 'proceedings'>): 'article' | 'conference' | 'preprint' {
  if (p.journal) return 'article';
  if (p.proceedings) return 'conference';
  return p.doi && !isArxivDoi(p.doi) ? 'article' : 'preprint';
}

/**
 * What a paper's citation key is made of: a library paper outside a selection is known to the
 * selection's keys by these alone (lib/library/catalog.ts `citeRefs`). `authors` needs only the first.
 */
export type CiteRef = Pick<ExportPaper, 'key' | 'title' | 'authors' | 'arxivId' | 'year' | 'publishedAt'> &
  Partial<Pick<ExportPaper, 'firstSeen' | 'savedAt'>>;

/** The year an arXiv id was issued: every id encodes its month of submission. */
export function yearFromArxivId(id: string): number | undefined {
  const m = id.match(/^(\d{2})\d{2}\.\d{4,5}$/) ?? id.match(/^[a-z-]+\/(\d{2})\d{5}$/);
  if (!m?.[1]) return undefined;
  const yy = Number(m[1]);
  return yy >= 91 ? 1900 + yy : 2000 + yy;
}

/** Best known year: stored year, publication date, then the arXiv id. */
export function paperYear(p: Pick<ExportPaper, 'year' | 'publishedAt' | 'arxivId'>): number | undefined {
  if (p.year !== undefined) return p.year;
  const fromDate = p.publishedAt?.match(/^(\d{4})/)?.[1];
  if (fromDate) return Number(fromDate);
  return p.arxivId ? yearFromArxivId(p.arxivId) : undefined;
}

/**
 * [year, month?, day?]: the publication date's parts when its year is `paperYear`'s, else that
 * year alone, so CSL-JSON's `issued` and BibTeX's `year` always agree (a stored year, say a
 * journal's, wins over the arXiv date a digest showed).
 */
export function paperDateParts(p: ExportPaper): number[] | undefined {
  const y = paperYear(p);
  if (y === undefined) return undefined;
  const m = p.publishedAt?.match(/^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/);
  if (m?.[1] && Number(m[1]) === y) return [m[1], m[2], m[3]].filter((x): x is string => x !== undefined).map(Number);
  return [y];
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

/**
 * Google Scholar's page of a work (the one address a profile's row gives): a way to the paper,
 * not the paper's own page, so any other address is preferred to it.
 */
export function isScholarPage(url: string): boolean {
  return /^https?:\/\/scholar\.google\.[a-z.]+\//i.test(url);
}

/** An OpenReview forum: the paper's reviews and discussion, worth a link of its own beside arXiv's. */
export function isOpenReviewForum(url: string): boolean {
  return /^https:\/\/(?:www\.)?openreview\.net\/forum\?/i.test(url);
}

/** A paper's web addresses, its own pages first (in the order met) and Scholar's pages of it last. */
export function webLinks(urls: readonly string[]): string[] {
  const web = urls.filter((u) => /^https?:\/\//i.test(u));
  return [...web.filter((u) => !isScholarPage(u)), ...web.filter(isScholarPage)];
}

/** The link a reference manager should keep: arXiv abstract, else the paper's own web page, else the DOI, else Scholar's page. */
export function paperUrl(p: ExportPaper): string | undefined {
  if (p.arxivId) return arxivAbsUrl(p.arxivId);
  const [web] = webLinks(p.urls);
  if (web && !isScholarPage(web)) return web;
  return p.doi ? `https://doi.org/${p.doi}` : web;
}

/** The DOI to export: a journal DOI when known, else arXiv's DOI for preprints. */
export function exportDoi(p: ExportPaper): string | undefined {
  if (p.doi) return p.doi;
  return p.arxivId ? arxivDoi(p.arxivId) : undefined;
}

const PARTICLES = new Set(['von', 'van', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'dos', 'das', 'do', 'ter', 'ten', 'zu', 'y', 'al', 'el', 'bin', 'ibn']);

/** Last words that make an author an organisation ("Qwen Team", "Google Research"), not a person. */
const ORGANISATION_LAST = new Set(
  'team lab labs laboratory laboratories group consortium collaboration project institute university foundation research inc inc. ltd ltd. corporation corp corp.'.split(' '),
);

/**
 * Whether an author is an organisation by its last word; "AI" only in capitals ("Meta AI"), since
 * Ai is a family name.
 */
export function isOrganisation(name: string): boolean {
  const last = name.slice(name.lastIndexOf(' ') + 1);
  return last.length < name.trim().length && (last === 'AI' || ORGANISATION_LAST.has(last.toLowerCase()));
}

/**
 * "Ludwig van Beethoven" → { given: "Ludwig", family: "van Beethoven" }. Stored authors are
 * free text from pages, so this is a heuristic: the last word is the family name, with any
 * lower-case particles just before it. (Citation keys take the family name from here, organisations
 * included, so keys written before `isOrganisation` stay as they were.)
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
export function baseCitationKey(p: CiteRef): string {
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
 * One unique key per paper, in input order. A key depends on the paper itself and on the papers
 * sharing its base key, never on their order or on unrelated papers: of the papers sharing a base,
 * the one seen or saved first keeps the base, and each other one gets a suffix of its own (see
 * `CitationKeys`).
 */
export function citationKeys(papers: readonly ExportPaper[], library?: Iterable<CiteRef>): string[] {
  const keys = new CitationKeys();
  for (const p of papers) keys.add(p, baseCitationKey(p));
  if (library) keys.addNamesakes(library);
  return keys.finish();
}

/**
 * Citation keys collected paper by paper (an export made chunk by chunk adds each chunk as it is
 * read) and decided at the end, when every namesake is known.
 *
 * Keys are meant to stay put while the library grows, since manuscripts `\cite` them: among papers
 * sharing a base key ("zhang2024scaling"), the one seen or saved first (then the smaller stored
 * key) keeps the base, and every other one gets a suffix made from itself, not from its rank: its
 * arXiv id ("zhang2024scaling-2402.00002"), else a hash of its stored key ("…-1x2f9ak"). Saving a
 * later namesake changes no other key; a selection gets the keys the whole library would give its
 * papers when it is told of the library's other papers (`addNamesakes`), and without that, only
 * when it holds each first namesake. Bases are plain `[a-z0-9]`, so a suffixed key, with its `-`,
 * never meets another paper's base.
 */
export class CitationKeys {
  private readonly bases: string[] = [];
  private readonly stored: string[] = [];
  private readonly since: number[] = [];
  private readonly arxivIds: (string | undefined)[] = [];
  private readonly years: (number | undefined)[] = [];
  /** How many papers get keys; the namesakes after them only take part in deciding them. */
  private own = -1;

  /** `base` is `baseCitationKey(p)`, which a caller may have at hand already. */
  add(p: CiteRef, base = baseCitationKey(p)): void {
    this.bases.push(base);
    this.stored.push(p.key);
    this.since.push(Math.min(p.firstSeen ?? Infinity, p.savedAt ?? Infinity));
    this.arxivIds.push(p.arxivId);
    this.years.push(paperYear(p));
  }

  /**
   * After the selection's papers: the library's papers (all of them; the selected ones are
   * skipped), of which those sharing a selected paper's base are its namesakes. A selection without
   * the paper that keeps a base would otherwise give that base to one of its own, and a `\cite`
   * made from it would name another paper in the whole library's file.
   */
  addNamesakes(library: Iterable<CiteRef>): void {
    this.own = this.bases.length;
    const selected = new Set(this.stored);
    const bases = new Set(this.bases);
    // A base holds the year: most of a large library is ruled out without making its base.
    const years = new Set(this.years);
    for (const p of library) {
      if (selected.has(p.key) || !years.has(paperYear(p))) continue;
      const base = baseCitationKey(p);
      if (bases.has(base)) this.add(p, base);
    }
  }

  /** The keys of the papers added before any namesakes, in the order they were added. */
  finish(): string[] {
    const { bases, stored, since } = this;
    // Most bases are unique: only a base met twice gets a list of its papers.
    const first = new Map<string, number>();
    const shared = new Map<string, number[]>();
    for (let i = 0; i < bases.length; i++) {
      const b = bases[i]!;
      const at = first.get(b);
      if (at === undefined) first.set(b, i);
      else {
        const g = shared.get(b);
        if (g) g.push(i);
        else shared.set(b, [at, i]);
      }
    }
    const keys = [...bases];
    const used = new Set<string>();
    for (const [base, idx] of shared) {
      idx.sort((x, y) => since[x]! - since[y]! || cmp(stored[x]!, stored[y]!) || x - y);
      for (let j = 1; j < idx.length; j++) {
        const i = idx[j]!;
        const own = `${base}-${this.ownSuffix(i)}`;
        let candidate = own;
        // Two namesakes with one suffix (a hash collision, a duplicated arXiv id): letters, in order.
        for (let n = 0; used.has(candidate); n++) candidate = own + suffix(n);
        used.add(candidate);
        keys[i] = candidate;
      }
    }
    return this.own < 0 ? keys : keys.slice(0, this.own);
  }

  /** The paper's arXiv id as key characters, else a base-36 hash of its stored key. */
  private ownSuffix(i: number): string {
    const id = this.arxivIds[i];
    if (id) return id.toLowerCase().replace(NOT_SUFFIX_CHAR, '-');
    return fnv1a(this.stored[i]!).toString(36);
  }
}
/** arXiv ids are digits and dots ("2402.00002") or, before 2007, "hep-th/9901001", "math.AG/0601001". */
const NOT_SUFFIX_CHAR = /[^a-z0-9.-]/g;

/** FNV-1a, 32 bits: a stable, well-spread hash of a short string. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
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
