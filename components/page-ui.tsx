/**
 * The content script's UI on a digest page: one `<dejalu-badge>` per card and a page summary, each
 * in a *closed* shadow root so page CSS cannot break them and page scripts cannot read tags or notes.
 */
import { render } from 'preact';
import type { BadgeHandle, BadgeModel, PageUi } from '../lib/page/controller';
import { createKeyboard } from '../lib/page/keyboard';
import type { PaperStatus, PaperView, Settings } from '../lib/messages';
import type { Card } from '../lib/types';
import { Badge, type BadgeCommands } from './badge/Badge';
import { badgeSlot, putInSlot, visibleAnchor } from './badge/placement';
import { BADGE_CSS, SUMMARY_CSS } from './badge/styles';
import { pageTheme, watchTheme, type Theme } from './badge/theme';
import { Summary } from './summary/Summary';

function shadowHost(tag: string, css: string): { host: HTMLElement; mount: HTMLElement } {
  const host = document.createElement(tag);
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = css;
  const mount = document.createElement('span');
  root.append(style, mount);
  return { host, mount };
}

interface Mounted {
  card: Card;
  host: HTMLElement;
  mount: HTMLElement;
  commands: BadgeCommands;
}

const DIM = '0.45';

export function createPageUi(): PageUi {
  const badges = new Set<Mounted>();
  const keyboard = createKeyboard(document);
  const faded = new Map<HTMLElement, { css: string; style: Settings['seenStyle']; off?: () => void }>();
  let summary: { host: HTMLElement; mount: HTMLElement } | null = null;
  let theme: Theme | undefined;

  // Badges are placed in one batch after the controller's mount loop: every layout read first, then
  // every insertion, so 80 cards cost one layout pass rather than 80.
  const pending = new Set<Mounted>();
  let scheduled = false;
  const place = (b: Mounted) => {
    pending.add(b);
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(() => {
      scheduled = false;
      const items = [...pending].filter((m) => badges.has(m));
      pending.clear();
      const slots = items.map((m) => badgeSlot(m.card, m.host));
      const first = items[0];
      if (theme === undefined && first) theme = pageTheme(visibleAnchor(first.card));
      items.forEach((m, i) => {
        const slot = slots[i];
        if (slot) putInSlot(m.host, slot);
        if (theme) m.host.dataset['theme'] = theme;
      });
    });
  };

  // The page may switch between its desktop and mobile layout: follow the copy it shows.
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  const onResize = () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => badges.forEach(place), 150);
  };
  window.addEventListener('resize', onResize);

  // Pages re-render cards (Svelte hydration on Hugging Face, MathJax on arXiv) and may drop our
  // host while keeping the card: put it back. The controller re-mounts only for new card elements.
  let lostFrame = 0;
  const lost = new MutationObserver((records) => {
    if (!records.some((r) => r.removedNodes.length > 0)) return;
    cancelAnimationFrame(lostFrame);
    lostFrame = requestAnimationFrame(() => {
      for (const b of badges) if (!b.host.isConnected && b.card.element.isConnected) place(b);
    });
  });
  lost.observe(document.body, { childList: true, subtree: true });

  let themeFrame = 0;
  const stopTheme = watchTheme(() => {
    cancelAnimationFrame(themeFrame);
    themeFrame = requestAnimationFrame(() => {
      const first = badges.values().next().value;
      theme = pageTheme(first ? visibleAnchor(first.card) : document.body);
      for (const b of badges) b.host.dataset['theme'] = theme;
      if (summary) summary.host.dataset['theme'] = pageTheme(document.body);
    });
  });

  const unfade = (el: HTMLElement) => {
    const had = faded.get(el);
    if (!had) return;
    had.off?.();
    el.style.cssText = had.css;
    faded.delete(el);
  };

  return {
    mountBadge(card: Card, model: BadgeModel, onPaper: (p: PaperView) => void): BadgeHandle {
      const { host, mount } = shadowHost('dejalu-badge', BADGE_CSS);
      const entry: Mounted = { card, host, mount, commands: {} };
      badges.add(entry);
      const draw = (m: BadgeModel) => render(<Badge model={m} onPaper={onPaper} commands={entry.commands} />, mount);
      draw(model);
      place(entry);
      keyboard.track(card.element, entry.commands);
      return {
        update: draw,
        destroy() {
          render(null, mount);
          host.remove();
          badges.delete(entry);
          keyboard.untrack(card.element);
        },
      };
    },

    setSummary(counts: Record<PaperStatus, number>, settings: Settings, onSettings: (s: Partial<Settings>) => void) {
      const total = counts.new + counts.seen + counts.saved;
      if (!settings.showSummary || total === 0) {
        if (summary) render(null, summary.mount);
        summary?.host.remove();
        summary = null;
        return;
      }
      if (!summary) {
        summary = shadowHost('dejalu-summary', SUMMARY_CSS);
        summary.host.dataset['theme'] = pageTheme(document.body);
        document.body.append(summary.host);
      }
      render(<Summary counts={counts} settings={settings} onSettings={onSettings} />, summary.mount);
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
      window.removeEventListener('resize', onResize);
      clearTimeout(resizeTimer);
      cancelAnimationFrame(themeFrame);
      cancelAnimationFrame(lostFrame);
      lost.disconnect();
      stopTheme();
      keyboard.destroy();
      for (const el of [...faded.keys()]) unfade(el);
      for (const b of badges) {
        render(null, b.mount);
        b.host.remove();
      }
      badges.clear();
      if (summary) render(null, summary.mount);
      summary?.host.remove();
      summary = null;
    },
  };
}
