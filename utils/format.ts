import { i18n } from '#i18n';

/** 0:07, 12:03, 1:02:03: a clock a therapist reads at a glance. */
export function formatClock(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** The same time in words, for screen readers: "12 minutes 3 seconds". */
export function spokenDuration(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const parts: string[] = [];
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (hours) parts.push(i18n.t('duration.hours', hours));
  if (minutes) parts.push(i18n.t('duration.minutes', minutes));
  if (seconds || parts.length === 0) parts.push(i18n.t('duration.seconds', seconds));
  return parts.join(' ');
}
