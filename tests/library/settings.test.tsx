// @vitest-environment happy-dom
/**
 * The library's Settings pane offers back what the page summary can turn off: the summary itself
 * (its × says so) and dimming seen cards, whose only other switch is on the summary.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/messages';

const dismissed = { ...DEFAULT_SETTINGS, showSummary: false, fadeSeen: true, seenStyle: 'hide' as const };
vi.mock('../../lib/rpc', () => ({
  send: vi.fn(async (m: { type: string; settings?: object }) =>
    m.type === 'settings.get' ? { ok: true, settings: dismissed } : { ok: true, settings: { ...dismissed, ...m.settings } },
  ),
  call: vi.fn(),
}));
import { send } from '../../lib/rpc';
import { SettingsPane } from '../../components/library/SettingsPane';

let root: HTMLElement | undefined;
afterEach(() => {
  if (root) render(null, root);
  root?.remove();
});

it('turns the page summary back on, and dimming seen cards off, from the library', async () => {
  root = document.createElement('div');
  document.body.append(root);
  await act(() => render(<SettingsPane onCleared={() => {}} />, root!));
  await act(async () => new Promise((r) => setTimeout(r, 0)));
  const box = (id: string) => root!.querySelector<HTMLInputElement>(`[data-testid=${id}]`)!;
  expect(box('settings-showSummary').checked).toBe(false);
  expect(box('settings-fadeSeen').checked).toBe(true);
  await act(() => box('settings-showSummary').click());
  await act(() => box('settings-fadeSeen').click());
  const sets = vi.mocked(send).mock.calls.map(([m]) => m as { type: string; settings?: object }).filter((m) => m.type === 'settings.set');
  expect(sets.map((m) => m.settings)).toEqual([{ showSummary: true }, { fadeSeen: false }]);
});

it('keeps a switch turned before its first read came back, when a change event had already shown the settings', async () => {
  let answer: (v: { ok: true; settings: typeof DEFAULT_SETTINGS }) => void = () => {};
  // The read was sent before the switch was turned: it answers what was true then.
  vi.mocked(send).mockImplementationOnce(() => new Promise((r) => (answer = r)) as ReturnType<typeof send>);
  root = document.createElement('div');
  document.body.append(root);
  await act(() => render(<SettingsPane pushed={DEFAULT_SETTINGS} onCleared={() => {}} />, root!));
  const scholar = () => root!.querySelector<HTMLInputElement>('[data-testid=settings-site-scholar]')!;
  expect(scholar().checked).toBe(true);
  await act(() => scholar().click());
  expect(scholar().checked).toBe(false);
  await act(async () => {
    answer({ ok: true, settings: DEFAULT_SETTINGS });
    await new Promise((r) => setTimeout(r, 0));
  });
  expect(scholar().checked).toBe(false);
});
