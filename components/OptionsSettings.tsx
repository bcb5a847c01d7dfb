import { canAddSites } from '@/utils/added-sites-setting';
import { AddedSitesSection } from './AddedSitesSection';
import { BackupSection } from './BackupSection';
import { CueSettingsSection } from './CueSettingsSection';
import { MicrophoneAccess } from './MicrophoneAccess';
import { RetentionSection } from './RetentionSection';

/** The options page below the patients: microphone, live cues, old visits, video visit sites, backup. */
export function OptionsSettings() {
  return (
    <>
      <MicrophoneAccess />
      <CueSettingsSection />
      <RetentionSection />
      {canAddSites() && <AddedSitesSection />}
      <BackupSection />
    </>
  );
}
