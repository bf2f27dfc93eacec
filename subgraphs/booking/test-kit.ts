import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { DomainEvent, EventPayloads } from '../shared/events/catalog';
import { DEMO_COURSES } from '../shared/demo/catalog';
import type { SubgraphService } from '../shared/server';
import { courseViewConsumer } from './consumers/course-view';
import type { Loaders } from './loaders';

/**
 * Test helpers: the course subgraph does not run in booking's tests, so they play its part
 * and hand course.changed events to booking's consumer directly.
 */
export type CourseChanged = EventPayloads['course.changed'];

export const courseChanged = (payload: CourseChanged): DomainEvent<'course.changed'> => ({
  id: uuidv7(),
  type: 'course.changed',
  producer: 'course',
  occurredAt: new Date(),
  payload,
});

/** Delivers one event to booking.course-view, as the bus would. */
export const deliver = (
  service: SubgraphService<Loaders>,
  event: DomainEvent<'course.changed'>,
): Promise<void> => courseViewConsumer(service.services).handle(event);

/** A fresh course in booking's view (PUBLISHED, 10 seats, version 1 unless told). */
export async function freshCourse(
  service: SubgraphService<Loaders>,
  overrides: Partial<CourseChanged> = {},
): Promise<CourseChanged> {
  const payload: CourseChanged = {
    courseId: randomUUID(),
    status: 'PUBLISHED',
    capacity: 10,
    instructorId: randomUUID(),
    version: 1,
    ...overrides,
  };
  await deliver(service, courseChanged(payload));
  return payload;
}

/** What course.changed would have told booking about every demo course. */
export async function feedDemoCourses(service: SubgraphService<Loaders>): Promise<void> {
  for (const course of DEMO_COURSES) {
    await deliver(
      service,
      courseChanged({
        courseId: course.id,
        status: course.status,
        capacity: course.capacity,
        instructorId: course.instructorId,
        version: 1,
      }),
    );
  }
}
