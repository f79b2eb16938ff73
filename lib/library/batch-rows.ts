/**
 * The rows one batch writes (a page's cards, an imported file's entries), by key, and the identity
 * step each card or entry takes: a paper first known by title or DOI that shows its arXiv id moves
 * to `arxiv:<id>`, and a twin stored under its DOI alone joins it. Papers move during the batch,
 * so a later card resolved (before the batch began) to a paper's old key must reach it under the
 * new one, or the old row would be written back beside it.
 */
import type { PaperRow } from '../db';
import { learn, type Probe } from './rows';

export interface Rekeyer {
  /** Library.rekey: moves `row` to `newKey`, merging into `known` (or the stored row there). */
  rekey(row: PaperRow, newKey: string, known?: PaperRow): Promise<PaperRow>;
}

export class BatchRows {
  /** Every row the batch has touched, under its key now. */
  readonly byKey = new Map<string, PaperRow>();
  private readonly movedTo = new Map<string, string>();

  constructor(
    private readonly library: Rekeyer,
    /** Told of each move (old key → new key, the row now there). */
    private readonly onMove?: (from: string, to: string, row: PaperRow) => void,
  ) {}

  /** Where a key the batch began with is now. */
  current(key: string): string {
    for (let k = this.movedTo.get(key); k !== undefined; k = this.movedTo.get(key)) key = k;
    return key;
  }

  /** Every key the batch moved a paper from → the key it is under now. */
  moves(): Map<string, string> {
    return new Map([...this.movedTo.keys()].map((from) => [from, this.current(from)]));
  }

  /** The batch's row for a paper, by any key it had in the batch. */
  get(key: string): PaperRow | undefined {
    return this.byKey.get(this.current(key));
  }

  set(row: PaperRow): void {
    this.byKey.set(row.key, row);
  }

  /**
   * Whether `identify` has anything to do: most cards have not. Asked first so that a batch awaits
   * nothing but the database for them (inside a transaction, Dexie wants no other awaits in the way).
   */
  wantsIdentity(row: PaperRow, p: Probe): boolean {
    const moves = !!p.arxivId && !row.key.startsWith('arxiv:');
    return moves || (!!p.doi && row.key.startsWith('arxiv:'));
  }

  /**
   * The identity step for `row`, which card `p` resolved to (not through a near title: that never
   * moves a paper). `twinOf(doiKey)` finds a paper stored under the card's DOI alone, outside the
   * batch's rows (which are looked at first).
   */
  async identify(row: PaperRow, p: Probe, twinOf: (doiKey: string) => Promise<PaperRow | undefined> | PaperRow | undefined): Promise<PaperRow> {
    if (p.arxivId && row.key !== `arxiv:${p.arxivId}` && !row.key.startsWith('arxiv:')) {
      row = await this.move(row, `arxiv:${p.arxivId}`);
    }
    // The card shows both ids: a twin stored under its DOI alone is the same paper.
    if (p.doi && row.key.startsWith('arxiv:')) {
      const twinKey = `doi:${p.doi}`;
      const twin = this.movedTo.has(twinKey) ? undefined : (this.byKey.get(twinKey) ?? (await twinOf(twinKey)));
      if (twin) {
        this.set(row);
        row = await this.move(twin, row.key);
        learn(row, p);
      }
    }
    return row;
  }

  private async move(row: PaperRow, newKey: string): Promise<PaperRow> {
    const next = await this.library.rekey(row, newKey, this.byKey.get(newKey));
    this.byKey.delete(row.key);
    this.movedTo.set(row.key, newKey);
    this.byKey.set(newKey, next);
    this.onMove?.(row.key, newKey, next);
    return next;
  }
}
