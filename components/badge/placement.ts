/**
 * Where a card's badge goes so that it is seen and the page does not move:
 * 1. at the end of the title when the title ends in inline text (arXiv, simple markup): it joins
 *    the title's last line;
 * 2. else at the start of the one-line row that follows the title (Hugging Face's "· 4 authors ·
 *    Published on …" row, whose title is a line-clamped block that has no room inline);
 * 3. else right after the title.
 * Only the copy the page renders is used: Hugging Face prints each card twice (desktop, mobile).
 */
import type { Card } from '../../lib/types';

export const BADGE_TAG = 'DEJALU-BADGE';

export interface Slot {
  parent: Node;
  /** Insert before this node; null appends. */
  before: Node | null;
  /** Where in the slot the badge sits, for its margins. */
  kind: 'title-end' | 'row-start' | 'after-title';
}

function rendered(el: Element): boolean {
  return el.isConnected && el.getClientRects().length > 0;
}

/** The first anchor the page actually renders (desktop or mobile copy of a card). */
export function visibleAnchor(card: Card): Element {
  for (const a of card.anchors) if (rendered(a)) return a;
  return card.anchors[0] ?? card.element;
}

function clips(el: Element): boolean {
  const cs = getComputedStyle(el);
  const clamp = cs.getPropertyValue('-webkit-line-clamp');
  return (clamp !== '' && clamp !== 'none') || cs.overflowX !== 'visible' || cs.overflowY !== 'visible';
}

/** Does the element's content end in inline text that a small inline box can follow? */
function endsInline(el: Element): boolean {
  for (let n = el.lastChild; n; n = n.previousSibling) {
    if (n.nodeName === BADGE_TAG) continue;
    if (n.nodeType === 3) {
      if (n.textContent?.trim()) return true;
      continue;
    }
    if (n.nodeType !== 1) continue;
    const display = getComputedStyle(n as Element).display;
    if (display === 'none') continue;
    return display.startsWith('inline');
  }
  return false;
}

/** A short flex row right after the title, such as an authors/date line. */
function rowAfter(anchor: Element): Element | null {
  let el = anchor.nextElementSibling;
  for (let i = 0; el && i < 4; i++, el = el.nextElementSibling) {
    if (el.nodeName === BADGE_TAG) continue;
    const cs = getComputedStyle(el);
    if (cs.display === 'none') continue;
    const isRow = (cs.display === 'flex' || cs.display === 'inline-flex') && cs.flexDirection.startsWith('row');
    if (!isRow || el.closest('a')) continue;
    const h = el.getBoundingClientRect().height;
    if (h > 0 && h <= 40 && el.textContent?.trim()) return el;
  }
  return null;
}

/** Reads layout only; the caller moves badges after computing every slot (one layout pass). */
export function badgeSlot(card: Card, host: Element): Slot | null {
  const anchor = visibleAnchor(card);
  // Never inside a link: a click on the badge would follow it.
  if (!anchor.closest('a') && !clips(anchor) && endsInline(anchor)) return { parent: anchor, before: null, kind: 'title-end' };
  const row = rowAfter(anchor);
  if (row) {
    let first = row.firstChild;
    if (first === host) first = host.nextSibling;
    return { parent: row, before: first, kind: 'row-start' };
  }
  const parent = anchor.parentNode;
  if (!parent) return null;
  let next = anchor.nextSibling;
  if (next === host) next = host.nextSibling;
  return { parent, before: next, kind: 'after-title' };
}

export function inSlot(host: Element, slot: Slot): boolean {
  if (host.parentNode !== slot.parent) return false;
  if (slot.before === null) {
    // Appended: only our own node, whitespace or comments may follow.
    for (let n = host.nextSibling; n; n = n.nextSibling) {
      if (n.nodeType === 1 || (n.nodeType === 3 && n.textContent?.trim())) return false;
    }
    return true;
  }
  return host.nextSibling === slot.before;
}

export function putInSlot(host: HTMLElement, slot: Slot): void {
  host.dataset['slot'] = slot.kind;
  if (inSlot(host, slot)) return;
  slot.parent.insertBefore(host, slot.before);
}
