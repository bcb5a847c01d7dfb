import { useSignalEffect } from '@preact/signals';
import type { PanelStore } from '@/utils/panel-store';

/** Puts the chosen theme and density on the page's root, where panel.css picks them up. */
export function useLook(store: PanelStore): void {
  useSignalEffect(() => {
    const { theme, density } = store.look.value;
    const root = document.documentElement;
    if (theme) root.dataset.theme = theme;
    else delete root.dataset.theme;
    root.dataset.density = density;
  });
}
