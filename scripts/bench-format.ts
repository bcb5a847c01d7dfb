// The plain tables and figures every benchmark section prints (scripts/bench.ts, scripts/bench-talk.ts).

export type Row = (string | number)[];

export function table(title: string, head: string[], rows: Row[], notes: string[] = []): void {
  const cells = [head, ...rows].map((row) => row.map(String));
  const widths = head.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  // First column left-aligned (labels), the rest right-aligned (figures), the mark column left.
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 0 || head[i] === '' ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  console.log(`\n${title}`);
  console.log(line(cells[0]!));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells.slice(1)) console.log(line(row));
  for (const note of notes) console.log(`  ${note}`);
}

export const mark = (pass: boolean) => (pass ? 'PASS' : 'MISS');

export function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}
