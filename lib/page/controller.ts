/**
 * The content script's work on one tab: recognise cards, look up their statuses in one batch,
 * annotate them, record sightings for the cards the reader actually saw, and follow client-side
 * navigation and new cards. Statuses are those from before the visit and are kept for the page's
 * life, so a badge never flips from New to Seen while the user reads.
 */
import type { CardInput, CardStatus, ChangeEvent, PageInfo, PaperStatus, PaperView, Reply, Request, Settings } from '../messages';
import { PAPER_STATUSES } from '../paper-status';
import { send } from '../rpc';
import { SeenTracker } from '../seen';
import { NearScreen } from './near-screen';
import { SightingBatch, sendRetrying } from './sightings';
import type { Card, SiteModule } from '../types';
import { isIsoDay } from '../sites/text';
import { cardId, cardInput, slimInput } from './card-input';
import { createSlicer, FRAME_MS, runSliced, type Slicer } from './slices';
import { ShownPapers, type Entry } from './shown';
import { errorMessage } from '../errors';
import { countPapers } from './count-papers';
import type { BadgeModel, PageKind, PageUi } from './ui';

interface Fresh {
  card: Card;
  input: CardInput;
  id: string;
}

/** Cards badged at once; past this a page's badges are mounted as their cards come near. */
const EAGER_BADGES = 400;
/**
 * Cards per `cards.lookup`. A page of ordinary length is one message. A long page goes in batches
 * small enough that neither sending one nor reading its reply (statuses and stored papers) makes a
 * long task: a 5,000-card lookup is megabytes each way, and its reply alone took ~50 ms to read.
 * Two batches are in flight at a time, so the badges of one go in while the next is looked up.
 */
const FIRST_LOOKUP = 200;
const LOOKUP_BATCH = 200;
const IN_FLIGHT = 2;
/** A lookup the background did not answer is sent once more after this long… */
const LOOKUP_RETRY_MS = 300;
/** …and then the scan is tried again after 1, 2, 4… s, this many times at most. */
const RESCANS = 6;

