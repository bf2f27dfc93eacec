import { rmSync } from 'node:fs';
import type { EmbeddedCluster } from '../scripts/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const state = globalThis as { campusCluster?: EmbeddedCluster; campusTestRoot?: string };
  await state.campusCluster?.stop();
  if (state.campusTestRoot) rmSync(state.campusTestRoot, { recursive: true, force: true });
}
