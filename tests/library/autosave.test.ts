import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createNoteSaver, localDrafts, memoryDrafts, recoverDraft, type SaveState } from '../../components/library/autosave';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup(save: (t: string) => Promise<unknown> = async () => {}) {
  const drafts = memoryDrafts();
  const states: SaveState[] = [];
  const calls: string[] = [];
  const saver = createNoteSaver({
    key: 'arxiv:1',
    initial: 'old',
    drafts,
    delay: 500,
    now: () => 1_000,
    save: (t) => {
      calls.push(t);
      return save(t);
    },
    onState: (s) => states.push(s),
  });
  return { drafts, states, calls, saver };
}

describe('note autosave', () => {
  it('saves once typing pauses, with the latest text', async () => {
    const { calls, saver, states } = setup();
    saver.change('n');
    saver.change('ne');
    saver.change('new');
    await vi.advanceTimersByTimeAsync(499);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toEqual(['new']);
    expect(states.at(-1)).toBe('saved');
    expect(saver.dirty).toBe(false);
  });

  it('keeps a draft from the first keystroke until the save is confirmed', async () => {
    let resolve!: () => void;
    const { drafts, saver } = setup(() => new Promise<void>((r) => (resolve = r)));
    saver.change('draft text');
    expect(drafts.get('arxiv:1')).toEqual({ text: 'draft text', at: 1_000, base: 'old' });
    saver.flush();
    expect(saver.dirty).toBe(true);
    expect(drafts.get('arxiv:1')).not.toBeNull();
    resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(drafts.get('arxiv:1')).toBeNull();
    expect(saver.dirty).toBe(false);
  });

  it('flush sends at once (blur, pagehide) and does not resend unchanged text', async () => {
    const { calls, saver } = setup();
    saver.change('now');
    saver.flush();
    expect(calls).toEqual(['now']);
    await vi.advanceTimersByTimeAsync(1_000);
    saver.flush();
    saver.change('now');
    saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual(['now']);
  });

  it('retries a failed save with back-off and keeps the draft meanwhile', async () => {
    let fail = 2;
    const { calls, saver, drafts, states } = setup(async () => {
      if (fail-- > 0) throw new Error('background asleep');
    });
    saver.change('precious');
    saver.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toBe('error');
    expect(drafts.get('arxiv:1')?.text).toBe('precious');
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toEqual(['precious', 'precious', 'precious']);
    expect(states.at(-1)).toBe('saved');
    expect(drafts.get('arxiv:1')).toBeNull();
  });

  it('a newer edit during a slow save is saved after it, and only then is the draft dropped', async () => {
    const pending: (() => void)[] = [];
    const { calls, saver, drafts } = setup(() => new Promise<void>((r) => pending.push(r)));
    saver.change('one');
    saver.flush();
    saver.change('one two');
    pending.shift()!();
    await vi.advanceTimersByTimeAsync(0);
    expect(drafts.get('arxiv:1')?.text).toBe('one two');
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toEqual(['one', 'one two']);
    pending.shift()!();
    await vi.advanceTimersByTimeAsync(0);
    expect(drafts.get('arxiv:1')).toBeNull();
  });

  it('a confirmed older save becomes the base of the draft still kept', async () => {
    const pending: (() => void)[] = [];
    const { saver, drafts } = setup(() => new Promise<void>((r) => pending.push(r)));
    saver.change('one');
    saver.flush();
    saver.change('one two');
    expect(drafts.get('arxiv:1')).toMatchObject({ text: 'one two', base: 'old' });
    pending.shift()!();
    await vi.advanceTimersByTimeAsync(0);
    expect(drafts.get('arxiv:1')).toMatchObject({ text: 'one two', base: 'one' });
  });

  it('dispose sends what is pending', () => {
    const { calls, saver } = setup();
    saver.change('last words');
    saver.dispose();
    expect(calls).toEqual(['last words']);
  });
});

describe('recoverDraft', () => {
  it('offers a draft newer than the stored note and drops stale or equal ones', () => {
    const d = memoryDrafts();
    d.set('k', { text: 'unsaved', at: 200 });
    expect(recoverDraft(d, 'k', 'stored', 100)).toBe('unsaved');
    expect(recoverDraft(d, 'k', 'stored', 300)).toBeNull();
    expect(d.get('k')).toBeNull();
    d.set('k', { text: 'same', at: 500 });
    expect(recoverDraft(d, 'k', 'same', 100)).toBeNull();
    expect(d.get('k')).toBeNull();
  });

  it('keeps a draft over the note it was typed over, however far updatedAt moved (sightings, tags)', () => {
    const d = memoryDrafts();
    d.set('k', { text: 'unsaved', at: 200, base: 'stored' });
    expect(recoverDraft(d, 'k', 'stored', 900)).toBe('unsaved');
    // The note itself was changed elsewhere after the draft: that edit wins.
    expect(recoverDraft(d, 'k', 'written in the popup', 900)).toBeNull();
    expect(d.get('k')).toBeNull();
    // A draft whose save was stored after all is done with.
    d.set('k', { text: 'unsaved', at: 200, base: 'stored' });
    expect(recoverDraft(d, 'k', 'unsaved', 900)).toBeNull();
    expect(d.get('k')).toBeNull();
  });

  it('a draft from before drafts kept their base is kept over an empty note', () => {
    const d = memoryDrafts();
    d.set('k', { text: 'unsaved', at: 200 });
    expect(recoverDraft(d, 'k', '', 900)).toBe('unsaved');
    expect(recoverDraft(d, 'k', 'stored', 900)).toBeNull();
  });

  it('localStorage drafts survive a reload and tolerate junk', () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    } as Storage;
    localDrafts(storage).set('k', { text: 'x', at: 1 });
    expect(localDrafts(storage).get('k')).toEqual({ text: 'x', at: 1 });
    localDrafts(storage).set('k', { text: 'x', at: 1, base: '' });
    expect(localDrafts(storage).get('k')).toEqual({ text: 'x', at: 1, base: '' });
    store.set('dejalu.noteDraft.bad', '{not json');
    expect(localDrafts(storage).get('bad')).toBeNull();
  });
});

describe('an older failed save never overwrites a newer note', () => {
  it('retries only the newest text', async () => {
    vi.useFakeTimers();
    const saved: string[] = [];
    const answers: ((ok: boolean) => void)[] = [];
    const saver = createNoteSaver({
      key: 'k',
      initial: '',
      drafts: memoryDrafts(),
      save: (text) =>
        new Promise((resolve, reject) => {
          answers.push((ok) => (ok ? (saved.push(text), resolve(undefined)) : reject(new Error('x'))));
        }),
    });
    saver.change('a');
    saver.flush();
    saver.change('ab');
    saver.flush();
    answers[1]!(true);
    answers[0]!(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(saved).toEqual(['ab']);
    expect(answers).toHaveLength(2);
    vi.useRealTimers();
  });
});
