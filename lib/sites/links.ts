/**
 * The ids a link to a paper carries: an arXiv address its id (and version), a doi.org address or a
 * publisher's address with the DOI in its path its DOI. For sites whose cards link out to the paper
 * (Google Scholar's results, dblp's electronic editions).
 */
import { normalizeDoi, parseArxivId, safeDecode } from '../identity';
import type { CardPaper } from '../types';

/** Publisher addresses that carry the DOI in their path: `/doi/10.…`, `/doi/abs/10.…`, Springer's `/article/10.…`. */
const DOI_IN_PATH = /\/(?:doi(?:\/(?:abs|full|pdf|epdf|book))?|article|chapter|book)\/(10\.\d{4,9}\/[^?#]+)/i;

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
  const inPath = DOI_IN_PATH.exec(url.pathname);
  const doi = normalizeDoi(/(^|\.)doi\.org$/.test(url.hostname) ? url.href : inPath ? safeDecode(inPath[1]!) : '');
  return doi ? { doi } : {};
}
