import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { CHANNELS, type Channel } from '@/lib/orders/schemas';
import { ZChannelSettingsInput, type TChannelSettingsInput } from '@/lib/channels/schemas';
import { channelSettings, type ChannelSettingsDto } from '@/lib/channels/availability';

export function assertChannel(channel: string): Channel {
  if (!(CHANNELS as readonly string[]).includes(channel))
    throw new AppError(
      'NOT_FOUND',
      `No channel is called "${channel.slice(0, 40)}"; use one of ${CHANNELS.join(', ')}.`,
    );
  return channel as Channel;
}

/**
 * Sets what a channel lists of the stock (PUT /api/v1/channels/{channel}, the Channels screen):
 * buffer units, the percent of available to list, the most to list, and the locations that feed
 * it (codes; empty: every active location). Audited with the settings before and after.
 */
export async function updateChannelSettings(options: {
  channel: string;
  input: TChannelSettingsInput;
  actor: Actor;
}): Promise<ChannelSettingsDto> {
  const channel = assertChannel(options.channel);
  const input = ZChannelSettingsInput.parse(options.input);
  const codes = [...new Set(input.locations.map((c) => c.toUpperCase()))];
  const locations = await db.location.findMany({
    where: { code: { in: codes } },
    select: { id: true, code: true, active: true },
  });
  const unknown = codes.filter((c) => !locations.some((l) => l.code === c && l.active));
  if (unknown.length)
    throw new AppError('VALIDATION_FAILED', `Unknown or inactive location ${unknown.join(', ')}`, [
      { field: 'locations', message: `No active location has the code ${unknown.join(', ')}` },
    ]);
  const before = await channelSettings(channel);
  await db.$transaction(async (t) => {
    const data = {
      bufferUnits: input.buffer_units,
      listPercent: input.list_percent,
      maxListed: input.max_listed,
      locationIds: locations.map((l) => l.id),
    };
    await t.channelSetting.upsert({
      where: { channel },
      create: { channel, ...data },
      update: data,
      select: { channel: true },
    });
    await audit(t, {
      actor: options.actor,
      action: 'channel_settings.updated',
      entityType: 'channel',
      entityId: channel,
      before,
      after: {
        channel,
        buffer_units: input.buffer_units,
        list_percent: input.list_percent,
        max_listed: input.max_listed,
        locations: codes,
      },
    });
  });
  return await channelSettings(channel);
}
