import pino from 'pino';

export type Logger = pino.Logger;

const env = process.env.NODE_ENV ?? 'development';

// People watching `npm start` in a terminal get readable lines; everything else (pipes,
// containers, production) gets JSON.
const pretty = env === 'development' && process.stdout.isTTY;

/** One pino root logger; services take a child named after themselves. */
export const rootLogger: Logger = pino({
  level: process.env.LOG_LEVEL ?? (env === 'test' ? 'silent' : 'info'),
  base: undefined,
  redact: ['req.headers.authorization', '*.password', '*.passwordHash'],
  transport: pretty
    ? { target: 'pino-pretty', options: { ignore: 'pid,hostname', translateTime: 'HH:MM:ss' } }
    : undefined,
});
