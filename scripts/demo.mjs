// The demo behind `npm start`: a reader's week of digests, in Chromium with Déjà Lu loaded.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { clickToolbarIcon, fixtureIndex, launchWithExtension, servePages } from './browser.mjs';
import { usage } from './demo-usage.mjs';
import { onePagePdf } from './pdf.mjs';
import { publisherPage, publisherUrl } from './publisher-page.mjs';
import { hasDisplay, ROOT } from './setup.mjs';
import { formatLine, readThrough, sendFrom, settle, summarise, tabIdOf, waitForReport } from './walk.mjs';

function parseArgs(argv) {
  const o = { headed: hasDisplay(), pages: null, out: join(ROOT, 'demo-output'), pause: 1000, dark: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--headed') o.headed = true;
    else if (a === '--headless') o.headed = false;
    else if (a === '--dark') o.dark = true;
    else if (a === '--pages') o.pages = argv[++i];
    else if (a === '--out') o.out = argv[++i];
    else if (a === '--pause') o.pause = Number(argv[++i]);
    else throw new Error(`Unknown option ${a}\n\n${usage}`);
  }
  return o;
}

/** Pages to walk, in reading order: the digests by day, then the listings. */
export function loadPages(dir) {
  let entries;
  if (!dir) {
    entries = fixtureIndex().map((e) => ({ ...e, path: join(ROOT, 'tests', 'fixtures', e.file) }));
  } else {
    const base = isAbsolute(dir) ? dir : resolve(process.cwd(), dir);
    if (existsSync(join(base, 'index.json'))) {
      entries = JSON.parse(readFileSync(join(base, 'index.json'), 'utf8')).map((e) => ({ ...e, path: join(base, e.file) }));
    } else {
      entries = readdirSync(base).flatMap((file) => {
        const hf = /^papers-date-(\d{4}-\d{2}-\d{2})\.html$/.exec(file);
        if (hf) return [{ file, path: join(base, file), site: 'huggingface', digestDay: hf[1], url: `https://huggingface.co/papers/date/${hf[1]}` }];
        const ax = /^list-(.+)-(new|recent|pastweek)\.html$/.exec(file);
        if (ax) return [{ file, path: join(base, file), site: 'arxiv', digestDay: '9999', url: `https://arxiv.org/list/${ax[1]}/${ax[2]}` }];
        return [];
      });
    }
  }
  const order = (e) => `${e.site === 'huggingface' ? 0 : 1}${e.digestDay ?? ''}`;
  return entries.sort((a, b) => order(a).localeCompare(order(b)));
}

/**
 * After the digests, the reader meets their papers elsewhere (the seed pages only): a Google Scholar
 * search for a topic, a conference's venue on OpenReview, then an author's dblp page. Pages made
 * from the seed papers (tests/fixtures/scholar/, tests/fixtures/openreview/, tests/fixtures/dblp/).
 */
const ELSEWHERE = [
  {
    url: 'https://scholar.google.com/scholar?hl=en&q=massive+activations+transformer',
    file: 'scholar/scholar-massive-activations.html',
    heading: 'Searched Google Scholar',
    shot: 'scholar.png',
    caption: 'a Google Scholar search: what you saved and saw, marked there too',
  },
  {
    url: 'https://openreview.net/group?id=ICLR.cc/2026/Conference',
    file: 'openreview/iclr-2026-conference.html',
    heading: 'Browsed a venue on OpenReview',
    shot: 'openreview.png',
    caption: "an OpenReview venue: the digests' papers at the conference",
  },
  {
    url: 'https://dblp.org/pid/000/0001.html',
    file: 'dblp/person-000-0001.html',
    heading: 'Looked an author up on dblp',
    shot: 'dblp.png',
    caption: "an author's dblp page: a preprint and its conference version, both known",
  },
];

// ---- clicking inside closed shadow roots, through the DevTools protocol (as the e2e tests do) ----

