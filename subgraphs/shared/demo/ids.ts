import { v5 as uuidv5 } from 'uuid';

// Fixed namespace: demo rows get the same ids on every machine, so each subgraph can seed
// its own schema and still refer to the others' rows (a student's booking of a course).
const DEMO_NAMESPACE = '5b0c7a0e-6f1e-4a8e-9a57-3c2d0e1f7a10';

export const demoId = (kind: string, key: string): string =>
  uuidv5(`${kind}:${key}`, DEMO_NAMESPACE);
