/**
 * Shared shapes passed between the recognisers, the dedup engine and the library.
 * Kept free of DOM-less imports so every layer can use them.
 */

import type { SiteId } from './sites/directory';

/** What a card or a stored paper tells about a paper's identity. */
export type PaperRef = {
  url?: string;
  title?: string;
  doi?: string;
  /** arXiv id without version, e.g. `2401.01234` or `hep-th/9901001`. */
  arxivId?: string;
  authors?: string[];
  year?: number;
};

export type { SiteId } from './sites/directory';

/** Everything a recogniser can read off one card. */
export interface CardPaper extends PaperRef {
  title: string;
  /** arXiv version shown on the card (`v2` → 2), when the page shows one. */
  version?: number;
  abstract?: string;
  /** ISO date (YYYY-MM-DD) the paper was published/submitted, when shown. */
  publishedAt?: string;
  /** arXiv's primary subject class (`cs.CL`), where the page prints it. */
  primaryClass?: string;
  /**
   * Where it was accepted, as the page says (an OpenReview venue's "ICLR 2026 Oral" is proceedings
   * "ICLR 2026"); a submission still under review names none.
   */
  journal?: string;
  proceedings?: string;
  upvotes?: number;
  /**
   * The full text's address a page gives beside the paper's own link (Google Scholar's "[PDF]" or
   * "[HTML]", a page's `citation_pdf_url`): kept among the paper's links, so the popup on that
   * full text knows the paper.
   */
  fullTextUrl?: string;
}

/** One paper card found on a page. */
export interface Card {
  /** The card's root element: what counts for "on screen" and what gets dimmed. */
  element: Element;
  /**
   * Where a badge may go, in preference order. On Hugging Face a card holds a desktop and a mobile
   * copy and only one is displayed, so both copies' anchors are listed; the annotator uses the first
   * one that is rendered.
   */
  anchors: Element[];
  paper: CardPaper;
  /** The digest's day when the URL or page gives one (`/papers/date/2025-11-03` → `2025-11-03`). */
  digestDate?: string;
  /**
   * The reader asked for this card, so it is never dimmed or hidden as seen: `'paper'`, the page is
   * this one paper (arXiv abstract page, Hugging Face paper page) and the card is its content;
   * `'search'`, a result of the reader's own search (arXiv, Hugging Face, Google Scholar), which may
   * be the very paper they are looking for because they met it before.
   */
  asked?: 'paper' | 'search';
}

/** One site's recogniser: what pages it handles and how to read their cards. */
export interface SiteModule {
  id: SiteId;
  /** Human name, e.g. "Hugging Face". */
  name: string;
  /** Does this module handle this page? */
  handles(url: URL): boolean;
  /** Every paper card on the page, in page order, one per paper. */
  readCards(doc: Document, url: URL): Card[];
  /**
   * The same as `readCards`, as steps: yields after each unit of work so that the content script
   * can read a page of thousands of cards in slices rather than in one long task. Optional.
   */
  readSteps?(doc: Document, url: URL): Generator<void, Card[], void>;
  /** Short label for the page, used in sighting history: "Nov 3", "cs.LG new", "search". */
  pageLabel(url: URL, doc?: Document): string;
}
