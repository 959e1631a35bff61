// Where an audit's identities come from: the caller's iterable, or the Service's Entities.
import { describe } from "../shown.js";
import { VerifyArgumentError } from "../errors.js";
import type { EntityList } from "../paging/list-entities.js";

// Handed on as they are: an identity that is not a string fails its own check, named as what it is.
export async function* identitiesOf(entities: EntityList): AsyncGenerator<unknown> {
  for await (const entity of entities) yield entity.identity;
}

// The iteration protocol, checked where `for await` would throw a bare TypeError.
const PROTOCOL = "an iterable whose iterator has a next() that gives { done, value } objects";

export function checkStep<T>(step: IteratorResult<T>): IteratorResult<T> {
  if (typeof step === "object" && step !== null) return step;
  throw new VerifyArgumentError(
    "identities",
    `gave a next() result that ${describe(step)}`,
    PROTOCOL,
  );
}

export function iteratorOf(source: Iterable<unknown> | AsyncIterable<unknown>) {
  const asyncIterator = (source as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator];
  const iterator: unknown =
    typeof asyncIterator === "function"
      ? asyncIterator.call(source)
      : (source as Iterable<unknown>)[Symbol.iterator]();
  const next = (iterator as Partial<Iterator<unknown>> | null)?.next;
  if (typeof next === "function") return iterator as AsyncIterator<unknown> | Iterator<unknown>;
  throw new VerifyArgumentError(
    "identities",
    `gave an iterator that ${describe(iterator)}`,
    PROTOCOL,
  );
}
