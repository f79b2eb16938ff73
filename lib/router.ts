/**
 * The background's message handler: parse, check the sender, run the operation, answer a value.
 * Nothing thrown here reaches the caller; every failure becomes `{ ok: false, error }`.
 */
import { Invalid, NotFound, type Library } from './library/index';
import { tabStatuses } from './library/tab';
import {
  INLINE_CHARS,
  Request,
  SELECTION_MAX,
  type CardInput,
  type ErrorCode,
  type MatchView,
  type PageInfo,
  type ProgressEvent,
  type Reply,
  type RequestOf,
  type RequestType,
  type Replies,
} from './messages';
import { noProgress, progressReporter } from './progress';
import { tabReading } from './tab-reading';
import { readSettings, writeSettings } from './settings';
import { isSupportedPage } from './sites/directory';
import type { TabStore } from './tabs';
import type { ChangeDetails } from './notify';
import { measure } from './timing';
import { exportLibrary, importLibrary } from './transfer';
import { cacheFiles, newFileId, type FileStore } from './transfer-files';
import { errorMessage } from './errors';

/** The parts of `chrome.runtime.MessageSender` we rely on. */
export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number; url?: string };
}

/**
 * What a content script on a digest page may ask: reading its own cards, editing one paper, citing
 * one, and re-reading the papers it shows when another tab, the popup or the library page changed
 * them.
 */
const CONTENT_SCRIPT_ALLOWED = new Set<RequestType>([
  'cards.lookup',
  'sightings.record',
  'tab.report',
  'paper.save',
  'paper.tags',
  'paper.note',
  'paper.get',
  'papers.get',
  // The `c` shortcut: BibTeX holds nothing `papers.get` does not give a page already (no notes or tags).
  'paper.cite',
  'tags.list',
  'settings.get',
  'settings.set',
]);

/** Our own extension pages may ask anything; a content script only from a supported page. */
export function senderAllowed(sender: Sender, extensionId: string, type: RequestType): string | null {
  if (sender.id !== extensionId) return 'Messages from other extensions are refused.';
  const pageUrl = sender.tab ? (sender.url ?? sender.tab.url ?? '') : (sender.url ?? '');
  if (pageUrl.startsWith(`chrome-extension://${extensionId}/`)) return null;
  if (!sender.tab) return null; // our service worker or an offscreen context of our own
  if (!isSupportedPage(pageUrl)) return `Refused: ${pageUrl} is not a supported page.`;
  if (!CONTENT_SCRIPT_ALLOWED.has(type)) return `Refused: a page may not send ${type}.`;
  return null;
}

export interface RouterDeps {
  library: Library;
  tabs: TabStore;
  extensionId: string;
  /** Tell pages and extension views that papers (or settings) changed. */
  notify?: (keys: string[], details?: ChangeDetails) => void;
  /** Show the number of new papers on a tab's toolbar icon. */
  setBadge?: (tabId: number, newCount: number) => void;
  /** Where files too large for a message are exchanged with the library page. */
  files?: FileStore;
  /** Tell extension pages how far a long job (an import) has got. */
  progress?: (event: ProgressEvent) => void;
  /** The address a tab shows now (undefined: closed, or a page we may not read). */
  tabUrl?: (tabId: number) => Promise<string | undefined>;
  /**
   * The scholarly meta tags of the page a tab shows (lib/citation-meta.ts `readPageMeta`, run in
   * the tab), as the page gave them: unchecked. Rejects where the extension may not run there.
   */
  pageMeta?: (tabId: number) => Promise<unknown>;
}

type Handler<T extends RequestType> = (req: RequestOf<T>, sender: Sender) => Promise<Replies[T]>;

