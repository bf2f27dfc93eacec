import { runSubgraph } from '../shared/run-service';
import { buildBookingSubgraph } from './subgraph';

void runSubgraph('booking', buildBookingSubgraph);
