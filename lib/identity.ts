/**
 * Paper identifiers: arXiv ids, DOIs and the normalised title key used for exact title matching.
 * Pure string code with no browser dependency, so recognisers, the library and tests share it.
 */

import type { PaperRef } from './types';

export type ArxivId = { id: string; version?: number };

/**
 * Archives that used old-style ids (`archive/YYMMNNN`). Listed explicitly so that any other
 * `word/7digits` (a repository slug, a date path…) is never mistaken for an arXiv id.
 */
const OLD_ARCHIVES = [
  'acc-phys', 'adap-org', 'alg-geom', 'ao-sci', 'astro-ph', 'atom-ph', 'bayes-an', 'chao-dyn',
  'chem-ph', 'cmp-lg', 'comp-gas', 'cond-mat', 'cs', 'dg-ga', 'funct-an', 'gr-qc', 'hep-ex',
  'hep-lat', 'hep-ph', 'hep-th', 'math', 'math-ph', 'mtrl-th', 'nlin', 'nucl-ex', 'nucl-th',
  'patt-sol', 'physics', 'plasm-ph', 'q-alg', 'q-bio', 'q-fin', 'quant-ph', 'solv-int',
  'supr-con', 'stat',
];
const OLD_ARCHIVE_SET = new Set(OLD_ARCHIVES);

// Longest names first so `hep-th` is not cut to a shorter alternative by the regex engine.
const ARCHIVE_ALT = [...OLD_ARCHIVES]
  .sort((a, b) => b.length - a.length)
  .map((a) => a.replace(/-/g, '\\-'))
  .join('|');

/**
 * One id with an optional version, and nothing glued to either side (so `12401.01234` or
 * `2401.012345` do not yield a shorter id). Subject classes such as `math.GT` are accepted and
 * dropped: arXiv itself files `math.GT/0309136` as `math/0309136`.
 */
const ID_CORE = `(?:(\\d{4})\\.(\\d{4,5})|(${ARCHIVE_ALT})(?:\\.[A-Za-z]{2})?\\/(\\d{7}))(?:v(\\d{1,3}))?`;
const ID_EXACT = new RegExp(`^${ID_CORE}$`, 'i');
const ID_AFTER_PREFIX = new RegExp(`^${ID_CORE}(?![\\w.])`, 'i');
const ARXIV_PREFIX = /(?:^|[^\w])arxiv\s*:\s*/gi;

function validNewStyle(yymm: string, seq: string): boolean {
  const yy = Number(yymm.slice(0, 2));
  const mm = Number(yymm.slice(2));
  if (mm < 1 || mm > 12) return false;
  // New-style ids began in April 2007; the fifth digit arrived in January 2015.
  if (yy < 7 || (yy === 7 && mm < 4)) return false;
  return seq.length === (yy >= 15 ? 5 : 4);
}

function validOldStyle(yymmnnn: string): boolean {
  const yy = Number(yymmnnn.slice(0, 2));
  const mm = Number(yymmnnn.slice(2, 4));
  if (mm < 1 || mm > 12) return false;
  // Old-style ids ran from 1991 to March 2007.
  return yy >= 91 || yy <= 7;
}

function fromMatch(m: RegExpMatchArray): ArxivId | null {
  const [, yymm, seq, archive, num, ver] = m;
  let id: string;
  if (yymm !== undefined && seq !== undefined) {
    if (!validNewStyle(yymm, seq)) return null;
    id = `${yymm}.${seq}`;
  } else if (archive !== undefined && num !== undefined) {
    const a = archive.toLowerCase();
    if (!OLD_ARCHIVE_SET.has(a) || !validOldStyle(num)) return null;
    id = `${a}/${num}`;
  } else {
    return null;
  }
  if (ver === undefined) return { id };
  const version = Number(ver);
  // arXiv versions start at 1; `v0` is not something arXiv ever issues.
  if (version < 1) return null;
  return { id, version };
}

/** Parses an id that must fill the whole string (after an optional `.pdf` and trailing slash). */
function parseIdToken(token: string): ArxivId | null {
  const t = token.trim().replace(/\/+$/, '').replace(/\.pdf$/i, '');
  const m = t.match(ID_EXACT);
  return m ? fromMatch(m) : null;
}

