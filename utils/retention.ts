import * as v from 'valibot';
import type { VisitIndexEntry } from './model';

/** How long finished visits are kept when automatic removal is on; off (null) by default. */
export const retentionMonths = [6, 12, 24, 36, 60] as const;

export const RetentionSettingSchema = v.object({
  months: v.nullable(v.picklist(retentionMonths)),
  /** The last removal that removed something: shown on the options page. */
  lastRemoval: v.nullable(v.object({ at: v.number(), visits: v.number() })),
});
export type RetentionSetting = v.InferOutput<typeof RetentionSettingSchema>;

export const retentionDefaults: RetentionSetting = { months: null, lastRemoval: null };

/** Its entry id in the `settings` collection, beside the live cues. */
export const retentionSettingId = 'retention';

/** The moment `months` calendar months before `now`: finished visits that ended before it are removed. */
export function retentionCutoff(months: number, now: number): number {
  const cutoff = new Date(now);
  cutoff.setMonth(cutoff.getMonth() - months);
  return cutoff.getTime();
}

/** The visits to remove: finished ones that ended before the cutoff; an open visit never is. */
export function expiredVisitIds(lines: Iterable<VisitIndexEntry>, cutoff: number): string[] {
  const ids: string[] = [];
  for (const line of lines) if (line.endedAt !== null && line.endedAt < cutoff) ids.push(line.id);
  return ids;
}
