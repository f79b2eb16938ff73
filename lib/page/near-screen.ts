/**
 * Cards whose badges wait until they come near the screen (past EAGER_BADGES on a very long page).
 * A card within 1,500 px of the viewport is handed to `ready`, in slices: a fast scroll brings many
 * at once, and mounting them all in one task would be a long one.
 */
import { createSlicer } from './slices';

export class NearScreen {
  private observer: IntersectionObserver | null = null;
  private queue: Element[] = [];
  private running = false;

  constructor(private readonly ready: (el: Element) => void) {}

  watch(el: Element): void {
    this.observer ??= new IntersectionObserver(
      (records) => {
        for (const r of records) {
          if (!r.isIntersecting) continue;
          this.observer?.unobserve(r.target);
          this.queue.push(r.target);
        }
        void this.drain();
      },
      { rootMargin: '1500px 0px' },
    );
    this.observer.observe(el);
  }

  unwatch(el: Element): void {
    this.observer?.unobserve(el);
  }

  disconnect(): void {
    this.observer?.disconnect();
    this.queue = [];
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const slicer = createSlicer();
    try {
      for (let el = this.queue.shift(); el; el = this.queue.shift()) {
        this.ready(el);
        if (slicer.due()) await slicer.pause();
      }
    } finally {
      this.running = false;
    }
  }
}
