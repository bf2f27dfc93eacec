import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { REQUEST_LIMITS } from './limits';

/**
 * What a client may see of an error, whatever produced it (the gateway, a subgraph,
 * graphql-js, a transport): its message, where it happened, and the contract's extensions.
 * Everything else (the subgraph's name, URL, status or raw body, exception details) stays
 * in the log. Both transports shape errors with this one module.
 */
const PUBLIC_EXTENSIONS = ['code', 'field', 'retryAfterSeconds', 'service', 'reason'] as const;

/** graphql-js appends schema hints ("Did you mean …?") that describe a hidden schema. */
const SUGGESTION = /\s*Did you mean [^?]*\?\s*$/;

export interface ErrorShapingOptions {
  /** Production hides field, argument and enum suggestions (the schema is not public). */
  production: boolean;
  /** Development keeps stack traces, as the contract allows. */
  development: boolean;
}

const truncate = (message: string): string => {
  const max = REQUEST_LIMITS.errors.messageLength;
  return message.length <= max ? message : `${message.slice(0, max - 1)}…`;
};

export function shapeError(
  error: GraphQLFormattedError,
  options: ErrorShapingOptions,
): GraphQLFormattedError {
  const source = error.extensions ?? {};
  const extensions: Record<string, unknown> = {};
  for (const key of PUBLIC_EXTENSIONS) {
    if (source[key] !== undefined) extensions[key] = source[key];
  }
  extensions.code ??= 'INTERNAL_SERVER_ERROR';
  if (options.development && source.stacktrace !== undefined) {
    extensions.stacktrace = source.stacktrace;
  }
  const message = options.production ? error.message.replace(SUGGESTION, '') : error.message;
  return {
    message: truncate(message || 'Unknown error.'),
    ...(error.locations ? { locations: error.locations.slice(0, 3) } : {}),
    ...(error.path ? { path: error.path } : {}),
    extensions,
  };
}

/** At most a handful of errors: the first ones, then one that counts the rest. */
export function boundErrors(errors: readonly GraphQLFormattedError[]): GraphQLFormattedError[] {
  const max = REQUEST_LIMITS.errors.count;
  if (errors.length <= max) return [...errors];
  const kept = errors.slice(0, max - 1);
  const left = errors.length - kept.length;
  return [
    ...kept,
    {
      message: `${left} more errors were left out.`,
      extensions: { code: errors[max - 1]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR' },
    },
  ];
}

/** Shapes and bounds a list of errors as sent to the client. */
export const shapeErrors = (
  errors: readonly GraphQLFormattedError[],
  options: ErrorShapingOptions,
): GraphQLFormattedError[] => boundErrors(errors).map((error) => shapeError(error, options));

interface CompletionError {
  message: string;
  path?: readonly (string | number)[];
}

/**
 * @apollo/gateway reports a null where the schema promises a value (a subgraph that could
 * not resolve an entity) only in `extensions.valueCompletion`, so a client can get
 * `data: null` and no error at all. Those become ordinary errors here.
 */
function completionErrors(extensions: Record<string, unknown> | undefined) {
  const reported = extensions?.valueCompletion;
  if (!Array.isArray(reported)) return [];
  return (reported as CompletionError[]).map((error): GraphQLFormattedError => ({
    message: error.message,
    ...(error.path ? { path: [...error.path] } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR', reason: 'INCOMPLETE_RESULT' },
  }));
}

/** The Apollo Server side: every error list a response carries is shaped and bounded. */
export function errorShapingPlugin(options: ErrorShapingOptions): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const incomplete = completionErrors(result.extensions);
          if (result.extensions?.valueCompletion !== undefined) {
            const rest = { ...result.extensions };
            delete rest.valueCompletion;
            result.extensions = Object.keys(rest).length > 0 ? rest : undefined;
          }
          const errors = [...(result.errors ?? []), ...incomplete];
          if (errors.length > 0) result.errors = shapeErrors(errors, options);
        },
      };
    },
  };
}
