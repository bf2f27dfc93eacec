import { runSubgraph } from '../shared/run-service';
import { buildCourseSubgraph } from './subgraph';

void runSubgraph('course', buildCourseSubgraph);
