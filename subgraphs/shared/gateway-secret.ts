import { timingSafeEqual } from 'node:crypto';

/**
 * Header the gateway adds to every subgraph request. Subgraphs refuse GraphQL requests
 * without it, so the only way in is through the gateway's checks (Apollo's advice for
 * securing subgraphs).
 */
export const GATEWAY_SECRET_HEADER = 'x-campus-gateway-secret';

export function isGatewaySecret(expected: string, received: string | string[] | undefined) {
  if (typeof received !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The client's address as the gateway saw it. Subgraphs trust it only because every
 * request they serve carries the gateway secret.
 */
export const CLIENT_IP_HEADER = 'x-campus-client-ip';
