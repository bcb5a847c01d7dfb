import { i18n } from '#i18n';
import { useStore } from './useStore';
import { Checklist } from './Checklist';
import { EndVisitPrompt } from './EndVisitPrompt';
import { LastTimeCard } from './LastTimeCard';
import { LockView } from './LockView';
import { Notices } from './Notices';
import { PanelHeader } from './PanelHeader';
import { PatientSection } from './PatientSection';
import { PhraseBank } from './PhraseBank';
import { TalkTime } from './TalkTime';
import { VisitFooter } from './VisitFooter';
import { deferred } from './deferred';

const VisitSummary = deferred(() => import('./VisitSummary').then((module) => module.VisitSummary));

export function Panel() {
  const store = useStore();
  const visit = store.visit.value;
  return (
    <div class="panel">
      <PanelHeader />
      <main class="panel-body">
        <Notices />
        {store.locked.value ? (
          <LockView />
        ) : !store.loaded.value || store.visitLoading.value ? (
          <p class="quiet">{i18n.t('common.loading')}</p>
        ) : !store.meetingKey.value ? (
          <p class="quiet">{i18n.t('panel.noMeeting')}</p>
        ) : !visit ? (
          <div class="card">
            <p>{i18n.t('panel.noVisit')}</p>
            <button type="button" disabled={store.openingVisit.value} onClick={() => void store.actions.openVisit()}>
              {i18n.t('visit.startNew')}
            </button>
          </div>
        ) : visit.endedAt !== null ? (
          <>
            <PatientSection />
            <VisitSummary />
          </>
        ) : (
          <>
            <EndVisitPrompt />
            <LastTimeCard />
            <PatientSection />
            <TalkTime />
            <Checklist />
            <PhraseBank />
            <VisitFooter />
          </>
        )}
      </main>
    </div>
  );
}
