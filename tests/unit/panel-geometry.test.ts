import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SitePrefs } from '@/utils/model';
import { defaultSitePrefs, panelGeometry, panelSize, settleDrag, type Geometry, type Viewport } from '@/utils/panel-geometry';

const noDrag = { dx: 0, dy: 0 };
const desktop: Viewport = { width: 1400, height: 900 };
/** 1400x900 at 200% zoom. */
const zoomed: Viewport = { width: 700, height: 450 };

function expectInside(g: Geometry, viewport: Viewport) {
  expect(g.width).toBeGreaterThan(0);
  expect(g.height).toBeGreaterThan(0);
  expect(g.left).toBeGreaterThanOrEqual(0);
  expect(g.top).toBeGreaterThanOrEqual(0);
  expect(g.left + g.width).toBeLessThanOrEqual(viewport.width);
  expect(g.top + g.height).toBeLessThanOrEqual(viewport.height);
}

describe('default placement', () => {
  const g = panelGeometry(defaultSitePrefs, noDrag, desktop);

  it('docks the panel at the right edge, below the call’s top bar', () => {
    expect(defaultSitePrefs.edge).toBe('right');
    expect(g.left + g.width).toBe(desktop.width - defaultSitePrefs.inset);
    expect(g.top).toBe(defaultSitePrefs.top);
    expect(g.left).toBeGreaterThan(desktop.width / 2);
  });

  it('is fully inside a 1400x900 window', () => {
    expectInside(g, desktop);
  });

  it('covers less than a quarter of a 1400x900 window', () => {
    expect(g.width * g.height).toBeLessThan((desktop.width * desktop.height) / 4);
  });

  it('covers at most a quarter of a 1400x900 window wherever it is saved or dragged (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('left' as const, 'right' as const),
        fc.integer({ min: -3_000, max: 3_000 }),
        fc.integer({ min: -3_000, max: 3_000 }),
        fc.integer({ min: -3_000, max: 3_000 }),
        fc.integer({ min: -3_000, max: 3_000 }),
        (edge, inset, top, dx, dy) => {
          const g = panelGeometry({ edge, inset, top, collapsed: false }, { dx, dy }, desktop);
          return g.width * g.height <= (desktop.width * desktop.height) / 4;
        },
      ),
    );
  });

  it('is the full panel width and as tall as allowed', () => {
    expect(g.width).toBe(panelSize.width);
    expect(g.height).toBe(panelSize.maxHeight);
  });
});

describe('collapsed pill', () => {
  it('is the pill size, still docked at its edge', () => {
    const g = panelGeometry({ ...defaultSitePrefs, collapsed: true }, noDrag, desktop);
    expect(g).toMatchObject({ width: panelSize.pillWidth, height: panelSize.pillHeight, top: defaultSitePrefs.top });
    expect(g.left + g.width).toBe(desktop.width - defaultSitePrefs.inset);
  });

  it('keeps its size whatever the height of the window', () => {
    const small = panelGeometry({ ...defaultSitePrefs, collapsed: true }, noDrag, zoomed);
    expect(small.height).toBe(panelSize.pillHeight);
    expect(small.width).toBe(panelSize.pillWidth);
  });

  it('docks at the left when the preferences say so', () => {
    const g = panelGeometry({ edge: 'left', inset: 24, top: 100, collapsed: true }, noDrag, desktop);
    expect(g.left).toBe(24);
  });
});

describe('small windows', () => {
  it('fits the default panel fully into 700x450 (1400x900 at 200% zoom)', () => {
    const g = panelGeometry(defaultSitePrefs, noDrag, zoomed);
    expectInside(g, zoomed);
    expect(g.height).toBeLessThan(panelSize.maxHeight);
  });

  it('pulls back a panel saved far right and low in a bigger window', () => {
    const savedOnBigScreen: SitePrefs = { edge: 'left', inset: 1_500, top: 1_000, collapsed: false };
    const g = panelGeometry(savedOnBigScreen, noDrag, zoomed);
    expectInside(g, zoomed);
    expect(g.left).toBe(zoomed.width - g.width - panelSize.margin);
  });

  it('shrinks the panel into a window narrower and shorter than the panel', () => {
    const tiny: Viewport = { width: 300, height: 200 };
    const g = panelGeometry(defaultSitePrefs, noDrag, tiny);
    expectInside(g, tiny);
    expect(g).toEqual({ left: panelSize.margin, top: panelSize.margin, width: 300 - 2 * panelSize.margin, height: 200 - 2 * panelSize.margin });
  });

  it('keeps the panel inside the window for any edge, inset, top, drag and size', () => {
    const viewports: Viewport[] = [
      { width: 1920, height: 1080 },
      desktop,
      { width: 1024, height: 640 },
      zoomed,
      { width: 467, height: 300 },
      { width: 320, height: 240 },
    ];
    const drags = [noDrag, { dx: -5_000, dy: -5_000 }, { dx: 5_000, dy: 5_000 }, { dx: -300, dy: 250 }];
    for (const viewport of viewports) {
      for (const edge of ['left', 'right'] as const) {
        for (const inset of [-50, 0, 16, 900, 3_000]) {
          for (const top of [-100, 0, 72, 600, 2_000]) {
            for (const collapsed of [false, true]) {
              for (const drag of drags) {
                const g = panelGeometry({ edge, inset, top, collapsed }, drag, viewport);
                const where = JSON.stringify({ viewport, edge, inset, top, collapsed, drag, g });
                expect(g.left, where).toBeGreaterThanOrEqual(0);
                expect(g.top, where).toBeGreaterThanOrEqual(0);
                expect(g.left + g.width, where).toBeLessThanOrEqual(viewport.width);
                expect(g.top + g.height, where).toBeLessThanOrEqual(viewport.height);
              }
            }
          }
        }
      }
    }
  });
});

