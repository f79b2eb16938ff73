/**
 * The content script's work on one tab: recognise cards, look up their statuses in one batch,
 * annotate them, record sightings for the cards the reader actually saw, and follow client-side
 * navigation and new cards. Statuses are those from before the visit and are kept for the page's
 * life, so a badge never flips from New to Seen while the user reads.
 */
import type { CardInput, CardStatus, ChangeEvent, PageInfo, PaperStatus, PaperView, Settings } from '../messages';
import { send } from '../rpc';
import { SeenTracker } from '../seen';
import type { Card, SiteModule } from '../types';

export interface BadgeModel {
  /** Status shown: from before this visit, except that the user's own save/unsave shows at once. */
  status: PaperStatus;
  /** The stored paper, kept current. */
  paper?: PaperView;
  match?: CardStatus['match'];
  card: CardInput;
  page: PageInfo;
}

export interface BadgeHandle {
  update(model: BadgeModel): void;
  destroy(): void;
}

/** The page UI the controller drives (components/badge, components/summary). */
export interface PageUi {
  mountBadge(card: Card, model: BadgeModel, onPaper: (paper: PaperView) => void): BadgeHandle;
  setSummary(counts: Record<PaperStatus, number>, settings: Settings, onSettings: (s: Partial<Settings>) => void): void;
  setFaded(card: Card, faded: boolean, style: Settings['seenStyle']): void;
  destroy(): void;
}

interface Entry {
  card: Card;
  id: string;
  /** The status before this visit. */
  before: PaperStatus;
  model: BadgeModel;
  /** Null while the card is far off screen on a very long page (mounted as it comes near). */
  badge: BadgeHandle | null;
}

export function cardInput(card: Card): CardInput {
  const p = card.paper;
  const out: CardInput = { title: p.title };
  if (p.arxivId) out.arxivId = p.arxivId;
  if (p.version) out.version = p.version;
  if (p.doi) out.doi = p.doi;
  if (p.url) out.url = p.url;
  if (p.authors?.length) out.authors = p.authors.slice(0, 200);
  if (p.abstract) out.abstract = p.abstract.slice(0, 20_000);
  if (p.publishedAt) out.publishedAt = p.publishedAt;
  if (p.year) out.year = p.year;
  if (p.upvotes !== undefined) out.upvotes = p.upvotes;
  out.title = out.title.slice(0, 2_000);
  return out;
}

function cardId(p: CardInput): string {
  return p.arxivId ? `arxiv:${p.arxivId}` : `title:${p.title}`;
}

const MOUNT_SLICE = 150;
/** Cards badged at once; past this a page's badges are mounted as their cards come near. */
const EAGER_BADGES = 400;

function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((r) => setTimeout(r, 0));
}

