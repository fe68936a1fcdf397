'use server';

import { revalidatePath } from 'next/cache';
import { action } from '@/lib/server-action';
import { retryJob } from '@/lib/jobs/retry-job';
import { formText } from '@/lib/form-data';

/** Settings → Jobs (admin): a failed job gets one more try. */
export const retryJobAction = action({ permission: 'settings:write' }, async ({ actor, formData }) => {
  await retryJob({ jobId: formText(formData, 'jobId'), actor });
  revalidatePath('/settings/jobs');
  return { message: 'Queued for one more try.' };
});
