/** The badge's edits to its paper, each followed by `onPaper` so every badge of the paper updates. */
import type { CardInput, PaperView, Target } from '../../lib/messages';
import type { BadgeModel } from '../../lib/page/ui';
import { send } from '../../lib/rpc';

/** A stored paper by key; a card not stored yet by its card, so the first edit creates it. */
export function targetOf(model: BadgeModel): Target {
  return model.paper ? { key: model.paper.key } : { card: model.card, page: model.page };
}

/**
 * The key of the stored paper a card is, if any. A card new on this visit is stored by its
 * sighting a moment later, which neither its badge's model nor its open panel is told of.
 */
export async function storedKeyOf(card: CardInput): Promise<string | undefined> {
  const r = await send({ type: 'cards.lookup', cards: [card] });
  return r.ok ? r.statuses[0]?.paper?.key : undefined;
}

export interface Edits {
  save(saved: boolean): Promise<boolean>;
  tags(add: string[], remove: string[]): Promise<boolean>;
  note(text: string): Promise<boolean>;
}

export function createEdits(
  model: () => BadgeModel,
  onPaper: (paper: PaperView) => void,
  onError: (message: string | null) => void,
): Edits {
  const done = (reply: { ok: true; paper: PaperView } | { ok: false; error: { message: string } }) => {
    if (!reply.ok) {
      onError(reply.error.message);
      return false;
    }
    onError(null);
    onPaper(reply.paper);
    return true;
  };
  return {
    save: async (saved) => done(await send({ type: 'paper.save', target: targetOf(model()), saved })),
    tags: async (add, remove) => done(await send({ type: 'paper.tags', target: targetOf(model()), add, remove })),
    note: async (note) => done(await send({ type: 'paper.note', target: targetOf(model()), note })),
  };
}
