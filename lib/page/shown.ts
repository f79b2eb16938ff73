/**
 * Which cards of a page show which paper, and a paper's newest view put on every card that shows
 * it: what PageController needs to follow edits made from a badge or elsewhere (the popup, the
 * library page, another tab).
 */
import type { CardStatus, PaperStatus, PaperView } from '../messages';
import type { Card } from '../types';
import type { BadgeHandle, BadgeModel } from './ui';

/** One card of the page and its badge. */
export interface Entry {
  card: Card;
  id: string;
  /** What it shows, with the status from before this visit (`model.before`). */
  model: BadgeModel;
  /** Null while the card is far off screen on a very long page (mounted as it comes near). */
  badge: BadgeHandle | null;
  /** The keys `ShownPapers` lists this entry under. */
  keys: string[];
  /** Its sighting is queued or sent: a visit records a card once. */
  sighted?: boolean;
}

/**
 * What a card shows for `paper` now: saved when saved, else its status from before the visit (a
 * paper unsaved during the visit shows as seen or new). The badge panel shows the same.
 */
export function statusAfter(paper: PaperView, before: PaperStatus, seenBefore = paper.seenCount): PaperStatus {
  if (paper.savedAt) return 'saved';
  // Unsaved: seen if it was seen before this visit (this visit's own sighting is not "seen before").
  if (before === 'saved') return seenBefore > 0 ? 'seen' : 'new';
  return before;
}

export class ShownPapers {
  /** Entries by the key of the paper they show, or by their card's id when they show none. */
  private readonly byKey = new Map<string, Set<Entry>>();

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }

  /** The entries listed under any of `keys`, each once. */
  entriesOf(keys: string[]): Entry[] {
    return [...new Set(keys.flatMap((k) => [...(this.byKey.get(k) ?? [])]))];
  }

  index(entry: Entry): void {
    const key = entry.model.paper?.key ?? entry.id;
    let set = this.byKey.get(key);
    if (!set) this.byKey.set(key, (set = new Set()));
    set.add(entry);
    if (!entry.keys.includes(key)) entry.keys.push(key);
  }

  unindex(entry: Entry): void {
    for (const key of entry.keys) {
      const set = this.byKey.get(key);
      set?.delete(entry);
      if (set && set.size === 0) this.byKey.delete(key);
    }
    entry.keys = [];
  }

  /**
   * The paper a card showing none now is in the library (its sighting stored it): later changes to
   * that paper reach the card, as to one looked up as it.
   */
  learn(entry: Entry, key: string): void {
    if (entry.model.paper || entry.keys.includes(key)) return;
    let set = this.byKey.get(key);
    if (!set) this.byKey.set(key, (set = new Set()));
    set.add(entry);
    entry.keys.push(key);
  }

  /** `paper` as it is now, on every card that shows it (and on `origin`, the badge it came from). */
  apply(paper: PaperView, origin?: Entry): void {
    const targets = new Set<Entry>([...(this.byKey.get(paper.key) ?? []), ...(origin ? [origin] : [])]);
    for (const e of targets) {
      const wasKey = e.model.paper?.key;
      // Edit replies and change events race: a view older than the one shown (the echo of an
      // earlier edit, arriving after a later one's reply) must not undo the later edit, nor move
      // a note being typed back to an older baseline.
      if (wasKey === paper.key && e.model.paper!.updatedAt > paper.updatedAt) continue;
      e.model = { ...e.model, paper, status: statusAfter(paper, e.model.before ?? e.model.status, e.model.seenBefore) };
      e.badge?.update(e.model);
      if (wasKey !== paper.key) this.index(e);
    }
  }

  /**
   * A card looked up again (see PageController.rematch), its status and count as they were before
   * this visit (the lookup leaves the visit's own sighting out: `Library.lookupBefore`). One that
   * is still its paper shows the paper as it is now; one that is now another paper, or none, shows
   * that one.
   */
  matchedAgain(e: Entry, st: CardStatus | undefined): void {
    if (!st) return;
    const seenBefore = st.seenBefore ?? st.paper?.seenCount ?? 0;
    if (st.paper && st.paper.key === e.model.paper?.key) {
      // A restore may have given the paper another past.
      e.model = { ...e.model, before: st.status, seenBefore };
      this.apply(st.paper);
      return;
    }
    if (!st.paper && !e.model.paper) return;
    e.model = { ...e.model, paper: st.paper, match: st.match, status: st.status, before: st.status, seenBefore };
    e.badge?.update(e.model);
    // Listed under its new paper only: later changes to the old one are not this card's.
    this.unindex(e);
    this.index(e);
  }

  /**
   * Papers that moved to a new key (a visit showed a title-only paper's arXiv id): the same papers,
   * so their cards keep their status; their views follow (`apply`) with the event's `keys`.
   */
  move(moved: Record<string, string>): void {
    for (const [from, to] of Object.entries(moved)) {
      for (const e of [...(this.byKey.get(from) ?? [])]) {
        if (e.model.paper?.key !== from) continue;
        e.model = { ...e.model, paper: { ...e.model.paper, key: to } };
        this.unindex(e);
        this.index(e);
      }
    }
  }
}
