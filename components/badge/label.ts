import { dayMonth, firstSeenDate, shortDate } from '../../lib/dates';
import type { SightingView } from '../../lib/messages';
import type { BadgeModel } from '../../lib/page/ui';
import { seenBefore } from '../shared/seen-before';
import { siteName } from '../shared/sites';

/** The badge's words: "New", "Seen 3× · first Nov 3", "Saved · #llm #quantization". */
export function badgeLabel(model: BadgeModel, now = new Date()): string {
  const p = model.paper;
  if (model.status === 'saved') {
    const tags = (p?.tags ?? []).slice(0, 3).map((t) => `#${t}`);
    const more = (p?.tags.length ?? 0) > 3 ? ` +${(p?.tags.length ?? 0) - 3}` : '';
    return tags.length ? `Saved · ${tags.join(' ')}${more}` : 'Saved';
  }
  if (model.status === 'seen' && p) {
    const first = firstSeenDate(p.first);
    // Before this visit, as the status is: the paper's own count soon holds this visit too.
    const count = Math.max(1, model.seenBefore ?? p.seenCount);
    return first ? `Seen ${count}× · first ${shortDate(first, now)}` : `Seen ${count}×`;
  }
  return 'New';
}

/**
 * The reader wrote a note on this paper: the pill ends with ✎ (a `data-note` attribute, drawn by
 * CSS so a long tag list's ellipsis never cuts it), and its tooltip says so. Only that a note is
 * there: its text stays in the panel, an extension page.
 */
export function hasNote(model: BadgeModel): boolean {
  return !!model.paper?.note.trim();
}

/** The panel's status line: a little more than the pill says. */
export function panelStatus(model: BadgeModel, now = new Date()): string {
  const p = model.paper;
  if (model.status === 'saved' && p?.savedAt) return `Saved ${shortDate(p.savedAt, now)}`;
  if (model.status === 'new') return firstMet(model) ? 'New to you' : 'In your library, not seen on a digest before';
  return badgeLabel(model, now);
}

/**
 * One line of a paper's history: when the visit was, then where. The page label is left out when it
 * only repeats the visit's day ("Nov 3 · Hugging Face", not "Nov 3 · Hugging Face · Nov 3").
 */
export function sightingLine(s: SightingView, now = new Date()): string {
  const when = shortDate(s.at, now);
  const day = dayMonth(new Date(s.at));
  const where = siteName(s.site);
  const label = s.label.trim();
  return label && label !== when && label !== day ? `${when} · ${where} · ${label}` : `${when} · ${where}`;
}

/**
 * A card new on this visit is met for the first time, unless the library held it already (an
 * import, or a save from another page without a sighting). Stored by this visit's own sighting, it is
 * still met for the first time here.
 */
function firstMet(model: BadgeModel): boolean {
  const p = model.paper;
  return !p || (p.seenCount > 0 && p.first?.pageUrl === model.page.url);
}

/**
 * Whether the paper's history is worth showing: not when its one sighting is this visit's own
 * (a card new to the reader, stored as they read it), which "New to you" already says.
 */
export function hasHistory(model: BadgeModel): boolean {
  const p = model.paper;
  if (!p || p.seenCount === 0) return false;
  // Seen before this visit, or since on another page; not when its one sighting is this visit's,
  // which the history leaves out.
  if (model.seenBefore !== undefined) return model.seenBefore > 0 || p.seenCount > 1;
  return !(model.status === 'new' && p.seenCount === 1 && firstMet(model));
}

/** How the card was matched to the library, when it was not simply by its arXiv id. */
export function matchText(model: BadgeModel): string | undefined {
  return model.match && model.match.rule !== 'arxiv-id' ? model.match.text : undefined;
}

/** The pill's native tooltip: what the status means, the history when known, and the shortcuts. */
export function badgeTooltip(model: BadgeModel, sightings: SightingView[] | undefined, now = new Date()): string {
  const lines: string[] = [];
  if (model.status === 'new') lines.push(firstMet(model) ? 'First time you see this paper' : 'Not seen on a digest page before');
  const match = matchText(model);
  if (match) lines.push(match);
  const before = sightings && seenBefore(sightings, model.visitId);
  if (before?.length) {
    const shown = before.slice(-8).reverse();
    lines.push(`Seen ${before.length}×:`, ...shown.map((s) => `  ${sightingLine(s, now)}`));
    if (before.length > shown.length) lines.push(`  … and ${before.length - shown.length} earlier`);
  }
  if (hasNote(model)) lines.push('You wrote a note on it');
  lines.push('Click for tags and notes · keys: s save, t tag, n note, c copy BibTeX');
  return lines.join('\n');
}
