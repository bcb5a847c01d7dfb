import type { SiteDefinition } from './types';

/** Google Meet: meeting codes look like abc-defg-hij; the home page and other paths are not meetings. */
export const meet: SiteDefinition = {
  id: 'meet',
  label: 'Google Meet',
  matches: ['https://meet.google.com/*'],
  hostPattern: /^meet\.google\.com$/,
  meetingPath: /^\/(?:_meet\/)?([a-z]{3}-[a-z]{4}-[a-z]{3})\/?$/,
  phaseMarkers: [
    { phase: 'inCall', selectors: ['button[aria-label="Leave call"]'] },
    { phase: 'left', selectors: ['button[aria-label="Rejoin"]', 'button[aria-label="Return to home screen"]'] },
    { phase: 'greenRoom', selectors: ['button[aria-label="Join now"]', 'button[aria-label="Ask to join"]'] },
  ],
};
