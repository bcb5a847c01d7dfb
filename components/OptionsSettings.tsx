import { BackupSection } from './BackupSection';
import { CueSettingsSection } from './CueSettingsSection';
import { MicrophoneAccess } from './MicrophoneAccess';
import { ProtocolsSection } from './ProtocolsSection';
import { RetentionSection } from './RetentionSection';

/** The options page below the patients: checklist protocols, microphone, live cues, old visits, backup. */
export function OptionsSettings() {
  return (
    <>
      <ProtocolsSection />
      <MicrophoneAccess />
      <CueSettingsSection />
      <RetentionSection />
      <BackupSection />
    </>
  );
}
