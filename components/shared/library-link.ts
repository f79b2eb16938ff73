/** The way from the popup and the badge panel to the library page, on one paper's details or not. */
import { browser } from 'wxt/browser';
import { paperHash } from '../library/query';

export function libraryUrl(paperKey?: string): string {
  return browser.runtime.getURL('/library.html') + (paperKey === undefined ? '' : paperHash(paperKey));
}

/** A tab of its own (the popup closes by itself when the new tab takes focus). */
export function openLibrary(paperKey?: string): void {
  void browser.tabs.create({ url: libraryUrl(paperKey) });
}
