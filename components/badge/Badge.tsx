import { useState } from 'preact/hooks';
import type { BadgeModel } from '../../lib/page/controller';
import type { PaperView } from '../../lib/messages';
import { send } from '../../lib/rpc';
import { badgeLabel } from './label';

export interface BadgeProps {
  model: BadgeModel;
  onPaper: (paper: PaperView) => void;
}

function target(model: BadgeModel) {
  return model.paper ? { key: model.paper.key } : { card: model.card, page: model.page };
}

/** The pill on a card, with a one-click save control beside it. */
export function Badge({ model, onPaper }: BadgeProps) {
  const [busy, setBusy] = useState(false);
  const saved = model.status === 'saved';
  const toggleSave = async (e: Event) => {
    e.preventDefault();
    e.stopPropagation();
    if (busy) return;
    setBusy(true);
    const reply = await send({ type: 'paper.save', target: target(model), saved: !saved });
    setBusy(false);
    if (reply.ok) onPaper(reply.paper);
  };
  const label = badgeLabel(model);
  return (
    <span class={`wrap ${model.status}`} data-status={model.status}>
      <span class="pill" title={model.match?.text ?? label}>
        {label}
      </span>
      <button
        type="button"
        class="save"
        data-action="save"
        aria-pressed={saved}
        aria-label={saved ? 'Unsave paper' : 'Save paper'}
        title={saved ? 'Unsave' : 'Save to your library'}
        onClick={toggleSave}
      >
        {saved ? '★' : '☆'}
      </button>
    </span>
  );
}
