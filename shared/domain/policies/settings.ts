import { defaultFrequencyCaps } from './frequency-cap';
import type { PolicySettings } from './policy';
import { defaultQuietHours, type QuietHoursSettings } from './quiet-hours';

export const defaultPolicySettings: PolicySettings = { quietHours: defaultQuietHours, caps: defaultFrequencyCaps };

/** The settings for one journey: its own quiet hours (YAML `quietHours`) over the defaults, channel by channel. */
export function settingsFor(quietHours: Partial<QuietHoursSettings> | undefined, base: PolicySettings = defaultPolicySettings): PolicySettings {
  return quietHours ? { ...base, quietHours: { ...base.quietHours, ...quietHours } } : base;
}
