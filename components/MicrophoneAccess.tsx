import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';

type Access = 'unknown' | 'granted' | 'denied' | 'prompt';

/**
 * Automatic talk time hears the therapist through the microphone. The page that analyses it cannot
 * ask for permission, so the therapist grants it here, once; nothing is recorded by doing so.
 */
export function MicrophoneAccess() {
  const access = useSignal<Access>('unknown');
  const message = useSignal('');
  useEffect(() => {
    let status: PermissionStatus | undefined;
    const update = () => status && (access.value = status.state);
    navigator.permissions
      ?.query({ name: 'microphone' as PermissionName })
      .then((result) => {
        status = result;
        update();
        status.addEventListener('change', update);
      })
      .catch(() => undefined);
    return () => status?.removeEventListener('change', update);
  }, []);

  const ask = async () => {
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      for (const track of stream.getTracks()) track.stop();
      access.value = 'granted';
      message.value = 'Rapport may use your microphone for talk time.';
    } catch (error) {
      const refused = error instanceof DOMException && error.name === 'NotAllowedError';
      message.value = refused
        ? 'The browser refused. Allow the microphone for Rapport in the browser’s site settings, then try again.'
        : 'No microphone was found. Connect one and try again.';
    }
  };

  return (
    <section class="card" aria-labelledby="microphone-heading">
      <h2 id="microphone-heading">Microphone for automatic talk time</h2>
      <p class="quiet">
        Rapport listens only while you ask it to on a call, keeps no sound, and sends nothing anywhere: only who talked when is
        stored with the visit.
      </p>
      <p>{access.value === 'granted' ? 'Allowed.' : access.value === 'denied' ? 'Not allowed.' : 'Not allowed yet.'}</p>
      {access.value !== 'granted' && (
        <button type="button" onClick={() => void ask()}>
          Allow the microphone
        </button>
      )}
      <p role="status" class="quiet">
        {message.value}
      </p>
    </section>
  );
}
