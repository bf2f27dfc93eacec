import { runSubgraph } from '../shared/run-service';
import { buildSupportSubgraph } from './subgraph';

void runSubgraph('support', buildSupportSubgraph);
