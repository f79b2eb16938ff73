import { describe, expect, it } from 'vitest';
import { panelPosition } from '../../components/badge/position';

const VIEW = { width: 1000, height: 800 };
const PANEL = { width: 340, height: 300 };

describe('panelPosition', () => {
  it('opens below the badge, left-aligned with it', () => {
    expect(panelPosition({ left: 100, top: 100, bottom: 118 }, PANEL, VIEW)).toEqual({ left: 100, top: 124, above: false });
  });

  it('opens above when there is no room below', () => {
    const p = panelPosition({ left: 100, top: 700, bottom: 718 }, PANEL, VIEW);
    expect(p).toEqual({ left: 100, top: 394, above: true });
  });

  it('stays inside the viewport at the right edge and when taller than the room', () => {
    expect(panelPosition({ left: 900, top: 100, bottom: 118 }, PANEL, VIEW).left).toBe(1000 - 340 - 8);
    const tall = panelPosition({ left: 10, top: 400, bottom: 418 }, { width: 340, height: 780 }, VIEW);
    expect(tall.top).toBe(8);
  });
});
