import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { CLIENT_IP_HEADER, GATEWAY_SECRET_HEADER } from '../subgraphs/shared/gateway-secret';
import type { GatewayContext } from './viewer';

/**
 * How the gateway talks to a subgraph: it proves itself with the shared secret and passes
 * the client's Authorization header, address and user agent through, so each subgraph authorizes on its own.
 */
export class CampusSubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    options: { url: string; name: string },
    private readonly gatewaySecret: string,
  ) {
    super({ url: options.url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>) {
    request.http?.headers.set(GATEWAY_SECRET_HEADER, this.gatewaySecret);
    // `context` is empty for the gateway's own requests (health checks, schema loading).
    const { authorization, client } = context as Partial<GatewayContext>;
    if (authorization) request.http?.headers.set('authorization', authorization);
    if (client?.ip) request.http?.headers.set(CLIENT_IP_HEADER, client.ip);
    if (client?.userAgent) request.http?.headers.set('user-agent', client.userAgent);
  }
}
