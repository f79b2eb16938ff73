import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
// @ts-expect-error plain JS module shared with the demo
import { fixtureIndex } from '../../scripts/browser.mjs';

type Entry = { url: string; site: string; digestDay: string; cards: { id: string }[] };

test('npm start demo: headless walk prints the right counts per page and writes its screenshots', async () => {
  test.setTimeout(300_000);
  // Under test-results/, which Playwright empties at the start of each run: the screenshots stay to
  // be looked at, and no longer pile up in /tmp (one directory per run before).
  const out = test.info().outputPath('demo');
  mkdirSync(out, { recursive: true });
  const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
    const child = spawn(process.execPath, ['scripts/demo.mjs', '--headless', '--out', out, '--pause', '1000'], {
      env: { ...process.env, DISPLAY: '' },
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stdout += d));
    child.on('close', (code) => resolve({ code, stdout }));
  });
  expect(code, stdout).toBe(0);
  expect(stdout).toContain('headless');

  // Expected lines, computed from the fixture index alone: cards whose id appeared on an earlier page.
  const entries = (fixtureIndex() as Entry[]).sort((a, b) =>
    `${a.site === 'huggingface' ? 0 : 1}${a.digestDay}`.localeCompare(`${b.site === 'huggingface' ? 0 : 1}${b.digestDay}`),
  );
  const seen = new Map<string, string>();
  for (const e of entries) {
    const before = e.cards.filter((c) => seen.has(c.id));
    const first = before.map((c) => seen.get(c.id)!).sort()[0];
    const line = new RegExp(
      `^${e.digestDay}\\s+${e.site}\\s+${e.cards.length} cards\\s+${e.cards.length - before.length} new\\s+${before.length} seen before` +
        (before.length ? ` \\(first seen ${first}\\)` : '') +
        '$',
      'm',
    );
    expect(stdout).toMatch(line);
    for (const c of e.cards) if (!seen.has(c.id)) seen.set(c.id, e.digestDay);
  }
  // Then a Google Scholar search (tests/fixtures/scholar/): the paper just saved, two others of the
  // digests (one by arXiv id, one by title alone) and two papers the digests did not show.
  expect(stdout).toMatch(/^“massive activations transformer”\s+scholar\s+5 cards\s+2 new\s+3 seen before \(first seen 2025-11-03\)$/m);
  // Then ICLR 2026 on OpenReview (tests/fixtures/openreview/): the paper just saved and one of Nov 18,
  // both by title (OpenReview's ids are its own), and two papers new to the library.
  expect(stdout).toMatch(/^ICLR 2026 Conference\s+openreview\s+4 cards\s+2 new\s+2 seen before \(first seen 2025-11-03\)$/m);
  // Then an author's dblp page (tests/fixtures/dblp/): the saved paper as its CoRR preprint (by id)
  // and its ICLR version (by title), one paper as the page's strip counts it; a preprint of Nov 18
  // (by id), and two papers new to the library.
  expect(stdout).toMatch(/^Author 1\s+dblp\s+5 cards \(4 papers\)\s+2 new\s+2 seen before \(first seen 2025-11-03\)$/m);
  expect(stdout).toContain('The venue lists the saved paper as accepted: it is cited now as @inproceedings, booktitle = {ICLR 2026}, year = {2026}.');
  // Then its PDF: the popup shows the paper being read, as the library has it.
  expect(stdout).toContain('Opened its PDF: the popup shows the paper being read (Saved, #must-read #normalization), to tag and annotate.');
  // Another digest paper at its publisher's page: the popup, opened there, knows where it was met.
  expect(stdout).toMatch(/Read another digest paper at its publisher \(openaccess\.thecvf\.com\): the popup there knows it\.\n {2}Seen \d+×: Hugging Face .* · matched by exact title\n/);
  const distinct = new Set(entries.filter((e) => e.site === 'huggingface').flatMap((e) => e.cards.map((c) => c.id)));
  expect(stdout).toMatch(new RegExp(`Library: ${distinct.size + 6} papers .* 1 saved, 2 tags\\.`));
  expect(stdout).toMatch(/tags: #must-read #normalization/);
  for (const f of ['page-badged.png', 'page-panel.png', 'popup.png', 'scholar.png', 'openreview.png', 'dblp.png', 'popup-pdf.png', 'popup-publisher.png', 'library.png']) {
    expect(stdout).toContain(join(out, f));
    expect(existsSync(join(out, f))).toBe(true);
  }
  expect(stdout).not.toContain('Requests refused');
});
