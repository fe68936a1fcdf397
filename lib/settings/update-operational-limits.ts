import 'server-only';
import type { Actor } from '@/lib/auth/actor';
import { updateSettings } from '@/lib/settings/update-settings';
import {
  ZUpdateOperationsInput,
  type SettingsDto,
  type TUpdateOperationsInput,
} from '@/lib/settings/schemas';

/**
 * Sets the refund limit, the count approval limit and the fraud review threshold, and nothing else:
 * what `settings:operations` (managers) may change. The change is audited as every settings change is
 * (settings.updated, before and after).
 */
export async function updateOperationalLimits(options: {
  input: TUpdateOperationsInput;
  actor: Actor;
}): Promise<SettingsDto> {
  return updateSettings({ input: ZUpdateOperationsInput.parse(options.input), actor: options.actor });
}
