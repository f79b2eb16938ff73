// @vitest-environment happy-dom
/**
 * The page's one badge-panel frame (components/badge/panel-host.ts): loaded once, opened for one
 * badge at a time, its posts routed to the badge they belong to, and nothing taken from the page.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PanelParams } from '../../lib/messages';
import { createPanelHost, type PanelHost, type PanelRequest } from '../../components/badge/panel-host';

// The host's shadow root is closed; opened here so the test can look inside.
const attach = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init: ShadowRootInit) {
  return attach.call(this, { ...init, mode: 'open' });
};
// happy-dom loads no extension page in a frame: each frame gets a stand-in window to post from.
const frameWindows = new WeakMap<HTMLIFrameElement, { postMessage: ReturnType<typeof vi.fn> }>();
Object.defineProperty(HTMLIFrameElement.prototype, 'contentWindow', {
  configurable: true,
  get(this: HTMLIFrameElement) {
    if (!this.isConnected) return null;
    if (!frameWindows.has(this)) frameWindows.set(this, { postMessage: vi.fn() });
    return frameWindows.get(this);
  },
});

const PAGE = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface' as const, label: 'Nov 3' };
const params = (title: string): PanelParams => ({ card: { title }, page: PAGE, status: 'new', before: 'new' });

let host: PanelHost;
beforeEach(() => {
  document.body.innerHTML = '<p id="a">A</p><p id="b">B</p><p id="elsewhere">text</p>';
  host = createPanelHost();
});
afterEach(() => host.destroy());

const root = () => document.querySelector('dejalu-panel')?.shadowRoot ?? null;
const frame = () => root()!.querySelector('iframe')!;
const box = () => root()!.querySelector<HTMLElement>('[data-panel-frame]')!;
const told = () => (frame().contentWindow as unknown as { postMessage: ReturnType<typeof vi.fn> }).postMessage.mock.calls.map(([m]) => m);

/** A message event as the browser delivers one (trusted), from `source`. */
function message(data: unknown, source: unknown = frame().contentWindow, trusted = true) {
  const ev = new MessageEvent('message', { data, source: source as Window });
  Object.defineProperty(ev, 'isTrusted', { value: trusted });
  window.dispatchEvent(ev);
}
function request(id: string, over: Partial<PanelRequest> = {}): PanelRequest {
  const el = document.getElementById(id)!;
  return { params: params(id), anchor: () => el, owner: el, onClose: vi.fn(), onPaper: vi.fn(), ...over };
}

/** Presses `keys` on the page; which of them reached its document's own listeners. */
function pageHears(...keys: string[]): string[] {
  const heard: string[] = [];
  const onDoc = (e: Event) => heard.push((e as KeyboardEvent).key);
  document.addEventListener('keydown', onDoc);
  for (const key of keys) document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  document.removeEventListener('keydown', onDoc);
  return heard;
}

