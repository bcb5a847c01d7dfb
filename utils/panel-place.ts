import * as v from 'valibot';

/**
 * Where the panel shows, for every call site: over the call page, or beside it in the browser's side
 * panel (Firefox: the sidebar), which is not captured when the therapist shares the tab. A setting
 * in the `settings` collection, under its own id.
 */
export const panelPlaceSettingId = 'panelPlace';
export const PanelPlaceSettingSchema = v.object({ place: v.picklist(['inPage', 'sidePanel']) });
export type PanelPlaceSetting = v.InferOutput<typeof PanelPlaceSettingSchema>;
export type PanelPlace = PanelPlaceSetting['place'];

/** The stored place, or in the page when none (or something unreadable) is stored. */
export function panelPlaceOf(settings: Readonly<Record<string, unknown>>): PanelPlace {
  const setting = settings[panelPlaceSettingId];
  return v.is(PanelPlaceSettingSchema, setting) ? setting.place : 'inPage';
}
