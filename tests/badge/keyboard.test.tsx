// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKeyboard, type Keyboard } from '../../lib/page/keyboard';

let kb: Keyboard;
let a: HTMLElement;
let b: HTMLElement;
const keysA = { toggleSave: vi.fn(), openTags: vi.fn() };
const keysB = { toggleSave: vi.fn(), openTags: vi.fn() };

beforeEach(() => {
  document.body.innerHTML = '';
  a = document.createElement('article');
  b = document.createElement('article');
  a.append(Object.assign(document.createElement('a'), { href: '#a', textContent: 'A' }));
  document.body.append(a, b);
  for (const k of [keysA, keysB]) {
    k.toggleSave.mockReset();
    k.openTags.mockReset();
  }
  kb = createKeyboard(document);
  kb.track(a, keysA);
  kb.track(b, keysB);
});
afterEach(() => kb.destroy());

function press(key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body) {
  const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(e);
  return e;
}

describe('page shortcuts', () => {
  it('does nothing without a hovered or focused card', () => {
    press('s');
    expect(keysA.toggleSave).not.toHaveBeenCalled();
  });

  it('s saves and t tags the hovered card', () => {
    b.dispatchEvent(new Event('pointerenter'));
    expect(press('s').defaultPrevented).toBe(true);
    press('t');
    expect(keysB.toggleSave).toHaveBeenCalledOnce();
    expect(keysB.openTags).toHaveBeenCalledOnce();
    b.dispatchEvent(new Event('pointerleave'));
    press('s');
    expect(keysB.toggleSave).toHaveBeenCalledOnce();
  });

  it('follows focus too, the most recent of hover and focus winning', () => {
    b.dispatchEvent(new Event('pointerenter'));
    a.dispatchEvent(new FocusEvent('focusin'));
    press('s');
    expect(keysA.toggleSave).toHaveBeenCalledOnce();
    b.dispatchEvent(new Event('pointerleave'));
    b.dispatchEvent(new Event('pointerenter'));
    press('s');
    expect(keysB.toggleSave).toHaveBeenCalledOnce();
  });

  it('ignores keys with modifiers', () => {
    a.dispatchEvent(new Event('pointerenter'));
    for (const mod of ['ctrlKey', 'metaKey', 'altKey', 'shiftKey']) press('s', { [mod]: true });
    expect(keysA.toggleSave).not.toHaveBeenCalled();
  });

  it('ignores keys typed in page inputs, textareas and contenteditable', () => {
    a.dispatchEvent(new Event('pointerenter'));
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
    a.dispatchEvent(new Event('pointerenter'));
    kb.untrack(a);
    press('s');
    expect(keysA.toggleSave).not.toHaveBeenCalled();
  });
});