export function createRouter(deps: RouterDeps) {
  const { library, tabs } = deps;
  const notify = deps.notify ?? (() => {});
  const files = deps.files ?? cacheFiles;
  const tabId = (sender: Sender, req?: { tabId?: number }) => req?.tabId ?? sender.tab?.id;
  // A visit or a badge's edit that moved papers to their arXiv key: pages showing them hold the
  // old key; they move their cards to the new one.
  library.onMoved((moved) => notify([...new Set(Object.values(moved))], { moved }));
  // The library page lists the papers a visit adds and counts its sightings as they come.
  library.onSeen((keys) => notify(keys, { sightings: true }));

  // Which paper each card of a tab was matched to by its content script's lookups, so the popup's
  // `tab.get` re-reads those rows instead of looking the whole page up again. Operations that can
  // change what a card matches other than by creating the card's own paper (splits, deletes,
  // restores, imports, clears) run inside `reshaping`, which starts a new epoch before and after
  // them, and matches from another epoch are not used. The epoch is kept with the tabs
  // (storage.session), so a worker that wakes up (Chrome stops it after 30 s idle, and the popup is
  // often opened later than that) still trusts what the tabs reported before: looking a page's
  // cards up again made the popup's first screen ~40 ms slower. What it trusts is checked anyway
  // (tab.ts: a gone paper, or one no longer the same by the rules, is looked up again).
  const boot = Date.now().toString(36);
  let epochN = 0;
  let epoch = '';
  /** Epoch changes in this worker's life: a lookup that overlaps one keeps no match. */
  let changes = 0;
  const epochReady: Promise<void> = tabs
    .epoch()
    .catch(() => null)
    .then(async (stored) => {
      epoch = stored ?? `${boot}.0`;
      if (!stored) await tabs.setEpoch(epoch).catch(() => {});
    });
  async function newEpoch(): Promise<void> {
    epoch = `${boot}.${++epochN}`;
    changes++;
    await tabs.setEpoch(epoch).catch(() => {});
  }
  /** Run an operation that may change what cards match; lookups that overlap it are not kept. */
  const reshaping = async <T>(run: () => Promise<T>): Promise<T> => {
    await epochReady;
    await newEpoch();
    try {
      return await run();
    } finally {
      await newEpoch();
    }
  };
  type Matched = { key: string | null; match?: MatchView; epoch: string };
  const matched = new Map<number, Map<string, Matched>>();
  let matchedCount = 0;
  const remember = (id: number, cards: CardInput[], statuses: Replies['cards.lookup']['statuses'], at: string) => {
    if (matchedCount > 50_000) {
      matched.clear();
      matchedCount = 0;
    }
    let m = matched.get(id);
    if (!m) matched.set(id, (m = new Map()));
    cards.forEach((c, i) => {
      const st = statuses[i];
      if (!st) return;
      const entry: Matched = { key: st.paper?.key ?? null, epoch: at };
      if (st.match) entry.match = st.match;
      m.set(cardId(c), entry);
      matchedCount++;
    });
  };

  /**
   * Whether the tab still shows the page that sent a report. A report sent as the page was left (a
   * flush on pagehide) can arrive after the tab started loading the next page, which forgot the
   * tab's report: kept, it would list the old page's cards in the popup of the new one. A tab whose
   * address we may not read (a page of another site) is not that page either. The page's own
   * address is compared, not the sender's: a message's sender keeps the address its document
   * loaded with, while the page (and the tab) follow the site's client-side navigation.
   */
  const stillOn = async (id: number, page: PageInfo): Promise<boolean> => {
    if (!deps.tabUrl) return true;
    const now = await deps.tabUrl(id).catch(() => undefined);
    return now !== undefined && now.split('#')[0] === page.url.split('#')[0];
  };

  /** What a tab shows (`tab.report`, or a page's one lookup), for the popup and the toolbar badge. */
  const reportTab = async (id: number, page: PageInfo, reported: RequestOf<'tab.report'>['cards'], visitId?: string) => {
    if (!(await stillOn(id, page))) return;
    await epochReady;
    const m = matched.get(id);
    const cards = reported.map((c) => {
      const known = m?.get(cardId(c.card));
      return known && known.epoch === epoch ? { ...c, key: known.key, ...(known.match ? { match: known.match } : {}) } : c;
    });
    await tabs.set(id, { page, ...(visitId ? { visitId } : {}), cards, updatedAt: Date.now(), epoch });
    deps.setBadge?.(id, reported.filter((c) => c.status === 'new').length);
    notify([]);
  };

  const handlers: { [T in RequestType]: Handler<T> } = {
    'cards.lookup': async (r, sender) => {
      // The epoch the lookup started in: not waited for (the page's badges wait for this reply),
      // so taken once it is known, unless it changed meanwhile.
      const before = changes;
      // Statuses carry slim views (rows.toSlimView): no abstract, which no badge shows.
      const [statuses, settings] = await Promise.all([
        r.beforeVisit !== undefined && r.visitId ? library.lookupBefore(r.cards, r.visitId, r.beforeVisit) : library.lookup(r.cards),
        r.settings || r.report ? readSettings(library.db) : undefined,
        epochReady,
      ]);
      const id = sender.tab?.id;
      if (id !== undefined && changes === before) remember(id, r.cards, statuses, epoch);
      // The report goes after the reply, which the page is waiting for to show its badges; a site
      // the reader turned off shows nothing and reports nothing.
      const page = r.report;
      if (page && id !== undefined && (settings?.sites as Record<string, boolean> | undefined)?.[page.site] !== false) {
        const cards = r.cards.map((card, i) => ({ card, status: statuses[i]?.status ?? ('new' as const), seen: statuses[i]?.seenBefore ?? statuses[i]?.paper?.seenCount ?? 0 }));
        setTimeout(() => void reportTab(id, page, cards, r.visitId).catch(() => {}), 0);
      }
      return r.settings && settings ? { statuses, settings } : { statuses };
    },
    'sightings.record': (r) => library.recordSightings(r.visitId, r.page, r.cards),
    'tab.report': async (r, sender) => {
      const id = tabId(sender);
      if (id !== undefined) await reportTab(id, r.page, r.cards, r.visitId);
      return { ok: true as const };
    },
    'tab.get': async (r) => {
      const [reported] = await Promise.all([tabs.get(r.tabId), epochReady]);
      // A tab that went from a digest to another site's page keeps its report: Chrome tells the
      // navigation's address only for sites the extension may read, so nothing removed it.
      const state = reported && (await stillOn(r.tabId, reported.page)) ? reported : null;
      if (!state) {
        const url = await deps.tabUrl?.(r.tabId).catch(() => undefined);
        const pageMeta = deps.pageMeta;
        return { state, ...(await tabReading({ library, url, ...(pageMeta ? { pageMeta: () => pageMeta(r.tabId) } : {}) })) };
      }
      const cards = state.epoch === epoch ? state.cards : state.cards.map(({ card, status }) => ({ card, status }));
      return { state, statuses: await tabStatuses(library.db, cards, (probes) => library.resolveAlone(probes)) };
    },
    'paper.save': async (r) => {
      const paper = await library.save(r.target, r.saved);
      notify([paper.key]);
      return { paper };
    },
    'paper.tags': async (r) => {
      const paper = await library.editTags(r.target, r.add, r.remove);
      notify([paper.key]);
      return { paper };
    },
    'paper.title': async (r) => {
      const paper = await library.chooseTitle(r.key, r.title);
      notify([paper.key]);
      return { paper };
    },
    'paper.venue': async ({ type: _t, key, ...venue }) => {
      const paper = await library.setVenue(key, venue);
      notify([paper.key]);
      return { paper };
    },
    'paper.note': async (r) => {
      const paper = await library.setNote(r.target, r.note);
      notify([paper.key]);
      return { paper };
    },
    'paper.add': async (r) => {
      const res = await reshaping(() => library.addByHand(r.card, r.asNew));
      // A card on an open page may be this paper: pages look their cards up again, as after an import.
      if (!res.existed) notify([res.paper.key], { all: true });
      return res;
    },
    'paper.get': async (r) => library.getPaper(r.key),
    'papers.cite': async (r) => library.cite(r.keys),
    'paper.cite': async (r) => library.citeTarget(r.target),
    'papers.get': async (r) => ({ papers: await library.getPapers(r.keys) }),
    'papers.notSame': async (r) => {
      const res = await reshaping(() => library.markNotSame(r.a, r.b, { aOnPage: r.aOnPage }));
      notify([r.a, res.b.key], { rematch: [r.a] });
      return res;
    },
    'papers.bulk': async (r) => {
      const run = () => library.bulk(r.keys, r.op);
      const { snapshot, changed } = await (r.op.kind === 'delete' ? reshaping(run) : run());
      notify(r.keys);
      if (snapshot === undefined || snapshot.length <= INLINE_CHARS) return { changed, ...(snapshot === undefined ? {} : { snapshot }) };
      // Every paper a search matched may be thousands, with their histories: a reply that size
      // would fail after the delete, and with it the undo.
      const snapshotFile = newFileId();
      await files.put(snapshotFile, snapshot, 'application/json');
      return { changed, snapshotFile };
    },
    // What cards match changes (one paper fewer): the tabs' remembered matches start a new epoch.
    // Pages are told by onMoved (the merged key → the kept one).
    'papers.merge': async (r) => reshaping(() => library.merge(r.keys)),
    'papers.unmerge': async (r) => {
      const restored = await reshaping(() => library.unmerge(r.snapshot));
      notify([], { all: true });
      return { restored };
    },
    'papers.restore': async (r) => {
      const snapshot = r.snapshot ?? (r.snapshotFile === undefined ? null : await files.take(r.snapshotFile, (res) => res.text()));
      if (snapshot == null) throw new NotFound('Nothing to put back: the undo is no longer available.');
      const restored = await reshaping(() => library.restore(snapshot));
      notify([], { all: true });
      return { restored };
    },
    'tags.list': async () => ({ tags: await library.listTags() }),
    'tags.rename': async (r) => {
      const { changed, keys } = await library.renameTag(r.from, r.to);
      if (keys.length) notify(keys);
      return { changed };
    },
    'library.search': async (r) => library.search(r.query),
    'library.keys': async (r) => library.searchKeys(r.query, SELECTION_MAX),
    'library.recent': async (r) => ({ papers: await library.recent(r.limit) }),
    'library.stats': async () => library.stats(),
    'library.export': async (r) => {
      // A selection cites by the keys the whole library's file gives (a namesake left out of it
      // would otherwise hand its key to a selected paper): the catalog knows every paper's.
      const cat = r.keys ? await library.catalog.get() : undefined;
      const started = Date.now();
      const { text, ...file } = await exportLibrary(library.db, r.format, r.keys, { library: cat?.citeRefs() });
      // The library page reminds the reader of work that is in no backup (components/library/backup.ts).
      if (r.format === 'backup' && !r.keys) await library.markBackedUp(started, file.count);
      if (text.length <= INLINE_CHARS) return { ...file, text };
      const t0 = performance.now();
      const fileId = newFileId();
      await files.put(fileId, text, `${file.mime};charset=utf-8`);
      measure('export.store', t0);
      return { ...file, fileId };
    },
    'library.import': async (r) => {
      const progress = r.job && deps.progress ? progressReporter(r.job, deps.progress) : noProgress;
      progress('reading');
      let text = r.text;
      if (r.fileId !== undefined) {
        const t0 = performance.now();
        text = (await files.take(r.fileId, (res) => res.text())) ?? undefined;
        if (text === undefined) throw new NotFound('The file to import is gone; choose it again.');
        measure('import.readFile', t0);
      }
      if (text === undefined) throw new Invalid('Nothing to import: no text and no file.');
      const res = await reshaping(() => importLibrary(library, text, r.format, r.filename, { progress }));
      notify([], { settings: await readSettings(library.db), all: true });
      return res;
    },
    'library.clear': async () => {
      matched.clear();
      matchedCount = 0;
      await reshaping(() => library.clear());
      notify([], { all: true });
      return { ok: true as const };
    },
    'settings.get': async () => ({ settings: await readSettings(library.db) }),
    'settings.set': async (r) => {
      const settings = await writeSettings(library.db, r.settings);
      notify([], { settings });
      return { settings };
    },
  };

  return async function handle(raw: unknown, sender: Sender): Promise<Reply<RequestType>> {
    const parsed = Request.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
      return fail('invalid', `Invalid message${where}: ${issue?.message ?? 'unknown shape'}.`);
    }
    const req = parsed.data;
    const refused = senderAllowed(sender, deps.extensionId, req.type);
    if (refused) return fail('forbidden', refused);
    try {
      const handler = handlers[req.type] as Handler<RequestType>;
      const reply = await handler(req as RequestOf<RequestType>, sender);
      return { ok: true, ...reply } as Reply<RequestType>;
    } catch (err) {
      const code: ErrorCode =
        err && typeof err === 'object' && 'code' in err && typeof err.code === 'string'
          ? (err.code as ErrorCode)
          : 'internal';
      return fail(code, errorMessage(err));
    }
  };
}

/** A card's identity for remembering its match: everything a lookup reads from it. */
function cardId(c: CardInput): string {
  return JSON.stringify([c.title, c.arxivId, c.version, c.doi, c.url, c.authors, c.year, c.publishedAt]);
}

function fail(code: ErrorCode, message: string): Reply<RequestType> {
  return { ok: false, error: { code, message } };
}
