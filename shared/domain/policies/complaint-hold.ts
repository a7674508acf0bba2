import { localMomentIn } from '../dates';
import { isOpenOn } from '../service-history';
import { categoryOf, send, zoneOf, type Policy } from './policy';

/**
 * No promotion while a complaint is open. Skipped, not deferred: promotions are dated (a
 * birthday, a festival, a season's offer), a complaint may stay open for weeks, and an offer sent
 * when it closes would be stale and past the reconciler's deadline. The customer is not left
 * alone: service messages still go, and the churn-risk journey (a task) follows the complaint up.
 */
export const complaintHoldPolicy: Policy = (input) => {
  // Most customers have no complaint: their local date is not worked out for none.
  if (categoryOf(input.message) !== 'promotional' || input.complaints.length === 0) return send;
  const today = localMomentIn(input.now, zoneOf(input)).date;
  const open = input.complaints.find((complaint) => isOpenOn(complaint, today));
  return open ? { decision: 'skip', status: 'skipped', reason: 'complaint-open' } : send;
};
