import type { SitePrefs } from './model';

/** Docked at the right, clear of the call's top bar, expanded. */
export const defaultSitePrefs: SitePrefs = { edge: 'right', inset: 16, top: 72, collapsed: false };

/** In-page panel sizes, in CSS pixels. Expanded, it stays under a quarter of a 1400x900 window. */
export const panelSize = {
  width: 380,
  maxHeight: 680,
  minHeight: 240,
  pillWidth: 250,
  pillHeight: 52,
  margin: 8,
  /** Room left below the panel for the call's own control bar. */
  bottomClearance: 96,
} as const;

export interface Viewport {
  width: number;
  height: number;
}

export interface Geometry {
  left: number;
  top: number;
  width: number;
  height: number;
}

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), Math.max(min, max));

/** Where the panel goes for these preferences, an unfinished drag, and this window. */
export function panelGeometry(prefs: SitePrefs, drag: { dx: number; dy: number }, viewport: Viewport): Geometry {
  const { margin } = panelSize;
  const width = Math.min(prefs.collapsed ? panelSize.pillWidth : panelSize.width, viewport.width - 2 * margin);
  const height = prefs.collapsed
    ? panelSize.pillHeight
    : Math.min(
        viewport.height - 2 * margin,
        clamp(viewport.height - prefs.top - drag.dy - panelSize.bottomClearance, panelSize.minHeight, panelSize.maxHeight),
      );
  const dockedLeft = prefs.edge === 'left' ? prefs.inset : viewport.width - prefs.inset - width;
  return {
    width,
    height,
    left: clamp(dockedLeft + drag.dx, margin, viewport.width - width - margin),
    top: clamp(prefs.top + drag.dy, margin, viewport.height - height - margin),
  };
}

/** After a drag the panel docks to the nearer side, keeping its distance from that side. */
export function settleDrag(prefs: SitePrefs, drag: { dx: number; dy: number }, viewport: Viewport): Pick<SitePrefs, 'edge' | 'inset' | 'top'> {
  const g = panelGeometry(prefs, drag, viewport);
  const edge = g.left + g.width / 2 < viewport.width / 2 ? 'left' : 'right';
  return { edge, inset: edge === 'left' ? g.left : viewport.width - g.left - g.width, top: g.top };
}

export function placePanel(element: HTMLElement, g: Geometry): void {
  Object.assign(element.style, { left: `${g.left}px`, top: `${g.top}px`, width: `${g.width}px`, height: `${g.height}px` });
}
