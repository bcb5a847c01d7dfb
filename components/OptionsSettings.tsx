import { BackupSection } from './BackupSection';
import { CueSettingsSection } from './CueSettingsSection';
import { LockSection } from './LockSection';
import { LookSection } from './LookSection';
import { MicrophoneAccess } from './MicrophoneAccess';
import { RetentionSection } from './RetentionSection';

/** The options page below the patients: microphone, live cues, look, old visits, the passphrase lock, backup. */
export function OptionsSettings() {
  return (
    <>
      <MicrophoneAccess />
      <CueSettingsSection />
      <LookSection />
      <RetentionSection />
      <LockSection />
      <BackupSection />
    </>
  );
}
