/**
 * Bad input from the user: a flag, a target, a file they named. The CLI prints the message
 * as one line and exits 2. Messages name the input and say what to do about it.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
