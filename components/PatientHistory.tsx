import { i18n } from '#i18n';
import { formatClock } from '@/utils/format';
import { visitHistory } from '@/utils/history';
import { GoalHistory } from './GoalHistory';
import { TrendChart } from './TrendChart';
import { useStore } from './useStore';

const dayFormat = new Intl.DateTimeFormat(i18n.t('format.locale'), { dateStyle: 'medium' });
const percent = (value: number) => i18n.t('common.percent', [Math.round(value * 100)]);
const minutesSeconds = (ms: number) => formatClock(ms);

/** A patient's finished visits: trends at a glance, then each visit's figures. */
export function PatientHistory({ patientId }: { patientId: string }) {
  const store = useStore();
  // The options page reads the visit index just after its first paint; a click before then waits for it.
  if (!store.indexLoaded.value) return <p class="quiet">{i18n.t('history.loading')}</p>;
  const rows = visitHistory(Object.values(store.visitEntries.value), patientId);
  if (rows.length === 0) return <p class="quiet">{i18n.t('history.none')}</p>;
  return (
    <div class="history">
      <div class="trends">
        <TrendChart title={i18n.t('history.talkShare')} values={rows.map((row) => row.therapistShare)} format={percent} max={1} />
        <TrendChart title={i18n.t('history.opening')} values={rows.map((row) => row.openingMs)} format={minutesSeconds} max={150_000} />
        <TrendChart title={i18n.t('history.covered')} values={rows.map((row) => row.coverage)} format={percent} max={1} />
        <TrendChart title={i18n.t('history.selfCheck')} values={rows.map((row) => row.selfCheck)} format={(value) => i18n.t('history.selfCheckValue', [value.toFixed(1)])} max={5} />
      </div>
      <GoalHistory patientId={patientId} />
      <table class="history-table">
        <caption class="visually-hidden">{i18n.t('history.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{i18n.t('history.date')}</th>
            <th scope="col">{i18n.t('history.length')}</th>
            <th scope="col">{i18n.t('history.coveredColumn')}</th>
            <th scope="col">{i18n.t('history.talkColumn')}</th>
            <th scope="col">{i18n.t('history.openingColumn')}</th>
          </tr>
        </thead>
        <tbody>
          {rows
            .slice()
            .reverse()
            .map((row) => (
              <tr key={row.visitId}>
                <th scope="row">{dayFormat.format(row.startedAt)}</th>
                <td>{formatClock(row.durationMs)}</td>
                <td>{percent(row.coverage)}</td>
                <td>{row.therapistShare === null ? i18n.t('common.noValue') : percent(row.therapistShare)}</td>
                <td>{row.openingMs === null ? i18n.t('common.noValue') : formatClock(row.openingMs)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
