import { runSubgraph } from '../shared/run-service';
import { buildAuthSubgraph } from './subgraph';

void runSubgraph('auth', buildAuthSubgraph);
