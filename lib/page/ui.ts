/**
 * What the page controller (controller.ts) asks of the page's UI, and the model each badge shows:
 * the contract between lib/page and components/ (page-ui.tsx, badge/, summary/), kept apart so
 * the components need not import the controller.
 */
import type { CardInput, CardStatus, PageInfo, PaperStatus, PaperView, Settings } from '../messages';
import type { Card } from '../types';

export interface BadgeModel {
  /** Status shown: from before this visit, except that the user's own save/unsave shows at once. */
  status: PaperStatus;
  /** The status from before this visit (what an unsave goes back to); `status` when absent. */
  before?: PaperStatus;
  /**
   * How many times the paper was seen before this visit (its count when the page looked it up):
   * what "Seen 2×" says, here and in the panel, while `paper` follows the library and soon counts
   * this visit too. Absent: the paper's own count.
   */
  seenBefore?: number;
  /** The page visit the card is of: that visit's own sighting is not "seen before". */
  visitId?: string;
  /** The stored paper, kept current. */
  paper?: PaperView;
  match?: CardStatus['match'];
  card: CardInput;
  page: PageInfo;
}

export interface BadgeHandle {
  update(model: BadgeModel): void;
  /**
   * The page re-rendered the card's inside (same element, same paper, new title elements): the
   * badge goes against the new anchors.
   */
  recard(card: Card): void;
  destroy(): void;
}

/** The page UI the controller drives (components/badge, components/summary). */
export interface PageUi {
  /** The cards about to be badged, as soon as they are read: a chance to measure the page early. */
  prepare?(cards: Card[]): void;
  mountBadge(card: Card, model: BadgeModel, onPaper: (paper: PaperView) => void): BadgeHandle;
  /** The page's counts, and the dim toggle where `kind` says some card may fade (none on a paper's page). */
  setSummary(counts: Record<PaperStatus, number>, settings: Settings, onSettings: (s: Partial<Settings>) => void, kind: PageKind): void;
  setFaded(card: Card, faded: boolean, style: Settings['seenStyle']): void;
  destroy(): void;
}

/**
 * What a page's cards are (Card.asked): some may be dimmed or hidden as seen (`fade`), all are a
 * search's results (`search`), or the page is one paper (`paper`).
 */
export type PageKind = 'fade' | 'search' | 'paper';
