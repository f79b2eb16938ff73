/**
 * Page shortcuts for the card under the pointer or holding focus: `s` saves/unsaves, `t` opens the
 * tag field, `n` the note, `c` copies its BibTeX. A bare key only: nothing fires while the user types in the page
 * (inputs, textareas, contenteditable) or with a modifier held. Our own panel stops its keys from
 * reaching the page, so typing a note never reaches this listener; a focused badge button does, and
 * shortcuts work there.
 */

/** What a shortcut does to its card. */
export type CardAction = 'toggleSave' | 'openTags' | 'openNote' | 'copyBibtex';

/**
 * One function a card, told which action: a card's badge may still be plain markup when a key
 * comes (page-ui.tsx), and one dispatcher makes it the component before acting, whatever the key.
 */
export type CardKeys = (action: CardAction) => void;

/** The bare keys and what each does to the card. */
const ACTIONS = new Map<string, CardAction>([
  ['s', 'toggleSave'],
  ['t', 'openTags'],
  ['n', 'openNote'],
  ['c', 'copyBibtex'],
]);

const TEXT_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'datetime-local', 'month', 'time', 'week']);

export function isTyping(target: EventTarget | null): boolean {
  if (!target || !(target instanceof Element)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  if (target.closest('[contenteditable]:not([contenteditable="false"])')) return true;
  const name = target.nodeName;
  if (name === 'TEXTAREA' || name === 'SELECT') return true;
  if (name === 'INPUT') return TEXT_INPUTS.has(((target as HTMLInputElement).type || 'text').toLowerCase());
  return false;
}

export interface Keyboard {
  track(card: Element, keys: CardKeys): void;
  untrack(card: Element): void;
  /** The card the next shortcut applies to, if any. */
  current(): Element | null;
  destroy(): void;
}

/**
 * `onHover`: the pointer came to a card (each time it moves to another): a shortcut may follow,
 * and the page UI starts loading what the shortcut will open.
 */
export function createKeyboard(doc: Document = document, onHover?: () => void): Keyboard {
  const cards = new Map<Element, CardKeys>();
  // Hover and focus are tracked apart; the most recent of the two wins.
  let hovered: { el: Element; at: number } | null = null;
  let focused: { el: Element; at: number } | null = null;
  let clock = 0;

  /** The tracked card holding `target` (the innermost, should cards nest). */
  const cardOf = (target: EventTarget | null): Element | null => {
    if (!(target instanceof Node)) return null;
    if (hovered && hovered.el.contains(target)) return hovered.el;
    for (let el: Element | null = target instanceof Element ? target : target.parentElement; el; el = el.parentElement) {
      if (cards.has(el)) return el;
    }
    return null;
  };
  const inside = (el: Element, node: EventTarget | null) => node instanceof Node && el.contains(node);

  // Four listeners on the document for every card (events bubble up from the cards, out of our
  // shadow roots too), rather than four on each card: a page of 100 cards added 400.
  const over = (e: Event) => {
    const card = cardOf(e.target);
    if (!card || hovered?.el === card) return;
    hovered = { el: card, at: ++clock };
    onHover?.();
  };
  const out = (e: Event) => {
    // Like pointerleave: the pointer left the card itself, not one of its children for another.
    if (hovered && !inside(hovered.el, (e as PointerEvent).relatedTarget)) hovered = null;
  };
  const focusIn = (e: Event) => {
    const card = cardOf(e.target);
    if (card) focused = { el: card, at: ++clock };
  };
  const focusOut = (e: Event) => {
    if (focused && inside(focused.el, e.target) && !inside(focused.el, (e as FocusEvent).relatedTarget)) focused = null;
  };

  const current = (): Element | null => {
    const pick = !hovered ? focused : !focused ? hovered : hovered.at > focused.at ? hovered : focused;
    return pick && cards.has(pick.el) && pick.el.isConnected ? pick.el : null;
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.repeat || e.isComposing || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
    const action = ACTIONS.get(e.key.toLowerCase());
    if (!action) return;
    const path = e.composedPath();
    if (isTyping(path[0] ?? e.target) || isTyping(doc.activeElement)) return;
    const card = current();
    const run = card ? cards.get(card) : undefined;
    if (!run) return;
    e.preventDefault();
    run(action);
  };
  const listeners: [string, (e: Event) => void][] = [
    ['keydown', onKey as (e: Event) => void],
    ['pointerover', over],
    ['pointerout', out],
    ['focusin', focusIn],
    ['focusout', focusOut],
  ];
  for (const [type, fn] of listeners) doc.addEventListener(type, fn);

  return {
    track(card, keys) {
      cards.set(card, keys);
    },
    untrack(card) {
      cards.delete(card);
      if (hovered?.el === card) hovered = null;
      if (focused?.el === card) focused = null;
    },
    current,
    destroy() {
      for (const [type, fn] of listeners) doc.removeEventListener(type, fn);
      cards.clear();
      hovered = null;
      focused = null;
    },
  };
}
