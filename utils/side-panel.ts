/**
 * Chrome's side panel API. The polyfill's types do not describe it and Firefox has a sidebar
 * instead, so it is typed here and may be missing.
 */
interface SidePanelApi {
  setPanelBehavior(options: { openPanelOnActionClick: boolean }): Promise<void>;
  setOptions(options: { tabId?: number; path?: string; enabled?: boolean }): Promise<void>;
  open(options: { tabId?: number; windowId?: number }): Promise<void>;
}

/** Firefox's sidebar (the manifest's `sidebar_action` shows the side panel page). */
interface SidebarActionApi {
  open(): Promise<void>;
  close(): Promise<void>;
}

export const sidePanel: SidePanelApi | undefined = (globalThis as { chrome?: { sidePanel?: SidePanelApi } }).chrome?.sidePanel;
const sidebarAction: SidebarActionApi | undefined = (globalThis as { browser?: { sidebarAction?: SidebarActionApi } }).browser?.sidebarAction;

/** Whether this browser can show Rapport beside the page (Chrome's side panel, Firefox's sidebar). */
export const canOpenBeside = !!(sidePanel ?? sidebarAction);

/**
 * Opens Rapport beside the page: Chrome's side panel for this tab (following it), or Firefox's
 * sidebar. Both browsers accept it only straight from the therapist's click or key, so call it
 * before awaiting anything.
 */
export function openBeside(tabId: number): Promise<void> {
  if (sidePanel) {
    void sidePanel.setOptions({ tabId, path: `sidepanel.html?tabId=${tabId}`, enabled: true });
    return sidePanel.open({ tabId });
  }
  return sidebarAction ? sidebarAction.open() : Promise.reject(new Error('No side panel in this browser.'));
}

/**
 * Closes the side panel (or sidebar) this page is shown in, once `change` is saved. Firefox closes
 * its sidebar only straight from the therapist's click, so there it closes at once.
 */
export function closeBesideAfter(change: Promise<{ ok: boolean }>): void {
  if (sidebarAction) void sidebarAction.close().catch(() => undefined);
  else void change.then((reply) => reply.ok && window.close());
}
