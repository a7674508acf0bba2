import * as z from 'zod';
import { localMomentIn } from '../dates';
import type { EventTriggerKind } from './event-kind';
import { hoursAfter, utcInstant } from './event-kind';

/**
 * A survey answer that calls for a follow-up: a score under `scoreBelow`, or a comment with one
 * of the `keywords` (any language; matched without regard to case).
 */
export const SurveyAnswerTrigger = z
  .strictObject({
    type: z.literal('survey-answer'),
    /** Scores under this start it (0-10; 7 starts 0 to 6). */
    scoreBelow: z.number().int().min(0).max(11).default(7),
    /** Words or phrases of a negative comment; a match starts it whatever the score. */
    keywords: z.array(z.string().trim().min(1)).default([]),
    /** Scores at or under this are `high` urgency; other follow-ups `normal`. */
    highUrgencyAtOrBelow: z.number().int().min(-1).max(10).default(3),
    /** Scores at or under this are for the brand's customer centre, not the dealer (-1: never). */
    brandAtOrBelow: z.number().int().min(-1).max(10).default(1),
  })
  .refine((trigger) => trigger.brandAtOrBelow < trigger.scoreBelow, { message: 'brandAtOrBelow must be under scoreBelow', path: ['brandAtOrBelow'] });
export type SurveyAnswerTrigger = z.infer<typeof SurveyAnswerTrigger>;

/** The comment as a task shows it: enough to act on, bounded for the ledger and the queue. */
const maxCommentLength = 500;

/** Task facts read by the dispatch (`taskRoutingOf` in `shared/domain/task.ts`). */
type Urgency = 'high' | 'normal';

/**
 * Once per survey (the key). Not sent late-limited: a follow-up is work for staff, due as soon
 * as the answer is known, so a late event still creates it (within 30 days).
 */
export const surveyAnswerKind: EventTriggerKind<SurveyAnswerTrigger, 'survey.submitted'> = {
  type: 'survey-answer',
  schema: SurveyAnswerTrigger,
  startedBy: ['survey.submitted'],
  holdReason: 'after-survey',
  occurrences(trigger, { event, versions, customer }) {
    const { surveyId } = event.data;
    const answer = versions.surveys[surveyId]?.survey;
    if (!answer) return [];
    const comment = answer.comment ?? '';
    const lowered = comment.toLowerCase();
    const keyword = trigger.keywords.find((word) => lowered.includes(word.toLowerCase()));
    if (answer.score >= trigger.scoreBelow && keyword === undefined) return [];
    const at = utcInstant(answer.submittedAt);
    const urgency: Urgency = answer.score <= trigger.highUrgencyAtOrBelow ? 'high' : 'normal';
    return [
      {
        key: surveyId,
        at,
        date: localMomentIn(new Date(at), customer.timeZone).date,
        facts: {
          surveyScore: answer.score,
          surveyComment: comment.slice(0, maxCommentLength),
          urgency,
          assignee: answer.score <= trigger.brandAtOrBelow ? 'brand' : 'dealer',
          ...(answer.repairOrder !== undefined ? { repairOrder: answer.repairOrder } : {}),
        },
        sendLateUntil: hoursAfter(at, 30 * 24),
      },
    ];
  },
  sampleFacts: { surveyScore: 3, surveyComment: 'Waited too long', urgency: 'high', assignee: 'dealer', repairOrder: 'RO-1001' },
  sampleCases(_trigger, full) {
    const base = { ...full, occurrence: { ...full.occurrence, ...surveyAnswerKind.sampleFacts } };
    const { repairOrder: _repairOrder, ...withoutRepairOrder } = base.occurrence;
    return [
      { label: 'a low score with a comment', context: base },
      { label: 'a low score without a comment, repair order or vehicle', context: { ...base, vehicle: null, occurrence: { ...withoutRepairOrder, surveyComment: '' } } },
      { label: 'the lowest score, for the brand', context: { ...base, occurrence: { ...base.occurrence, surveyScore: 0, assignee: 'brand' } } },
    ];
  },
};
