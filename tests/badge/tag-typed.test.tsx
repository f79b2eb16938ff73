// @vitest-environment happy-dom
/**
 * A tag typed in the badge panel and not confirmed with Enter or comma is added when the panel
 * closes (an outside click, Escape, ×), as the note beside it is saved then.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { PaperView } from '../../lib/messages';
import type { BadgeModel } from '../../lib/page/controller';

vi.mock('../../lib/rpc', () => ({ send: vi.fn() }));
import { send } from '../../lib/rpc';
import { Badge } from '../../components/badge/Badge';

const PAGE = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface' as const, label: 'Nov 3', digestDate: '2025-11-03' };
const P: PaperView = { key: 'arxiv:2511.00001', title: 'T', authors: [], arxivId: '2511.00001', urls: [], sites: ['huggingface'], seenCount: 0, tags: [], note: '', updatedAt: 1, savedAt: 1 };
const model: BadgeModel = { status: 'saved', paper: P, card: { title: 'T', arxivId: '2511.00001' }, page: PAGE };

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  vi.mocked(send).mockReset();
  vi.mocked(send).mockImplementation((async (m: { type: string; add?: string[] }) =>
    m.type === 'tags.list' ? { ok: true, tags: [] } : { ok: true, paper: { ...P, tags: m.add ?? [] } }) as never);
});
afterEach(() => {
  render(null, root);
  root.remove();
});

it('a typed, unconfirmed tag is added when the panel closes on an outside click', async () => {
  await act(() => render(<Badge model={model} onPaper={() => {}} />, root));
  await act(() => root.querySelector<HTMLElement>('[data-action=open]')!.click());
  const input = root.querySelector<HTMLInputElement>('[data-field=tag]')!;
  await act(() => {
    input.focus();
    input.value = 'llm';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(() => void document.body.dispatchEvent(new Event('pointerdown', { bubbles: true, composed: true })));
  await act(() => input.blur());
  await act(async () => void (await new Promise((r) => setTimeout(r, 10))));
  expect(root.querySelector('[data-panel]')).toBeNull(); // the panel did close
  const tagEdits = vi.mocked(send).mock.calls.map(([m]) => m as { type: string }).filter((m) => m.type === 'paper.tags');
  expect(tagEdits).toHaveLength(1);
});
