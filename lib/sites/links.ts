/**
 * The ids a link to a paper carries: an arXiv address its id (and version), a doi.org address or a
 * publisher's address with the DOI in its path its DOI. For sites whose cards link out to the paper
 * (Google Scholar's results, dblp's electronic editions), and for the popup on a publisher's page
 * or PDF (lib/reading.ts).
 */
import { normalizeDoi, parseArxivId, safeDecode } from '../identity';
import type { CardPaper } from '../types';

export function idsOf(href: string): Pick<CardPaper, 'arxivId' | 'version' | 'doi'> {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return {};
  }
  if (/(^|\.)arxiv\.org$/.test(url.hostname)) {
    const ref = parseArxivId(url.href);
    return ref ? { arxivId: ref.id, ...(ref.version !== undefined ? { version: ref.version } : {}) } : {};
  }
  const doi = doiInAddress(url);
  return doi ? { doi } : {};
}

/** What follows a DOI in publishers' addresses: a view of the article, not the DOI. */
const VIEW_SUFFIX = /(?:\/(?:full|abstract|pdf|epdf|html|fulltext|references|figures|tables|metrics|citations|suppl(?:ementary)?(?:[-_]material)?|meta|info)(?:\/.*)?|\.(?:pdf|full|abstract|html|short|long))+$/i;

/**
 * The DOI a paper's address names: doi.org's, the `/doi/…/10.x/…` of ACM, Wiley, Taylor & Francis,
 * SIAM, Science or PNAS, Springer's and APS's `/article|abstract|pdf/10.x/…`, bioRxiv's and
 * medRxiv's `/content/10.1101/…v2.full.pdf`, a `?doi=` or PLOS's `?id=`, and Nature's articles by
 * the DOIs their ids are. Not the ACL Anthology's ids: some venues there have no DOI.
 */
export function doiInAddress(u: URL): string | null {
  const path = safeDecode(u.pathname);
  if (/(^|\.)nature\.com$/.test(u.hostname)) {
    const m = /^\/articles\/([a-z][a-z\d.-]*\d)(?:\.pdf)?\/?$/i.exec(path);
    return m ? normalizeDoi(`10.1038/${m[1]}`) : null;
  }
  for (const name of ['doi', 'id']) {
    const d = normalizeDoi(u.searchParams.get(name) ?? '');
    if (d) return d;
  }
  const at = path.search(/\/10\.\d{4,9}\//);
  if (at < 0) return null;
  let doi = path.slice(at + 1).replace(/;.*$/, '').replace(/\/+$/, '').replace(VIEW_SUFFIX, '');
  // bioRxiv and medRxiv put the version after the DOI: 10.1101/2023.01.01.522222v1.
  if (doi.startsWith('10.1101/')) doi = doi.replace(/v\d+$/, '');
  return normalizeDoi(doi);
}

/** An address that serves a PDF by its look: `….pdf`, or publishers' `/pdf/`, `/epdf/`, `/pdfdirect/` views. */
export function isPdfAddress(url: string): boolean {
  try {
    return /\.pdf$|\/(e?pdf|pdfdirect|pdfft)\//i.test(new URL(url).pathname);
  } catch {
    return false;
  }
}
