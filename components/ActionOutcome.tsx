/**
 * What a section's last action came to: a problem, announced at once, and a status line, announced
 * politely. The status region is always there (empty until used), so screen readers hear its changes.
 */
export function ActionOutcome({ problem, status }: { problem: string; status?: string }) {
  return (
    <>
      {problem && (
        <p role="alert" class="notice error">
          {problem}
        </p>
      )}
      {status !== undefined && (
        <p role="status" class="quiet">
          {status}
        </p>
      )}
    </>
  );
}
