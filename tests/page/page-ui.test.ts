// @vitest-environment happy-dom
/**
 * PageController with the real page UI (components/page-ui.tsx) and recognisers on captured pages:
 * what the reader sees of the page after the page changes under the badges, and of a single
 * paper's page.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPageUi } from '../../components/page-ui';
import { DEFAULT_SETTINGS, type CardInput, type PaperStatus, type Settings } from '../../lib/messages';
import { PageController } from '../../lib/page/controller';
import { arxiv } from '../../lib/sites/arxiv';
import { huggingface } from '../../lib/sites/huggingface';
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

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  controller?.stop();
  controller = null;
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
    controller!.stop();

    background('seen', { ...hide, seenStyle: 'dim' });
    await start(huggingface, 'sites/hf-paper-2606.03748-handmade.html', 'https://huggingface.co/papers/2606.03748');
    const title = document.querySelector('main h1') ?? document.querySelector('h1')!;
    expect(title.querySelector('dejalu-badge') ?? title.parentElement!.querySelector('dejalu-badge')).not.toBeNull();
    expect((title.parentElement as HTMLElement).style.getPropertyValue('opacity')).toBe('');
  });

  it('hides the seen cards of a listing', async () => {
    background('seen', { ...DEFAULT_SETTINGS, seenMode: 'never', fadeSeen: true, seenStyle: 'hide' });
    await start(huggingface, 'hf/papers-date-2025-11-18.html', 'https://huggingface.co/papers/date/2025-11-18');
    const articles = [...document.querySelectorAll('article')];
    expect(articles.length).toBeGreaterThan(0);
    expect(articles.every((a) => a.style.getPropertyValue('display') === 'none')).toBe(true);
  });
});
