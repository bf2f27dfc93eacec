import type { DataSource } from 'typeorm';
import type { CampusConfig } from '../shared/config';
import { createServiceDataSource } from '../shared/db/data-source';
import type { Logger } from '../shared/logger';
import { AttendanceRecord } from './entities/attendance-record';
import { ClassSchedule } from './entities/class-schedule';
import { Course } from './entities/course';
import { CourseSection } from './entities/course-section';
import { Lesson } from './entities/lesson';
import { Room } from './entities/room';
import { CreateCourseTables1763769600000 } from './migrations/1763769600000-create-course-tables';
import { CourseAuthoring1763856000000 } from './migrations/1763856000000-course-authoring';
import { AddOutboxTraceParent1764115200000 } from './migrations/1764115200000-add-outbox-trace-parent';

export const createCourseDataSource = (
  config: CampusConfig,
  log: Logger,
  options: { keepStatements?: boolean } = {},
): DataSource =>
  createServiceDataSource({
    service: 'course',
    config,
    log,
    entities: [Course, CourseSection, Lesson, Room, ClassSchedule, AttendanceRecord],
    migrations: [
      CreateCourseTables1763769600000,
      CourseAuthoring1763856000000,
      AddOutboxTraceParent1764115200000,
    ],
    ...options,
  });
