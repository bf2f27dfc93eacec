import type { DataSource } from 'typeorm';
import type { CampusConfig } from '../shared/config';
import { createServiceDataSource } from '../shared/db/data-source';
import type { Logger } from '../shared/logger';
import { Booking } from './entities/booking';
import { CourseView } from './entities/course-view';
import { Enrollment } from './entities/enrollment';
import { CreateCourseViewBookingsAndEnrollments1763769600000 } from './migrations/1763769600000-create-course-view-bookings-and-enrollments';
import { AddEventTablesSeatCountsAndDecisionReason1763856000000 } from './migrations/1763856000000-add-event-tables-seat-counts-and-decision-reason';
import { AddOutboxTraceParent1764115200000 } from './migrations/1764115200000-add-outbox-trace-parent';

export const createBookingDataSource = (
  config: CampusConfig,
  log: Logger,
  options: { keepStatements?: boolean } = {},
): DataSource =>
  createServiceDataSource({
    service: 'booking',
    config,
    log,
    entities: [CourseView, Booking, Enrollment],
    migrations: [
      CreateCourseViewBookingsAndEnrollments1763769600000,
      AddEventTablesSeatCountsAndDecisionReason1763856000000,
      AddOutboxTraceParent1764115200000,
    ],
    ...options,
  });