export function lookupBatches<T>(items: readonly T[], first = FIRST_LOOKUP, size = LOOKUP_BATCH): T[][] {
  const out: T[][] = [];
  if (items.length === 0) return out;
  out.push(items.slice(0, first));
  for (let start = first; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** A lookup, asked once more after a pause when unanswered: a worker starting or stopping can miss a message. */
async function askTwice(message: Extract<Request, { type: 'cards.lookup' }>): Promise<Reply<'cards.lookup'>> {
  const reply = await send(message);
  if (reply.ok) return reply;
  await new Promise((resolve) => setTimeout(resolve, LOOKUP_RETRY_MS));
  return send(message);
}

/** A URL without its fragment: a jump within the page (`#item13`, `#content`) is the same visit. */
function withoutHash(href: string): string {
  const hash = href.indexOf('#');
  return hash < 0 ? href : href.slice(0, hash);
}

function newVisitId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

/** The elements the page UI adds: badges, the summary, the panel's frame. */
const OWN = new Set(['DEJALU-BADGE', 'DEJALU-SUMMARY', 'DEJALU-PANEL']);

/** A mutation record that only adds or removes our own elements (placing, re-placing, dropping them). */
function ownBadgesOnly(r: MutationRecord): boolean {
  if (r.addedNodes.length === 0 && r.removedNodes.length === 0) return false;
  for (const n of r.addedNodes) if (!OWN.has(n.nodeName)) return false;
  for (const n of r.removedNodes) if (!OWN.has(n.nodeName)) return false;
  return true;
}

export class PageController {
  private readonly entries = new Map<Element, Entry>();
  private readonly shown = new ShownPapers();
  private visitId = newVisitId();
  /** When this visit's first sighting was queued: lookups then leave the visit out (`Library.lookupBefore`). */
  private sightedSince: number | undefined;
  private url: string;
  private page: PageInfo;
  private settings: Settings | null = null;
  /** Cards past EAGER_BADGES get their badge as they come near the screen. */
  private readonly nearScreen = new NearScreen((el) => {
    const entry = this.entries.get(el);
    if (entry) this.mount(entry);
  });
  /** Sent with the visit and page current at the time: a new visit flushes before it begins. */
  private readonly sightings = new SightingBatch((cards, ids) => {
    const message = { type: 'sightings.record', visitId: this.visitId, page: this.page, cards } as const;
    // Only a failure to reach or run the handler is worth another try; a refusal stays one.
    return sendRetrying(async () => {
      const r = await send(message);
      if (r.ok) r.keys?.forEach((key, i) => this.shown.entriesOf([ids[i]!]).forEach((e) => this.shown.learn(e, key)));
      return r.ok || r.error.code !== 'internal';
    });
  });
  private scanTimer: ReturnType<typeof setTimeout> | undefined;
  private scanning: Promise<void> | null = null;
  private rescan = false;
  private readonly seen: SeenTracker;
  private mutations: MutationObserver | null = null;
  private visitChanged = false;
  /** Scans in a row whose lookups the background did not answer. */
  private failedScans = 0;

  constructor(
    private readonly site: SiteModule,
    private readonly ui: PageUi,
    private readonly doc: Document = document,
  ) {
    this.url = doc.location.href;
    this.page = this.pageInfo();
    this.seen = new SeenTracker({ onSeen: (el) => this.onSeen(el) });
  }

  private pageInfo(): PageInfo {
    const url = new URL(this.doc.location.href);
    const digest = this.firstDigestDate;
    // Within PageInfoSchema, as cards are (cardInput): a search URL can be longer than 4,096.
    const info: PageInfo = { url: url.href.slice(0, 4_096), site: this.site.id, label: this.site.pageLabel(url, this.doc).slice(0, 200) };
    if (isIsoDay(digest)) info.digestDate = digest;
    return info;
  }
  private firstDigestDate: string | undefined;

  /**
   * Settings come back with the first lookup (`settings: true`): one round trip before the badges
   * show instead of two, and one message fewer for the page to send and read. A first scan without
   * cards asks for them alone (`needSettings`).
   */
  private settingsAsked = false;
  private settingsKnown!: (settings: Settings | null) => void;
  private readonly settingsReady = new Promise<Settings | null>((resolve) => {
    this.settingsKnown = (settings) => {
      // A `dejalu.changed` with settings that came first is newer.
      this.settings ??= settings;
      resolve(this.settings);
    };
  });
  /** The reader turned this site off: nothing is shown and nothing is recorded. */
  private off = false;
  /** Told once when the site turns out to be off, here or elsewhere (lib/page/run.ts waits then). */
  onTurnedOff?: () => void;

  /**
   * The settings as they are now (a `dejalu.changed` may have brought newer ones than the page
   * loaded with), asked for alone if no lookup has asked for them.
   */
  private needSettings(): Promise<Settings | null> {
    if (this.settings) return Promise.resolve(this.settings);
    if (!this.settingsAsked) {
      this.settingsAsked = true;
      void send({ type: 'settings.get' }).then((reply) => this.settingsKnown(reply.ok ? reply.settings : null));
    }
    return this.settingsReady;
  }

  /** Listeners `start` adds and `stop` removes. */
  private readonly onNavigate = () => this.scheduleScan();
  private readonly onVisibility = () => {
    if (this.doc.visibilityState === 'hidden') void this.flush();
  };
  private readonly onPageHide = () => void this.flush();
  /**
   * Back or Forward restored this page from Chrome's cache: the content script does not run again,
   * but the background forgot the tab's report when it navigated away. The page reports again, so
   * the popup and the toolbar count show its cards.
   */
  private readonly onPageShow = (e: Event) => {
    if ((e as PageTransitionEvent).persisted) this.report();
  };
  private readonly onMessage = (msg: unknown) => {
    if (msg && typeof msg === 'object' && (msg as ChangeEvent).type === 'dejalu.changed') {
      // One at a time, in the order they came: a reply about an earlier change (a restore's
      // papers.get) arriving after a later one's (a clear's lookup) would show what is gone.
      const ev = msg as ChangeEvent;
      // A change that fails is said (as an unhandled one was before) and does not stop the next.
      this.changes = this.changes
        .then(() => this.onChange(ev))
        .catch((err: unknown) => console.warn(`[dejalu] a change made elsewhere could not be shown here: ${errorMessage(err)}`));
    }
    return false;
  };
  private changes: Promise<void> = Promise.resolve();
  /** Aborted by `stop`: removes the page listeners `start` added. */
  private listeners: AbortController | null = null;

  async start(): Promise<void> {
    await this.scan();
    if (this.off) return;
    this.mutations = new MutationObserver((records) => {
      // Our own badges are mutations too; they neither add nor remove cards, so they need no scan.
      // A record that only removes nodes may take cards away: the summary and report follow.
      if (records.every(ownBadgesOnly)) return;
      this.scheduleScan();
    });
    this.mutations.observe(this.doc.body, { childList: true, subtree: true });
    const win = this.doc.defaultView ?? window;
    this.listeners = new AbortController();
    const opts = { signal: this.listeners.signal };
    for (const ev of ['popstate', 'hashchange']) win.addEventListener(ev, this.onNavigate, opts);
    this.doc.addEventListener('visibilitychange', this.onVisibility, opts);
    win.addEventListener('pagehide', this.onPageHide, opts);
    win.addEventListener('pageshow', this.onPageShow, opts);
    chrome.runtime.onMessage.addListener(this.onMessage);
  }

  private siteOff(settings: Settings | null): boolean {
    return settings !== null && !settings.sites[this.site.id];
  }

  private scheduleScan(): void {
    if (this.off) return;
    clearTimeout(this.scanTimer);
    this.scanTimer = setTimeout(() => void this.scan(), 150);
  }

  /** Find cards not yet annotated and annotate them; one lookup for the whole batch. */
  async scan(): Promise<void> {
    if (this.off) return;
    if (this.scanning) {
      this.rescan = true;
      return this.scanning;
    }
    this.scanning = this.doScan().finally(() => {
      this.scanning = null;
      if (this.rescan && !this.off) {
        this.rescan = false;
        this.scheduleScan();
      }
    });
    return this.scanning;
  }

  /**
   * Every step is sliced (lib/page/slices.ts): reading thousands of cards, mounting their badges and
   * placing them give the page the main thread every few milliseconds, so no task of ours is long.
   */
  private async doScan(): Promise<void> {
    const href = this.doc.location.href;
    if (withoutHash(href) !== withoutHash(this.url)) await this.newVisit();
    else this.url = href;
    const visit = this.visitId;
    const url = new URL(this.doc.location.href);
    // The first slice may take a frame: on a page of ordinary length reading is done in it, and the
    // lookup leaves without waiting behind the page's own tasks.
    const slicer = createSlicer({ firstBudgetMs: FRAME_MS });
    const cards = this.site.readSteps ? await runSliced(this.site.readSteps(this.doc, url), slicer) : this.site.readCards(this.doc, url);
    if (this.gone(visit)) return;
    this.firstDigestDate = cards.find((c) => c.digestDate)?.digestDate;
    if (this.firstDigestDate && this.page.digestDate !== this.firstDigestDate) this.page = this.pageInfo();

    const present = new Set<Element>();
    const fresh: Fresh[] = [];
    for (const card of cards) {
      present.add(card.element);
      const had = this.entries.get(card.element);
      // The recogniser hands back the same card while the element shows the same paper.
      if (had && had.card === card) continue;
      const input = cardInput(card);
      // Nothing to look up or show: the schema wants a title.
      if (input.title === '') continue;
      const id = cardId(input);
      if (had && had.id === id) {
        // The same paper, read from new inner markup (the page re-rendered the card): the badge
        // follows the new title elements, or it would be put back against detached ones.
        had.card = card;
        had.badge?.recard(card);
        continue;
      }
      if (had) this.drop(card.element, had); // the page reused the element for another paper
      fresh.push({ card, input, id });
      if (slicer.due()) await slicer.pause();
      if (this.gone(visit)) return;
    }
    let dropped = false;
    for (const [el, entry] of this.entries)
      if (!present.has(el) && !el.isConnected) {
        this.drop(el, entry);
        dropped = true;
      }
    if (!fresh.length) {
      if (this.siteOff(await this.needSettings())) return this.turnOff();
      if (this.gone(visit)) return;
      // Cards went away (client-side navigation to an empty page): the summary must say so.
      if (dropped || this.visitChanged) this.refreshPageUi();
      this.visitChanged = false;
      return;
    }
    this.visitChanged = false;
    // The background has not answered for a minute: no more lookups until the page is loaded again.
    if (this.failedScans > RESCANS) return;

    // The first lookup goes out before anything else is waited for (settings included); each later
    // batch is asked for while the badges of the one before go in.
    const batches = lookupBatches(fresh);
    if (slicer.due()) await slicer.pause();
    if (this.gone(visit)) return;
    const withSettings = !this.settingsAsked;
    this.settingsAsked = true;
    // A page whose cards are all in this one lookup: the lookup is the tab's report as well.
    const asReport = batches.length === 1 && this.entries.size === 0 ? this.page : undefined;
    let reported = false;
    const replies = batches.slice(0, IN_FLIGHT).map((batch, i) =>
      i === 0 ? this.lookup(batch, withSettings, asReport, () => (reported = true)) : this.lookup(batch),
    );
    this.ui.prepare?.(batches[0]!.map((f) => f.card));
    // Settings changed since the page loaded (dejalu.changed) are the ones that count.
    if (this.siteOff(this.settings ?? (await this.settingsReady))) return this.turnOff();
    if (this.gone(visit)) return;
    let failed = false;
    for (let b = 0; b < batches.length; b++) {
      // No fresh slice here: a reply that was already in is awaited without leaving the task, and
      // batches would chain in one long task. After a real wait the slicer is due and yields once.
      const statuses = await replies[b]!;
      if (this.gone(visit)) return;
      // Settings that came with this lookup after an unanswered one (settingsReady held null).
      if (b === 0 && withSettings && this.siteOff(this.settings)) return this.turnOff();
      if (b + IN_FLIGHT < batches.length) replies.push(this.lookup(batches[b + IN_FLIGHT]!));
      // Left out of `entries`, these cards are fresh again for the next scan.
      if (!statuses) {
        failed = true;
        continue;
      }
      // One batch (a page of ordinary length): its badges go in from the reply's own task, in slices
      // of up to a frame, rather than after a pause behind whatever the page queued meanwhile.
      const added = await this.add(batches[b]!, statuses, batches.length === 1 ? createSlicer({ budgetMs: FRAME_MS }) : slicer);
      if (this.gone(visit)) return;
      // Counts and dimming follow each batch; the tab's report (every card) goes once, at the end,
      // in a task of its own: sending thousands of cards is itself a few milliseconds per thousand.
      this.refreshPageUi(false, added);
      // Every card of the lookup went in: the background has the report already.
      if (reported && added.length === batches[b]!.length) return this.scanned(false);
    }
    this.scanned(failed);
    await slicer.pause();
    if (this.gone(visit)) return;
    this.report();
  }

  /** A scan that started in another visit, or before the controller was turned off, stops. */
  private gone(visit: string): boolean {
    return this.off || this.visitId !== visit;
  }

  /**
   * Statuses for a batch, or null when the background could not answer: then the cards get no
   * badge, since a card the library could not be asked about is not "New", and the scan is tried
   * again later (`scanned`).
   */
  private async lookup(batch: Fresh[], withSettings = false, report?: PageInfo, onReported?: () => void): Promise<CardStatus[] | null> {
    const message = {
      type: 'cards.lookup' as const,
      cards: batch.map((f) => slimInput(f.input)),
      ...(withSettings ? { settings: true as const } : {}),
      ...(report ? { report } : {}),
      ...this.beforeVisit(report !== undefined),
    };
    const reply = await askTwice(message);
    if (withSettings) this.settingsKnown(reply.ok ? (reply.settings ?? null) : null);
    if (!reply.ok) {
      console.warn(`[dejalu] the library could not be asked about this page's cards: ${reply.error.message}`);
      return null;
    }
    if (report) onReported?.();
    return reply.statuses;
  }

  /**
   * What a lookup adds to be answered as of before this visit: once the visit has a sighting (a card
   * shown later, or looked up again, may be of a paper that holds it). The visit's first lookup
   * needs nothing (nor a read of the papers' histories in the worker); a report names its visit.
   */
  private beforeVisit(report = false): { visitId?: string; beforeVisit?: number } {
    if (this.sightedSince !== undefined) return { visitId: this.visitId, beforeVisit: this.sightedSince };
    return report ? { visitId: this.visitId } : {};
  }

  /** After a scan: when some lookup went unanswered, scan again later (its cards are still fresh). */
  private scanned(failed: boolean): void {
    if (!failed) {
      this.failedScans = 0;
      return;
    }
    // The settings come with a lookup: the next one asks for them again.
    if (this.settings === null) this.settingsAsked = false;
    if (++this.failedScans > RESCANS) return;
    clearTimeout(this.scanTimer);
    this.scanTimer = setTimeout(() => void this.scan(), 1_000 * 2 ** (this.failedScans - 1));
  }

  private turnOff(): void {
    // A scan and a change event can both find the site off.
    if (this.off) return;
    const shown = this.entries.size > 0;
    this.off = true;
    this.stop();
    // Turned off while it showed cards (the reader did it elsewhere): the popup and the toolbar
    // count stop listing them.
    if (shown) void send({ type: 'tab.report', page: this.page, cards: [] });
    this.onTurnedOff?.();
  }

  /**
   * Entries and badges for one looked-up batch. On very long pages (infinite scroll, week/month
   * views with thousands of cards) only the first cards get their badge at once; the rest get it
   * as they come near the screen: a badge is a shadow root and a small component, and thousands of
   * them would cost memory for cards nobody scrolls to.
   */
  private async add(batch: Fresh[], statuses: CardStatus[], slicer: Slicer): Promise<Entry[]> {
    const added: Entry[] = [];
    for (let j = 0; j < batch.length; j++) {
      const { card, input, id } = batch[j]!;
      if (this.off) break;
      if (card.element.isConnected && !this.entries.has(card.element)) {
        const st = statuses[j] ?? { status: 'new' as const };
        const model: BadgeModel = {
          status: st.status,
          before: st.status,
          seenBefore: st.seenBefore ?? st.paper?.seenCount ?? 0,
          visitId: this.visitId,
          paper: st.paper,
          match: st.match,
          card: input,
          page: this.page,
        };
        const entry: Entry = { card, id, model, badge: null, keys: [] };
        this.entries.set(card.element, entry);
        if (this.entries.size <= EAGER_BADGES) this.mount(entry);
        else this.nearScreen.watch(card.element);
        this.shown.index(entry);
        this.track(entry);
        added.push(entry);
      }
      if (slicer.due()) await slicer.pause();
    }
    return added;
  }

  private mount(entry: Entry): void {
    if (entry.badge) return;
    entry.badge = this.ui.mountBadge(entry.card, entry.model, (paper) => this.onPaper(entry, paper));
  }

  private drop(el: Element, entry: Entry): void {
    entry.badge?.destroy();
    this.nearScreen.unwatch(el);
    this.seen.unobserve(el);
    this.entries.delete(el);
    this.shown.unindex(entry);
  }

  private track(entry: Entry): void {
    const mode = this.settings?.seenMode ?? 'visible';
    if (mode === 'never' || entry.sighted) return;
    if (mode === 'load') this.queueSighting(entry);
    else this.seen.observe(entry.card.element);
  }

  /**
   * "What counts as seen" changed while the page is open: cards no longer watched for being on
   * screen unless the new rule says so, every card not yet recorded recorded now under 'load'.
   */
  private retrack(): void {
    const visible = this.settings?.seenMode === 'visible';
    for (const entry of this.entries.values()) {
      if (!visible) this.seen.unobserve(entry.card.element);
      this.track(entry);
    }
  }

  private onSeen(el: Element): void {
    const entry = this.entries.get(el);
    if (entry) this.queueSighting(entry);
  }

  private queueSighting(entry: Entry): void {
    if (this.off) return;
    entry.sighted = true;
    this.sightedSince ??= Date.now();
    this.sightings.add(entry.id, entry.model.card);
  }

  /** Send pending sightings now (also on pagehide, so a quick reader loses none). */
  flush(): Promise<void> {
    return this.sightings.flush();
  }

  /** Client-side navigation to another page is another visit. */
  private async newVisit(): Promise<void> {
    await this.flush();
    this.url = this.doc.location.href;
    this.visitId = newVisitId();
    this.sightedSince = undefined;
    this.firstDigestDate = undefined;
    this.page = this.pageInfo();
    for (const [el, entry] of this.entries) this.drop(el, entry);
    this.visitChanged = true;
  }

  /** The user changed a paper from a badge: show it at once on every card of that paper. */
  private onPaper(entry: Entry, paper: PaperView): void {
    this.shown.apply(paper, entry);
    this.refreshPageUi();
  }

  /**
   * Cards shown as papers they may no longer be (the user split one from the paper it matched, a
   * paper was deleted, the library changed whole): looked up again (ShownPapers.matchedAgain).
   */
  private async rematch(keys: string[]): Promise<void> {
    const entries = this.shown.entriesOf(keys);
    // In the first lookup's batches: a whole long page (after an `all` event) in one message would
    // be a long task to send and to read.
    for (const batch of lookupBatches(entries)) {
      const reply = await askTwice({ type: 'cards.lookup', cards: batch.map((e) => slimInput(e.model.card)), ...this.beforeVisit() });
      if (!reply.ok) {
        console.warn(`[dejalu] the library could not be asked about this page's cards again: ${reply.error.message}`);
        return;
      }
      batch.forEach((e, i) => this.shown.matchedAgain(e, reply.statuses[i]));
    }
  }

  /** Another tab, the popup or the library page changed papers shown here. */
  private async onChange(ev: ChangeEvent): Promise<void> {
    // A visit's sightings change no status a page shows (forContentScripts keeps them from tabs).
    if (this.off || ev.sightings) return;
    if (ev.settings) {
      const before = this.settings;
      this.settings = ev.settings;
      // The reader turned this site off elsewhere: the badges go, and nothing more is recorded.
      if (this.siteOff(ev.settings)) return this.turnOff();
      if (before && before.seenMode !== ev.settings.seenMode) this.retrack();
      this.refreshPageUi();
    }
    if (ev.all) {
      // Cleared, restored or imported: every card is looked up again.
      await this.rematch(this.shown.keys());
      this.refreshPageUi();
      return;
    }
    if (ev.moved) this.shown.move(ev.moved);
    if (ev.rematch) await this.rematch(ev.rematch);
    const keys = ev.keys.filter((k) => this.shown.has(k));
    if (!keys.length) return;
    const reply = await send({ type: 'papers.get', keys });
    if (!reply.ok) return;
    const gone: string[] = [];
    reply.papers.forEach((p, i) => (p ? this.shown.apply(p) : gone.push(keys[i]!)));
    // A paper deleted (or merged away) elsewhere: its cards are looked up again, so they show what
    // the library now holds and an edit from them goes to a paper that exists.
    if (gone.length) await this.rematch(gone);
    this.refreshPageUi();
  }

  /** What the page's cards are (PageKind). */
  private pageKind(): PageKind {
    let kind: 'search' | 'paper' = 'paper';
    for (const e of this.entries.values()) {
      if (!e.card.asked) return 'fade';
      if (e.card.asked === 'search') kind = 'search';
    }
    return kind;
  }

  /** Papers by status: the cards of one paper (a CoRR entry and its conference version) count once. */
  counts(): Record<PaperStatus, number> {
    return countPapers(this.entries.values(), PAPER_STATUSES, (e) => e.model.status, (e) => e.model.paper?.key);
  }

  /** Summary, dimming and (with `report`) the tab's report; `only`: dim just these new entries. */
  private refreshPageUi(report = true, only?: Entry[]): void {
    const settings = this.settings;
    if (!settings) return;
    // A card the reader asked for (a single paper's page, a search's result) is never dimmed or
    // hidden; the summary follows (setSummary's kind).
    for (const e of only ?? this.entries.values())
      this.ui.setFaded(e.card, settings.fadeSeen && e.model.status === 'seen' && !e.card.asked, settings.seenStyle);
    this.ui.setSummary(this.counts(), settings, (patch) => void this.changeSettings(patch), this.pageKind());
    if (report) this.report();
  }

  private report(): void {
    if (!this.settings) return;
    void send({
      type: 'tab.report',
      page: this.page,
      visitId: this.visitId,
      cards: [...this.entries.values()].map((e) => ({ card: slimInput(e.model.card), status: e.model.status, seen: e.model.seenBefore })),
    });
  }

  private async changeSettings(patch: Partial<Settings>): Promise<void> {
    if (this.settings) this.settings = { ...this.settings, ...patch };
    this.refreshPageUi();
    const reply = await send({ type: 'settings.set', settings: patch });
    if (reply.ok) this.settings = reply.settings;
  }

  stop(): void {
    this.off = true;
    void this.flush();
    clearTimeout(this.scanTimer);
    this.mutations?.disconnect();
    this.listeners?.abort();
    this.listeners = null;
    chrome.runtime.onMessage.removeListener(this.onMessage);
    this.nearScreen.disconnect();
    this.seen.disconnect();
    for (const [el, entry] of this.entries) this.drop(el, entry);
    this.ui.destroy();
  }
}
