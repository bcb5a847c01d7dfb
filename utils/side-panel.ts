/**
 * Chrome's side panel API. The polyfill's types do not describe it and Firefox has a sidebar
 * instead, so it is typed here and may be missing.
 */
interface SidePanelApi {
  setPanelBehavior(options: { openPanelOnActionClick: boolean }): Promise<void>;
  setOptions(options: { tabId?: number; path?: string; enabled?: boolean }): Promise<void>;
  open(options: { tabId?: number; windowId?: number }): Promise<void>;
}

export const sidePanel: SidePanelApi | undefined = (globalThis as { chrome?: { sidePanel?: SidePanelApi } }).chrome?.sidePanel;
