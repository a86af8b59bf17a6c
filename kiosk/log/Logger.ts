/** Severity of a log entry, lowest first. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Structured values that go with a log entry, such as `{ userId, status }`. */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * The kiosk's logger: fields first, then a short lowercase message, as the
 * hub logs with pino. Pass one to every module that logs, so tests can
 * capture entries instead of printing them.
 */
export interface Logger {
  debug(fields: LogFields, message: string): void;
  info(fields: LogFields, message: string): void;
  warn(fields: LogFields, message: string): void;
  error(fields: LogFields, message: string): void;
  /** Returns a logger that adds `bindings` to every entry. */
  child(bindings: LogFields): Logger;
}

/** One entry as a sink receives it, after redaction. */
export interface LogEntry {
  readonly level: LogLevel;
  readonly message: string;
  readonly fields: LogFields;
  readonly time: number;
}

export type LogSink = (entry: LogEntry) => void;

const LEVEL_ORDER: Readonly<Record<LogLevel, number>> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
};

/**
 * Field names whose values are replaced before an entry reaches a sink, as a
 * second line of defence: callers must not pass PINs or tokens at all.
 */
const REDACTED_FIELDS: ReadonlySet<string> = new Set([
  "pin",
  "currentpin",
  "newpin",
  "temporarypin",
  "proof",
  "token",
  "authorization",
]);

const REDACTED = "[redacted]";

/** Creates a logger that sends entries at or above `level` to `sink`. */
export function createLogger(options: {
  readonly level: LogLevel;
  readonly sink: LogSink;
  readonly bindings?: LogFields;
}): Logger {
  const { level, sink, bindings = {} } = options;
  const threshold = LEVEL_ORDER[level];

  const write = (entryLevel: LogLevel, fields: LogFields, message: string) => {
    if (LEVEL_ORDER[entryLevel] < threshold) {
      return;
    }
    sink({
      level: entryLevel,
      message,
      fields: redact({ ...bindings, ...fields }),
      time: Date.now(),
    });
  };

  return {
    debug: (fields, message) => write("debug", fields, message),
    info: (fields, message) => write("info", fields, message),
    warn: (fields, message) => write("warn", fields, message),
    error: (fields, message) => write("error", fields, message),
    child: (childBindings) =>
      createLogger({
        level,
        sink,
        bindings: { ...bindings, ...childBindings },
      }),
  };
}

/** A sink that writes to the browser console with the matching method. */
export function consoleSink(target: Pick<Console, LogLevel> = console) {
  return (entry: LogEntry): void => {
    target[entry.level](entry.message, entry.fields);
  };
}

function redact(fields: LogFields): LogFields {
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    result[name] = REDACTED_FIELDS.has(name.toLowerCase()) ? REDACTED : value;
  }
  return result;
}
