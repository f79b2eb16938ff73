// Shared builders and a stand-in background for the popup's unit tests.
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { CardInput, PageInfo, PaperView, Replies, RequestType, SightingView } from '../../lib/messages';

export const DAY = 24 * 3600 * 1000;
/** Noon, so that no time zone moves the day. */
export const at = (iso: string) => new Date(`${iso}T12:00:00`).getTime();

export function paper(over: Partial<PaperView> = {}): PaperView {
  return {
    key: 'arxiv:2401.00001',
    title: 'A Paper',
    authors: [],
    urls: [],
    sites: ['huggingface'],
    seenCount: 0,
    tags: [],
    note: '',
    updatedAt: 0,
    ...over,
  };
}

export function sighting(label: string, site: SightingView['site'] = 'huggingface', day = '2025-11-03'): SightingView {
  return { at: at(day), site, label, pageUrl: 'https://huggingface.co/papers' };
}

export const HF_PAGE: PageInfo = {
  url: 'https://huggingface.co/papers/date/2025-11-10',
  site: 'huggingface',
  label: 'Nov 10',
  digestDate: '2025-11-10',
};

export const card = (title: string, over: Partial<CardInput> = {}): CardInput => ({ title, ...over });

type Handler = { [T in RequestType]?: (req: any) => Partial<Replies[T]> | Promise<Partial<Replies[T]>> };

/**
 * Route `chrome.runtime.sendMessage` to handlers by request type; records every request. The
 * unit-test setup stubs `chrome` with WXT's fake browser, so the spy goes on that object.
 */
export function fakeBackground(handlers: Handler) {
  const requests: { type: string; [k: string]: unknown }[] = [];
  const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: any) => {
    requests.push(message);
    const h = handlers[message.type as RequestType];
    if (!h) return { ok: false, error: { code: 'internal', message: `unhandled ${message.type}` } };
    return { ok: true, ...(await h(message)) };
  }) as any);
  return { requests, spy, of: (type: string) => requests.filter((r) => r.type === type) };
}

/** Push a change event as the background would. */
export async function pushChange(keys: string[]) {
  await act(async () => {
    await fakeBrowser.runtime.onMessage.trigger({ type: 'dejalu.changed', keys }, {});
  });
}

export function mount(node: ComponentChild) {
  const root = document.createElement('div');
  document.body.appendChild(root);
  act(() => render(node, root));
  return {
    root,
    $: <E extends Element = HTMLElement>(sel: string) => root.querySelector<E>(sel),
    $$: <E extends Element = HTMLElement>(sel: string) => [...root.querySelectorAll<E>(sel)],
    unmount: () => act(() => render(null, root)),
  };
}

/** Let pending promises and Preact's deferred renders run. */
export async function settle(ms = 0) {
  await act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, ms));
  });
}

export function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  act(() => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export function key(target: Element, key: string) {
  let ev!: KeyboardEvent;
  act(() => {
    ev = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    target.dispatchEvent(ev);
  });
  return ev;
}

export function fire(target: Element | null, event: Event) {
  if (!target) throw new Error('no target');
  act(() => {
    target.dispatchEvent(event);
  });
  return event;
}

export function click(target: Element | null) {
  if (!target) throw new Error('nothing to click');
  act(() => {
    target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
  });
}