const ARXIV_HOSTS = /^(?:www\.|export\.|browse\.)?arxiv\.org$/;
const ARXIV_PATH_KINDS = new Set(['abs', 'pdf', 'html', 'format', 'ps', 'src', 'e-print', 'tex']);

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function parseArxivUrl(url: URL): ArxivId | null {
  const host = url.hostname.toLowerCase();
  const parts = safeDecode(url.pathname).split('/').filter((p) => p !== '');
  // Old-style ids span two path segments (`hep-th/9901001`), so try both lengths.
  const tryAt = (i: number): ArxivId | null => {
    const one = parts[i];
    if (one === undefined) return null;
    const two = parts[i + 1];
    if (two !== undefined) {
      const old = parseIdToken(`${one}/${two}`);
      if (old) return old;
    }
    return parseIdToken(one);
  };

  if (ARXIV_HOSTS.test(host) || host === 'ar5iv.org' || host === 'ar5iv.labs.arxiv.org') {
    const kind = parts[0]?.toLowerCase();
    if (kind === undefined || !ARXIV_PATH_KINDS.has(kind)) return null;
    return tryAt(1);
  }
  if (host === 'huggingface.co' || host === 'www.huggingface.co') {
    if (parts[0] !== 'papers') return null;
    return tryAt(1);
  }
  if (host === 'alphaxiv.org' || host === 'www.alphaxiv.org') {
    const kind = parts[0]?.toLowerCase();
    if (kind !== 'abs' && kind !== 'overview' && kind !== 'pdf') return null;
    return tryAt(1);
  }
  if (host === 'doi.org' || host === 'dx.doi.org' || host === 'www.doi.org') {
    const doi = normalizeDoi(url.toString());
    return doi ? arxivIdFromDoi(doi) : null;
  }
  return null;
}

function toUrl(text: string): URL | null {
  let t = text;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) {
    // Bare host forms such as `arxiv.org/abs/…` as people paste them.
    if (!/^(?:[\w-]+\.)+[a-z]{2,}\//i.test(t)) return null;
    t = `https://${t}`;
  }
  try {
    const u = new URL(t);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

/**
 * The arXiv id named by `text`: a bare id (`2401.01234v3`, `hep-th/9901001`), an `arXiv:`-prefixed id
 * (also inside longer text such as `arXiv:2401.01234 [cs.LG]`), an arXiv DOI, or a URL on arxiv.org,
 * huggingface.co/papers, alphaxiv.org or doi.org. The id comes back without its version.
 *
 * Bare numbers are only accepted when they are the whole text and a valid id (month 01–12, four
 * digits before 2015 and five from 2015), so years, prices or phone numbers never parse.
 */
export function parseArxivId(text: string): ArxivId | null {
  const t = text.trim();
  if (t === '') return null;

  // Before URLs: `math.GT/0309136` also looks like a bare host and path.
  const bare = parseIdToken(t);
  if (bare) return bare;

  const url = toUrl(t);
  if (url) return parseArxivUrl(url);

  const doi = normalizeDoi(t);
  if (doi) return arxivIdFromDoi(doi);

  for (const m of t.matchAll(ARXIV_PREFIX)) {
    const rest = t.slice((m.index ?? 0) + m[0].length);
    const idm = rest.match(ID_AFTER_PREFIX);
    if (idm) {
      const r = fromMatch(idm);
      if (r) return r;
    }
  }
  return null;
}

/**
 * The lowercase bare DOI (`10.xxxx/…`) in `doi:…`, `https://doi.org/…`, `dx.doi.org/…` or bare form,
 * or null. DOIs are case-insensitive by definition, so lowercasing makes them comparable.
 */
export function normalizeDoi(text: string): string | null {
  let t = text.trim();
  if (t === '') return null;
  t = t.replace(/^doi\s*:\s*/i, '');
  const m = t.match(/^(?:https?:\/\/)?(?:www\.|dx\.)?doi\.org\/(.+)$/i);
  if (m?.[1] !== undefined) t = safeDecode(m[1]);
  // Fragments and queries belong to the resolver URL, not the DOI; trailing sentence
  // punctuation comes from copied prose.
  t = t.replace(/[?#].*$/, '').replace(/[.,;]+$/, '').trim();
  if (!/^10\.\d{4,9}\/\S+$/.test(t)) return null;
  return t.toLowerCase();
}

/** The arXiv id inside an arXiv-issued DOI (`10.48550/arXiv.2401.01234`), or null. */
export function arxivIdFromDoi(doi: string): ArxivId | null {
  const d = normalizeDoi(doi) ?? doi.trim().toLowerCase();
  const m = d.match(/^10\.48550\/arxiv\.(.+)$/);
  return m?.[1] !== undefined ? parseIdToken(m[1]) : null;
}
