/**
 * Dedup status in words: why the popup thinks a card is a paper you have met before. Pure, so each
 * match rule's sentence is unit-tested.
 */
import { shortDate } from '../../lib/dates';
import type { CardInput, MatchView, PageInfo, PaperView, SightingView, TabReading } from '../../lib/messages';
import { seenBefore } from '../shared/seen-before';
import { siteName } from '../shared/sites';
import { seenBeforeOf, type Row } from './model';

/** "Hugging Face · Nov 3", "arXiv · cs.LG new". */
export function pageName(page: PageInfo): string {
  return page.label ? `${siteName(page.site)} · ${page.label}` : siteName(page.site);
}

/** "Hugging Face Nov 3", "arXiv cs.LG new". */
export function sightingName(s: Pick<SightingView, 'site' | 'label'>): string {
  return s.label ? `${siteName(s.site)} ${s.label}` : siteName(s.site);
}

/** How long a history line may get before the rest is summarised. */
const HISTORY_MAX = 6;

export function historyList(sightings: SightingView[]): string {
  const names = sightings.slice(0, HISTORY_MAX).map(sightingName);
  const more = sightings.length - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}

/** "a paper saved Oct 29" / "a paper first seen Oct 29": what the fuzzy match points at. */
function whichPaper(paper: PaperView | undefined, now: number): string {
  if (paper?.savedAt !== undefined) return `a paper saved ${shortDate(paper.savedAt, new Date(now))}`;
  const first = paper?.first?.at ?? paper?.firstSeen;
  if (first !== undefined) return `a paper first seen ${shortDate(first, new Date(now))}`;
  return 'a paper in your library';
}

export function matchPhrase(match: MatchView, card: CardInput | undefined, paper: PaperView | undefined, now = Date.now()): string {
  switch (match.rule) {
    case 'arxiv-id':
      return 'matched by arXiv id';
    case 'arxiv-id-other-version': {
      // The explanation was made against the stored paper as it was then; by now this visit may
      // have bumped the stored version to the card's, so its words come first.
      const said = /v\d+ here, v\d+ before/.exec(match.text)?.[0];
      const here = card?.version;
      const before = paper?.version;
      const detail = said ?? (here !== undefined && before !== undefined && here !== before ? `v${here} here, v${before} before` : 'another version');
      return `matched by arXiv id (${detail})`;
    }
    case 'doi':
      return 'matched by DOI';
    case 'title':
      return 'matched by exact title';
    case 'other-title':
      // The card's title is not the one the popup shows for the paper: say which it matched.
      return 'matched by the title of an entry merged into it';
    case 'similar-title': {
      const score = match.score !== undefined ? ` (${match.score.toFixed(2)})` : '';
      return `similar title${score} to ${whichPaper(paper, now)}`;
    }
    default:
      return match.text;
  }
}

/**
 * The seen part, as a lead ("Seen 3×") and what follows it (" · first …" or ": history"). A card of
 * the page counts as its badge does, before this visit (`row.seenBefore`, without the visit's own
 * sighting); a paper of the library, every sighting.
 */
function seenPhrase(row: Row, paper: PaperView, all: SightingView[] | undefined): DedupParts | undefined {
  const sightings = all && row.card ? seenBefore(all, row.visitId) : all;
  // A library row's history, fetched a moment ago, may lag its count or lead it.
  const count = sightings ? (row.card ? sightings.length : Math.max(paper.seenCount, sightings.length)) : seenBeforeOf(row, paper);
  if (count === 0) return undefined;
  const lead = `Seen ${count}×`;
  if (sightings && sightings.length > 0) return { lead, rest: `: ${historyList(sightings)}` };
  return { lead, rest: paper.first ? ` · first ${sightingName(paper.first)}` : '' };
}

/** A dedup line split so the row can show its first words as the status: `lead + rest` reads whole. */
export interface DedupParts {
  lead: string;
  rest: string;
}

/**
 * The line under a row's title. `sightings` is the full history when it has been fetched (the row
 * is expanded); without it the line names only the first sighting.
 */
export function dedupParts(row: Row, sightings?: SightingView[], now = Date.now()): DedupParts {
  const { paper, match } = row.current;
  if (row.splitFrom !== undefined) return { lead: 'New', rest: ` · not the same as “${row.splitFrom}”, now its own paper` };
  if (!paper) return row.card ? { lead: 'New', rest: ' · not in your library' } : { lead: 'Not in your library', rest: '' };
  // A card new before this visit may already carry this visit's sighting; counting it would read as
  // "seen before", which the page's badge just said it was not.
  if (row.shown === 'new' && row.current.status !== 'saved') return { lead: 'New', rest: ' · not seen before this visit' };
  // Saved before this visit but never seen before it, and unsaved now: new, as its badge says.
  if (row.shown === 'saved' && row.seenBefore === 0 && row.current.status === 'new') return { lead: 'New', rest: ' · not seen before this visit' };
  if (row.card && row.current.status === 'new') return { lead: 'New', rest: ' · not matched to any paper seen before' };

  const parts: DedupParts[] = [];
  if (paper.savedAt !== undefined) parts.push({ lead: `Saved ${shortDate(paper.savedAt, new Date(now))}`, rest: '' });
  const seen = seenPhrase(row, paper, sightings);
  if (seen) parts.push(seen);
  if (match && row.card) parts.push({ lead: matchPhrase(match, row.card, paper, now), rest: '' });
  const [first, ...others] = parts;
  if (!first) return { lead: 'In your library', rest: '' };
  const rest = first.rest + others.map((p) => ` · ${p.lead}${p.rest}`).join('');
  return { lead: first.lead, rest };
}

export function dedupStatus(row: Row, sightings?: SightingView[], now = Date.now()): string {
  const { lead, rest } = dedupParts(row, sightings, now);
  return lead + rest;
}

/** "arXiv:2508.27978v2" (as arXiv cites it), "OpenReview", "dl.acm.org": the paper a PDF, HTML or paper's page tab shows. */
export function readingName(reading: Pick<TabReading, 'arxivId' | 'version' | 'forum' | 'host'>): string {
  if (reading.arxivId) return `arXiv:${reading.arxivId}${reading.version ? `v${reading.version}` : ''}`;
  return reading.forum ? 'OpenReview' : (reading.host ?? 'This page');
}

/** The popup's header on such a tab: "arXiv:2508.27978 · PDF", "dl.acm.org", "biorxiv.org · PDF". */
export function readingTitle(reading: Pick<TabReading, 'arxivId' | 'version' | 'forum' | 'host' | 'format'>): string {
  const name = readingName(reading);
  if (reading.format === 'page') return name;
  return `${name} · ${reading.format === 'pdf' ? 'PDF' : 'HTML'}`;
}

/**
 * Where the paper a tab shows is saved from: its abstract page, its OpenReview forum, or the page
 * its DOI resolves to (a publisher's PDF); none for a page of its own that names no paper the
 * popup could save.
 */
export function readingHome(reading: Pick<TabReading, 'arxivId' | 'forum' | 'doi' | 'format'>): { href: string; label: string } | null {
  if (reading.arxivId) return { href: `https://arxiv.org/abs/${reading.arxivId}`, label: 'its abstract page' };
  if (reading.forum) return { href: reading.forum, label: 'its forum' };
  if (reading.doi && reading.format === 'pdf') return { href: `https://doi.org/${reading.doi}`, label: 'its page' };
  return null;
}
