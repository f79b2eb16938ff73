// @vitest-environment happy-dom
/**
 * PageController with the real page UI (components/page-ui.tsx) and recognisers on captured pages:
 * what the reader sees of the page after the page changes under the badges, and of a single
 * paper's page.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPageUi } from '../../components/page-ui';
import { DEFAULT_SETTINGS, type CardInput, type PaperStatus, type Settings } from '../../lib/messages';
import { PageController } from '../../lib/page/controller';
import { arxiv } from '../../lib/sites/arxiv';
import { huggingface } from '../../lib/sites/huggingface';
import { scholar } from '../../lib/sites/scholar';
import type { SiteModule } from '../../lib/types';
import { fakeBackground, paper } from '../popup/helpers';
import { parsePage } from '../sites/helpers';
import { settle } from './controller-harness';

/** `module` reading the test document (served at localhost) as if it were at `url`. */
function at(module: SiteModule, url: string): SiteModule {
  return {
    ...module,
    readCards: (doc) => module.readCards(doc, new URL(url)),
    ...(module.readSteps ? { readSteps: (doc: Document) => module.readSteps!(doc, new URL(url)) } : {}),
  };
}

/** Every card looked up answers `status`, with these settings. */
function background(status: PaperStatus, settings: Settings) {
  return fakeBackground({
    'cards.lookup': (r: { cards: CardInput[] }) => ({
      statuses: r.cards.map((c) =>
        status === 'new' ? { status } : { status, paper: paper({ key: `arxiv:${c.arxivId}`, title: c.title, seenCount: 2, updatedAt: 1 }) },
      ),
      settings,
    }),
    'tab.report': () => ({}),
  });
}

let controller: PageController | null = null;
async function start(module: SiteModule, fixture: string, url: string): Promise<void> {
  // By path from the project: under happy-dom, `import.meta.url` (sites/helpers' FIXTURES) is no file URL.
  const html = readFileSync(`${process.cwd()}/tests/fixtures/${fixture}`, 'utf8');
  const page = parsePage(html, url);
  for (const el of page.body.querySelectorAll('script, link')) el.remove(); // happy-dom would try to load them
  document.body.innerHTML = page.body.innerHTML;
  controller = new PageController(at(module, url), createPageUi(), document);
  await controller.start();
  await settle();
}

/** The summary's "Dim seen" label, from its closed shadow root (kept as the page UI makes it, for the test only). */
function summaryToggle(): () => HTMLElement | null {
  const attach = Element.prototype.attachShadow;
  const roots: ShadowRoot[] = [];
  vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init: ShadowRootInit) {
    const made = attach.call(this, init);
    if (this.localName === 'dejalu-summary') roots.push(made);
    return made;
  });
  return () => roots.at(-1)?.querySelector<HTMLElement>('label.toggle') ?? null;
}

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  controller?.stop();
  controller = null;
  vi.restoreAllMocks();
});

describe('the page UI under the controller', () => {
  it('keeps the badge of a card whose inside the page renders afresh (same article, new title elements)', async () => {
    background('new', { ...DEFAULT_SETTINGS, seenMode: 'never' });
    await start(huggingface, 'hf/papers-date-2025-11-18.html', 'https://huggingface.co/papers/date/2025-11-18');
    const articles = [...document.querySelectorAll('article')];
    expect(document.querySelectorAll('dejalu-badge')).toHaveLength(articles.length);

    // Svelte hydration or a client-side update renders the first card's content again.
    const first = articles[0]!;
    first.querySelector('dejalu-badge')!.remove();
    first.innerHTML = first.innerHTML;
    await new Promise((r) => setTimeout(r, 400));
    await settle();
    expect(first.querySelector('dejalu-badge')).not.toBeNull();
    expect(document.querySelectorAll('dejalu-badge')).toHaveLength(articles.length);
  });

  it("never hides or dims a single paper's page (arXiv abstract, Hugging Face paper) as seen", async () => {
    const hide = { ...DEFAULT_SETTINGS, seenMode: 'never' as const, fadeSeen: true, seenStyle: 'hide' as const };
    background('seen', hide);
    await start(arxiv, 'real/arxiv-abs-2604.14148-2026-04.html', 'https://arxiv.org/abs/2604.14148');
    const abs = document.querySelector<HTMLElement>('#abs')!;
    expect(abs.querySelector('dejalu-badge')).not.toBeNull();
    expect(abs.style.getPropertyValue('display')).toBe('');
    // Its one badge says all a summary's counts would: none is shown.
    expect(document.querySelector('dejalu-summary')).toBeNull();
    controller!.stop();

    background('seen', { ...hide, seenStyle: 'dim' });
    await start(huggingface, 'sites/hf-paper-2606.03748-handmade.html', 'https://huggingface.co/papers/2606.03748');
    const title = document.querySelector('main h1') ?? document.querySelector('h1')!;
    expect(title.querySelector('dejalu-badge') ?? title.parentElement!.querySelector('dejalu-badge')).not.toBeNull();
    expect((title.parentElement as HTMLElement).style.getPropertyValue('opacity')).toBe('');
    expect(document.querySelector('dejalu-summary')).toBeNull();
  });

  it("never hides or dims a search's results as seen, and offers no toggle there", async () => {
    const toggle = summaryToggle();
    const hide = { ...DEFAULT_SETTINGS, seenMode: 'never' as const, fadeSeen: true, seenStyle: 'hide' as const };
    background('seen', hide);
    await start(scholar, 'scholar/scholar-massive-activations.html', 'https://scholar.google.com/scholar?q=massive+activations');
    const results = [...document.querySelectorAll<HTMLElement>('div.gs_r[data-cid]')];
    expect(results.length).toBeGreaterThan(0);
    expect(document.querySelectorAll('dejalu-badge')).toHaveLength(results.length);
    expect(results.every((r) => r.style.getPropertyValue('display') === '')).toBe(true);
    // A search's summary counts its results, without the toggle.
    expect(document.querySelector('dejalu-summary')).not.toBeNull();
    expect(toggle()?.hidden).toBe(true);
    controller!.stop();

    background('seen', { ...hide, seenStyle: 'dim' });
    await start(arxiv, 'real/arxiv-search-results-2023-fragment.html', 'https://arxiv.org/search/?query=transformer&searchtype=all');
    const items = [...document.querySelectorAll<HTMLElement>('li.arxiv-result')];
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((li) => li.style.getPropertyValue('opacity') === '')).toBe(true);
    expect(toggle()?.hidden).toBe(true);
    controller!.stop();

    // A listing's seen cards are dimmed, and its summary offers the toggle.
    background('seen', { ...hide, seenStyle: 'dim' });
    await start(huggingface, 'hf/papers-date-2025-11-18.html', 'https://huggingface.co/papers/date/2025-11-18');
    expect([...document.querySelectorAll<HTMLElement>('article')].every((a) => a.style.getPropertyValue('opacity') === '0.45')).toBe(true);
    expect(toggle()?.hidden).toBe(false);
  });

  it('hides the seen cards of a listing', async () => {
    background('seen', { ...DEFAULT_SETTINGS, seenMode: 'never', fadeSeen: true, seenStyle: 'hide' });
    await start(huggingface, 'hf/papers-date-2025-11-18.html', 'https://huggingface.co/papers/date/2025-11-18');
    const articles = [...document.querySelectorAll('article')];
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.every((a) => a.style.getPropertyValue('display') === 'none')).toBe(true);
  });
});
