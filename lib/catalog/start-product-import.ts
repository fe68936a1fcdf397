import 'server-only';
import { db } from '@/lib/db';
import { audit } from '@/lib/audit';
import { toAppError } from '@/lib/errors';
import type { Actor } from '@/lib/auth/actor';
import { importProductCsv, type ImportMode } from '@/lib/catalog/import-product-csv';

/** Errors kept on the job row; the count of all of them is in the result. */
const STORED_ERRORS = 1000;

/**
 * Records an import job (queued) and hands back `run`, which does the import and keeps the job row
 * up to date: total rows after validation, processed rows after every chunk (in that chunk's
 * transaction), then the report, or the reason it failed. `run` never throws. The caller decides where
 * it runs: the server action lets it continue after the response (next/server `after`), tests await it.
 * The job's state lives in PostgreSQL, so any app process can answer the progress poll.
 */
export async function startProductImport(options: {
  text: string;
  mode: ImportMode;
  fileName?: string;
  actor: Actor;
}): Promise<{ jobId: string; run: () => Promise<void> }> {
  const { actor, mode, text } = options;
  const fileName = options.fileName?.slice(0, 200) || null;
  const jobId = await db.$transaction(async (t) => {
    const job = await t.importJob.create({
      data: { kind: 'product_csv', mode, fileName, createdById: actor.type === 'user' ? actor.id : null },
      select: { id: true },
    });
    await audit(t, {
      actor,
      action: 'import_job.created',
      entityType: 'import_job',
      entityId: job.id,
      after: { kind: 'product_csv', mode, file_name: fileName },
    });
    return job.id;
  });

  const run = async () => {
    try {
      await db.importJob.update({
        where: { id: jobId },
        data: { status: 'running', startedAt: new Date() },
        select: { id: true },
      });
      const report = await importProductCsv({
        text,
        mode,
        actor,
        reference: `CSV import${fileName ? ` ${fileName}` : ''}`,
        onValidated: (total) =>
          db.importJob.update({ where: { id: jobId }, data: { totalRows: total }, select: { id: true } }),
        onChunk: (tx, processed) =>
          tx.importJob.update({
            where: { id: jobId },
            data: { processedRows: processed },
            select: { id: true },
          }),
      });
      const { errors, ...counts } = report;
      await db.importJob.update({
        where: { id: jobId },
        data: {
          status: report.imported ? 'done' : 'failed',
          finishedAt: new Date(),
          result: { ...counts, error_count: errors.length },
          errors: errors.slice(0, STORED_ERRORS),
        },
        select: { id: true },
      });
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code === 'INTERNAL') console.error(`[import] job ${jobId} failed`, error);
      const message =
        `${appError.message} Rows imported before this stay imported; import the file ` +
        `again to finish (rows already imported are skipped).`;
      await db.importJob
        .update({
          where: { id: jobId },
          data: {
            status: 'failed',
            finishedAt: new Date(),
            errors: [{ row: 0, field: '(import)', message }],
          },
          select: { id: true },
        })
        .catch((e) => console.error(`[import] could not record the failure of job ${jobId}`, e));
    }
  };
  return { jobId, run };
}
