/** Who follows a signal: its one listener, and the controllers that listener aborts. */
interface Followers {
  controllers: Set<AbortController>;
  onAbort: () => void;
}
const followersOf = new WeakMap<AbortSignal, Followers>();

/**
 * Makes `controller` abort, with `parent`'s reason, when `parent` does. Returns the function that
 * lets go of `parent` again. `parent` holds one listener however many controllers follow it, and
 * none once they have all let go. Not `AbortSignal.any`: on Node 20 a signal keeps every signal
 * made from it alive for as long as it lives, so a long-lived signal shared by listing after
 * listing would grow the heap with each one.
 */
export function follow(parent: AbortSignal | undefined, controller: AbortController): () => void {
  if (!parent) return () => {};
  if (parent.aborted) {
    controller.abort(parent.reason);
    return () => {};
  }
  let followers = followersOf.get(parent);
  if (!followers) {
    const controllers = new Set<AbortController>();
    const onAbort = () => {
      followersOf.delete(parent);
      for (const each of controllers) each.abort(parent.reason);
    };
    parent.addEventListener("abort", onAbort, { once: true });
    followers = { controllers, onAbort };
    followersOf.set(parent, followers);
  }
  const { controllers, onAbort } = followers;
  controllers.add(controller);
  return () => {
    if (!controllers.delete(controller) || controllers.size > 0) return;
    followersOf.delete(parent);
    parent.removeEventListener("abort", onAbort);
  };
}

/** Resolves after `ms`, or rejects with `signal`'s reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

const ignore = () => {};

/**
 * Lets go of something of the caller's (a body, by its `cancel`; an iterator, by its `return`),
 * waiting for nothing. Code of the caller's own may throw at once, give no promise, or one that
 * never settles: ignored, as it is let go either way.
 */
export function letGo(end: () => unknown): void {
  void Promise.resolve().then(end).then(ignore, ignore);
}

/**
 * `work`, or a rejection with `signal`'s reason as soon as it aborts, even if `work` ignores the
 * signal (a fetch of the caller's own, or its body's reader, may); what `work` gives after that
 * goes to `late`. Only waits that may ignore the signal are raced: a race held over a platform
 * body's reads slows every page (BENCHMARKS.md, section 1b).
 */
export async function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal,
  late: (value: T) => void = ignore,
): Promise<T> {
  let onAbort = () => {};
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort);
  });
  try {
    return await Promise.race([work, aborted]);
  } catch (error) {
    // Aborted, or `work` failed and nothing comes late: no one waits for it now.
    void work.then(late, ignore);
    throw error;
  } finally {
    // `fetch` may keep its signal a while after, and with the listener whatever it holds.
    signal.removeEventListener("abort", onAbort);
  }
}
