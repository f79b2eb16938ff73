/** Loading fixture pages into happy-dom documents, and checking a page against its expectation. */

import { readdirSync, readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { expect } from 'vitest';
import { siteFor } from '../../lib/sites';
import type { Card, SiteId } from '../../lib/types';

export const FIXTURES = new URL('../fixtures/', import.meta.url);

/** Parses `html` as a page served at `url`. DOMParser documents run no scripts and load nothing. */
export function parsePage(html: string, url = 'https://example.org/'): Document {
  const window = new Window({ url });
  return new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
}

export function fixtureText(rel: string): string {
  return readFileSync(new URL(rel, FIXTURES), 'utf8');
}

export function loadFixture(rel: string, url: string): Document {
  return parsePage(fixtureText(rel), url);
}

/** `tests/fixtures/index.json`: generated pages and the cards each must give, in order. */
export type IndexEntry = {
  file: string;
  url: string;
  site: SiteId;
  digestDay?: string;
  cards: { id: string; title: string }[];
};
export function fixtureIndex(): IndexEntry[] {
  return JSON.parse(fixtureText('index.json')) as IndexEntry[];
}

/** `tests/fixtures/real/<name>.expected.json`, written by hand beside each capture. */
export type Expected = {
  url: string;
  site: SiteId | null;
  pageLabel?: string;
  count: number;
  countedBy: string;
  cards?: ExpectedCard[];
};
type ExpectedCard = {
  /** The arXiv id; null where the page gives none (Google Scholar links to publishers). */
  id: string | null;
  title: string;
  /** The address the card gives; null for none (a citation-only Scholar result). Else any http(s) address. */
  url?: string | null;
  doi?: string;
  year?: number;
  version?: number;
  digestDate?: string;
  anchors?: number;
  authorsCount?: number;
  authorsFirst?: string[];
  publishedAt?: string;
  /** arXiv's primary subject class, as the page prints it; checked when named. */
  primaryClass?: string;
  upvotes?: number;
  abstractStarts?: string;
  hasAbstract?: boolean;
};

export function realCaptures(): { html: string; expected: Expected }[] {
  return readdirSync(new URL('real/', FIXTURES))
    .filter((f) => f.endsWith('.expected.json'))
    .map((f) => ({
      html: f.replace(/\.expected\.json$/, '.html'),
      expected: JSON.parse(fixtureText(`real/${f}`)) as Expected,
    }));
}

/** Reads a real capture and checks every field its expectation names. */
export function checkCapture(html: string, expected: Expected): void {
  const site = siteFor(expected.url);
  expect(site?.id ?? null).toBe(expected.site);
  if (!site) return;
  const url = new URL(expected.url);
  const doc = loadFixture(`real/${html}`, expected.url);
  const cards = site.readCards(doc, url);
  if (expected.pageLabel !== undefined) expect(site.pageLabel(url, doc)).toBe(expected.pageLabel);
  expect(cards.map((c) => c.paper.arxivId)).toEqual((expected.cards ?? []).map((c) => c.id ?? undefined));
  expect(cards).toHaveLength(expected.count);
  (expected.cards ?? []).forEach((want, i) => checkCard(cards[i], want));
}

function checkCard(card: Card | undefined, want: ExpectedCard): void {
  expect(card).toBeDefined();
  if (!card) return;
  const p = card.paper;
  expect(p.title).toBe(want.title);
  expect(p.version).toBe(want.version);
  expect(card.digestDate).toBe(want.digestDate);
  if (want.url === null) expect(p.url).toBeUndefined();
  else if (want.url !== undefined) expect(p.url).toBe(want.url);
  else expect(p.url).toMatch(/^https?:\/\//);
  expect(p.doi).toBe(want.doi);
  if (want.year !== undefined) expect(p.year).toBe(want.year);
  expect(card.anchors.length).toBe(want.anchors ?? 1);
  for (const a of card.anchors) expect(card.element.contains(a)).toBe(true);
  if (want.authorsCount !== undefined) expect(p.authors?.length ?? 0).toBe(want.authorsCount);
  if (want.authorsFirst) expect(p.authors?.slice(0, want.authorsFirst.length)).toEqual(want.authorsFirst);
  if (want.publishedAt !== undefined) expect(p.publishedAt).toBe(want.publishedAt);
  if (want.primaryClass !== undefined) expect(p.primaryClass).toBe(want.primaryClass);
  if (want.upvotes !== undefined) expect(p.upvotes).toBe(want.upvotes);
  if (want.abstractStarts !== undefined) expect(p.abstract?.startsWith(want.abstractStarts)).toBe(true);
  if (want.hasAbstract === false) expect(p.abstract).toBeUndefined();
}
