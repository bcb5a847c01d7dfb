/** Term and detail pairs, read at a glance; pairs with nothing to say are left out. */
export function FactList({ facts }: { facts: [term: string, detail: string][] }) {
  const shown = facts.filter(([, detail]) => detail);
  if (shown.length === 0) return null;
  return (
    <dl class="facts">
      {shown.map(([term, detail]) => (
        <div class="fact" key={term}>
          <dt>{term}</dt>
          <dd>{detail}</dd>
        </div>
      ))}
    </dl>
  );
}
