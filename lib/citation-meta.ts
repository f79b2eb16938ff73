/**
 * The paper a page of any site says it is, by the meta tags publishers write for Google Scholar and
 * reference managers (Highwire Press `citation_*`, Dublin Core `dc.*`, PRISM `prism.*`): ACM's,
 * Springer's, bioRxiv's, the ACL Anthology's, PMLR's or a university repository's page of one paper.
 * The popup reads them from the reader's tab when it is opened there (the click grants `activeTab`),
 * so the paper being read anywhere can be looked up, saved, tagged and annotated. Nothing is read
 * from a tab the reader did not open the popup on.
 */
import { arxivIdFromDoi, normalizeDoi, parseArxivId } from './identity';
import { citationName, iso, squash } from './sites/text';
import type { CardPaper } from './types';

/** What a tab gives: its address, whether it shows a PDF, and its scholarly meta tags in page order. */
export interface PageMeta {
  url: string;
  pdf: boolean;
  /** [name lowercased, content] */
  tags: [string, string][];
}

/**
 * Runs in the reader's tab (`chrome.scripting.executeScript`), so it must hold everything it uses:
 * the browser sends its source, not its closure. References (`citation_reference`, hundreds on some
 * pages) are left in the page; every content is cut at 20,000 characters, and each name kept 500
 * times at most: a collaboration's 3,000 authors do not push its DOI, printed after them, out.
 */
export function readPageMeta(): PageMeta {
  const tags: [string, string][] = [];
  const counts = new Map<string, number>();
  for (const m of Array.from(document.querySelectorAll('meta[name], meta[property]'))) {
    const name = (m.getAttribute('name') || m.getAttribute('property') || '').trim().toLowerCase();
    if (!/^(citation_|dc\.|dcterms\.|prism\.)/.test(name) || name === 'citation_reference') continue;
    const content = m.getAttribute('content');
    const seen = counts.get(name) ?? 0;
    if (!content || seen >= 500) continue;
    counts.set(name, seen + 1);
    tags.push([name, content.slice(0, 20_000)]);
    if (tags.length >= 2_000) break;
  }
  return { url: location.href, pdf: document.contentType === 'application/pdf', tags };
}

/** The page's answer as the worker receives it: checked, since the page wrote every string in it. */
export function pageMetaOf(value: unknown): PageMeta | null {
  if (!value || typeof value !== 'object') return null;
  const { url, pdf, tags } = value as Record<string, unknown>;
  if (typeof url !== 'string' || !Array.isArray(tags)) return null;
  const ok = tags.filter((t): t is [string, string] => Array.isArray(t) && typeof t[0] === 'string' && typeof t[1] === 'string');
  return { url, pdf: pdf === true, tags: ok.slice(0, 2_000) };
}

/**
 * Preprint servers name themselves as the journal (bioRxiv's `citation_journal_title` is
 * "bioRxiv"): a preprint has no venue yet.
 */
const PREPRINT_SERVER =
  /\b(?:arxiv|biorxiv|medrxiv|chemrxiv|psyarxiv|techrxiv|socarxiv|eartharxiv|engrxiv|edarxiv|ssrn|research ?square|preprints(?:\.org)?|osf preprints|authorea)\b/i;

/** Markup some publishers leave in an abstract's content ("<p>…</p>", "<jats:p>"): text only. */
const stripTags = (text: string) => squash(text.replace(/<\/?[a-z][\w:-]*(?:\s[^<>]*)?>/gi, ' '));

/**
 * The paper the tags describe, or null when they describe none: a title from `citation_title`, or
 * from Dublin Core when a DOI says the page is a paper's (a blog's `dc.title` is not one). `urlDoi`
 * is the DOI the page's address names (lib/reading.ts), for a page whose tags leave it out.
 */
export function paperFromMeta(meta: PageMeta, urlDoi?: string): CardPaper | null {
  const all = (...names: string[]) => names.flatMap((n) => meta.tags.filter(([name]) => name === n).map(([, v]) => squash(v))).filter((v) => v !== '');
  const one = (...names: string[]) => all(...names)[0];

  const dois = all('citation_doi', 'prism.doi', 'dc.identifier', 'dcterms.identifier').flatMap((v) => normalizeDoi(v) ?? []);
  let doi = dois[0] ?? urlDoi;
  const arxiv = parseArxivId(one('citation_arxiv_id') ?? '') ?? (doi ? arxivIdFromDoi(doi) : null);
  if (doi && arxivIdFromDoi(doi)) doi = undefined;

  const citationTitle = one('citation_title');
  const title = citationTitle ?? (doi || arxiv ? one('dc.title', 'dcterms.title') : undefined);
  if (!title) return null;
  const paper: CardPaper = { title: stripTags(title) };
  if (!paper.title) return null;
  if (arxiv) paper.arxivId = arxiv.id;
  if (arxiv?.version) paper.version = arxiv.version;
  if (doi) paper.doi = doi;

  const url = one('citation_abstract_html_url') ?? meta.url.split('#')[0];
  if (url && /^https:\/\//i.test(url)) paper.url = url;
  // Saved from here, the paper keeps its PDF's address too: the popup on that PDF then knows it.
  const pdf = one('citation_pdf_url');
  if (pdf && /^https:\/\//i.test(pdf) && pdf !== paper.url) paper.fullTextUrl = pdf;

  let authors = all('citation_author');
  if (authors.length === 0) authors = (one('citation_authors') ?? '').split(';');
  if (authors.every((a) => !a.trim())) authors = all('dc.creator', 'dcterms.creator');
  const names = authors.map(citationName).filter((n) => n !== '');
  if (names.length > 0) paper.authors = names;

  const date = one('citation_publication_date', 'citation_date', 'citation_online_date', 'citation_cover_date', 'dc.date', 'dcterms.issued', 'prism.publicationdate', 'prism.coverdate') ?? '';
  const day = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b/.exec(date);
  const year = /\b(1[6-9]\d\d|2\d\d\d)\b/.exec(date);
  if (year) paper.year = Number(year[1]);
  const published = day ? iso(Number(day[1]), Number(day[2]), Number(day[3])) : undefined;
  if (published) paper.publishedAt = published;

  const journal = one('citation_journal_title', 'prism.publicationname');
  const conference = one('citation_conference_title');
  if (journal && !PREPRINT_SERVER.test(journal)) paper.journal = journal;
  else if (conference && !PREPRINT_SERVER.test(conference)) paper.proceedings = conference;

  const abstract = one('citation_abstract', 'dcterms.abstract', 'dc.description');
  if (abstract) paper.abstract = stripTags(abstract);
  return paper;
}
