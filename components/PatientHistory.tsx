import { formatClock } from '@/utils/format';
import { visitHistory } from '@/utils/history';
import { GoalHistory } from './GoalHistory';
import { TrendChart } from './TrendChart';
import { useStore } from './useStore';

const dayFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });
const percent = (value: number) => `${Math.round(value * 100)}%`;
const minutesSeconds = (ms: number) => formatClock(ms);

/** A patient's finished visits: trends at a glance, then each visit's figures. */
export function PatientHistory({ patientId }: { patientId: string }) {
  const store = useStore();
  // The options page reads the visit index just after its first paint; a click before then waits for it.
  if (!store.indexLoaded.value) return <p class="quiet">Loading visits…</p>;
  const rows = visitHistory(Object.values(store.visitEntries.value), patientId);
  if (rows.length === 0) return <p class="quiet">No finished visits yet.</p>;
  return (
    <div class="history">
      <div class="trends">
        <TrendChart title="Your talk share" values={rows.map((row) => row.therapistShare)} format={percent} max={1} />
        <TrendChart title="Opening statement" values={rows.map((row) => row.openingMs)} format={minutesSeconds} max={150_000} />
        <TrendChart title="Practices covered" values={rows.map((row) => row.coverage)} format={percent} max={1} />
        <TrendChart title="Your self-check" values={rows.map((row) => row.selfCheck)} format={(value) => `${value.toFixed(1)} of 5`} max={5} />
      </div>
      <GoalHistory patientId={patientId} />
      <table class="history-table">
        <caption class="visually-hidden">Finished visits, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Length</th>
            <th scope="col">Covered</th>
            <th scope="col">Your talk</th>
            <th scope="col">Opening</th>
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
                <td>{row.therapistShare === null ? '—' : percent(row.therapistShare)}</td>
                <td>{row.openingMs === null ? '—' : formatClock(row.openingMs)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
