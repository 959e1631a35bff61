// One Entity's factors, whole, as an audit hands them out: bounded, since the audit holds them
// until their listing ends.
import { VerifyPaginationError } from "../errors.js";
import type { FactorList } from "../paging/list-factors.js";
import type { Factor } from "../types.js";

/**
 * The most factors an audit takes for one Entity: a server that never ended an Entity's listing
 * would otherwise grow the audit without bound. An Entity with more fails alone, to be listed with
 * `listFactors`, which streams.
 */
export const MAX_FACTORS_PER_ENTITY = 10_000;

/** Every factor of `listing`; past MAX_FACTORS_PER_ENTITY, a `VerifyPaginationError`. */
export async function entityFactors(listing: FactorList): Promise<Factor[]> {
  const factors: Factor[] = [];
  for await (const page of listing.pages()) {
    for (const factor of page.factors) factors.push(factor);
    if (factors.length > MAX_FACTORS_PER_ENTITY) {
      throw new VerifyPaginationError(
        `the Entity has more than ${MAX_FACTORS_PER_ENTITY} factors, the most an audit holds for one; list them with listFactors`,
      );
    }
  }
  return factors;
}
