import * as v from 'valibot';

/** A call page's own look, as its tab's script sampled it (utils/call-look.ts). */
export const CallLookSchema = v.picklist(['light', 'dark']);
export type CallLook = v.InferOutput<typeof CallLookSchema>;

/** "Match the system" follows the browser's light or dark preference; "Match the call site" the call page's own look. */
export const themeChoices = ['system', 'callSite', 'light', 'dark'] as const;
export const densityChoices = ['comfortable', 'compact'] as const;

export const LookSettingSchema = v.object({
  theme: v.picklist(themeChoices),
  density: v.picklist(densityChoices),
});
export type LookSetting = v.InferOutput<typeof LookSettingSchema>;

export const lookDefaults: LookSetting = { theme: 'system', density: 'comfortable' };

/** Its entry id in the `settings` collection, beside the live cues and old-visit removal. */
export const lookSettingId = 'look';

/** The stored look, or the defaults when none (or something unreadable) is stored. */
export function lookSettingOf(settings: Readonly<Record<string, unknown>>): LookSetting {
  const setting = settings[lookSettingId];
  return v.is(LookSettingSchema, setting) ? setting : lookDefaults;
}

/**
 * The theme a page shows: light or dark, or null to follow the system (the style sheet does, through
 * `color-scheme`). "Match the call site" follows the system until the call page's look is known.
 */
export function pageTheme(theme: LookSetting['theme'], callLook: CallLook | undefined): CallLook | null {
  if (theme === 'light' || theme === 'dark') return theme;
  return theme === 'callSite' ? (callLook ?? null) : null;
}
