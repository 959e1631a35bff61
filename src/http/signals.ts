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

/**
 * A promise that rejects with `signal`'s reason once it aborts, and the function that lets go of
 * the signal again. Let go as soon as the promise is no longer raced: `fetch` may keep a signal
 * it was given for a while after, and with it whatever the listener holds (through a race, the
 * response).
 */
export function rejectOnAbort(signal: AbortSignal) {
  let release = () => {};
  const promise = new Promise<never>((_resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    // A signal aborts once, and release() takes the listener off either way.
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort);
    release = () => signal.removeEventListener("abort", onAbort);
  });
  return { promise, release };
}
