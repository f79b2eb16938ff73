/** Where the badge panel goes: below the badge if it fits, else above, always inside the viewport. */

export interface Box {
  left: number;
  top: number;
  bottom: number;
}

export interface Size {
  width: number;
  height: number;
}

const MARGIN = 8;
const GAP = 6;

export function panelPosition(anchor: Box, panel: Size, viewport: Size): { left: number; top: number; above: boolean } {
  const maxLeft = Math.max(MARGIN, viewport.width - panel.width - MARGIN);
  const left = Math.min(Math.max(anchor.left, MARGIN), maxLeft);
  const below = anchor.bottom + GAP;
  const above = anchor.top - GAP - panel.height;
  const fitsBelow = below + panel.height <= viewport.height - MARGIN;
  const fitsAbove = above >= MARGIN;
  // Prefer below; go above only when that fits and below does not (or fits worse).
  const useAbove = !fitsBelow && (fitsAbove || anchor.top > viewport.height - anchor.bottom);
  const raw = useAbove ? above : below;
  const top = Math.min(Math.max(raw, MARGIN), Math.max(MARGIN, viewport.height - panel.height - MARGIN));
  return { left: Math.round(left), top: Math.round(top), above: useAbove };
}
