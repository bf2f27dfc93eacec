import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { GATEWAY_SECRET_HEADER } from '../../subgraphs/shared/gateway-secret';

/**
 * The peer the benchmark measures Campus against: Hive Gateway on the same supergraph
 * file and the same subgraph processes, passing on what Campus's gateway passes (the
 * client's Authorization and the gateway secret subgraphs require). Started as its own
 * process by the harness: HIVE_PORT, SUPERGRAPH_FILE, GATEWAY_SECRET.
 */
const port = Number(process.env.HIVE_PORT ?? 4100);
const supergraph = readFileSync(process.env.SUPERGRAPH_FILE ?? 'schema/supergraph.graphql', 'utf8');
const secret = process.env.GATEWAY_SECRET ?? '';

const gateway = createGatewayRuntime({
  supergraph,
  logging: 'error',
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }) => ({
      authorization: request.headers.get('authorization') ?? undefined,
      [GATEWAY_SECRET_HEADER]: secret,
    }),
  },
});

const server = http.createServer(gateway);
server.listen(port, () => console.log(`hive gateway listening on ${port}`));
const stop = () =>
  server.close(() => void Promise.resolve(gateway.dispose()).then(() => process.exit(0)));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
