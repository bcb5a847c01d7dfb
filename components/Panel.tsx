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
          <p class="quiet">Loading…</p>
        ) : !store.meetingKey.value ? (
          <p class="quiet">Open a Google Meet or Zoom meeting in this window to see its visit here.</p>
        ) : !visit ? (
          <div class="card">
            <p>No visit is under way on this meeting.</p>
            <button type="button" disabled={store.openingVisit.value} onClick={() => void store.actions.openVisit()}>
              Start a new visit
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
