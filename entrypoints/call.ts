import { browser } from '#imports';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { callPageLook } from '@/utils/call-look';
import { askBackground, type BackgroundToContent, type ContentPlacement, type PanelToContent } from '@/utils/messages';
import type { CallTab, SitePrefs } from '@/utils/model';
import { defaultSitePrefs, panelGeometry, placePanel, settleDrag } from '@/utils/panel-geometry';
import { detectPhase, meetingFromUrl, setAddedSites, siteForHost, type CallPhase, type MeetingRef, type SiteDefinition } from '@/utils/sites';
import { addedSiteDefinition, type AddedSite } from '@/utils/sites/added';

/** How long a meeting page may show none of the site's known markers before Rapport says it cannot tell. */
const PHASE_GRACE_MS = 10_000;
/** How often the page is checked for the meeting and call phase; navigation events answer sooner. */
const TICK_MS = 1000;

/**
 * The call tab's script: knows the site (meeting, phase, single-page navigation) and places the
 * panel iframe. It never sees patient data; the panel is an extension page in its own process.
 * The manifest lists it for the built-in sites (wxt.config.ts), the background registers it for
 * added ones (utils/added-sites.ts).
 */
export default defineUnlistedScript(() => {
  const site = siteForHost(location.hostname);
  if (site) return runOnCallSite(site);
  // A site the therapist added (registered for its origin by the background, which holds its data).
  void askBackground<AddedSite | null>({ type: 'content/addedSite' }).then((addedSite) => {
    if (!addedSite) return;
    const added = addedSiteDefinition(addedSite);
    setAddedSites([added]);
    runOnCallSite(added);
  });
});

/**
 * Ends when the extension is updated, reloaded or removed: this script is then cut off from it, so
 * it takes its frame away and stops checking the page.
 */
const life = new AbortController();
const { signal } = life;
function extensionAlive(): boolean {
  if (!browser.runtime?.id) life.abort();
  return !signal.aborted;
}

