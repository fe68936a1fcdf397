import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { AppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { enqueueJob } from '@/lib/jobs/enqueue';
import type { ImportFormat, ImportMode } from '@/lib/channels/imported-order';
import type { Channel } from '@/lib/orders/schemas';

/** The largest file an order import takes (stated in the API and on the Imports screen). */
export const IMPORT_MAX_BYTES = 256 * 1024 * 1024;
/** The stored pieces of an upload: small, so reading them back makes no large string (decision 050). */
const PIECE_CHARS = 128 * 1024;

export type StartOrderImport = {
  format: ImportFormat;
  mode: ImportMode;
  /** the channel the orders carry: default the format's (shopify, woocommerce; backroom → manual) */
  channel?: Channel;
  dryRun: boolean;
  validOnly: boolean;
  fileName?: string;
  actor: Actor;
  /** the file, as it arrives (a request body) or whole */
  body: ReadableStream<Uint8Array> | string;
};

export const DEFAULT_CHANNEL: Record<ImportFormat, Channel> = {
  shopify: 'shopify',
  woocommerce: 'woocommerce',
  backroom: 'manual',
};

/**
 * Records an order import (queued), stores the file in pieces of about 1 MiB as it arrives (never
 * whole in memory; above IMPORT_MAX_BYTES the upload is refused with 413 and nothing is kept), and
 * queues the job that runs it (lib/channels/import-job.ts). Answers the import's id.
 */
export async function startOrderImport(options: StartOrderImport): Promise<{ id: string; status: 'queued' }> {
  const { actor } = options;
  const channel = options.channel ?? DEFAULT_CHANNEL[options.format];
  const fileName = options.fileName?.slice(0, 200) || null;
  const id = await db.$transaction(async (t) => {
    const job = await t.importJob.create({
      data: {
        kind: 'order_csv',
        mode: options.mode,
        format: options.format,
        channel,
        dryRun: options.dryRun,
        validOnly: options.validOnly,
        fileName,
        actor: { type: actor.type, id: actor.id, label: actor.label },
        createdById: actor.type === 'user' ? actor.id : null,
      },
      select: { id: true },
    });
    await audit(t, {
      actor,
      action: 'import_job.created',
      entityType: 'import_job',
      entityId: job.id,
      after: {
        kind: 'order_csv',
        format: options.format,
        mode: options.mode,
        channel,
        dry_run: options.dryRun,
        valid_only: options.validOnly,
        file_name: fileName,
      },
    });
    return job.id;
  });

  let seq = 0;
  let bytes = 0;
  let buffer = '';
  const store = async (data: string) => {
    await db.importJobChunk.create({ data: { jobId: id, seq: seq++, data }, select: { seq: true } });
  };
  try {
    if (typeof options.body === 'string') {
      bytes = Buffer.byteLength(options.body);
      if (bytes > IMPORT_MAX_BYTES) throw tooLarge();
      for (let i = 0; i < options.body.length; i += PIECE_CHARS)
        await store(options.body.slice(i, i + PIECE_CHARS));
    } else {
      const decoder = new TextDecoder('utf-8');
      const reader = options.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        bytes += value.byteLength;
        if (bytes > IMPORT_MAX_BYTES) {
          await reader.cancel().catch(() => undefined);
          throw tooLarge();
        }
        buffer += decoder.decode(value, { stream: true });
        if (buffer.length >= PIECE_CHARS) {
          await store(buffer);
          buffer = '';
        }
      }
      buffer += decoder.decode();
      if (buffer) await store(buffer);
    }
    if (bytes === 0)
      throw new AppError('BAD_REQUEST', 'The file is empty; send the CSV as the request body.');
  } catch (error) {
    await db.importJob.delete({ where: { id } }).catch(() => undefined);
    throw error;
  }
  await db.$transaction(async (t) => {
    await t.importJob.update({ where: { id }, data: { totalBytes: bytes }, select: { id: true } });
    await enqueueJob('channels.import_orders', { importId: id }, { tx: t });
  });
  return { id, status: 'queued' };
}

function tooLarge() {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MiB; split it into several imports.`,
  );
}
