// @ts-check

/**
 * Calls `tick` every `ms` until `signal` aborts (the page is left), never overlapping: the next tick waits for the last.
 * @param {() => Promise<unknown>} tick
 * @param {number} ms
 * @param {AbortSignal} signal
 */
export function every(tick, ms, signal) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const schedule = () => {
    if (!signal.aborted) {
      timer = setTimeout(async () => {
        try {
          await tick();
        } finally {
          schedule();
        }
      }, ms);
    }
  };
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  schedule();
}
