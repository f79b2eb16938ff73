import { openDb } from '../lib/db';
import { refreshDerived } from '../lib/library/derived';
import { Library } from '../lib/library/index';
import type { ProgressEvent } from '../lib/messages';
import { createNotify, type ChangeDetails } from '../lib/notify';
import { createRouter } from '../lib/router';
import { isSupportedPage, SUPPORTED_MATCHES } from '../lib/sites/directory';
import { readingBadge, readingConcerned, readingOf } from '../lib/reading';
import { readPageMeta } from '../lib/citation-meta';
import { sessionTabStore } from '../lib/tabs';
import { dropStaleFiles } from '../lib/transfer-files';

/** How long the worker must go without messages before it loads the catalog on its own… */
const CATALOG_QUIET_MS = 1_000;
/** …but no later than this after it started: a long page's lookups keep coming, and want it. */
const CATALOG_LATEST_MS = 2_500;

export default defineBackground(() => {
  const tabs = sessionTabStore();
  const library = new Library(openDb());
  // Keys made by older dedup/search code are recomputed once after an update (usually a no-op).
  void refreshDerived(library.db).catch((err) => console.error('[dejalu] recomputing search keys failed', err));
  void dropStaleFiles().catch((err) => console.error('[dejalu] dropping unfinished transfers failed', err));
  // Load the catalog at the worker's first quiet moment, not as it starts. Chrome starts the worker
  // for a page's first lookup (it stops it after 30 s idle, so that is most first visits); at 100k
  // papers reading and unpacking the snapshot holds the worker's thread for a few hundred ms, and
  // the lookup, which answers from the snapshot's small 'near' row until the catalog is there,
  // waited behind it. A search that comes first loads it itself.
  let warming: ReturnType<typeof setTimeout> | undefined;
  const started = Date.now();
  const warmWhenQuiet = () => {
    clearTimeout(warming);
    if (library.catalog.ready()) return;
    const wait = Math.max(0, Math.min(CATALOG_QUIET_MS, started + CATALOG_LATEST_MS - Date.now()));
    warming = setTimeout(() => void library.catalog.get().catch((err) => console.error('[dejalu] loading the catalog failed', err)), wait);
  };
  warmWhenQuiet();

  const tell = createNotify({
    toPages: (event) => chrome.runtime.sendMessage(event),
    digestTabs: async () => (await chrome.tabs.query({ url: SUPPORTED_MATCHES })).flatMap((t) => (t.id === undefined ? [] : [t.id])),
    toTab: (id, event) => chrome.tabs.sendMessage(id, event),
  });
  const notify = (keys: string[], details?: ChangeDetails) => {
    void tell(keys, details);
    for (const [tabId, key] of reading) if (readingConcerned(key, { keys, ...details })) void markReading(tabId);
  };

  const badge = (tabId: number, text: string, color = '#4f46e5') => {
    void chrome.action.setBadgeBackgroundColor({ tabId, color }).catch(() => {});
    void chrome.action.setBadgeText({ tabId, text }).catch(() => {});
  };
  const setBadge = (tabId: number, count: number) => badge(tabId, count > 0 ? String(count) : '');
  const tabUrl = async (id: number) => (await chrome.tabs.get(id).catch(() => undefined))?.url;

  // Tabs showing a paper's full text (an arXiv or OpenReview PDF), with the key of the paper their
  // icon speaks of (null: one the library does not hold): the icon says whether the paper was met
  // or saved, and follows the library's changes that concern it while the worker runs.
  const reading = new Map<number, string | null>();
  const markReading = async (tabId: number) => {
    const shown = readingOf(await tabUrl(tabId));
    if (!shown) return void reading.delete(tabId);
    const paper = await library.paperRead(shown).catch(() => null);
    reading.set(tabId, paper?.key ?? null);
    const { text, color } = readingBadge(paper);
    badge(tabId, text, color);
  };

  // Only extension pages follow an import; a page that closed has nobody listening.
  const progress = (event: ProgressEvent) => void chrome.runtime.sendMessage(event).catch(() => {});

  // Only on the tab the reader opened the popup on: its click grants `activeTab` there. At once,
  // not when the page has loaded: the tags are in its head, and the popup should not wait for images.
  const pageMeta = async (tabId: number) => (await chrome.scripting.executeScript({ target: { tabId }, func: readPageMeta, injectImmediately: true }))[0]?.result;

  const handle = createRouter({ library, tabs, extensionId: chrome.runtime.id, notify, setBadge, progress, tabUrl, pageMeta });

  chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
    const type = message && typeof message === 'object' ? (message as { type?: unknown }).type : undefined;
    if (type === 'dejalu.changed' || type === 'dejalu.progress') return false;
    warmWhenQuiet();
    handle(message, sender).then(sendResponse, (err) =>
      sendResponse({ ok: false, error: { code: 'internal', message: String(err) } }),
    );
    return true; // the reply is sent asynchronously
  });

  chrome.tabs.onRemoved.addListener((tabId) => {
    void tabs.close(tabId);
    reading.delete(tabId);
  });
  chrome.tabs.onUpdated.addListener((tabId, change, tab) => {
    // Once loaded (the navigation resets a tab's icon text, so not before).
    if (change.status === 'complete' && (reading.has(tabId) || readingOf(tab.url))) void markReading(tabId);
    if (change.status !== 'loading') return;
    // A tab that loads another page no longer shows the cards it reported.
    if (change.url) void tabs.remove(tabId);
    // A digest page is on its way: read what its first lookup needs while the page parses and
    // paints, not after its cards are read. This event is also what starts a worker Chrome had
    // stopped, so a day's first page no longer pays for the worker's start and that read in turn.
    const url = change.url ?? tab.url;
    if (url && isSupportedPage(url)) {
      warmWhenQuiet();
      void library.catalog.nearTitles().catch((err) => console.error('[dejalu] reading the near keys failed', err));
    }
  });
});
