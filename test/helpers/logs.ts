import { Writable } from 'node:stream';

import { createLogger, type Logger } from '../../src/logger.js';

export function silentLogger(): Logger {
  return createLogger({ logLevel: 'silent', prettyLogs: false });
}

export interface CapturedLogs {
  logger: Logger;
  /** Every line written so far, parsed from pino's JSON. */
  records(): Array<Record<string, unknown>>;
  /** Every line written so far, as raw text. */
  text(): string;
}

/** Creates a logger at `level` whose JSON lines are kept in memory for assertions. */
export function captureLogs(level: 'trace' | 'debug' | 'info' = 'trace'): CapturedLogs {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
      callback();
    },
  });
  const logger = createLogger({ logLevel: level, prettyLogs: false }, stream);

  return {
    logger,
    records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => lines.join('\n'),
  };
}
