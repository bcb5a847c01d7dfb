import { i18n } from '#i18n';
import type { GoalKind, GoalReview } from '@/utils/model';
import { useStore } from './useStore';

const reviews = [
  { review: 'reviewed', label: 'goals.reviewed' },
  { review: 'met', label: 'goals.met' },
] as const satisfies readonly { review: GoalReview; label: string }[];

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
          aria-label={i18n.t('goals.reviewLabel', [goalName, i18n.t(label)])}
          onClick={() => void store.actions.reviewGoal(goal, current === review ? null : review)}
        >
          {i18n.t(label)}
        </button>
      ))}
    </span>
  );
}
