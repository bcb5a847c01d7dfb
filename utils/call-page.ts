import { browser } from '#imports';
import { callPageLook } from './call-look';
import { askBackground, type BackgroundToContent, type ContentPlacement, type PanelToContent } from './messages';
import type { CallTab, SitePrefs } from './model';
import { panelAddress } from './panel-address';
import { defaultSitePrefs, panelGeometry, placePanel, settleDrag } from './panel-geometry';
import { detectPhase, meetingOnSite, type MeetingRef } from './sites/read';
import type { CallPhase, SiteDefinition } from './sites/types';

/** How long a meeting page may show none of the site's known markers before Rapport says it cannot tell. */
const PHASE_GRACE_MS = 10_000;
/** How often the page is checked for the meeting and call phase; navigation events answer sooner. */
const TICK_MS = 1000;

/*
 * The call tab's script (entrypoints/call-<site>.ts, or call.ts on an added site) at work on its page.
 * It runs on every call page load and V8 compiles it each time (content scripts get no code cache),
 * so what runs at load is kept short: one page, one site, so its state is this module's rather than
 * a closure's, and one message at load (the state report, whose answer places the panel). README, "Decisions".
 */

/** The panel's frame on this page: the meeting it shows, and how far a drag in progress has moved it. */
interface Panel {
  meetingKey: string;
  frame: HTMLIFrameElement;
  drag: { dx: number; dy: number };
}

let site: SiteDefinition;
let prefs: SitePrefs = defaultSitePrefs;
/** The site's saved place comes with the answer to the first state report; the panel is added once it is known. */
let placed = false;
/** In side panel mode the frame is there but hidden: its panel says when the therapist brings it back. */
let hidden = false;
/** Sampling the page's look makes it lay out, so it happens only while the panel's theme follows the page. */
let followLook = false;
let panel: Panel | null = null;
let reported: CallTab | null = null;
let markerlessSince = 0;
/** The meeting read off the address the page last had: the address changes far less often than the page is checked. */
let readHref = '';
let readMeeting: MeetingRef | null = null;
let timer: ReturnType<typeof setInterval> | undefined;

/** Watches this call page on its site: the meeting, the call phase, and the panel's frame. */
export function watchCallPage(callSite: SiteDefinition) {
  site = callSite;
  browser.runtime.onMessage.addListener(onMessage);
  document.addEventListener('fullscreenchange', () => panel && raise(panel.frame));
  addEventListener('resize', () => panel && layout(panel));
  // The page is first checked once it has loaded: the panel's frame follows the answer to that first
  // report (an iframe added earlier holds the page's load event until the frame loads, and building
  // it competes with the page's own start-up), and appears where it belongs from its first frame.
  if (document.readyState === 'complete') start();
  else addEventListener('load', start, { once: true });
}

function start() {
  timer = setInterval(check, TICK_MS);
  // Single-page navigation (Meet's home page to a meeting) shows at once where the browser has
  // the Navigation API; the tick covers the rest.
  (globalThis as { navigation?: EventTarget }).navigation?.addEventListener('navigatesuccess', check);
  check();
}

/**
 * Reads the page and reports what changed. When the extension is updated, reloaded or removed, this
 * script is cut off from it: it then takes its frame away and stops checking the page.
 */
function check() {
  if (!browser.runtime?.id) {
    clearInterval(timer);
    panel?.frame.remove();
    panel = null;
    return;
  }
  if (location.href !== readHref) {
    readHref = location.href;
    readMeeting = meetingOnSite(site, location);
  }
  const meeting = readMeeting;
  if (!meeting && panel && site.afterCallPath?.test(location.pathname)) {
    report({ siteId: site.id, meetingKey: panel.meetingKey, phase: 'left' });
    return;
  }
  if (panel && panel.meetingKey !== meeting?.key) {
    panel.frame.remove();
    panel = null;
  }
  if (!meeting) {
    report({ siteId: site.id, meetingKey: null, phase: 'left' });
    return;
  }
  if (!panel && placed) {
    panel = mountPanel(meeting.key);
    markerlessSince = Date.now();
  }
  const seen = detectPhase(meeting.site, document);
  if (seen) markerlessSince = Date.now();
  const phase: CallPhase = seen ?? (Date.now() - markerlessSince > PHASE_GRACE_MS ? 'unknown' : reported?.phase ?? 'greenRoom');
  // The page's look is sampled as each phase's screen appears (a light green room, a dark call).
  const samePhase = reported?.meetingKey === meeting.key && reported.phase === phase;
  const look = followLook ? (samePhase && reported?.look) || callPageLook() : undefined;
  report({ siteId: site.id, meetingKey: meeting.key, phase, look });
}

function report(state: CallTab) {
  if (reported && reported.meetingKey === state.meetingKey && reported.phase === state.phase && reported.look === state.look) return;
  reported = state;
  void askBackground<ContentPlacement>({ type: 'content/callState', state }).then(takePlace);
}

