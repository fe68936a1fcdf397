'use client';

import { useCallback, useState } from 'react';
import { scanCue } from '@/components/fulfillment/scan-feedback';

/** What a scan screen says about the last scan: a good one, a refused one, or "all done". */
export type ScanFeedback = { tone: 'ok' | 'error' | 'done'; message: string };

/**
 * The last scan's feedback and `say`, which shows a message and plays its cue (scanCue) together, so
 * every scan screen sounds and reads the same. `setFeedback` is there for clearing it.
 */
export function useScanFeedback(initial: ScanFeedback | null = null) {
  const [feedback, setFeedback] = useState<ScanFeedback | null>(initial);
  const say = useCallback((f: ScanFeedback) => {
    setFeedback(f);
    scanCue(f.tone);
  }, []);
  return { feedback, setFeedback, say };
}

const TONE_STYLE = {
  error: 'border-red-700 bg-red-50 text-red-900',
  ok: 'border-green-700 bg-green-50 text-green-950',
  done: 'border-green-700 bg-green-50 text-green-950',
} as const;

/** The large, announced (aria-live) line under a scan input: ✓ or ✗ and the message. */
export function ScanFeedbackMessage({
  feedback,
  minHeight = 'min-h-14',
}: {
  feedback: ScanFeedback | null;
  minHeight?: 'min-h-14' | 'min-h-16';
}) {
  return (
    <div aria-live="assertive" className={minHeight}>
      {feedback && (
        <p
          data-testid="scan-feedback"
          data-tone={feedback.tone}
          className={`rounded-lg border-2 px-4 py-3 text-lg font-semibold ${TONE_STYLE[feedback.tone]}`}
        >
          {feedback.tone === 'error' ? '✗ ' : '✓ '}
          {feedback.message}
        </p>
      )}
    </div>
  );
}
