/** The way from the popup and the badge panel to the library page: on one paper's details, or one tag's papers. */
import { browser } from 'wxt/browser';
import { DEFAULT_FILTERS, filtersToHash, paperHash } from '../library/query';

export type LibraryPlace = { paper: string } | { tag: string };

export function libraryUrl(at?: LibraryPlace): string {
  const hash = !at ? '' : 'paper' in at ? paperHash(at.paper) : filtersToHash({ ...DEFAULT_FILTERS, tag: at.tag });
  return browser.runtime.getURL('/library.html') + hash;
}

/** A tab of its own (the popup closes by itself when the new tab takes focus). */
export function openLibrary(at?: LibraryPlace): void {
  void browser.tabs.create({ url: libraryUrl(at) });
}
