/**
 * The badge as plain DOM, until the reader reaches it. A page of 100 cards rendered 100 `Badge`
 * components (a dozen hooks each, mostly in cold code) for badges most readers never touch: ~0.3 ms
 * each. This paints the same markup the component renders while closed and idle, and hands the badge
 * to the component (`upgrade`) on the first pointer, focus, click or shortcut. Preact's `render`
 * reuses the existing elements when the markup matches, so a focused pill stays focused.
 */
import type { PaperStatus } from '../../lib/messages';
import type { BadgeModel } from '../../lib/page/ui';
import { badgeLabel, badgeTooltip, hasNote } from './label';

const SVG = 'http://www.w3.org/2000/svg';
const STAR = 'M12 3.2l2.7 5.5 6 .9-4.35 4.25 1.03 6-5.38-2.83-5.38 2.83 1.03-6L3.3 9.6l6-.9z';

/** The attributes `Badge` renders while closed and idle that follow from the status alone. */
function statusAttrs(status: PaperStatus) {
  const saved = status === 'saved';
  return {
    wrap: { class: `wrap ${status}`, 'data-status': status },
    save: {
      class: 'save',
      'aria-pressed': String(saved),
      'aria-label': saved ? 'Unsave paper' : 'Save paper',
      title: saved ? 'Saved — click to unsave (s)' : 'Save to your library (s)',
    },
    fill: saved ? 'currentColor' : 'none',
  };
}

/** The attributes `Badge` renders while closed and idle, for a model. */
export function staticAttrs(model: BadgeModel) {
  return { ...statusAttrs(model.status), label: badgeLabel(model), pill: { title: badgeTooltip(model, undefined) } };
}

function set(el: Element, attrs: Record<string, string>): void {
  for (const k in attrs) if (el.getAttribute(k) !== attrs[k]) el.setAttribute(k, attrs[k]!);
}

/** The closed badge's elements for each status, built once per document and cloned for each badge. */
const prototypes = new WeakMap<Document, Map<PaperStatus, Element>>();

function prototypeFor(doc: Document, status: PaperStatus): Element {
  let byStatus = prototypes.get(doc);
  if (!byStatus) prototypes.set(doc, (byStatus = new Map()));
  let wrap = byStatus.get(status);
  if (wrap) return wrap;
  wrap = doc.createElement('span');
  const pill = doc.createElement('button');
  pill.setAttribute('type', 'button');
  pill.setAttribute('class', 'pill');
  pill.setAttribute('data-action', 'open');
  pill.setAttribute('aria-haspopup', 'dialog');
  pill.setAttribute('aria-expanded', 'false');
  const text = doc.createElement('span');
  text.setAttribute('class', 'label-text');
  text.append('');
  pill.append(text);
  const save = doc.createElement('button');
  save.setAttribute('type', 'button');
  save.setAttribute('data-action', 'save');
  const svg = doc.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', '2');
  svg.setAttribute('stroke-linejoin', 'round');
  const path = doc.createElementNS(SVG, 'path');
  path.setAttribute('d', STAR);
  svg.append(path);
  save.append(svg);
  // Not Badge's live region (what a key did): only the component acts, and it renders the region
  // empty as it becomes the component, before anything is said. A hundred empty regions a page for
  // badges never touched would be nodes for nothing.
  wrap.append(pill, save);
  const a = statusAttrs(status);
  set(wrap, a.wrap);
  set(save, a.save);
  svg.setAttribute('fill', a.fill);
  byStatus.set(status, wrap);
  return wrap;
}

/**
 * Paint (or repaint) the closed badge into `mount`. A new badge is a clone of its status's
 * prototype: one native call instead of eight elements and twenty attributes made one by one, and
 * only the two things that differ from card to card (label, tooltip) set on the clone, before it
 * is in the page.
 */
export function paintStatic(mount: Element, model: BadgeModel): void {
  let wrap = mount.firstElementChild;
  if (!wrap) {
    wrap = prototypeFor(mount.ownerDocument, model.status).cloneNode(true) as Element;
    const pill = wrap.firstElementChild!;
    pill.setAttribute('title', badgeTooltip(model, undefined));
    (pill.firstElementChild!.firstChild as Text).data = badgeLabel(model);
    if (hasNote(model)) wrap.setAttribute('data-note', '');
    mount.append(wrap);
    return;
  }
  const a = staticAttrs(model);
  const [pill, save] = [wrap.children[0]!, wrap.children[1]!];
  set(wrap, a.wrap);
  wrap.toggleAttribute('data-note', hasNote(model));
  set(pill, a.pill);
  const text = pill.firstElementChild!;
  if (text.textContent !== a.label) text.textContent = a.label;
  set(save, a.save);
  set(save.firstElementChild!, { fill: a.fill });
}

/** Events that mean the reader reached the badge; listened to in the capture phase, before the target. */
export const UPGRADE_EVENTS = ['pointerover', 'focus', 'click', 'keydown'] as const;
