/**
 * The content script's UI on a digest page: one `<dejalu-badge>` per card and a page summary, each
 * in a *closed* shadow root so page CSS cannot break them and page scripts cannot read tags or notes.
 */
import { render } from 'preact';
import type { BadgeHandle, BadgeModel, PageUi } from '../lib/page/controller';
import type { PaperView, Settings } from '../lib/messages';
import type { Card } from '../lib/types';
import { Badge } from './badge/Badge';
import { BADGE_CSS, SUMMARY_CSS } from './badge/styles';
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

/** The first anchor the page actually renders (desktop or mobile copy of a card). */
function visibleAnchor(card: Card): Element {
  for (const a of card.anchors) if (a.isConnected && a.getClientRects().length > 0) return a;
  return card.anchors[0] ?? card.element;
}

export function createPageUi(): PageUi {
  const badges = new Set<{ card: Card; host: HTMLElement }>();
  const faded = new Map<HTMLElement, string>();
  let summary: { host: HTMLElement; mount: HTMLElement } | null = null;

  // The page may switch between its desktop and mobile layout: follow the copy it shows.
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  const onResize = () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => {
      for (const b of badges) {
        const anchor = visibleAnchor(b.card);
        if (b.host.previousElementSibling !== anchor) anchor.after(b.host);
      }
    }, 200);
  };
  window.addEventListener('resize', onResize);

  return {
    mountBadge(card: Card, model: BadgeModel, onPaper: (p: PaperView) => void): BadgeHandle {
      const { host, mount } = shadowHost('dejalu-badge', BADGE_CSS);
      const entry = { card, host };
      badges.add(entry);
      const draw = (m: BadgeModel) => render(<Badge model={m} onPaper={onPaper} />, mount);
      draw(model);
      visibleAnchor(card).after(host);
      return {
        update: draw,
        destroy() {
          render(null, mount);
          host.remove();
          badges.delete(entry);
        },
      };
    },
    setSummary(counts, settings, onSettings) {
      if (!settings.showSummary) {
        summary?.host.remove();
        summary = null;
        return;
      }
      if (!summary) {
        summary = shadowHost('dejalu-summary', SUMMARY_CSS);
        document.body.append(summary.host);
      }
      render(<Summary counts={counts} settings={settings} onSettings={onSettings} />, summary.mount);
    },
    setFaded(card: Card, on: boolean, style: Settings['seenStyle']) {
      const el = card.element as HTMLElement;
      if (!on) {
        if (faded.has(el)) {
          el.style.cssText = faded.get(el) ?? '';
          faded.delete(el);
        }
        return;
      }
      if (!faded.has(el)) faded.set(el, el.style.cssText);
      el.style.cssText = faded.get(el) ?? '';
      if (style === 'hide') el.style.setProperty('display', 'none', 'important');
      else {
        el.style.setProperty('opacity', '0.45');
        el.style.setProperty('transition', 'opacity 120ms');
      }
    },
    destroy() {
      window.removeEventListener('resize', onResize);
      for (const b of badges) b.host.remove();
      badges.clear();
      summary?.host.remove();
    },
  };
}
