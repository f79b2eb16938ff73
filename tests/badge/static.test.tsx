// @vitest-environment happy-dom
import { render } from 'preact';
import { describe, expect, it, vi } from 'vitest';
import type { PaperView } from '../../lib/messages';
import type { BadgeModel } from '../../lib/page/ui';

vi.mock('../../lib/rpc', () => ({ send: vi.fn(async () => ({ ok: false, error: { code: 'internal', message: 'x' } })) }));
import { Badge } from '../../components/badge/Badge';
import { paintStatic } from '../../components/badge/static';

const PAGE = { url: 'https://huggingface.co/papers/date/2025-11-03', site: 'huggingface' as const, label: 'Nov 3' };

function paper(over: Partial<PaperView> = {}): PaperView {
  return { key: 'arxiv:2511.00001', title: 'T', authors: [], arxivId: '2511.00001', urls: [], sites: ['huggingface'], seenCount: 0, tags: [], note: '', updatedAt: 1, ...over };
}

const MODELS: BadgeModel[] = [
  { status: 'new', card: { title: 'A new one' }, page: PAGE },
  { status: 'seen', paper: paper({ seenCount: 3, first: { at: Date.UTC(2024, 9, 29), digestDate: '2024-10-29', site: 'huggingface', label: 'Oct 29', pageUrl: 'https://huggingface.co/papers' } }), card: { title: 'Seen' }, page: PAGE },
  { status: 'saved', paper: paper({ savedAt: 5, tags: ['llm', 'rl', 'moe', 'x'] }), card: { title: 'Saved' }, page: PAGE },
  { status: 'seen', paper: paper({ seenCount: 2, note: 'Compare with RMSNorm.' }), card: { title: 'Noted' }, page: PAGE },
  {
    status: 'seen',
    paper: paper({ seenCount: 1 }),
    match: { rule: 'similar-title', text: 'Matched by a near-equal title' } as BadgeModel['match'],
    card: { title: 'Matched' },
    page: PAGE,
  },
];

/** Markup with attributes in a fixed order, so two trees can be compared. */
function canon(el: Element): string {
  const attrs = [...el.attributes].map((a) => `${a.name}="${a.value}"`).sort().join(' ');
  const kids = [...el.childNodes].map((n) => (n.nodeType === 3 ? n.textContent : canon(n as Element))).join('');
  return `<${el.localName} ${attrs}>${kids}</${el.localName}>`;
}

describe('static badge', () => {
  it('paints exactly the markup the Badge component renders while closed', () => {
    for (const model of MODELS) {
      const a = document.createElement('span');
      const b = document.createElement('span');
      render(<Badge model={model} onPaper={() => {}} />, a);
      paintStatic(b, model);
      // Except the component's live region, last and empty, which the plain badge leaves out.
      const region = a.querySelector('.wrap > [role=status]:last-child');
      expect(region?.textContent).toBe('');
      region?.remove();
      expect(canon(b)).toBe(canon(a));
      render(null, a);
    }
  });

  it('repaints in place when the model changes', () => {
    const mount = document.createElement('span');
    paintStatic(mount, MODELS[0]!);
    const pill = mount.querySelector('.pill');
    paintStatic(mount, MODELS[2]!);
    expect(mount.querySelector('.pill')).toBe(pill);
    const fresh = document.createElement('span');
    paintStatic(fresh, MODELS[2]!);
    expect(canon(mount)).toBe(canon(fresh));
    // A note written, then emptied: the mark comes and goes with it.
    paintStatic(mount, MODELS[3]!);
    expect(mount.querySelector('.wrap')!.hasAttribute('data-note')).toBe(true);
    paintStatic(mount, MODELS[2]!);
    expect(canon(mount)).toBe(canon(fresh));
  });

  it('becomes the component on the same elements, so a focused pill keeps its focus', () => {
    const mount = document.createElement('span');
    document.body.append(mount);
    paintStatic(mount, MODELS[1]!);
    const pill = mount.querySelector('button.pill') as HTMLButtonElement;
    const save = mount.querySelector('button.save');
    pill.focus();
    render(<Badge model={MODELS[1]!} onPaper={() => {}} />, mount);
    expect(mount.querySelector('button.pill')).toBe(pill);
    expect(mount.querySelector('button.save')).toBe(save);
    expect(mount.querySelectorAll('.wrap')).toHaveLength(1);
    expect(document.activeElement).toBe(pill);
    render(null, mount);
    mount.remove();
  });
});