describe('the page panel host', () => {
  it('loads the panel page once, by the dynamic address, with a token in its fragment', () => {
    host.warm();
    host.warm();
    expect(document.querySelectorAll('dejalu-panel')).toHaveLength(1);
    const [address, token] = frame().getAttribute('src')!.split('#');
    expect(address).toBe(chrome.runtime.getURL('/panel.html'));
    expect(token).toMatch(/^[0-9a-f]{32}$/);
  });

  it('opens the panel once its page is ready, with the token, and shows it once sized', () => {
    const a = request('a', { field: 'tags' });
    host.open(a);
    expect(told()).toEqual([]);
    expect(box().hasAttribute('data-open')).toBe(true);
    expect(box().classList.contains('sized')).toBe(false);
    // Opened by `t`: what the reader types meanwhile is kept from the page, for the tag field.
    const heard: string[] = [];
    const onDoc = (e: Event) => heard.push((e as KeyboardEvent).key);
    document.addEventListener('keydown', onDoc);
    for (const k of ['s', 'p']) document.body.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
    message({ dejalu: 'panel', kind: 'ready' });
    // Focus is moving into the frame (another process): keys still reach the page until its blur.
    expect(told()).toEqual([]);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true, cancelable: true }));
    window.dispatchEvent(new Event('blur'));
    const token = frame().getAttribute('src')!.split('#')[1];
    expect(told()).toEqual([{ dejalu: 'panel', token, kind: 'open', seq: 1, params: params('a'), field: 'tags', typed: 'spa' }]);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'r', bubbles: true, cancelable: true }));
    expect(heard).toEqual(['r']);
    document.removeEventListener('keydown', onDoc);
    message({ dejalu: 'panel', seq: 1, kind: 'size', height: 300 });
    expect(box().classList.contains('sized')).toBe(true);
    expect(box().style.height).toBe('302px');
  });

  it('opened by n, keeps what is typed for the note, Enter a new line; a panel opened by a click, nothing', () => {
    host.warm();
    message({ dejalu: 'panel', kind: 'ready' });
    host.open(request('a', { field: 'note' }));
    for (const k of ['o', 'k', 'Enter', 'x']) document.body.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
    window.dispatchEvent(new Event('blur'));
    expect(told()).toMatchObject([{ kind: 'open', seq: 1, field: 'note', typed: 'ok\nx' }]);
    host.open(request('b'));
    expect(pageHears('s')).toEqual(['s']);
    window.dispatchEvent(new Event('blur'));
    expect(told().filter((m) => m.kind === 'open').at(-1)).not.toHaveProperty('field');
  });

  it('takes the panel page\'s word that it has focus when the page\'s blur does not come', () => {
    host.warm();
    message({ dejalu: 'panel', kind: 'ready' });
    host.open(request('a', { field: 'tags' }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'r', bubbles: true, cancelable: true }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'l', bubbles: true, cancelable: true }));
    expect(told()).toEqual([]);
    message({ dejalu: 'panel', kind: 'focused' });
    expect(told()).toMatchObject([{ kind: 'open', seq: 1, field: 'tags', typed: 'rl' }]);
    // Said once: a blur after it sends nothing more.
    window.dispatchEvent(new Event('blur'));
    expect(told()).toHaveLength(1);
  });

  it('one panel at a time: opening another badge closes the first; late posts reach their own badge', () => {
    host.warm();
    message({ dejalu: 'panel', kind: 'ready' });
    const a = request('a');
    const b = request('b');
    host.open(a);
    host.open(b);
    expect(a.onClose).toHaveBeenCalledWith(false);
    expect(told().map((m) => `${m.kind}${m.seq ?? ''}`)).toEqual(['open1', 'close', 'open2']);
    // The first panel's note, saved as it closed, changed its paper: its badge hears of it.
    message({ dejalu: 'panel', seq: 1, kind: 'paper', key: 'arxiv:1' });
    expect(a.onPaper).toHaveBeenCalledWith('arxiv:1');
    expect(b.onPaper).not.toHaveBeenCalled();
    // Its size and close no longer count.
    message({ dejalu: 'panel', seq: 1, kind: 'size', height: 900 });
    message({ dejalu: 'panel', seq: 1, kind: 'close', refocus: true });
    expect(box().classList.contains('sized')).toBe(false);
    expect(b.onClose).not.toHaveBeenCalled();
    message({ dejalu: 'panel', seq: 2, kind: 'close', refocus: true, forward: true });
    expect(b.onClose).toHaveBeenCalledWith(true, true);
    expect(box().hasAttribute('data-open')).toBe(false);
  });

  it('closes on a press or Escape elsewhere on the page, not on its own badge', () => {
    host.warm();
    message({ dejalu: 'panel', kind: 'ready' });
    const a = request('a');
    host.open(a);
    document.getElementById('a')!.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true }));
    expect(a.onClose).not.toHaveBeenCalled();
    document.getElementById('elsewhere')!.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true }));
    expect(a.onClose).toHaveBeenCalledWith(false);

    const b = request('b');
    host.open(b);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(b.onClose).toHaveBeenCalledWith(false);
    expect(told().at(-1)).toMatchObject({ kind: 'close' });
  });

  it('moves focus to the tag field only for the badge whose panel is open', () => {
    host.warm();
    message({ dejalu: 'panel', kind: 'ready' });
    const a = request('a');
    host.open(a);
    host.focusField(request('b'), 'tags');
    expect(told().filter((m) => m.kind === 'focus')).toEqual([]);
    host.focusField(a, 'tags');
    // `t` again: as after the first, what is typed until focus has moved is kept for the tag field.
    for (const k of ['r', 'l']) document.body.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }));
    expect(told().filter((m) => m.kind === 'focus')).toEqual([]);
    window.dispatchEvent(new Event('blur'));
    expect(told().filter((m) => m.kind === 'focus')).toMatchObject([{ kind: 'focus', field: 'tags', typed: 'rl' }]);
    // Once there, keys are the page's again, and a later blur sends nothing more.
    expect(pageHears('x')).toEqual(['x']);
    window.dispatchEvent(new Event('blur'));
    expect(told().filter((m) => m.kind === 'focus')).toHaveLength(1);
  });

  it('ignores what a page script posts as if it were the panel', () => {
    host.warm();
    const a = request('a');
    host.open(a);
    for (const data of [
      { dejalu: 'panel', kind: 'ready' },
      { dejalu: 'panel', seq: 1, kind: 'close', refocus: false },
      { dejalu: 'panel', seq: 1, kind: 'paper', key: 'arxiv:1' },
    ]) {
      // Posted by the page itself, or an event it made up naming the panel's frame as its source.
      message(data, window);
      message(data, frame().contentWindow, false);
    }
    expect(told()).toEqual([]);
    expect(a.onClose).not.toHaveBeenCalled();
    expect(a.onPaper).not.toHaveBeenCalled();
  });

  it('goes away with the page UI', () => {
    host.warm();
    host.destroy();
    expect(document.querySelector('dejalu-panel')).toBeNull();
  });
});
