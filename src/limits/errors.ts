/**
 * The errors a user can fix, below the CLI so that src/io and src/limits can raise them without
 * importing src/cli (src/cli/command.ts re-exports UsageError). The entry point prints either on
 * one line and exits 2; anything else is an internal error (exit 1).
 */

/** Bad flags, a bad file, an output that cannot be written: the message names what and why. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A command ran out of its --timeout budget (an exit-2 usage error: the user chose the budget). */
export class TimeoutError extends UsageError {
  override name = 'TimeoutError';
}

/** The work a spec asks for is estimated above a size limit (src/limits/budget.ts); refused before it starts. */
export class BudgetError extends UsageError {
  override name = 'BudgetError';
}
