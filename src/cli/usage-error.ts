/** A mistake on the command line: exit 2, with the help hint. */
export class UsageError extends Error {}
