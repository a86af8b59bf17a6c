/** A command-line mistake, printed as its message alone without a stack trace. */
export class CliError extends Error {
  override readonly name = "CliError";
}
