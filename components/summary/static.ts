/**
 * The page summary as plain DOM until the reader reaches it, as the badges do (badge/static.ts):
 * the component's first render ran Preact's cold diffing code in the page's first badge task, for
 * a strip most readers never touch. This paints the markup `Summary` renders; the component takes
 * the same elements over on the first pointer, focus, click or key (page-ui.tsx).
 */
import type { PaperStatus, Settings } from '../../lib/messages';

function el(doc: Document, tag: string, attrs: Record<string, string>, ...kids: (Node | string)[]): HTMLElement {
  const e = doc.createElement(tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]!);
  e.append(...kids);
  return e;
}

/** What depends on the counts and settings: everything else is fixed markup. */
function dynamic(counts: Record<PaperStatus, number>, settings: Settings, canFade: boolean) {
  const hide = settings.seenStyle === 'hide';
  return {
    verb: hide ? 'Hide seen' : 'Dim seen',
    title: hide ? 'Hide the cards you have seen before' : 'Dim the cards you have seen before',
    counts: [String(counts.new), String(counts.seen), String(counts.saved)],
    checked: settings.fadeSeen,
    hidden: !canFade,
  };
}

/** Paint (or repaint) the summary into `mount`. */
export function paintSummary(mount: Element, counts: Record<PaperStatus, number>, settings: Settings, canFade: boolean): void {
  const d = dynamic(counts, settings, canFade);
  let root = mount.firstElementChild;
  if (!root) {
    const doc = mount.ownerDocument;
    const count = (cls: string, word: string) => el(doc, 'span', { class: cls }, el(doc, 'b', {}, ''), ` ${word}`);
    const box = el(doc, 'input', { type: 'checkbox', 'data-action': 'fade-seen' });
    root = el(
      doc,
      'div',
      { class: 'summary', role: 'region', 'aria-label': 'Déjà Lu page summary' },
      el(doc, 'span', { class: 'brand', 'aria-hidden': 'true', title: 'Déjà Lu' }, 'DL'),
      el(
        doc,
        'span',
        { class: 'counts', 'data-field': 'counts', 'aria-live': 'polite' },
        count('n-new', 'new'),
        el(doc, 'span', { class: 'sep' }, ' · '),
        count('n-seen', 'seen'),
        el(doc, 'span', { class: 'sep' }, ' · '),
        count('n-saved', 'saved'),
      ),
      el(doc, 'label', { class: 'toggle' }, box, ''),
      el(
        doc,
        'button',
        {
          type: 'button',
          class: 'close',
          'data-action': 'dismiss',
          'aria-label': 'Hide this summary',
          title: 'Hide this summary (turn it back on in the library\'s settings)',
        },
        '×',
      ),
    );
    mount.append(root);
  }
  const bolds = root.querySelectorAll('.counts b');
  d.counts.forEach((n, i) => {
    const b = bolds[i];
    if (b && b.textContent !== n) b.textContent = n;
  });
  const label = root.querySelector<HTMLElement>('label.toggle')!;
  if (label.hidden !== d.hidden) label.hidden = d.hidden;
  if (label.getAttribute('title') !== d.title) label.setAttribute('title', d.title);
  const text = label.lastChild!;
  if (text.textContent !== d.verb) text.textContent = d.verb;
  const box = label.firstElementChild as HTMLInputElement;
  if (box.checked !== d.checked) box.checked = d.checked;
}
