import { BackupSection } from './BackupSection';
import { CueSettingsSection } from './CueSettingsSection';
import { LockSection } from './LockSection';
import { MicrophoneAccess } from './MicrophoneAccess';
import { RetentionSection } from './RetentionSection';

/** The options page below the patients: microphone, live cues, old visits, the passphrase lock, backup. */
export function OptionsSettings() {
  return (
    <>
      <MicrophoneAccess />
      <CueSettingsSection />
      <RetentionSection />
      <LockSection />
      <BackupSection />
    </>
  );
}