function runOnCallSite(site: SiteDefinition) {
  const siteId = site.id;
  let prefs: SitePrefs = defaultSitePrefs;
  let panel: ReturnType<typeof mountPanel> | null = null;
  let reported: CallTab | null = null;
  let markerlessSince = 0;
  let hidden = false;
  /** The meeting read off the address the page last had: the address changes far less often than the page is checked. */
  let readHref = '';
  let readMeeting: MeetingRef | null = null;
  /** Sampling the page's look makes it lay out, so it happens only while the panel's theme follows the page. */
  let followLook = false;
  const prefsLoaded = askBackground<ContentPlacement>({ type: 'content/sitePrefs', siteId }).then((placement) => {
    if (!placement) return;
    // In side panel mode the frame is there but hidden: its panel says when the therapist brings it back.
    ({ inSidePanel: hidden, followLook, ...prefs } = placement);
  });

  function mountPanel(meetingKey: string) {
    // WXT's iframe UI, written out: its helper also bundles an auto-mount observer this page does not need.
    const wrapper = document.createElement('div');
    const iframe = document.createElement('iframe');
    wrapper.setAttribute('popover', 'manual');
    wrapper.style.cssText =
      'position:fixed;margin:0;padding:0;border:0;background:transparent;overflow:visible;inset:auto;color-scheme:normal';
    iframe.title = 'Rapport';
    // Copying the visit note from the panel uses the clipboard API.
    iframe.allow = 'clipboard-write';
    iframe.style.cssText =
      'display:block;width:100%;height:100%;border:0;border-radius:12px;box-shadow:0 4px 24px #0000005a';
    iframe.src = browser.runtime.getURL(`/panel.html?${new URLSearchParams({ meeting: meetingKey, site: siteId })}` as '/panel.html');
    const drag = { dx: 0, dy: 0 };
    const layout = () => placePanel(wrapper, panelGeometry(prefs, drag, { width: innerWidth, height: innerHeight }));
    // Placed before it joins the page, so the page works out its style once, with the panel where it belongs.
    layout();
    wrapper.append(iframe);
    document.body.append(wrapper);
    raise(wrapper);
    return { meetingKey, wrapper, layout, drag };
  }

  function raise(wrapper: HTMLElement) {
    if (hidden || !wrapper.isConnected) return;
    // In full screen, everything outside the full-screen element stops taking clicks, so the panel
    // moves inside it; moveBefore keeps the iframe alive where the browser has it.
    const fullscreen = document.fullscreenElement;
    const host = fullscreen && !(fullscreen instanceof HTMLMediaElement) ? fullscreen : document.body;
    if (wrapper.parentElement !== host) {
      const movable = host as Element & { moveBefore?: (node: Node, child: Node | null) => void };
      if (movable.moveBefore) movable.moveBefore(wrapper, null);
      else host.append(wrapper);
    }
    // The top layer keeps the panel above the call's full-window video and controls; showing it
    // again puts it back on top of anything the page raised since.
    if (wrapper.matches(':popover-open')) wrapper.hidePopover();
    wrapper.showPopover();
  }

  function report(state: CallTab) {
    if (reported && reported.meetingKey === state.meetingKey && reported.phase === state.phase && reported.look === state.look) return;
    reported = state;
    void askBackground({ type: 'content/callState', state });
  }

  function tick() {
    if (location.href !== readHref) {
      readHref = location.href;
      readMeeting = meetingFromUrl(readHref);
    }
    const meeting = readMeeting;
    if (!meeting && panel && site.afterCallPath?.test(location.pathname)) {
      report({ siteId, meetingKey: panel.meetingKey, phase: 'left' });
      return;
    }
    const meetingKey = meeting?.key ?? null;
    if (panel && panel.meetingKey !== meetingKey) {
      panel.wrapper.remove();
      panel = null;
    }
    if (!meeting) {
      report({ siteId, meetingKey: null, phase: 'left' });
      return;
    }
    if (!panel) {
      panel = mountPanel(meeting.key);
      markerlessSince = Date.now();
    }
    const seen = detectPhase(meeting.site, document);
    if (seen) markerlessSince = Date.now();
    const phase: CallPhase = seen ?? (Date.now() - markerlessSince > PHASE_GRACE_MS ? 'unknown' : reported?.phase ?? 'greenRoom');
    // The page's look is sampled as each phase's screen appears (a light green room, a dark call).
    const samePhase = reported?.meetingKey === meeting.key && reported.phase === phase;
    const look = followLook ? (samePhase && reported?.look) || callPageLook() : undefined;
    report({ siteId, meetingKey: meeting.key, phase, look });
  }

  function settle(current: NonNullable<typeof panel>) {
    const settled = settleDrag(prefs, current.drag, { width: innerWidth, height: innerHeight });
    current.drag.dx = 0;
    current.drag.dy = 0;
    prefs = { ...prefs, ...settled };
    current.layout();
    void askBackground({ type: 'content/savePosition', siteId, prefs: settled });
  }

  /**
   * A drag that began on the panel's handle continues over the page: pointer events do not follow
   * the pointer out of the extension's iframe, so a transparent shield above everything takes them
   * until the button is released.
   */
  function followPointer(current: NonNullable<typeof panel>, startX: number, startY: number) {
    const shield = document.createElement('div');
    shield.setAttribute('popover', 'manual');
    shield.style.cssText = 'position:fixed;inset:0;width:100vw;height:100vh;margin:0;padding:0;border:0;background:transparent;cursor:grabbing';
    (current.wrapper.parentElement ?? document.body).append(shield);
    shield.showPopover();
    const end = () => {
      shield.remove();
      settle(current);
    };
    shield.addEventListener('pointermove', (event) => {
      if ((event.buttons & 1) === 0) return end();
      current.drag.dx = event.screenX - startX;
      current.drag.dy = event.screenY - startY;
      current.layout();
    });
    shield.addEventListener('pointerup', end);
    shield.addEventListener('pointercancel', end);
  }

  browser.runtime.onMessage.addListener((message: PanelToContent | BackgroundToContent, sender) => {
    if (sender.id !== browser.runtime.id || !panel) return;
    const current = panel;
    // The panel states its collapsed state, place and theme as it loads: only a change costs the page work.
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
        current.layout();
        break;
      case 'layout/followLook':
        if (followLook === message.follow) break;
        followLook = message.follow;
        tick();
        break;
      case 'layout/togglePanel':
      case 'layout/place': {
        const hide = message.type === 'layout/place' ? message.inSidePanel : !hidden;
        if (hide === hidden) break;
        hidden = hide;
        if (hidden) current.wrapper.hidePopover();
        else raise(current.wrapper);
        break;
      }
    }
  });

  document.addEventListener('fullscreenchange', () => panel && raise(panel.wrapper), { signal });
  addEventListener('resize', () => panel?.layout(), { signal });
  // The panel's frame is added once the call page has loaded (an iframe added earlier holds the
  // page's load event until the frame loads, and building it competes with the page's own start-up)
  // and its saved position is known, so it appears where it belongs from its first frame.
  const start = () => {
    const check = () => extensionAlive() && tick();
    const timer = setInterval(check, TICK_MS);
    signal.addEventListener('abort', () => {
      clearInterval(timer);
      panel?.wrapper.remove();
    });
    // Single-page navigation (Meet's home page to a meeting) shows at once where the browser has
    // the Navigation API; the tick covers the rest.
    const navigation = (globalThis as { navigation?: EventTarget }).navigation;
    navigation?.addEventListener('navigatesuccess', check, { signal });
    check();
  };
  const startPlaced = () => void prefsLoaded.then(start);
  if (document.readyState === 'complete') startPlaced();
  else addEventListener('load', startPlaced, { once: true, signal });
}
