import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { i18n } from '#i18n';

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
      message.value = i18n.t('microphone.allowed');
    } catch (error) {
      const refused = error instanceof DOMException && error.name === 'NotAllowedError';
      message.value = refused
        ? i18n.t('microphone.refused')
        : i18n.t('microphone.missing');
    }
  };

  return (
    <section class="card" aria-labelledby="microphone-heading">
      <h2 id="microphone-heading">{i18n.t('microphone.heading')}</h2>
      <p class="quiet">{i18n.t('microphone.intro')}</p>
      <p>{access.value === 'granted' ? i18n.t('microphone.stateGranted') : access.value === 'denied' ? i18n.t('microphone.stateDenied') : i18n.t('microphone.statePrompt')}</p>
      {access.value !== 'granted' && (
        <button type="button" onClick={() => void ask()}>
          {i18n.t('listening.allowMicrophone')}
        </button>
      )}
      <p role="status" class="quiet">
        {message.value}
      </p>
    </section>
  );
}
