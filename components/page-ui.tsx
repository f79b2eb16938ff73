/**
 * The content script's UI on a digest page: one `<dejalu-badge>` per card and a page summary, each
 * in a *closed* shadow root so page CSS cannot break them and page scripts cannot read tags or notes.
 */
import { render } from 'preact';
import type { BadgeHandle, BadgeModel, PageKind, PageUi } from '../lib/page/ui';
import { createKeyboard } from '../lib/page/keyboard';
import type { PaperStatus, PaperView, Settings } from '../lib/messages';
import type { Card } from '../lib/types';
import { Badge, type BadgeCommands } from './badge/Badge';
import { createPanelHost } from './badge/panel-host';
import { Placer, putInSlot } from './badge/placement';
import { paintStatic, UPGRADE_EVENTS } from './badge/static';
import { BADGE_CSS, SUMMARY_CSS } from './badge/styles';
import { pageTheme, watchTheme, type Theme } from './badge/theme';
import { Summary, type SummaryProps } from './summary/Summary';
import { paintSummary } from './summary/static';

/**
 * One parsed stylesheet per kind of host, adopted by every shadow root: a `<style>` per badge made
 * the browser parse the same 10 kB of CSS once per card. Falls back to a `<style>` where
 * constructable stylesheets are missing (test DOMs).
 */
const sheets = new Map<string, CSSStyleSheet | null>();
function sheetFor(css: string): CSSStyleSheet | null {
  let sheet = sheets.get(css);
  if (sheet === undefined) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    } catch {
      sheet = null;
    }
    sheets.set(css, sheet);
  }
  return sheet;
}

function shadowHost(tag: string, css: string): { host: HTMLElement; mount: HTMLElement } {
  const host = document.createElement(tag);
  const root = host.attachShadow({ mode: 'closed' });
  const sheet = sheetFor(css);
  if (sheet && 'adoptedStyleSheets' in root) {
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    root.append(style);
  }
  const mount = document.createElement('span');
  root.append(mount);
  return { host, mount };
}

interface Mounted {
  card: Card;
  host: HTMLElement;
  mount: HTMLElement;
  commands: BadgeCommands;
  /** The paper the badge shows now, if any. */
  paperKey?: string;
}

const DIM = '0.45';

