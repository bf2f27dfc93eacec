import type { IncomingMessage } from 'node:http';

/** Why a body was not read: said to the client as a GraphQL error with this status. */
export interface BodyRefusal {
  status: 400 | 413 | 415;
  message: string;
}

export type ReadBody = { body: unknown } | { refused: BodyRefusal };

const TOO_LARGE: BodyRefusal = { status: 413, message: 'The request body is too large.' };
const NOT_JSON: BodyRefusal = { status: 400, message: 'The request body is not valid JSON.' };
const NOT_UTF8: BodyRefusal = { status: 415, message: 'The request body must be UTF-8 JSON.' };

/** `application/json` or `application/graphql-response+json`, any `+json`, UTF-8 only. */
function jsonMediaType(contentType: string | undefined): 'json' | 'other' | 'bad-charset' {
  if (!contentType) return 'other';
  const [type = '', ...params] = contentType.toLowerCase().split(';');
  const media = type.trim();
  if (media !== 'application/json' && !media.endsWith('+json')) return 'other';
  const charset = params.map((p) => p.trim()).find((p) => p.startsWith('charset='));
  if (charset && !/^charset="?utf-8"?$/.test(charset)) return 'bad-charset';
  return 'json';
}

/**
 * The JSON body of a request, bounded: a declared length over the limit is refused before
 * reading a byte, and a body that grows past it stops being read. A body that is not JSON
 * by its content type is `undefined` (Apollo Server answers that request itself).
 */
export function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<ReadBody> {
  const kind = jsonMediaType(req.headers['content-type']);
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limitBytes) return discard(req, { refused: TOO_LARGE });
  if (kind === 'bad-charset') return discard(req, { refused: NOT_UTF8 });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: ReadBody) => {
      if (done) return;
      done = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limitBytes) {
        chunks.length = 0;
        req.pause();
        finish({ refused: TOO_LARGE });
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (error) => (done ? undefined : reject(error)));
    req.on('end', () => {
      if (kind !== 'json') return finish({ body: undefined });
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.length === 0) return finish({ body: undefined });
      try {
        finish({ body: JSON.parse(text) as unknown });
      } catch {
        finish({ refused: NOT_JSON });
      }
    });
  });
}

/** Refuses without reading the body: the refusal closes the connection instead. */
function discard(_req: IncomingMessage, result: ReadBody): Promise<ReadBody> {
  return Promise.resolve(result);
}
