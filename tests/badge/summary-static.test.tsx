// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPageUi } from '../../components/page-ui';
import { paintSummary } from '../../components/summary/static';
import { Summary } from '../../components/summary/Summary';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/messages';

/** Markup with attributes in a fixed order, so two trees can be compared. */
function canon(el: Element): string {
  const attrs = [...el.attributes].map((a) => `${a.name}="${a.value}"`).sort().join(' ');
  const kids = [...el.childNodes].map((n) => (n.nodeType === 3 ? n.textContent : canon(n as Element))).join('');
  return `<${el.localName} ${attrs}>${kids}</${el.localName}>`;
}

const CASES: { counts: { new: number; seen: number; saved: number }; settings: Settings; canFade: boolean }[] = [
  { counts: { new: 58, seen: 23, saved: 2 }, settings: DEFAULT_SETTINGS, canFade: true },
  { counts: { new: 0, seen: 1, saved: 0 }, settings: { ...DEFAULT_SETTINGS, fadeSeen: true }, canFade: false },
  { counts: { new: 9, seen: 2, saved: 1 }, settings: { ...DEFAULT_SETTINGS, seenStyle: 'hide', fadeSeen: true }, canFade: true },
];

afterEach(() => vi.restoreAllMocks());

describe('static page summary', () => {
  it('paints exactly the markup the Summary component renders', () => {
    for (const c of CASES) {
      const a = document.createElement('span');
      const b = document.createElement('span');
      render(<Summary counts={c.counts} settings={c.settings} onSettings={() => {}} canFade={c.canFade} />, a);
      paintSummary(b, c.counts, c.settings, c.canFade);
      expect(canon(b)).toBe(canon(a));
      const box = (m: Element) => m.querySelector<HTMLInputElement>('[data-action=fade-seen]')!.checked;
      expect(box(b)).toBe(box(a));
      render(null, a);
    }
  });

  it('repaints in place when counts or settings change', () => {
    const mount = document.createElement('span');
    paintSummary(mount, CASES[0]!.counts, CASES[0]!.settings, true);
    const root = mount.firstElementChild;
    paintSummary(mount, CASES[1]!.counts, CASES[1]!.settings, false);
    expect(mount.querySelector<HTMLElement>('label.toggle')!.hidden).toBe(true);
    paintSummary(mount, CASES[2]!.counts, CASES[2]!.settings, true);
    expect(mount.firstElementChild).toBe(root);
    const fresh = document.createElement('span');
    paintSummary(fresh, CASES[2]!.counts, CASES[2]!.settings, true);
    expect(canon(mount)).toBe(canon(fresh));
    expect(mount.querySelector<HTMLElement>('label.toggle')!.hidden).toBe(false);
    expect(mount.querySelector('[data-field=counts]')?.textContent).toBe('9 new · 2 seen · 1 saved');
  });

  it('becomes the component on the same elements', () => {
    const mount = document.createElement('span');
    paintSummary(mount, CASES[0]!.counts, CASES[0]!.settings, true);
    const box = mount.querySelector('[data-action=fade-seen]');
    render(<Summary counts={CASES[0]!.counts} settings={CASES[0]!.settings} onSettings={() => {}} canFade />, mount);
    expect(mount.querySelector('[data-action=fade-seen]')).toBe(box);
    expect(mount.children).toHaveLength(1);
    render(null, mount);
  });

  it('turns "Dim seen" on from a click that is its first event (no pointer over it before)', async () => {
    // The summary's shadow root is closed: keep it when the page UI makes it, for the test only.
    const attach = Element.prototype.attachShadow;
    let root: ShadowRoot | null = null;
    vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
      const made = attach.call(this, init);
      if (this.localName === 'dejalu-summary') root = made;
      return made;
    });
    const ui = createPageUi();
    const onSettings = vi.fn();
    ui.setSummary({ new: 2, seen: 1, saved: 0 }, { ...DEFAULT_SETTINGS, fadeSeen: false }, onSettings, 'fade');
    const box = root!.querySelector<HTMLInputElement>('[data-action=fade-seen]')!;
    box.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(onSettings).toHaveBeenCalledTimes(1);
    expect(onSettings).toHaveBeenCalledWith(expect.objectContaining({ fadeSeen: true }));
    expect(box.checked).toBe(true);
    ui.destroy();
  });
});