export function createPageUi(): PageUi {
  const badges = new Set<Mounted>();
  // The panel's page loads when the pointer reaches a card, not only its badge: `t` or `n` on the
  // card then opens a loaded panel (its first load took seconds on a slow machine).
  const keyboard = createKeyboard(document, () => panel.warm());
  /**
   * Plain badges (static.ts) by host, each with the function that makes it the component. One
   * capture listener per event type on the document serves them all: from outside a closed shadow
   * root an event inside it is seen on its host, and the capture phase reaches the document before
   * the badge's own elements, as the per-badge listeners did (four per badge, 400 on 100 cards).
   */
  const plain = new WeakMap<EventTarget, () => void>();
  /** The page's one badge panel; its page loads when the pointer first reaches a badge. */
  const panel = createPanelHost();
  // Badges sit in the page's light DOM (cards are found by document queries), so the host is the
  // target the document sees.
  const reach = (e: Event) => {
    if (e.target) plain.get(e.target)?.();
  };
  for (const type of UPGRADE_EVENTS) document.addEventListener(type, reach, true);
  const faded = new Map<HTMLElement, { css: string; style: Settings['seenStyle']; off?: () => void }>();
  const placer = new Placer();
  let summary: { host: HTMLElement; mount: HTMLElement } | null = null;
  /** The summary is plain markup (summary/static.ts) until the reader reaches it. */
  let summaryLive = false;
  let summaryProps: SummaryProps | null = null;
  const renderSummary = () => {
    if (summary && summaryProps) render(<Summary {...summaryProps} />, summary.mount);
  };
  const upgradeSummary = (e?: Event) => {
    if (summaryLive || !summary) return;
    summaryLive = true;
    for (const type of UPGRADE_EVENTS) summary.mount.removeEventListener(type, upgradeSummary, true);
    // A click that is the summary's first event (no pointer over it before: assistive tech, a
    // script) has already toggled the plain checkbox, and the component's first render puts the
    // setting back: the reader's toggle stands, so the change event that follows reads it.
    const box = e?.type === 'click' ? summary.mount.querySelector<HTMLInputElement>('input[data-action=fade-seen]') : null;
    const toggled = box?.checked;
    renderSummary();
    if (box && box.checked !== toggled) box.checked = toggled!;
  };
  const dropSummary = () => {
    if (!summary) return;
    if (summaryLive) render(null, summary.mount);
    summary.mount.textContent = '';
    summary.host.remove();
    summary = null;
    summaryLive = false;
  };
  /** The theme behind the cards, and behind the summary (the page's body). */
  let theme: Theme | undefined;
  let bodyTheme: Theme | undefined;

  // Badges go in as they are mounted, inside the controller's slices: the slot comes from the card's
  // template (placement.ts), decided before the first insertion (prepare, or the first badge), so
  // placing reads no layout and nothing reads layout after inserting: the page's next frame styles
  // the new badges, outside our tasks.
  const place = (m: Mounted) => {
    if (!badges.has(m) || !m.card.element.isConnected) return;
    const [slot] = placer.slots([m]);
    theme ??= pageTheme(placer.anchor(m.card));
    bodyTheme ??= pageTheme(document.body);
    if (slot) putInSlot(m.host, slot);
    if (m.host.getAttribute('data-theme') !== theme) m.host.setAttribute('data-theme', theme);
  };
  const placeAll = () => {
    // Every decision (reads) before any move (writes).
    for (const m of badges) if (m.card.element.isConnected) placer.recipe(m.card);
    badges.forEach(place);
  };

  // The page may switch between its desktop and mobile layout: follow the copy it shows.
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  const onResize = () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      placer.reset();
      placeAll();
    }, 150);
  };
  window.addEventListener('resize', onResize);

  // Pages re-render cards (Svelte hydration on Hugging Face, MathJax on arXiv) and may drop our
  // host while keeping the card: put it back. The controller re-mounts only for new card elements.
  // A timer rather than an animation frame: work done in a frame callback lands in the page's
  // rendering task.
  let lostTimer: ReturnType<typeof setTimeout> | undefined;
  const lost = new MutationObserver((records) => {
    if (!records.some((r) => r.removedNodes.length > 0)) return;
    clearTimeout(lostTimer);
    lostTimer = setTimeout(() => {
      // A card whose title elements are gone was re-rendered inside: the controller hands its badge
      // the new ones (recard) at its next scan.
      for (const b of badges) {
        if (!b.host.isConnected && b.card.element.isConnected && b.card.anchors.every((a) => a.isConnected)) place(b);
      }
    }, 16);
  });
  lost.observe(document.body, { childList: true, subtree: true });

  let themeTimer: ReturnType<typeof setTimeout> | undefined;
  const stopTheme = watchTheme(() => {
    clearTimeout(themeTimer);
    themeTimer = setTimeout(() => {
      const first = badges.values().next().value;
      theme = pageTheme(first ? placer.anchor(first.card) : document.body);
      bodyTheme = pageTheme(document.body);
      for (const b of badges) b.host.dataset['theme'] = theme;
      if (summary) summary.host.dataset['theme'] = bodyTheme;
    }, 16);
  });

  const unfade = (el: HTMLElement) => {
    const had = faded.get(el);
    if (!had) return;
    had.off?.();
    el.style.cssText = had.css;
    faded.delete(el);
  };

  let early: IntersectionObserver | null = null;

  return {
    /**
     * Decide placement and theme right after the page's next layout, before the lookup's reply
     * comes: an IntersectionObserver reports after the page has laid out, when reading layout
     * costs nothing, whereas reading it at once may force the page's own first style and layout
     * pass (30 ms on a 5,000-card page) into our task. Placement falls back to reading at once when
     * the badges come first.
     */
    prepare(cards: Card[]) {
      const first = cards[0];
      if (!first || early || typeof IntersectionObserver !== 'function') return;
      const sample = cards.slice(0, 20);
      early = new IntersectionObserver(() => {
        early?.disconnect();
        const connected = sample.filter((c) => c.element.isConnected);
        for (const card of connected) placer.recipe(card);
        const shown = connected[0];
        if (shown) theme ??= pageTheme(placer.anchor(shown));
        bodyTheme ??= pageTheme(document.body);
      });
      early.observe(first.element);
    },

    mountBadge(card: Card, model: BadgeModel, onPaper: (p: PaperView) => void): BadgeHandle {
      const { host, mount } = shadowHost('dejalu-badge', BADGE_CSS);
      const entry: Mounted = { card, host, mount, commands: {}, paperKey: model.paper?.key };
      badges.add(entry);
      let current = model;
      /** Another card of the page shows paper `key` too (a split from this one leaves it its sighting). */
      const shownElsewhere = (key: string) => [...badges].some((b) => b !== entry && b.paperKey === key);
      // Plain markup until the reader reaches the badge; then the component (static.ts).
      let live = false;
      const upgrade = () => {
        if (live) return;
        live = true;
        plain.delete(host);
        panel.warm();
        render(<Badge model={current} onPaper={onPaper} commands={entry.commands} panel={panel} shownElsewhere={shownElsewhere} />, mount);
      };
      plain.set(host, upgrade);
      const draw = (m: BadgeModel) => {
        current = m;
        entry.paperKey = m.paper?.key;
        if (live) render(<Badge model={m} onPaper={onPaper} commands={entry.commands} panel={panel} shownElsewhere={shownElsewhere} />, mount);
        else paintStatic(mount, m);
      };
      draw(model);
      place(entry);
      // Shortcuts reach a plain badge too: it becomes the component, which fills in the commands.
      keyboard.track(card.element, (action) => {
        upgrade();
        entry.commands[action]?.();
      });
      return {
        update: draw,
        recard(next: Card) {
          const same = next.anchors.length === entry.card.anchors.length && next.anchors.every((a, i) => a === entry.card.anchors[i]);
          entry.card = next;
          if (!same || !host.isConnected) place(entry);
        },
        destroy() {
          if (live) render(null, mount);
          plain.delete(host);
          mount.textContent = '';
          host.remove();
          badges.delete(entry);
          keyboard.untrack(card.element);
        },
      };
    },

    setSummary(counts: Record<PaperStatus, number>, settings: Settings, onSettings: (s: Partial<Settings>) => void, kind: PageKind) {
      const total = counts.new + counts.seen + counts.saved;
      // A paper's own page: its one badge says everything the counts would.
      if (!settings.showSummary || total === 0 || kind === 'paper') {
        dropSummary();
        return;
      }
      if (!summary) {
        summary = shadowHost('dejalu-summary', SUMMARY_CSS);
        // Read before the badges' first insertion where possible (placeNow), so this read does not
        // force the page to style freshly inserted badges inside our task.
        bodyTheme ??= pageTheme(document.body);
        summary.host.dataset['theme'] = bodyTheme;
        document.body.append(summary.host);
        for (const type of UPGRADE_EVENTS) summary.mount.addEventListener(type, upgradeSummary, true);
      }
      // A page of only search results has nothing the toggle would fade.
      const canFade = kind === 'fade';
      summaryProps = { counts, settings, onSettings, canFade };
      if (summaryLive) renderSummary();
      else paintSummary(summary.mount, counts, settings, canFade);
    },

    setFaded(card: Card, on: boolean, style: Settings['seenStyle']) {
      const el = card.element as HTMLElement;
      const had = faded.get(el);
      if (!on || (had && had.style !== style)) unfade(el);
      if (!on || (had && had.style === style)) return;
      const entry: { css: string; style: Settings['seenStyle']; off?: () => void } = { css: el.style.cssText, style };
      faded.set(el, entry);
      if (style === 'hide') {
        el.style.setProperty('display', 'none', 'important');
        return;
      }
      el.style.setProperty('opacity', DIM);
      el.style.setProperty('transition', 'opacity 120ms');
      // A dimmed card comes back while the pointer is on it, so it can still be read.
      const show = () => el.style.setProperty('opacity', '1');
      const dim = () => el.style.setProperty('opacity', DIM);
      el.addEventListener('pointerenter', show);
      el.addEventListener('pointerleave', dim);
      entry.off = () => {
        el.removeEventListener('pointerenter', show);
        el.removeEventListener('pointerleave', dim);
      };
    },

    destroy() {
      early?.disconnect();
      for (const type of UPGRADE_EVENTS) document.removeEventListener(type, reach, true);
      window.removeEventListener('resize', onResize);
      clearTimeout(resizeTimer);
      clearTimeout(themeTimer);
      clearTimeout(lostTimer);
      lost.disconnect();
      stopTheme();
      keyboard.destroy();
      for (const el of [...faded.keys()]) unfade(el);
      for (const b of badges) {
        render(null, b.mount);
        b.mount.textContent = '';
        b.host.remove();
      }
      badges.clear();
      dropSummary();
      panel.destroy();
    },
  };
}
