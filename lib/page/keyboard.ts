/**
 * Page shortcuts for the card under the pointer or holding focus: `s` saves/unsaves, `t` opens the
 * tag field. A bare key only: nothing fires while the user types in the page (inputs, textareas,
 * contenteditable) or with a modifier held. Our own panel stops its keys from reaching the page, so
 * typing a note never reaches this listener; a focused badge button does, and shortcuts work there.
 */

export interface CardKeys {
  toggleSave?: () => void;
  openTags?: () => void;
}

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

export function createKeyboard(doc: Document = document): Keyboard {
  const cards = new Map<Element, CardKeys>();
  // Hover and focus are tracked apart; the most recent of the two wins.
  let hovered: { el: Element; at: number } | null = null;
  let focused: { el: Element; at: number } | null = null;
  let clock = 0;

  const enter = (e: Event) => (hovered = { el: e.currentTarget as Element, at: ++clock });
  const leave = (e: Event) => {
    if (hovered?.el === e.currentTarget) hovered = null;
  };
  const focusIn = (e: Event) => (focused = { el: e.currentTarget as Element, at: ++clock });
  const focusOut = (e: FocusEvent) => {
    const el = e.currentTarget as Element;
    const next = e.relatedTarget;
    if (focused?.el === el && !(next instanceof Node && el.contains(next))) focused = null;
  };

  const current = (): Element | null => {
    const pick = !hovered ? focused : !focused ? hovered : hovered.at > focused.at ? hovered : focused;
    return pick && cards.has(pick.el) && pick.el.isConnected ? pick.el : null;
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.repeat || e.isComposing || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
    const key = e.key.toLowerCase();
    if (key !== 's' && key !== 't') return;
    const path = e.composedPath();
    if (isTyping(path[0] ?? e.target) || isTyping(doc.activeElement)) return;
    const card = current();
    const keys = card ? cards.get(card) : undefined;
    const act = key === 's' ? keys?.toggleSave : keys?.openTags;
    if (!act) return;
    e.preventDefault();
    act();
  };
  doc.addEventListener('keydown', onKey);

  return {
    track(card, keys) {
      if (!cards.has(card)) {
        card.addEventListener('pointerenter', enter);
        card.addEventListener('pointerleave', leave);
        card.addEventListener('focusin', focusIn);
        card.addEventListener('focusout', focusOut as EventListener);
      }
      cards.set(card, keys);
    },
    untrack(card) {
      cards.delete(card);
      card.removeEventListener('pointerenter', enter);
      card.removeEventListener('pointerleave', leave);
      card.removeEventListener('focusin', focusIn);
      card.removeEventListener('focusout', focusOut as EventListener);
      if (hovered?.el === card) hovered = null;
      if (focused?.el === card) focused = null;
    },
    current,
    destroy() {
      doc.removeEventListener('keydown', onKey);
      for (const card of [...cards.keys()]) this.untrack(card);
    },
  };
}
