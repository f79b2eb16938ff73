/**
 * "Seen, precisely": a card counts as seen once at least half of it has been on screen for
 * 600 ms in total during a page visit. Time accumulates across separate glimpses.
 */
export const SEEN_RATIO = 0.5;
export const SEEN_MS = 600;

export interface SeenTrackerOptions {
  onSeen: (el: Element) => void;
  ratio?: number;
  ms?: number;
  /** Injected for tests. */
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

interface Entry {
  total: number;
  since?: number;
  timer?: unknown;
}

export class SeenTracker {
  private readonly entries = new Map<Element, Entry>();
  private readonly observer: IntersectionObserver | null;
  private readonly ratio: number;
  private readonly ms: number;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (t: unknown) => void;

  constructor(private readonly opts: SeenTrackerOptions) {
    this.ratio = opts.ratio ?? SEEN_RATIO;
    this.ms = opts.ms ?? SEEN_MS;
    this.now = opts.now ?? (() => performance.now());
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>));
    this.observer =
      typeof IntersectionObserver === 'undefined'
        ? null
        : new IntersectionObserver((records) => {
            for (const r of records) this.visibility(r.target, r.isIntersecting && this.enough(r));
          }, { threshold: [0, 0.1, 0.2, 0.3, 0.4, this.ratio, 1] });
  }

  /**
   * Half of the card on screen, or, for a card taller than twice the screen (an arXiv entry with a
   * long abstract), half of the screen filled by it: otherwise such a card could never count.
   */
  private enough(r: IntersectionObserverEntry): boolean {
    if (r.intersectionRatio >= this.ratio) return true;
    const screen = r.rootBounds?.height ?? window.innerHeight;
    return screen > 0 && r.intersectionRect.height >= screen * this.ratio;
  }

  observe(el: Element): void {
    if (this.entries.has(el)) return;
    this.entries.set(el, { total: 0 });
    this.observer?.observe(el);
  }

  unobserve(el: Element): void {
    const e = this.entries.get(el);
    if (e?.timer !== undefined) this.clearTimer(e.timer);
    this.entries.delete(el);
    this.observer?.unobserve(el);
  }

  /** Called when an element crosses the visibility threshold (by the observer, or by tests). */
  visibility(el: Element, visible: boolean): void {
    const e = this.entries.get(el);
    if (!e) return;
    const t = this.now();
    if (visible && e.since === undefined) {
      e.since = t;
      e.timer = this.setTimer(() => this.check(el), Math.max(0, this.ms - e.total));
    } else if (!visible && e.since !== undefined) {
      e.total += t - e.since;
      e.since = undefined;
      if (e.timer !== undefined) this.clearTimer(e.timer);
      e.timer = undefined;
    }
  }

  private check(el: Element): void {
    const e = this.entries.get(el);
    if (!e || e.since === undefined) return;
    const total = e.total + (this.now() - e.since);
    if (total + 1 >= this.ms) {
      this.unobserve(el);
      this.opts.onSeen(el);
    } else {
      e.timer = this.setTimer(() => this.check(el), this.ms - total);
    }
  }

  disconnect(): void {
    for (const el of [...this.entries.keys()]) this.unobserve(el);
    this.observer?.disconnect();
  }
}
