import pino from 'pino';

export type Logger = pino.Logger;

/** One pino root logger; services take a child named after themselves. */
export const rootLogger: Logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: undefined,
  redact: ['req.headers.authorization', '*.password', '*.passwordHash'],
});
