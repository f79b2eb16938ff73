// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { memoryDrafts } from '../../components/library/autosave';
import { NoteEditor } from '../../components/library/NoteEditor';
import { mount, settle, type } from './fake';

afterEach(() => vi.restoreAllMocks());

describe('library note editor', () => {
  it('recovers a draft whose save was never confirmed after a sighting moved the paper on', async () => {
    const drafts = memoryDrafts();
    // Typed over an empty note; the tab closed before the background answered.
    const lost = vi.fn(() => new Promise<never>(() => {}));
    const first = mount(<NoteEditor paperKey="arxiv:2401.00002" note="" updatedAt={1} save={lost} drafts={drafts} delay={0} />);
    const area = first.$<HTMLTextAreaElement>('[data-testid="note-textarea"]')!;
    area.dispatchEvent(new FocusEvent('focus'));
    await type(area, 'unsaved thoughts');
    first.unmount();
    expect(lost).toHaveBeenCalledWith('unsaved thoughts');

    // The paper showed up on a daily page meanwhile: updatedAt moved, the note is still empty.
    const save = vi.fn(async () => undefined);
    const v = mount(<NoteEditor paperKey="arxiv:2401.00002" note="" updatedAt={Date.now() + 60_000} save={save} drafts={drafts} />);
    await settle();
    expect(v.$<HTMLTextAreaElement>('[data-testid="note-textarea"]')!.value).toBe('unsaved thoughts');
    expect(save).toHaveBeenCalledWith('unsaved thoughts');
    v.unmount();
  });

  it('drops the draft when the note itself was changed elsewhere after it', async () => {
    const drafts = memoryDrafts();
    drafts.set('arxiv:2401.00002', { text: 'unsaved thoughts', at: 1_000, base: '' });
    const save = vi.fn(async () => undefined);
    const v = mount(<NoteEditor paperKey="arxiv:2401.00002" note="written in the popup" updatedAt={2_000} save={save} drafts={drafts} />);
    await settle();
    expect(v.$<HTMLTextAreaElement>('[data-testid="note-textarea"]')!.value).toBe('written in the popup');
    expect(save).not.toHaveBeenCalled();
    expect(drafts.get('arxiv:2401.00002')).toBeNull();
    v.unmount();
  });
});
