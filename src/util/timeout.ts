// The one timeout helper: a promise that rejects with the caller's error when `work` is slower than
// `ms`. The timer never keeps the process alive, and a late rejection of `work` after the timeout
// is swallowed (Node ends the process on an unhandled rejection).

/** Resolves/rejects like `work`, or rejects with `onTimeout()` after `ms` milliseconds. */
export async function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    work.catch(() => {});
  }
}
