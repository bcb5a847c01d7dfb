import { canAddSites } from '@/utils/added-sites-setting';
import { AboutSection } from './AboutSection';
import { AddedSitesSection } from './AddedSitesSection';
import { BackupSection } from './BackupSection';
import { CueSettingsSection } from './CueSettingsSection';
import { LockSection } from './LockSection';
import { LookSection } from './LookSection';
import { MicrophoneAccess } from './MicrophoneAccess';
import { ProtocolsSection } from './ProtocolsSection';
import { RetentionSection } from './RetentionSection';

/** The options page below the patients: checklist protocols, microphone, live cues, look, old visits, the passphrase lock, video visit sites, backup, and about Rapport. */
export function OptionsSettings() {
  return (
    <>
      <ProtocolsSection />
      <MicrophoneAccess />
      <CueSettingsSection />
      <LookSection />
      <RetentionSection />
      <LockSection />
      {canAddSites() && <AddedSitesSection />}
      <BackupSection />
      <AboutSection />
    </>
  );
}
