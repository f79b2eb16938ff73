/**
 * Telling the extension's pages and the digest pages' content scripts that the library changed
 * (`dejalu.changed`). The background's glue to chrome.runtime and chrome.tabs is injected, so the
 * rule of who is told what is tested without a browser.
 */
import type { ChangeEvent } from './messages';

/** What a change event says besides the papers it names. */
export type ChangeDetails = Omit<ChangeEvent, 'type' | 'keys'>;

export interface NotifyDeps {
  /** The extension's own pages (popup, library page), which refresh on any change. */
  toPages(event: ChangeEvent): Promise<unknown>;
  /** The open tabs of supported pages, where the content script runs. */
  digestTabs(): Promise<number[]>;
  toTab(tabId: number, event: ChangeEvent): Promise<unknown>;
}

/**
 * Whether a content script acts on `event` (PageController.onChange): papers it may show, settings,
 * cards to match again, or a change to the whole library. A tab's report, which follows every
 * digest page a reader opens, carries none of them, nor do a visit's sightings (a page shows
 * statuses from before its visit); sent to every open digest tab, they woke each one's page for
 * nothing.
 */
export function forContentScripts(event: ChangeEvent): boolean {
  return (
    (event.keys.length > 0 && event.sightings !== true) ||
    event.settings !== undefined ||
    event.rematch !== undefined ||
    event.all === true
  );
}

/** Returns `notify`; a failed send (a page that has closed, a tab without our script) is dropped. */
export function createNotify(deps: NotifyDeps) {
  return async (keys: string[], details: ChangeDetails = {}): Promise<void> => {
    const event: ChangeEvent = { type: 'dejalu.changed', keys, ...details };
    deps.toPages(event).catch(() => {});
    if (!forContentScripts(event)) return;
    const tabs = await deps.digestTabs().catch(() => []);
    for (const id of tabs) deps.toTab(id, event).catch(() => {});
  };
}
