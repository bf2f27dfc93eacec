import {
  startInProcessSupergraph,
  type InProcessSupergraph,
} from '../scripts/in-process-supergraph';
import { testConfig, testLog } from './helpers';

export { postGraphQL } from '../scripts/in-process-supergraph';
export type RunningSupergraph = InProcessSupergraph;

/** The whole supergraph on free ports against the test cluster. */
export const startSupergraph = async (): Promise<RunningSupergraph> =>
  startInProcessSupergraph(await testConfig(), testLog);