function walkNodes(node, fn) {
  fn(node);
  for (const c of node.children ?? []) walkNodes(c, fn);
  for (const s of node.shadowRoots ?? []) walkNodes(s, fn);
}
function attrs(node) {
  const out = {};
  for (let i = 0; i + 1 < (node.attributes?.length ?? 0); i += 2) out[node.attributes[i]] = node.attributes[i + 1];
  return out;
}
/** Every badge on the page with the nodes inside its shadow root. */
async function badges(cdp) {
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  const found = [];
  walkNodes(root, (n) => {
    if (n.localName !== 'dejalu-badge') return;
    const inner = [];
    for (const s of n.shadowRoots ?? []) walkNodes(s, (m) => inner.push(m));
    found.push({ host: n, inner });
  });
  return found;
}
function findIn(badge, pred) {
  return badge.inner.find((n) => n.nodeType === 1 && pred(n.localName, attrs(n)));
}
/** The open badge panel's frame, once it shows its paper. */
async function panelFrame(page) {
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => f.url().includes('/panel.html'));
    if (frame) {
      await frame.locator('[data-panel]').waitFor();
      return frame;
    }
    await page.waitForTimeout(100);
  }
  throw new Error('The badge panel did not open.');
}
async function click(page, cdp, node) {
  await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: node.backendNodeId });
  const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: node.backendNodeId });
  const q = model.border;
  await page.mouse.click((q[0] + q[2] + q[4] + q[6]) / 4, (q[1] + q[3] + q[5] + q[7]) / 4);
}

// ---- the demo -------------------------------------------------------------------------------------

