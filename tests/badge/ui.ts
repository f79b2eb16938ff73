/** Driving rendered Preact components in happy-dom: each step inside `act`, then one macrotask. */
import { act } from 'preact/test-utils';
import { expect } from 'vitest';

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
