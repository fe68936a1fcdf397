'use client';

let ctx: AudioContext | null = null;

/**
 * A short beep and a buzz for a scan, so the picker hears a mistake without looking: one high beep for
 * a good scan, two low ones (and a 200 ms vibration where the device can) for an error, a rising pair
 * when everything is done. Browsers only allow sound after a user gesture; a scanner's key presses count.
 */
export function scanCue(tone: 'ok' | 'error' | 'done'): void {
  try {
    if (tone === 'error' && typeof navigator !== 'undefined' && 'vibrate' in navigator)
      navigator.vibrate?.([200, 80, 200]);
    const AC =
      typeof window !== 'undefined'
        ? (window.AudioContext ??
          (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext)
        : undefined;
    if (!AC) return;
    ctx ??= new AC();
    if (ctx.state === 'suspended') void ctx.resume();
    const notes =
      tone === 'ok'
        ? [[1320, 0, 0.08]]
        : tone === 'done'
          ? [
              [880, 0, 0.1],
              [1320, 0.12, 0.16],
            ]
          : [
              [220, 0, 0.16],
              [220, 0.22, 0.16],
            ];
    for (const [freq, at, length] of notes) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.type = tone === 'error' ? 'square' : 'sine';
      osc.frequency.value = freq;
      gain.gain.value = 0.15;
      osc.connect(gain).connect(ctx.destination);
      const start = ctx.currentTime + at;
      osc.start(start);
      osc.stop(start + length);
    }
  } catch {
    // no sound is better than a broken scan screen
  }
}
