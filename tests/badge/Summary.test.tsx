// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Summary } from '../../components/summary/Summary';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/messages';

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

const counts = { new: 58, seen: 23, saved: 2 };

async function mount(settings: Partial<Settings> = {}) {
  const onSettings = vi.fn();
  await act(() => render(<Summary counts={counts} settings={{ ...DEFAULT_SETTINGS, ...settings }} onSettings={onSettings} />, root));
  return onSettings;
}

describe('Summary', () => {
  it('counts the page', async () => {
    await mount();
    expect(root.querySelector('[data-field=counts]')?.textContent).toBe('58 new · 23 seen · 2 saved');
  });

  it('dims seen cards, or hides them when the setting says so', async () => {
    const onSettings = await mount();
    expect(root.textContent).toContain('Dim seen');
    const box = root.querySelector<HTMLInputElement>('[data-action=fade-seen]')!;
    await act(() => box.click());
    expect(onSettings).toHaveBeenCalledWith({ ...DEFAULT_SETTINGS, fadeSeen: true });

    await mount({ seenStyle: 'hide', fadeSeen: true });
    expect(root.textContent).toContain('Hide seen');
    expect(root.querySelector<HTMLInputElement>('[data-action=fade-seen]')!.checked).toBe(true);
  });

  it('sends whole settings, so the background cannot reset the others to defaults', async () => {
    const onSettings = await mount({ seenStyle: 'hide', seenMode: 'never' });
    await act(() => root.querySelector<HTMLInputElement>('[data-action=fade-seen]')!.click());
    expect(onSettings).toHaveBeenCalledWith(expect.objectContaining({ fadeSeen: true, seenStyle: 'hide', seenMode: 'never' }));
  });

  it('can be dismissed', async () => {
    const onSettings = await mount();
    await act(() => root.querySelector<HTMLButtonElement>('[data-action=dismiss]')!.click());
    expect(onSettings).toHaveBeenCalledWith({ ...DEFAULT_SETTINGS, showSummary: false });
  });
});
