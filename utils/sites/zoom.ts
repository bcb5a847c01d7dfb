import type { SiteDefinition } from './types';

/**
 * Zoom web client: /wc/<id>/join (or /start), the older /wc/join/<id>, on zoom.us and any of its
 * subdomains (app.zoom.us, us02web.zoom.us, company vanity hosts). Launcher pages (/j/<id>) open
 * the desktop app and are not meetings. Leaving navigates to /wc/leave, where the panel stays to end the visit.
 */
export const zoom: SiteDefinition = {
  id: 'zoom',
  label: 'Zoom',
  matches: ['https://zoom.us/*', 'https://*.zoom.us/*'],
  hostPattern: /^(?:[a-z0-9-]+\.)*zoom\.us$/,
  meetingPath: /^\/wc\/(?:join\/)?(\d{9,11})(?:\/(?:join|start))?\/?$/,
  afterCallPath: /^\/wc\/leave\/?$/,
  phaseMarkers: [
    { phase: 'inCall', selectors: ['button.footer__leave-btn', 'button[aria-label="Leave"]'] },
    { phase: 'greenRoom', selectors: ['button.preview-join-button', 'button[aria-label="Join"]'] },
  ],
};
