// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Placer, slotFor, templateKey } from '../../components/badge/placement';
import type { Card } from '../../lib/types';

/**
 * A Hugging Face-like card: a desktop and a mobile copy, each with a title heading (a line-clamped
 * link), an abstract block and a one-line flex row. Layout is faked: an element is rendered unless
 * it sits under `[data-hidden]`, `display` comes from `data-display`, every box is 20px tall.
 */
function hfCard(i: number, hidden = false): Card {
  const article = document.createElement('article');
  article.className = 'relative rounded-xl';
  if (hidden) article.setAttribute('data-hidden', '');
  const copy = (cls: string, desktop: boolean) => `
    <div class="${cls}"${desktop ? '' : ' data-hidden'}>
      <h3 class="title"><a href="/papers/2501.${i}" class="line-clamp-2" data-display="block">Paper number ${i} ${'x'.repeat(i)}</a></h3>
      <div class="mb-2" data-display="block"><p>abstract ${i}</p></div>
      <div class="flex row" data-display="flex"><span>· ${i} authors</span><span>Published</span></div>
    </div>`;
  article.innerHTML = copy('desktop', true) + copy('mobile md:hidden', false);
  document.body.append(article);
  const anchors = [...article.querySelectorAll('h3')];
  return { element: article, anchors, paper: { title: `Paper ${i}`, arxivId: `2501.${i}` } };
}

let reads = 0;
beforeEach(() => {
  reads = 0;
  vi.spyOn(Element.prototype, 'getClientRects').mockImplementation(function (this: Element) {
    reads++;
    return (this.closest('[data-hidden]') ? [] : [{}]) as unknown as DOMRectList;
  });
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    reads++;
    return { height: this.closest('[data-hidden]') ? 0 : 20 } as DOMRect;
  });
  vi.spyOn(window, 'getComputedStyle').mockImplementation((el: Element) => {
    reads++;
    const display = el.getAttribute('data-display') ?? 'block';
    return {
      display,
      flexDirection: 'row',
      overflowX: 'visible',
      overflowY: 'visible',
      getPropertyValue: () => '',
    } as unknown as CSSStyleDeclaration;
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('templateKey', () => {
  it('is the same for cards of one template whatever their text, and differs with the markup', () => {
    const a = hfCard(1);
    const b = hfCard(22);
    expect(templateKey(a)).toBe(templateKey(b));
    b.anchors[0]!.nextElementSibling!.className = 'other';
    expect(templateKey(a)).not.toBe(templateKey(b));
    expect(reads).toBe(0);
  });
});

describe('Placer', () => {
  it('reads layout on one card per template and places every card at the start of its shown row', () => {
    const cards = Array.from({ length: 50 }, (_, i) => hfCard(i));
    const placer = new Placer();
    const host = document.createElement('dejalu-badge');
    placer.slots(cards.slice(0, 1).map((card) => ({ card, host })));
    const perDecision = reads;
    expect(perDecision).toBeGreaterThan(0);
    const slots = placer.slots(cards.map((card) => ({ card, host })));
    expect(reads).toBe(perDecision); // the other 49 cards: no layout or style read at all
    expect(placer.decided).toBe(1);
    slots.forEach((slot, i) => {
      const row = cards[i]!.element.querySelector('.desktop .row');
      expect(slot).toEqual({ parent: row, before: row!.firstChild, kind: 'row-start' });
    });
  });

  it('takes the decision from a rendered card when the first of a template is hidden', () => {
    const cards = [hfCard(1, true), hfCard(2), hfCard(3)];
    const placer = new Placer();
    const host = document.createElement('dejalu-badge');
    const slots = placer.slots(cards.map((card) => ({ card, host })));
    expect(slots[0]).toMatchObject({ parent: cards[0]!.element.querySelector('.desktop .row'), kind: 'row-start' });
    expect(placer.decided).toBe(1);
  });

  it('decides again after reset (the layout may have switched copies)', () => {
    const cards = [hfCard(1), hfCard(2)];
    const placer = new Placer();
    const host = document.createElement('dejalu-badge');
    placer.slots(cards.map((card) => ({ card, host })));
    // A phone-width layout: the mobile copies show, the desktop ones are hidden.
    for (const c of cards) {
      c.element.querySelector('.desktop')!.setAttribute('data-hidden', '');
      c.element.querySelector('.mobile')!.removeAttribute('data-hidden');
    }
    placer.reset();
    const slots = placer.slots(cards.map((card) => ({ card, host })));
    expect(slots[1]).toMatchObject({ parent: cards[1]!.element.querySelector('.mobile .row'), kind: 'row-start' });
  });
});

describe('slotFor', () => {
  it('appends to a title that ends in text, and goes after the title when the row is missing', () => {
    const dd = document.createElement('dd');
    dd.innerHTML = '<div class="list-title"><span class="descriptor">Title:</span> A title</div><div>authors</div>';
    const card: Card = { element: dd, anchors: [dd.firstElementChild!], paper: { title: 'A title' } };
    const host = document.createElement('dejalu-badge');
    expect(slotFor(card, { anchor: 0, kind: 'title-end' }, host)).toEqual({ parent: dd.firstElementChild, before: null, kind: 'title-end' });
    expect(slotFor(card, { anchor: 0, kind: 'row-start', row: 3 }, host)).toEqual({
      parent: dd,
      before: dd.firstElementChild!.nextSibling,
      kind: 'after-title',
    });
  });
});
