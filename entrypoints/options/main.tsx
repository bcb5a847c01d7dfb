import { render } from 'preact';
import { OptionsApp } from '@/components/OptionsApp';
import { createPanelStore } from '@/utils/panel-store';
import '@/components/panel.css';

// The extension's own page: every patient, and each one's history across visits.
const store = createPanelStore({ mode: 'options', meetingKey: null });
// The first render waits (briefly) for the patient list, so the first paint shows the list, not "Loading…".
const loaded = store.load().catch((error) => console.error('[rapport] could not read stored data', error));
void Promise.race([loaded, new Promise((resolve) => setTimeout(resolve, 200))]).then(() => {
  render(<OptionsApp store={store} />, document.getElementById('app')!);
});
