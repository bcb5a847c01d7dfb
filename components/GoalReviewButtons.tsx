import type { GoalKind, GoalReview } from '@/utils/model';
import { useStore } from './useStore';

const reviews: { review: GoalReview; label: string }[] = [
  { review: 'reviewed', label: 'Reviewed' },
  { review: 'met', label: 'Met' },
];

/** Marks what happened to one of last time's goals in this visit; pressing again takes it back. */
export function GoalReviewButtons({ goal, goalName }: { goal: GoalKind; goalName: string }) {
  const store = useStore();
  const current = store.visit.value?.goalReview[goal];
  return (
    <span class="row goal-review">
      {reviews.map(({ review, label }) => (
        <button
          key={review}
          type="button"
          class="small"
          aria-pressed={current === review}
          aria-label={`${goalName}: ${label}`}
          onClick={() => void store.actions.reviewGoal(goal, current === review ? null : review)}
        >
          {label}
        </button>
      ))}
    </span>
  );
}