function newVisitId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export class PageController {
  private readonly entries = new Map<Element, Entry>();
  private readonly byKey = new Map<string, Set<Entry>>();
  private visitId = newVisitId();
  private url: string;
  private page: PageInfo;
  private settings: Settings | null = null;
  private pendingSightings = new Map<string, CardInput>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private scanTimer: ReturnType<typeof setTimeout> | undefined;
  private scanning: Promise<void> | null = null;
  private rescan = false;
  private readonly seen: SeenTracker;
  private mutations: MutationObserver | null = null;
  private visitChanged = false;

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
    const info: PageInfo = { url: url.href, site: this.site.id, label: this.site.pageLabel(url, this.doc) };
    if (digest) info.digestDate = digest;
    return info;
  }
  private firstDigestDate: string | undefined;

  async start(): Promise<void> {
    const reply = await send({ type: 'settings.get' });
    this.settings = reply.ok ? reply.settings : null;
    if (this.settings && !this.settings.sites[this.site.id as 'huggingface' | 'arxiv']) return;
    await this.scan();
    this.mutations = new MutationObserver((records) => {
      // Our own badges are mutations too; they never add cards, so they need no scan.
      if (records.every((r) => [...r.addedNodes].every((n) => n.nodeName === 'DEJALU-BADGE'))) return;
      this.scheduleScan();
    });
    this.mutations.observe(this.doc.body, { childList: true, subtree: true });
    for (const ev of ['popstate', 'hashchange']) window.addEventListener(ev, () => this.scheduleScan());
    this.doc.addEventListener('visibilitychange', () => {
      if (this.doc.visibilityState === 'hidden') void this.flush();
    });
    window.addEventListener('pagehide', () => void this.flush());
    chrome.runtime.onMessage.addListener((msg: unknown) => {
      if (msg && typeof msg === 'object' && (msg as ChangeEvent).type === 'dejalu.changed') void this.onChange(msg as ChangeEvent);
      return false;
    });
  }

  private scheduleScan(): void {
    clearTimeout(this.scanTimer);
    this.scanTimer = setTimeout(() => void this.scan(), 150);
  }

  /** Find cards not yet annotated and annotate them; one lookup for the whole batch. */
  async scan(): Promise<void> {
    if (this.scanning) {
      this.rescan = true;
      return this.scanning;
    }
    this.scanning = this.doScan().finally(() => {
      this.scanning = null;
      if (this.rescan) {
        this.rescan = false;
        this.scheduleScan();
      }
    });
    return this.scanning;
  }

  private async doScan(): Promise<void> {
    if (this.doc.location.href !== this.url) await this.newVisit();
    const url = new URL(this.doc.location.href);
    const cards = this.site.readCards(this.doc, url);
    this.firstDigestDate = cards.find((c) => c.digestDate)?.digestDate;
    if (this.firstDigestDate && this.page.digestDate !== this.firstDigestDate) this.page = this.pageInfo();

    const present = new Set<Element>();
    const fresh: { card: Card; input: CardInput; id: string }[] = [];
    for (const card of cards) {
      present.add(card.element);
      const input = cardInput(card);
      const id = cardId(input);
      const had = this.entries.get(card.element);
      if (had && had.id === id) continue;
      if (had) this.drop(card.element, had); // the page reused the element for another paper
      fresh.push({ card, input, id });
    }
    let dropped = false;
    for (const [el, entry] of this.entries)
      if (!present.has(el) && !el.isConnected) {
        this.drop(el, entry);
        dropped = true;
      }
    if (!fresh.length) {
      // Cards went away (client-side navigation to an empty page): the summary must say so.
      if (dropped || this.visitChanged) this.refreshPageUi();
      this.visitChanged = false;
      return;
    }
    this.visitChanged = false;

    const reply = await send({ type: 'cards.lookup', cards: fresh.map((f) => f.input) });
    const statuses: CardStatus[] = reply.ok ? reply.statuses : fresh.map(() => ({ status: 'new' as const }));
    // Badges go in by slices, yielding between them, so a long page never blocks the main thread
    // in one long task. On very long pages (infinite scroll, week/month views with thousands of
    // cards) only the first cards get their badge at once; the rest get it as they come near the
    // screen, because placing a badge reads layout and far-off cards (content-visibility: auto)
    // would each force their own layout.
    for (let start = 0; start < fresh.length; start += MOUNT_SLICE) {
      if (start > 0) await yieldToPage();
      fresh.slice(start, start + MOUNT_SLICE).forEach(({ card, input, id }, j) => {
        if (!card.element.isConnected || this.entries.has(card.element)) return;
        const st = statuses[start + j] ?? { status: 'new' as const };
        const model: BadgeModel = { status: st.status, paper: st.paper, match: st.match, card: input, page: this.page };
        const entry: Entry = { card, id, before: st.status, model, badge: null };
        this.entries.set(card.element, entry);
        if (this.entries.size <= EAGER_BADGES) this.mount(entry);
        else this.lazy().observe(card.element);
        this.index(entry);
        this.track(entry);
      });
    }
    this.refreshPageUi();
  }

  private mount(entry: Entry): void {
    if (entry.badge) return;
    entry.badge = this.ui.mountBadge(entry.card, entry.model, (paper) => this.onPaper(entry, paper));
  }

  private lazyObserver: IntersectionObserver | null = null;
  private lazy(): IntersectionObserver {
    this.lazyObserver ??= new IntersectionObserver(
      (records) => {
        for (const r of records) {
          if (!r.isIntersecting) continue;
          this.lazyObserver?.unobserve(r.target);
          const entry = this.entries.get(r.target);
          if (entry) this.mount(entry);
        }
      },
      { rootMargin: '1500px 0px' },
    );
    return this.lazyObserver;
  }

  private index(entry: Entry): void {
    const key = entry.model.paper?.key ?? entry.id;
    let set = this.byKey.get(key);
    if (!set) this.byKey.set(key, (set = new Set()));
    set.add(entry);
  }

  private drop(el: Element, entry: Entry): void {
    entry.badge?.destroy();
    this.lazyObserver?.unobserve(el);
    this.seen.unobserve(el);
    this.entries.delete(el);
    for (const set of this.byKey.values()) set.delete(entry);
  }

  private track(entry: Entry): void {
    const mode = this.settings?.seenMode ?? 'visible';
    if (mode === 'never') return;
    if (mode === 'load') this.queueSighting(entry);
    else this.seen.observe(entry.card.element);
  }

  private onSeen(el: Element): void {
    const entry = this.entries.get(el);
    if (entry) this.queueSighting(entry);
  }

  private queueSighting(entry: Entry): void {
    this.pendingSightings.set(entry.id, entry.model.card);
    clearTimeout(this.flushTimer);
    // Sightings are batched: one message for everything seen in the last second.
    this.flushTimer = setTimeout(() => void this.flush(), 1_000);
  }

  /** Send pending sightings now (also on pagehide, so a quick reader loses none). */
  async flush(): Promise<void> {
    clearTimeout(this.flushTimer);
    if (!this.pendingSightings.size) return;
    const cards = [...this.pendingSightings.values()];
    this.pendingSightings.clear();
    await send({ type: 'sightings.record', visitId: this.visitId, page: this.page, cards });
  }

  /** Client-side navigation to another page is another visit. */
  private async newVisit(): Promise<void> {
    await this.flush();
    this.url = this.doc.location.href;
    this.visitId = newVisitId();
    this.firstDigestDate = undefined;
    this.page = this.pageInfo();
    for (const [el, entry] of this.entries) this.drop(el, entry);
    this.visitChanged = true;
  }

  /** The user changed a paper from a badge: show it at once on every card of that paper. */
  private onPaper(entry: Entry, paper: PaperView): void {
    this.applyPaper(paper, entry);
    this.refreshPageUi();
  }

  private applyPaper(paper: PaperView, origin?: Entry): void {
    const targets = new Set<Entry>([...(this.byKey.get(paper.key) ?? []), ...(origin ? [origin] : [])]);
    for (const e of targets) {
      const wasKey = e.model.paper?.key;
      const status: PaperStatus = paper.savedAt
        ? 'saved'
        : e.before === 'saved'
          ? paper.seenCount > 0
            ? 'seen'
            : 'new'
          : e.before;
      e.model = { ...e.model, paper, status };
      e.badge?.update(e.model);
      if (wasKey !== paper.key) this.index(e);
    }
  }

  /** Another tab, the popup or the library page changed papers shown here. */
  private async onChange(ev: ChangeEvent): Promise<void> {
    if (ev.settings) {
      this.settings = ev.settings;
      this.refreshPageUi();
    }
    const keys = ev.keys.filter((k) => this.byKey.has(k));
    if (!keys.length) return;
    const reply = await send({ type: 'papers.get', keys });
    if (!reply.ok) return;
    for (const p of reply.papers) if (p) this.applyPaper(p);
    this.refreshPageUi();
  }

  counts(): Record<PaperStatus, number> {
    const counts = { new: 0, seen: 0, saved: 0 };
    for (const e of this.entries.values()) counts[e.model.status]++;
    return counts;
  }

  private refreshPageUi(): void {
    const settings = this.settings;
    if (!settings) return;
    for (const e of this.entries.values()) this.ui.setFaded(e.card, settings.fadeSeen && e.model.status === 'seen', settings.seenStyle);
    this.ui.setSummary(this.counts(), settings, (patch) => void this.changeSettings(patch));
    void send({
      type: 'tab.report',
      page: this.page,
      cards: [...this.entries.values()].map((e) => ({ card: e.model.card, status: e.model.status })),
    });
  }

  private async changeSettings(patch: Partial<Settings>): Promise<void> {
    if (this.settings) this.settings = { ...this.settings, ...patch };
    this.refreshPageUi();
    const reply = await send({ type: 'settings.set', settings: patch });
    if (reply.ok) this.settings = reply.settings;
  }

  stop(): void {
    void this.flush();
    this.mutations?.disconnect();
    this.lazyObserver?.disconnect();
    this.seen.disconnect();
    for (const [el, entry] of this.entries) this.drop(el, entry);
    this.ui.destroy();
  }
}
