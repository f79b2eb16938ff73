// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Summary } from '../../components/summary/Summary';
import { DejaLuDB } from '../../lib/db';
import { DEFAULT_SETTINGS, SettingsPatchSchema, type Settings } from '../../lib/messages';
import { readSettings, writeSettings } from '../../lib/settings';

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

async function mount(settings: Partial<Settings> = {}, canFade = true) {
  const onSettings = vi.fn();
  await act(() => render(<Summary counts={counts} settings={{ ...DEFAULT_SETTINGS, ...settings }} onSettings={onSettings} canFade={canFade} />, root));
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
    expect(onSettings).toHaveBeenCalledWith({ fadeSeen: true });

    await mount({ seenStyle: 'hide', fadeSeen: true });
    expect(root.textContent).toContain('Hide seen');
    expect(root.querySelector<HTMLInputElement>('[data-action=fade-seen]')!.checked).toBe(true);
  });

  it('shows no toggle on a page where nothing would be dimmed (a search, a single paper)', async () => {
    await mount({ fadeSeen: true }, false);
    expect(root.querySelector<HTMLElement>('label.toggle')!.hidden).toBe(true);
    await mount({ fadeSeen: true }, true);
    expect(root.querySelector<HTMLElement>('label.toggle')!.hidden).toBe(false);
  });

  it('sends only what was clicked: a tab that last heard older settings does not undo newer ones', async () => {
    const db = new DejaLuDB('summary-patch');
    // The tab loaded with the defaults; then, in the library page, the reader changed two settings.
    await writeSettings(db, { seenMode: 'never', sites: { huggingface: true, arxiv: false } });
    const sent: Promise<unknown>[] = [];
    // As the router stores a `settings.set` from the page (lib/router.ts parses it with SettingsPatchSchema).
    const onSettings = (patch: Partial<Settings>) => void sent.push(writeSettings(db, SettingsPatchSchema.parse(patch)));
    await act(() => render(<Summary counts={counts} settings={DEFAULT_SETTINGS} onSettings={onSettings} canFade />, root));
    await act(() => root.querySelector<HTMLInputElement>('[data-action=fade-seen]')!.click());
    await Promise.all(sent);
    expect(await readSettings(db)).toMatchObject({ fadeSeen: true, seenMode: 'never', sites: { arxiv: false } });
  });

  it('can be dismissed', async () => {
    const onSettings = await mount();
    await act(() => root.querySelector<HTMLButtonElement>('[data-action=dismiss]')!.click());
    expect(onSettings).toHaveBeenCalledWith({ showSummary: false });
  });
});
