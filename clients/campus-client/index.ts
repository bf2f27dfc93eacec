/**
 * campus-client: a thin typed layer over fetch and graphql-ws for Campus's gateway. It takes
 * the TypedDocumentNodes codegen makes from clients/operations/ (clients/generated/) and
 * returns typed data, renews expired access tokens, sends persisted-document hashes and
 * resumes subscriptions with `after`. Browser-safe: no Node-only imports.
 */
export { createCampusClient } from './client';
export type {
  CampusClient,
  CampusClientOptions,
  ExecuteResult,
  SocketOptions,
  SubscriptionSink,
} from './client';
export { CampusError, isCampusError, toCampusError } from './errors';
export type { PersistedMode } from './http';
export { memorySessionStore, storageSessionStore, accessTokenExpiry } from './session';
export type { KeyValueStorage, Session, SessionChange, SessionStore } from './session';
export { operationInfo } from './documents';
export type { ResultOf, TypedDocumentNode, VariablesArg, VariablesOf } from './documents';
