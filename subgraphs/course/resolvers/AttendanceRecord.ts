import type { AttendanceRecordResolvers } from '../generated/graphql';

export const AttendanceRecord: AttendanceRecordResolvers = {
  student: (record) => ({ id: record.studentId }),
};
