/**
 * Where a card's badge goes so that it is seen and the page does not move:
 * 1. at the end of the title when the title ends in inline text (arXiv, simple markup): it joins
 *    the title's last line;
 * 2. else at the start of the one-line row that follows the title (Hugging Face's "· 4 authors ·
 *    Published on …" row, whose title is a line-clamped block that has no room inline);
 * 3. else right after the title.
 * Only the copy the page renders is used: Hugging Face prints each card twice (desktop, mobile).
 *
 * Deciding this reads layout and computed style. The cards of a page share their markup, and on
 * Hugging Face each card skips rendering while off screen (`content-visibility: auto`), so a read
 * inside a card forces that card's own style and layout pass: two per card made badging 100 cards
 * cost ~80 ms and 150 cards of a long page ~1.7 s. So the decision is taken once per card
 * *template* (the markup around the title: tags and classes, not text) on one card, kept as a
 * `Recipe` of DOM steps, and applied to every other card of that template without reading layout.
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

/** A placement decision in DOM steps, valid for every card of one template. */
export interface Recipe {
  /** Which of the card's anchors the page renders (desktop or mobile copy). */
  anchor: number;
  kind: Slot['kind'];
  /** For 'row-start': the row is this element sibling after the anchor (badges not counted). */
  row?: number;
}

function rendered(el: Element): boolean {
  return el.isConnected && el.getClientRects().length > 0;
}

function anchorsOf(card: Card): Element[] {
  return card.anchors.length > 0 ? card.anchors : [card.element];
}

/** The first anchor the page actually renders (desktop or mobile copy of a card). Reads layout. */
export function visibleAnchor(card: Card): Element {
  for (const a of card.anchors) if (rendered(a)) return a;
  return card.anchors[0] ?? card.element;
}

function clips(el: Element): boolean {
  const cs = getComputedStyle(el);
  const clamp = cs.getPropertyValue('-webkit-line-clamp');
  return (clamp !== '' && clamp !== 'none') || cs.overflowX !== 'visible' || cs.overflowY !== 'visible';
}

