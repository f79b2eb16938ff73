import type { SightingView } from '../../lib/messages';

/**
 * The sightings before this visit, which "Seen 2×" counts on a card: its pill, tooltip and panel,
 * and its row in the popup. This visit's own is left out (the reader is on it); an earlier load of
 * the page the same day, another visit, is not.
 */
export function seenBefore(sightings: SightingView[], visitId: string | undefined): SightingView[] {
  return visitId ? sightings.filter((s) => s.visitId !== visitId) : sightings;
}