describe('bottom clearance for the call’s control bar', () => {
  it('leaves the control bar’s room free below the default panel', () => {
    for (const viewport of [desktop, zoomed, { width: 1280, height: 720 }]) {
      const g = panelGeometry(defaultSitePrefs, noDrag, viewport);
      expect(g.top + g.height, JSON.stringify(viewport)).toBeLessThanOrEqual(viewport.height - panelSize.bottomClearance);
    }
  });

  it('shortens the panel as it is dragged down so the control bar stays clear', () => {
    for (const dy of [0, 50, 100, 200, 300]) {
      const g = panelGeometry(defaultSitePrefs, { dx: 0, dy }, desktop);
      expect(g.top).toBe(defaultSitePrefs.top + dy);
      expect(g.top + g.height, `dy ${dy}`).toBeLessThanOrEqual(desktop.height - panelSize.bottomClearance);
    }
  });

  it('stops shrinking at the minimum height', () => {
    const g = panelGeometry(defaultSitePrefs, { dx: 0, dy: 700 }, desktop);
    expect(g.height).toBe(panelSize.minHeight);
    expectInside(g, desktop);
  });
});

describe('dragging', () => {
  it('moves the panel by the drag distance', () => {
    const before = panelGeometry(defaultSitePrefs, noDrag, desktop);
    const after = panelGeometry(defaultSitePrefs, { dx: -400, dy: 30 }, desktop);
    expect(after.left).toBe(before.left - 400);
    expect(after.top).toBe(before.top + 30);
  });

  it('stops at the window’s margin when dragged past an edge', () => {
    const g = panelGeometry(defaultSitePrefs, { dx: -10_000, dy: -10_000 }, desktop);
    expect(g.left).toBe(panelSize.margin);
    expect(g.top).toBe(panelSize.margin);
  });
});

describe('settleDrag', () => {
  it('docks to the left when dropped in the left half, keeping its distance from the left edge', () => {
    const dragged = panelGeometry(defaultSitePrefs, { dx: -900, dy: 40 }, desktop);
    const settled = settleDrag(defaultSitePrefs, { dx: -900, dy: 40 }, desktop);
    expect(settled).toEqual({ edge: 'left', inset: dragged.left, top: dragged.top });
    expect(settled.inset).toBe(104);
  });

  it('docks to the right when dropped in the right half, keeping its distance from the right edge', () => {
    const dragged = panelGeometry(defaultSitePrefs, { dx: -100, dy: 0 }, desktop);
    const settled = settleDrag(defaultSitePrefs, { dx: -100, dy: 0 }, desktop);
    expect(settled).toEqual({ edge: 'right', inset: desktop.width - dragged.left - dragged.width, top: dragged.top });
    expect(settled.inset).toBe(116);
  });

  it('decides the side by the panel’s centre, not its left edge', () => {
    // Left edge at 554 (left half), centre at 744 (right half).
    expect(settleDrag(defaultSitePrefs, { dx: -450, dy: 0 }, desktop).edge).toBe('right');
    // Left edge at 474, centre at 664 (left half).
    expect(settleDrag(defaultSitePrefs, { dx: -530, dy: 0 }, desktop).edge).toBe('left');
  });

  it('leaves the panel where it was dropped', () => {
    for (const drag of [
      { dx: -900, dy: 40 },
      { dx: -100, dy: -20 },
      { dx: -600, dy: 300 },
      { dx: -5_000, dy: 5_000 },
    ]) {
      const dropped = panelGeometry(defaultSitePrefs, drag, desktop);
      const settled = { ...defaultSitePrefs, ...settleDrag(defaultSitePrefs, drag, desktop) };
      expect(panelGeometry(settled, noDrag, desktop), JSON.stringify(drag)).toEqual(dropped);
    }
  });

  it('keeps the docked side when the window is resized afterwards', () => {
    const left = { ...defaultSitePrefs, ...settleDrag(defaultSitePrefs, { dx: -900, dy: 0 }, desktop) };
    const right = { ...defaultSitePrefs, ...settleDrag(defaultSitePrefs, { dx: -100, dy: 0 }, desktop) };
    const wide: Viewport = { width: 1800, height: 900 };
    expect(panelGeometry(left, noDrag, wide).left).toBe(104);
    const g = panelGeometry(right, noDrag, wide);
    expect(wide.width - g.left - g.width).toBe(116);
  });

  it('settles a collapsed pill by its own width', () => {
    const pill = { ...defaultSitePrefs, collapsed: true };
    const settled = settleDrag(pill, { dx: -300, dy: 0 }, desktop);
    expect(settled.edge).toBe('right');
    expect(settled.inset).toBe(defaultSitePrefs.inset + 300);
  });
});