/** The last child that shows something: text, or an element (our own badge and blanks skipped). */
function lastContent(el: Element): Node | null {
  for (let n = el.lastChild; n; n = n.previousSibling) {
    if (n.nodeName === BADGE_TAG) continue;
    if (n.nodeType === 3) {
      if (n.textContent?.trim()) return n;
      continue;
    }
    if (n.nodeType === 1) return n;
  }
  return null;
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

/** Element siblings after `anchor`, our badges skipped, at most `max`. */
function siblingsAfter(anchor: Element, max: number): Element[] {
  const out: Element[] = [];
  for (let el = anchor.nextElementSibling; el && out.length < max; el = el.nextElementSibling) {
    if (el.nodeName !== BADGE_TAG) out.push(el);
  }
  return out;
}

/** A short flex row right after the title, such as an authors/date line: its sibling index. */
function rowAfter(anchor: Element): number | null {
  const sibs = siblingsAfter(anchor, 4);
  for (let i = 0; i < sibs.length; i++) {
    const el = sibs[i]!;
    const cs = getComputedStyle(el);
    if (cs.display === 'none') continue;
    const isRow = (cs.display === 'flex' || cs.display === 'inline-flex') && cs.flexDirection.startsWith('row');
    if (!isRow || el.closest('a')) continue;
    const h = el.getBoundingClientRect().height;
    if (h > 0 && h <= 40 && el.textContent?.trim()) return i;
  }
  return null;
}

/**
 * Decide on this card, reading layout and style. Null when the card is not rendered at all (hidden
 * by the page or by the reader's "hide seen"): it cannot tell how its template looks.
 */
export function decideRecipe(card: Card): Recipe | null {
  const anchors = anchorsOf(card);
  const index = anchors.findIndex(rendered);
  if (index < 0) return null;
  const anchor = anchors[index]!;
  // Never inside a link: a click on the badge would follow it.
  if (!anchor.closest('a') && !clips(anchor) && endsInline(anchor)) return { anchor: index, kind: 'title-end' };
  const row = rowAfter(anchor);
  if (row !== null) return { anchor: index, kind: 'row-start', row };
  return { anchor: index, kind: 'after-title' };
}

/** The slot a recipe gives on a card, by DOM steps only (no layout, no style). */
export function slotFor(card: Card, recipe: Recipe, host: Element): Slot | null {
  const anchors = anchorsOf(card);
  const anchor = anchors[recipe.anchor] ?? anchors[0];
  if (!anchor) return null;
  if (recipe.kind === 'title-end') return { parent: anchor, before: null, kind: 'title-end' };
  if (recipe.kind === 'row-start' && recipe.row !== undefined) {
    const row = siblingsAfter(anchor, recipe.row + 1)[recipe.row];
    if (row) {
      let first = row.firstChild;
      if (first === host) first = host.nextSibling;
      return { parent: row, before: first, kind: 'row-start' };
    }
  }
  const parent = anchor.parentNode;
  if (!parent) return null;
  let next = anchor.nextSibling;
  if (next === host) next = host.nextSibling;
  return { parent, before: next, kind: 'after-title' };
}

function shape(el: Element): string {
  return `${el.localName}.${el.getAttribute('class') ?? ''}`;
}

/**
 * What the placement decision depends on, as markup: for each anchor, the tags and classes from the
 * card down to it, whether a link holds it, how its content ends (text or which element), and the
 * elements that follow it. Cards with the same key are laid out alike. Reads no layout.
 *
 * It runs for every card, so it is one string built in place: no arrays, no joins (a card's key is
 * a few kB of class names, and each node it touches costs a wrapper in the content script's world).
 */
export function templateKey(card: Card): string {
  let key = shape(card.element);
  for (const anchor of anchorsOf(card)) {
    key += '||';
    for (let el: Element | null = anchor; el && el !== card.element; el = el.parentElement) {
      if (el !== anchor) key += '<';
      key += shape(el);
    }
    const last = lastContent(anchor);
    key += `|${anchor.closest('a') ? 'a' : ''}|${!last ? '-' : last.nodeType === 3 ? '#text' : shape(last as Element)}|`;
    let n = 0;
    for (let el = anchor.nextElementSibling; el && n < 4; el = el.nextElementSibling) {
      if (el.nodeName === BADGE_TAG) continue;
      if (n++ > 0) key += ',';
      key += shape(el);
      if (el.hasChildNodes()) key += '+';
    }
  }
  return key;
}

/**
 * Slots for badges, decided once per card template. `slots()` takes a batch and reads layout only
 * for the first rendered card of each template not yet decided, all before any insertion, so a batch
 * costs at most one layout pass however many cards it holds.
 */
export class Placer {
  private readonly recipes = new Map<string, Recipe>();

  /** Forget every decision (the layout changed: a resize may swap desktop and mobile copies). */
  reset(): void {
    this.recipes.clear();
  }

  /** How many templates have been decided (for tests). */
  get decided(): number {
    return this.recipes.size;
  }

  private recipeFor(card: Card, key: string): Recipe | null {
    let recipe = this.recipes.get(key);
    if (!recipe) {
      recipe = decideRecipe(card) ?? undefined;
      if (recipe) this.recipes.set(key, recipe);
    }
    return recipe ?? null;
  }

  recipe(card: Card): Recipe | null {
    return this.recipeFor(card, templateKey(card));
  }

  /** Slots for `items` (reads only; the caller inserts after). */
  slots(items: readonly { card: Card; host: Element }[]): (Slot | null)[] {
    const keys = items.map(({ card }) => templateKey(card));
    const recipes = items.map(({ card }, i) => this.recipeFor(card, keys[i]!));
    return items.map(({ card, host }, i) => {
      // A hidden card may share its template with a later, rendered one; else it goes where it
      // would if shown by its first copy, right after the title.
      const recipe = recipes[i] ?? this.recipes.get(keys[i]!) ?? { anchor: 0, kind: 'after-title' as const };
      return slotFor(card, recipe, host);
    });
  }

  /** The anchor a card's badge goes against (for the theme), without reading layout when decided. */
  anchor(card: Card): Element {
    const anchors = anchorsOf(card);
    const recipe = this.recipes.get(templateKey(card));
    return (recipe && anchors[recipe.anchor]) || visibleAnchor(card);
  }
}

/** The slot for one card, deciding on it alone (reads layout). */
export function badgeSlot(card: Card, host: Element): Slot | null {
  const recipe = decideRecipe(card);
  return slotFor(card, recipe ?? { anchor: 0, kind: 'after-title' }, host);
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
  if (host.getAttribute('data-slot') !== slot.kind) host.setAttribute('data-slot', slot.kind);
  if (inSlot(host, slot)) return;
  slot.parent.insertBefore(host, slot.before);
}