export async function runDemo(argv) {
  let opts;
  try {
    opts = parseArgs(argv);
  } catch (err) {
    console.error(err.message);
    return 2;
  }
  const pages = loadPages(opts.pages);
  if (!pages.length) {
    console.error(`No pages to walk in ${opts.pages}.`);
    return 2;
  }
  mkdirSync(opts.out, { recursive: true });
  const profile = join(ROOT, '.profile', 'demo');
  rmSync(profile, { recursive: true, force: true });

  console.log(
    opts.headed
      ? '\nDéjà Lu demo: Chromium opens with the extension; the browser stays open when the walk is done.'
      : `\nDéjà Lu demo, headless${hasDisplay() ? '' : ' (no display found; use --headed with a display to watch)'}.`,
  );
  console.log(`Walking ${pages.length} pages like a reader, each served locally at its real URL.\n`);

  const { context, extensionId } = await launchWithExtension({
    headless: !opts.headed,
    userDataDir: profile,
    colorScheme: opts.dark ? 'dark' : 'light',
    viewport: { width: 1280, height: 900 },
  });
  const served = new Map(pages.map((p) => [p.url, p.path]));
  const elsewhere = opts.pages ? [] : ELSEWHERE;
  for (const e of elsewhere) served.set(e.url, join(ROOT, 'tests', 'fixtures', e.file));
  const net = await servePages(context, served);
  const shots = [];
  try {
    const ext = await context.newPage();
    await ext.goto(`chrome-extension://${extensionId}/library.html`);
    const page = context.pages()[0] ?? (await context.newPage());
    const results = [];
    let tabId;
    for (const p of pages) {
      await page.goto(p.url);
      await page.bringToFront();
      tabId = await tabIdOf(ext, page);
      const reply = await waitForReport(ext, tabId, Math.min(1, p.cards?.length ?? 1), 20_000, page.url());
      const r = summarise(reply);
      results.push(r);
      console.log(formatLine(r));
      // The last digest day shows the most history: photograph it as the reader sees it on arrival.
      const lastHf = pages.filter((x) => x.site === 'huggingface').at(-1);
      if (p === lastHf) {
        const firstSeen = reply.state.cards.findIndex((c) => c.status !== 'new');
        if (firstSeen > 1) {
          await page.evaluate((i) => document.querySelectorAll('article')[i - 1]?.scrollIntoView(), firstSeen);
          await page.waitForTimeout(300);
        }
        const file = join(opts.out, 'page-badged.png');
        await page.screenshot({ path: file });
        shots.push(['a digest page with its badges', file]);
      }
      await readThrough(page, { pauseMs: opts.pause });
      await settle(ext);
    }

    // Save, tag and annotate the paper seen most often, through its badge, as a user would.
    const last = await waitForReport(ext, tabId, 1, 20_000, page.url());
    let pick = 0;
    last.statuses.forEach((s, i) => {
      if ((s.paper?.seenCount ?? 0) > (last.statuses[pick]?.paper?.seenCount ?? 0)) pick = i;
    });
    const title = last.state.cards[pick].card.title;
    const cdp = await context.newCDPSession(page);
    let b = (await badges(cdp))[pick];
    await click(page, cdp, findIn(b, (tag, a) => a['data-action'] === 'save'));
    b = (await badges(cdp))[pick];
    await click(page, cdp, findIn(b, (tag, a) => a['data-action'] === 'open'));
    // The panel is an extension page in one frame the page keeps for every badge (components/badge/panel-host.ts).
    const panel = await panelFrame(page);
    await panel.locator('input[aria-label="Add a tag"]').click();
    await page.keyboard.type('must-read');
    await page.keyboard.press('Enter');
    await page.keyboard.type('normalization');
    await page.keyboard.press('Enter');
    await panel.locator('textarea').click();
    await page.keyboard.type('Keeps coming back in the digests. Compare with RMSNorm before the reading group.');
    await page.waitForTimeout(900);
    const panelFile = join(opts.out, 'page-panel.png');
    await page.screenshot({ path: panelFile });
    shots.push(['the badge panel: save, tags, note', panelFile]);
    await page.keyboard.press('Escape');
    const saved = await sendFrom(ext, { type: 'cards.lookup', cards: [last.state.cards[pick].card] });
    const paper = saved.statuses[0]?.paper;
    console.log(
      `\nSaved from its badge: "${title}"\n  tags: ${paper?.tags.map((t) => `#${t}`).join(' ') || '(none)'}\n  note: ${paper?.note || '(none)'}`,
    );

    // The popup for this tab, and the library page.
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
    await popup.waitForTimeout(800);
    const popupFile = join(opts.out, 'popup.png');
    await popup.screenshot({ path: popupFile });
    shots.push(['the popup for that page', popupFile]);
    if (!opts.headed) await popup.close();

    // The paper just saved and tagged shows so where it is met again; papers met on the digests
    // are found again by title where a page links to no arXiv id.
    for (const e of elsewhere) {
      await page.goto(e.url);
      await page.bringToFront();
      const reply = await waitForReport(ext, tabId, 1, 20_000, page.url());
      const r = summarise(reply);
      results.push(r);
      console.log(`\n${e.heading}:\n${formatLine(r)}`);
      await page.waitForTimeout(500);
      const file = join(opts.out, e.shot);
      await page.screenshot({ path: file });
      shots.push([e.caption, file]);
      await readThrough(page, { pauseMs: opts.pause });
      await settle(ext);
    }
    if (paper && elsewhere.length) {
      // The venue listed the saved paper as accepted: it is now cited as a conference paper.
      const { bibtex } = await sendFrom(ext, { type: 'papers.cite', keys: [paper.key] });
      const field = (f) => new RegExp(`^\\s*${f} = \\{(.*)\\},?$`, 'm').exec(bibtex)?.[1];
      console.log(
        `\nThe venue lists the saved paper as accepted: it is cited now as ${/^@\w+/.exec(bibtex)?.[0]}, ` +
          `booktitle = {${field('booktitle')}}, year = {${field('year')}}.`,
      );
    }

    if (paper?.arxivId) {
      // Opened from the digest to be read: the paper's PDF (a stand-in at arXiv's address), where no
      // badge is drawn; the popup shows the paper being read, to tag and annotate.
      const fullTextUrl = `https://arxiv.org/pdf/${paper.arxivId}`;
      served.set(fullTextUrl, { body: onePagePdf(title), contentType: 'application/pdf' });
      await page.goto(fullTextUrl);
      await page.bringToFront();
      const reading = await context.newPage();
      await reading.setViewportSize({ width: 400, height: 600 });
      await reading.goto(`chrome-extension://${extensionId}/popup.html?tab=${await tabIdOf(ext, page)}`);
      const row = reading.locator('[data-testid="reading"] [data-testid="paper-row"]');
      await row.waitFor({ timeout: 20_000 });
      const status = (await row.locator('[data-testid="row-status"]').textContent())?.replace(/\s+\S+ \d+$/, '');
      // Open at once, its tags as chips and its note in the editor.
      const tags = (await row.locator('[data-testid="tag-chip"]').evaluateAll((chips) => chips.map((c) => `#${c.dataset.tag}`))).join(' ');
      console.log(`\nOpened its PDF: the popup shows the paper being read (${status}, ${tags}), to tag and annotate.`);
      const readingFile = join(opts.out, 'popup-pdf.png');
      await reading.screenshot({ path: readingFile });
      shots.push(['the popup on its PDF', readingFile]);
      if (!opts.headed) await reading.close();
    }

    // Another paper of the digests, read at its publisher (a stand-in page at CVF's address, with the
    // citation meta tags such pages carry): the popup, opened from the toolbar there, knows it.
    const other = last.statuses
      .map((s, i) => ({ card: last.state.cards[i].card, seen: s.paper?.seenCount ?? 0 }))
      .filter((c, i) => i !== pick && c.seen > 1)
      .sort((x, y) => y.seen - x.seen)[0];
    if (other) {
      const url = publisherUrl(other.card.title);
      served.set(url, { body: publisherPage(other.card), contentType: 'text/html' });
      await page.goto(url);
      await clickToolbarIcon(context, extensionId, page);
      const there = await context.newPage();
      await there.setViewportSize({ width: 400, height: 600 });
      await there.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
      const row = there.locator('[data-testid="reading"] [data-testid="paper-row"]');
      await row.waitFor({ timeout: 20_000 });
      const status = (await row.locator('[data-testid="dedup-status"]').textContent())?.trim();
      console.log(`\nRead another digest paper at its publisher (openaccess.thecvf.com): the popup there knows it.\n  ${status}`);
      const file = join(opts.out, 'popup-publisher.png');
      await there.screenshot({ path: file });
      shots.push(["the popup on a publisher's page", file]);
      if (!opts.headed) await there.close();
    }

    await ext.bringToFront();
    await ext.reload();
    await ext.waitForTimeout(1_000);
    const libFile = join(opts.out, 'library.png');
    await ext.screenshot({ path: libFile });
    shots.push(['the library page', libFile]);

    const stats = await sendFrom(ext, { type: 'library.stats' });
    const totalCards = results.reduce((n, r) => n + r.cards, 0);
    const totalBefore = results.reduce((n, r) => n + r.seen + r.saved, 0);
    console.log(
      `\nLibrary: ${stats.papers} papers from ${totalCards} cards (${totalBefore} recognised as seen before), ` +
        `${stats.sightings} sightings, ${stats.saved} saved, ${stats.tags} tags.`,
    );
    console.log('\nScreenshots:');
    for (const [what, file] of shots) console.log(`  ${file}  (${what})`);
    if (net.refused.length) console.log(`\nRequests refused (not served locally): ${net.refused.length}`);

    if (opts.headed) {
      console.log('\nThe browser stays open: try the popup (toolbar icon) and the library tab. Close it to finish.');
      await new Promise((r) => context.on('close', r));
      return 0;
    }
    return 0;
  } catch (err) {
    console.error(`\n[demo] ${err.stack ?? err}`);
    return 1;
  } finally {
    if (!opts.headed) await context.close().catch(() => {});
  }
}

// `node scripts/demo.mjs [options]` runs the demo on an existing build (the e2e test does this).
if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await runDemo(process.argv.slice(2));
}
