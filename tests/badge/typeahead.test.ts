// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { collectTyping, typedKey } from '../../components/badge/typeahead';

const key = (k: string, mods: Partial<KeyboardEventInit> = {}) =>
  new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...mods });

afterEach(() => vi.useRealTimers());

describe('typed ahead of the tag field', () => {
  it('reads printable keys, Backspace and Enter (a tag added), and nothing else', () => {
    let text = '';
    for (const k of ['s', 'p', 'x', 'Backspace', 'a', 'r', 's', 'e', 'Enter', 'é']) text = typedKey(text, key(k)) ?? text;
    expect(text).toBe('sparse,é');
    expect(typedKey('a', key('Tab'))).toBeNull();
    expect(typedKey('a', key('Escape'))).toBeNull();
    expect(typedKey('a', key('ArrowLeft'))).toBeNull();
    expect(typedKey('a', key('s', { ctrlKey: true }))).toBeNull();
    expect(typedKey('a', key('s', { metaKey: true }))).toBeNull();
    expect(typedKey('a', key('s', { altKey: true }))).toBeNull();
  });

  it('for the note (the n key), Enter is a new line, not a tag\'s end', () => {
    let text = '';
    for (const k of ['r', 'e', 'a', 'd', 'Enter', 'x', 'Backspace', 'i']) text = typedKey(text, key(k), 'note') ?? text;
    expect(text).toBe('read\ni');
  });

  it('keeps the keys from the page and its shortcuts until taken, then lets them through', () => {
    const heard: string[] = [];
    const onDoc = (e: Event) => heard.push((e as KeyboardEvent).key);
    document.addEventListener('keydown', onDoc);
    const typing = collectTyping(window);
    for (const k of ['s', 'p', 'Escape']) document.body.dispatchEvent(key(k));
    // Escape is no typing: the page (and the panel's outside-Escape) still hear it.
    expect(heard).toEqual(['Escape']);
    expect(typing.take()).toBe('sp');
    document.body.dispatchEvent(key('s'));
    expect(heard).toEqual(['Escape', 's']);
    expect(typing.take()).toBe('');
    document.removeEventListener('keydown', onDoc);
  });

  it('gives the page its keys back if the panel never takes them', () => {
    vi.useFakeTimers();
    const heard: string[] = [];
    const onDoc = (e: Event) => heard.push((e as KeyboardEvent).key);
    document.addEventListener('keydown', onDoc);
    const typing = collectTyping(window);
    document.body.dispatchEvent(key('a'));
    vi.advanceTimersByTime(3_000);
    document.body.dispatchEvent(key('b'));
    expect(heard).toEqual(['b']);
    typing.stop();
    document.removeEventListener('keydown', onDoc);
  });
});
