/** Driving rendered Preact components in happy-dom: each step inside `act`, then one macrotask. */
import { act } from 'preact/test-utils';
import { expect } from 'vitest';
import type { SightingView } from '../../lib/messages';

export const settle = () => act(async () => void (await new Promise((r) => setTimeout(r, 0))));

export async function click(el: Element | null) {
  expect(el).not.toBeNull();
  await act(() => (el as HTMLElement).click());
  await settle();
}

export async function type(el: HTMLInputElement | HTMLTextAreaElement, text: string) {
  await act(() => {
    el.value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export async function key(el: Element, k: string) {
  await act(() => void el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, composed: true })));
  await settle();
}

/** A paper's one sighting, on Oct 29 of this year (so history lines print without a year). */
export const seenOct29 = (): SightingView => ({
  at: new Date(new Date().getFullYear(), 9, 29, 9).getTime(),
  site: 'huggingface',
  label: 'Oct 29',
  pageUrl: 'https://huggingface.co/papers/date/2025-10-29',
});
