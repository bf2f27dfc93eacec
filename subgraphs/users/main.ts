import { runSubgraph } from '../shared/run-service';
import { buildUsersSubgraph } from './subgraph';

void runSubgraph('users', buildUsersSubgraph);
