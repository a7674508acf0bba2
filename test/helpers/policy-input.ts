import { noContacts } from '../../shared/domain/policies/frequency-cap';
import type { PolicyInput } from '../../shared/domain/policies/policy';
import { defaultPolicySettings } from '../../shared/domain/policies/settings';
import { aCustomer } from './factories';

/** A policy input for Ann (London), a promotional SMS of her birthday at noon UTC, nothing else known. */
export function aPolicyInput(overrides: Partial<PolicyInput> = {}): PolicyInput {
  return {
    message: { journeyId: 'birthday', occurrenceKey: '2026', channel: 'sms', category: 'promotional', priority: 50 },
    customer: aCustomer(),
    dealer: { timeZone: 'Asia/Shanghai' },
    complaints: [],
    suppressions: [],
    pauses: [],
    contacts: noContacts,
    dayContenders: [],
    settings: defaultPolicySettings,
    now: new Date('2026-03-14T12:00:00Z'),
    ...overrides,
  };
}