/** The answer to a state report carries the site's place: the first one lets the panel in. */
function takePlace(placement: ContentPlacement | undefined) {
  if (placed) return;
  placed = true;
  if (placement) ({ inSidePanel: hidden, followLook, ...prefs } = placement);
  check();
}

function mountPanel(meetingKey: string): Panel {
  // WXT's iframe UI, written out (its helper also bundles an auto-mount observer this page does not
  // need); the frame is the popover itself, one element for the page to style and lay out.
  const frame = document.createElement('iframe');
  frame.setAttribute('popover', 'manual');
  frame.title = 'Rapport';
  // Copying the visit note from the panel uses the clipboard API.
  frame.allow = 'clipboard-write';
  frame.style.cssText =
    'position:fixed;inset:auto;margin:0;padding:0;border:0;background:transparent;color-scheme:normal;border-radius:12px;box-shadow:0 4px 24px #0000005a';
  frame.src = browser.runtime.getURL(panelAddress(meetingKey, { collapsed: prefs.collapsed, hidden, followLook }) as '/panel.html');
  const mounted = { meetingKey, frame, drag: { dx: 0, dy: 0 } };
  // Placed before it joins the page, so the page works out its style once, with the panel where it belongs.
  layout(mounted);
  document.body.append(frame);
  raise(frame);
  return mounted;
}

function layout(current: Panel) {
  placePanel(current.frame, panelGeometry(prefs, current.drag, { width: innerWidth, height: innerHeight }));
}

function raise(frame: HTMLElement) {
  if (hidden || !frame.isConnected) return;
  // In full screen, everything outside the full-screen element stops taking clicks, so the panel
  // moves inside it; moveBefore keeps the iframe alive where the browser has it.
  const fullscreen = document.fullscreenElement;
  const host = fullscreen && !(fullscreen instanceof HTMLMediaElement) ? fullscreen : document.body;
  if (frame.parentElement !== host) {
    const movable = host as Element & { moveBefore?: (node: Node, child: Node | null) => void };
    if (movable.moveBefore) movable.moveBefore(frame, null);
    else host.append(frame);
  }
  // The top layer keeps the panel above the call's full-window video and controls; showing it
  // again puts it back on top of anything the page raised since.
  if (frame.matches(':popover-open')) frame.hidePopover();
  frame.showPopover();
}

function settle(current: Panel) {
  const settled = settleDrag(prefs, current.drag, { width: innerWidth, height: innerHeight });
  current.drag.dx = 0;
  current.drag.dy = 0;
  prefs = { ...prefs, ...settled };
  layout(current);
  void askBackground({ type: 'content/savePosition', siteId: site.id, prefs: settled });
}

/**
 * A drag that began on the panel's handle continues over the page: pointer events do not follow
 * the pointer out of the extension's iframe, so a transparent shield above everything takes them
 * until the button is released.
 */
function followPointer(current: Panel, startX: number, startY: number) {
  const shield = document.createElement('div');
  shield.setAttribute('popover', 'manual');
  shield.style.cssText = 'position:fixed;inset:0;width:100vw;height:100vh;margin:0;padding:0;border:0;background:transparent;cursor:grabbing';
  (current.frame.parentElement ?? document.body).append(shield);
  shield.showPopover();
  const end = () => {
    shield.remove();
    settle(current);
  };
  shield.addEventListener('pointermove', (event) => {
    if ((event.buttons & 1) === 0) return end();
    current.drag.dx = event.screenX - startX;
    current.drag.dy = event.screenY - startY;
    layout(current);
  });
  shield.addEventListener('pointerup', end);
  shield.addEventListener('pointercancel', end);
}

function onMessage(message: PanelToContent | BackgroundToContent, sender: { id?: string }) {
  if (sender.id !== browser.runtime.id || !panel) return;
  const current = panel;
  // A message that changes nothing costs the page no work (a place the keyboard already gave the frame).
  switch (message.type) {
    case 'layout/moveBy':
      current.drag.dx += message.dx;
      current.drag.dy += message.dy;
      settle(current);
      break;
    case 'layout/dragStart':
      followPointer(current, message.screenX, message.screenY);
      break;
    case 'layout/collapsed':
      if (prefs.collapsed === message.collapsed) break;
      prefs = { ...prefs, collapsed: message.collapsed };
      layout(current);
      break;
    case 'layout/followLook':
      if (followLook === message.follow) break;
      followLook = message.follow;
      check();
      break;
    case 'layout/togglePanel':
    case 'layout/place': {
      const hide = message.type === 'layout/place' ? message.inSidePanel : !hidden;
      if (hide === hidden) break;
      hidden = hide;
      if (hidden) current.frame.hidePopover();
      else raise(current.frame);
      break;
    }
  }
}
