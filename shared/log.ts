/**
 * pino configured for Cloud Logging's structured-log shape:
 * `severity` instead of pino's numeric level, `message` instead of `msg`,
 * an RFC 3339 `time`. See https://cloud.google.com/logging/docs/structured-logging.
 */
import { pino, type Logger, type DestinationStream } from 'pino';
import type { LogConfig } from './config.js';

export type { Logger };

const severities: Record<string, string> = {
  trace: 'DEBUG',
  debug: 'DEBUG',
  info: 'INFO',
  warn: 'WARNING',
  error: 'ERROR',
  fatal: 'CRITICAL',
};

export function createLogger(config: LogConfig, name: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level: config.level,
      messageKey: 'message',
      base: { service: name },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ severity: severities[label] ?? 'DEFAULT' }),
      },
      // Credentials never reach the logs, even if a header object is logged by mistake.
      redact: { paths: ['authorization', '*.authorization', 'headers.authorization', 'token', '*.token'], censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    // Asynchronous writes coalesce the lines that queue up while one write is
    // in flight: one syscall for many lines under load, none held back when idle.
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
