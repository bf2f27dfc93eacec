import { requireOwner, requireViewer, type Viewer } from '../../shared/auth/viewer';
import type { ServiceContext } from '../../shared/context';
import { conflict, notFound } from '../../shared/errors';
import { requireUuid } from '../../shared/ids';
import { intInRange } from '../../shared/validation';
import { Enrollment } from '../entities/enrollment';
import { ENROLLMENT_COLUMNS, queryRow, toEnrollment } from './rows';

/**
 * updateEnrollmentProgress (the enrollment's student only): 0 to 100 on an ACTIVE
 * enrollment; 100 completes it (COMPLETED, completedAt). DROPPED and COMPLETED enrollments
 * are CONFLICT; the status check and the change are one conditional UPDATE.
 */
export async function updateEnrollmentProgress(
  ctx: ServiceContext,
  viewer: Viewer | null,
  id: string,
  progressPercent: number,
): Promise<Enrollment> {
  requireViewer(viewer);
  requireUuid('id', id);
  const progress = intInRange('progressPercent', progressPercent, 0, 100);
  const current = await ctx.db.getRepository(Enrollment).findOneBy({ id });
  if (!current) throw notFound('No such enrollment.');
  requireOwner(viewer, current.userId, 'Only the enrolled student can record their progress.');

  const row = await queryRow<Partial<Enrollment>>(
    ctx.db.manager,
    `UPDATE "booking"."enrollments"
        SET "progress_percent" = $2,
            "status" = CASE WHEN $2 = 100 THEN 'COMPLETED' ELSE 'ACTIVE' END,
            "completed_at" = CASE WHEN $2 = 100 THEN now() END
      WHERE "id" = $1 AND "status" = 'ACTIVE'
      RETURNING ${ENROLLMENT_COLUMNS}`,
    [id, progress],
  );
  if (!row) throw conflict('Only an active enrollment can make progress.');
  return toEnrollment(ctx.db.manager, row);
}
