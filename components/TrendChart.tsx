import { i18n } from '#i18n';
/** A small line over visits, oldest at the left; the caption and label carry the same figures as text. */
export function TrendChart({ title, values, format, max }: { title: string; values: (number | null)[]; format: (value: number) => string; max: number }) {
  const known = values.map((value, index) => ({ value, index })).filter((point): point is { value: number; index: number } => point.value !== null);
  // About the drawn aspect ratio, so points stay round when the chart stretches to the panel's width.
  const width = 300;
  const height = 28;
  const x = (index: number) => (values.length <= 1 ? width / 2 : (index / (values.length - 1)) * width);
  const y = (value: number) => height - 2 - (Math.min(value, max) / max) * (height - 4);
  const points = known.map(({ value, index }) => `${x(index).toFixed(1)},${y(value).toFixed(1)}`).join(' ');
  const latest = known.at(-1);
  const first = known[0];
  const spoken = i18n.t('history.trendSpoken', [known.map(({ value }) => format(value)).join(', ')]);
  return (
    <figure class="trend">
      <figcaption>
        <span>{title}</span>
        <span class="trend-latest">{latest ? format(latest.value) : i18n.t('common.noValue')}</span>
      </figcaption>
      {known.length > 0 && (
        <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={i18n.t('history.trendLabel', [title, spoken])}>
          <polyline points={points} fill="none" stroke="currentColor" stroke-width="1.5" vector-effect="non-scaling-stroke" />
          {known.map(({ value, index }) => (
            <circle key={index} cx={x(index)} cy={y(value)} r="2.5" fill="currentColor" />
          ))}
        </svg>
      )}
      {first && latest && known.length > 1 && (
        <p class="quiet trend-range">{i18n.t('history.trendRange', [format(first.value), format(latest.value), known.length])}</p>
      )}
    </figure>
  );
}
