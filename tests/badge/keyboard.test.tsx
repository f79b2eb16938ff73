// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKeyboard, type Keyboard } from '../../lib/page/keyboard';

let kb: Keyboard;
const hovered = vi.fn();
let a: HTMLElement;
let b: HTMLElement;
const keysA = { toggleSave: vi.fn(), openTags: vi.fn(), openNote: vi.fn(), copyBibtex: vi.fn() };
const keysB = { toggleSave: vi.fn(), openTags: vi.fn(), openNote: vi.fn(), copyBibtex: vi.fn() };

beforeEach(() => {
  document.body.innerHTML = '';
  a = document.createElement('article');
  b = document.createElement('article');
  a.append(Object.assign(document.createElement('a'), { href: '#a', textContent: 'A' }));
  document.body.append(a, b);
  for (const k of [keysA, keysB]) {
    k.toggleSave.mockReset();
    k.openTags.mockReset();
    k.openNote.mockReset();
    k.copyBibtex.mockReset();
  }
  hovered.mockReset();
  kb = createKeyboard(document, hovered);
  kb.track(a, (action) => keysA[action]());
  kb.track(b, (action) => keysB[action]());
});
afterEach(() => kb.destroy());

// Pointer and focus events as the browser sends them: they bubble, and the keyboard listens once,
// on the document.
const enter = (el: Element) => el.dispatchEvent(new Event('pointerover', { bubbles: true }));
const leave = (el: Element, to: Element = document.body) => el.dispatchEvent(new MouseEvent('pointerout', { bubbles: true, relatedTarget: to }));
const focusIn = (el: Element) => el.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));

function press(key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body) {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(e);
  return e;
}

describe('page shortcuts', () => {
  it('says when the pointer comes to a card, once until it moves to another', () => {
    enter(b);
    enter(b.appendChild(document.createElement('span')));
    expect(hovered).toHaveBeenCalledOnce();
    leave(b);
    enter(a);
    expect(hovered).toHaveBeenCalledTimes(2);
    enter(document.body);
    expect(hovered).toHaveBeenCalledTimes(2);
  });

  it('does nothing without a hovered or focused card', () => {
    press('s');
    expect(keysA.toggleSave).not.toHaveBeenCalled();
  });

  it('s saves, t tags and n notes the hovered card', () => {
    enter(b);
    expect(press('s').defaultPrevented).toBe(true);
    press('t');
    expect(press('n').defaultPrevented).toBe(true);
    expect(keysB.toggleSave).toHaveBeenCalledOnce();
    expect(keysB.openTags).toHaveBeenCalledOnce();
    expect(keysB.openNote).toHaveBeenCalledOnce();
    expect(keysA.openNote).not.toHaveBeenCalled();
    leave(b);
    press('s');
    expect(keysB.toggleSave).toHaveBeenCalledOnce();
  });

  it('c copies the hovered card\'s BibTeX; C with Shift, and other letters, do nothing', () => {
    enter(a);
    expect(press('c').defaultPrevented).toBe(true);
    expect(keysA.copyBibtex).toHaveBeenCalledOnce();
    expect(press('c', { shiftKey: true }).defaultPrevented).toBe(false);
    expect(press('x').defaultPrevented).toBe(false);
    expect(keysA.copyBibtex).toHaveBeenCalledOnce();
    expect(keysB.copyBibtex).not.toHaveBeenCalled();
  });

  it('follows focus too, the most recent of hover and focus winning', () => {
    enter(b);
    focusIn(a);
    press('s');
    expect(keysA.toggleSave).toHaveBeenCalledOnce();
    leave(b);
    enter(b);
    press('s');
    expect(keysB.toggleSave).toHaveBeenCalledOnce();
  });

  it("counts the pointer on a card's children as on the card, until it leaves the card itself", () => {
    const link = a.querySelector('a')!;
    enter(link);
    leave(link, a); // from the link to its card: still on the card
    press('s');
    expect(keysA.toggleSave).toHaveBeenCalledOnce();
    leave(a, b);
    enter(b);
    press('t');
    expect(keysB.openTags).toHaveBeenCalledOnce();
    leave(b);
    press('s');
    expect(keysA.toggleSave).toHaveBeenCalledOnce();
    expect(keysB.toggleSave).not.toHaveBeenCalled();
  });

  it('forgets focus once it leaves the card', () => {
    const link = a.querySelector('a')!;
    focusIn(link);
    link.dispatchEvent(new FocusEvent('focusout', { bubbles: true, relatedTarget: b }));
    press('s');
    expect(keysA.toggleSave).not.toHaveBeenCalled();
  });

  it('ignores keys with modifiers', () => {
    enter(a);
    for (const mod of ['ctrlKey', 'metaKey', 'altKey', 'shiftKey']) press('s', { [mod]: true });
    expect(keysA.toggleSave).not.toHaveBeenCalled();
  });

  it('ignores keys typed in page inputs, textareas and contenteditable', () => {
    enter(a);
    const input = document.createElement('input');
    const area = document.createElement('textarea');
    const editable = document.createElement('div');
    editable.setAttribute('contenteditable', 'true');
    const inner = document.createElement('span');
    editable.append(inner);
    document.body.append(input, area, editable);
    for (const el of [input, area, inner]) press('s', {}, el);
    expect(keysA.toggleSave).not.toHaveBeenCalled();
    const checkbox = Object.assign(document.createElement('input'), { type: 'checkbox' });
    document.body.append(checkbox);
    press('s', {}, checkbox);
    expect(keysA.toggleSave).toHaveBeenCalledOnce();
  });

  it('forgets cards that are untracked', () => {
    enter(a);
    kb.untrack(a);
    press('s');
    expect(keysA.toggleSave).not.toHaveBeenCalled();
  });
});
