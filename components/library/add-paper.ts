/**
 * What the reader types to add a paper by hand (a colleague's recommendation, a talk), as the card
 * the library files it under: the title, the authors, one identifier and the year. Pure, so it is
 * tested alone; the form is AddPaper.tsx.
 */
import { CARD_LIMITS as L } from '../../lib/card-limits';
import { normalizeDoi, parseArxivId } from '../../lib/identity';
import type { CardInput } from '../../lib/messages';
import { safeHttpUrl } from '../shared/urls';
import { yearField } from './year-field';

export interface AddPaperFields {
  title: string;
  authors: string;
  /** An arXiv id or link, a DOI, or the paper's web page. */
  id: string;
  year: string;
}

export function cardFromFields(f: AddPaperFields): { card: CardInput } | { error: string } {
  const title = f.title.replace(/\s+/g, ' ').trim();
  if (title === '') return { error: 'A paper needs its title.' };
  if (title.length > L.title) return { error: 'That title is too long for a paper’s.' };
  const card: CardInput = { title };

  // "Lovelace, Ada; Turing, Alan" keeps each comma; otherwise commas and "and" separate names.
  const names = f.authors.includes(';') ? f.authors.split(';') : f.authors.split(/,|\band\b/);
  const authors = names.map((a) => a.replace(/\s+/g, ' ').trim()).filter((a) => a !== '');
  if (authors.length > 0) card.authors = authors.slice(0, L.authors).map((a) => a.slice(0, L.author));

  const id = f.id.trim();
  if (id !== '') {
    const arxiv = parseArxivId(id);
    const doi = arxiv ? null : normalizeDoi(id);
    const url = arxiv || doi ? undefined : safeHttpUrl(id);
    if (arxiv) {
      card.arxivId = arxiv.id;
      if (arxiv.version) card.version = arxiv.version;
    } else if (doi) card.doi = doi;
    else if (url && url.length <= L.url) card.url = url;
    else return { error: 'Give an arXiv id (2401.01234), a DOI (10.…) or a link (https://…).' };
  }

  const year = yearField(f.year);
  if ('error' in year) return year;
  if (year.year !== undefined) card.year = year.year;
  return { card };
}
