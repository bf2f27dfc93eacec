import type { EntityManager } from 'typeorm';
import type { ServiceContext } from '../../shared/context';
import type { EventConsumer } from '../../shared/events/bus';
import {
  consumerGroup,
  type DomainEvent,
  type EventPayloads,
  type EventType,
} from '../../shared/events/catalog';
import { applyOnce } from '../../shared/events/consumer';
import { isUuid } from '../../shared/ids';

type CourseChanged = EventPayloads['course.changed'];

/** The consumer group keeping booking's view of courses (contract: Domain events). */
export const COURSE_VIEW_GROUP = consumerGroup('booking.course-view');

const COURSE_STATUSES: readonly string[] = ['DRAFT', 'PUBLISHED', 'ARCHIVED'];
const INT4_MAX = 2_147_483_647;

const isEventOf = <T extends EventType>(event: DomainEvent, type: T): event is DomainEvent<T> =>
  event.type === type;

const isCount = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) <= INT4_MAX;

/**
 * Whether a payload can be applied. A payload the table would refuse would fail on every
 * redelivery and hold back every event behind it, so it is logged and skipped instead.
 */
function isApplicable(payload: CourseChanged): boolean {
  return (
    typeof payload.courseId === 'string' &&
    isUuid(payload.courseId) &&
    typeof payload.instructorId === 'string' &&
    isUuid(payload.instructorId) &&
    COURSE_STATUSES.includes(payload.status) &&
    isCount(payload.capacity) &&
    isCount(payload.version)
  );
}

/**
 * Writes the course's state unless the view already holds a newer version: events carry
 * full state with a version that grows with every change, so a late or reordered one
 * changes nothing. seats_taken is booking's own count and never comes from events.
 */
async function upsertCourseView(manager: EntityManager, course: CourseChanged): Promise<void> {
  await manager.query(
    `INSERT INTO "booking"."courses"
            ("id", "status", "capacity", "instructor_id", "version", "updated_at")
     VALUES ($1, $2, $3, $4, $5, now())
     ON CONFLICT ("id") DO UPDATE
        SET "status" = EXCLUDED."status",
            "capacity" = EXCLUDED."capacity",
            "instructor_id" = EXCLUDED."instructor_id",
            "version" = EXCLUDED."version",
            "updated_at" = now()
      WHERE "booking"."courses"."version" < EXCLUDED."version"`,
    [course.courseId, course.status, course.capacity, course.instructorId, course.version],
  );
}

/**
 * booking.course-view: applies each course.changed once (its id is remembered in
 * booking.processed_events in the same transaction as the change).
 */
export function courseViewConsumer(ctx: ServiceContext): EventConsumer {
  return {
    group: COURSE_VIEW_GROUP.group,
    types: COURSE_VIEW_GROUP.types,
    async handle(event) {
      if (!isEventOf(event, 'course.changed')) return;
      if (!isApplicable(event.payload)) {
        ctx.log.error({ eventId: event.id, payload: event.payload }, 'unusable course.changed');
        return;
      }
      await applyOnce(ctx.db, 'booking', COURSE_VIEW_GROUP.group, event, (manager) =>
        upsertCourseView(manager, event.payload),
      );
    },
  };
}
