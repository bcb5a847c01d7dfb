import { browser } from '#imports';
import { i18n } from '#i18n';
import { defaultProtocol } from '@/utils/protocol';
import { ChangeShortcuts } from './ChangeShortcuts';
import { PracticeSources } from './PracticeSources';

/** What Rapport is and which version, where its data stays, the evidence behind its checklist, and where its shortcuts are changed. */
export function AboutSection() {
  return (
    <section class="card" aria-labelledby="about-heading">
      <h2 id="about-heading">{i18n.t('about.heading')}</h2>
      <p>{i18n.t('about.version', [browser.runtime.getManifest().version])}</p>
      <p>{i18n.t('extension.description')}</p>
      <p>{i18n.t('about.privacy')}</p>
      <PracticeSources sections={defaultProtocol} />
      <h3>{i18n.t('shortcuts.heading')}</h3>
      <ChangeShortcuts />
    </section>
  );
}
