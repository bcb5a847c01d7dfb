import { render } from 'preact';
import { OptionsApp } from '@/components/OptionsApp';
import { createPanelStore } from '@/utils/panel-store';
import '@/components/panel.css';

// The extension's own page: every patient, and each one's history across visits.
const store = createPanelStore({ mode: 'options', meetingKey: null });
render(<OptionsApp store={store} />, document.getElementById('app')!);
void store.load();
