import { i18n } from '#i18n';
import { useStore } from './useStore';

/** Problems in plain words: damaged or unknown stored data, a site Rapport cannot read, a failed save. */
export function Notices() {
  const store = useStore();
  const problems = store.problems.value;
  const error = store.writeError.value;
  return (
    <>
      <div role="status" class="notices">
        {problems.map((problem) => (
          <p class="notice" key={problem}>
            {problem}
          </p>
        ))}
      </div>
      {error && (
        <div role="alert" class="notice error">
          <p>{error}</p>
          <button type="button" class="small" onClick={store.actions.dismissError}>
            {i18n.t('common.dismiss')}
          </button>
        </div>
      )}
    </>
  );
}
