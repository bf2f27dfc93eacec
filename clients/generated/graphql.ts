/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type AccountStatus =
  | 'ACTIVE'
  | 'SUSPENDED';

export type BookingStatus =
  | 'CANCELLED'
  | 'CONFIRMED'
  | 'PENDING'
  | 'REJECTED';

export type CourseFilter = {
  instructorId?: string | null | undefined;
  level?: CourseLevel | null | undefined;
  /** Case-insensitive substring of the title or the description. */
  search?: string | null | undefined;
  status?: CourseStatus | null | undefined;
};

export type CourseLevel =
  | 'ADVANCED'
  | 'BEGINNER'
  | 'INTERMEDIATE';

export type CourseStatus =
  | 'ARCHIVED'
  | 'DRAFT'
  | 'PUBLISHED';

export type CreateCourseInput = {
  /** Seats, 1 to 10,000. */
  capacity: number;
  /** At most 10,000 characters; empty when absent. */
  description?: string | null | undefined;
  /** The teaching instructor. Only an ADMIN may name someone else; default the viewer. */
  instructorId?: string | null | undefined;
  level: CourseLevel;
  /** Absent or null: the course is free. */
  price?: MoneyInput | null | undefined;
  /** Lower-case letters, digits and single dashes, at most 100 characters; unique. */
  slug: string;
  /** 1 to 200 characters. */
  title: string;
};

export type CreateRoomInput = {
  /** At most 200 characters. */
  building?: string | null | undefined;
  /** Seats, 1 to 10,000. */
  capacity: number;
  /** 1 to 100 characters; unique. */
  name: string;
};

export type EnrollmentStatus =
  | 'ACTIVE'
  | 'COMPLETED'
  | 'DROPPED';

export type LessonKind =
  | 'ASSIGNMENT'
  | 'QUIZ'
  | 'TEXT'
  | 'VIDEO';

/** A price in the smallest unit of its currency. */
export type MoneyInput = {
  /** 0 or more. */
  amountCents: number;
  /** ISO 4217 code: three capital letters, e.g. EUR. */
  currency: string;
};

export type RegisterForCourseInput = {
  courseId: string;
  /**
   * Chosen by the client, 1 to 200 characters: sending the same key again within 24 hours
   * returns the same booking instead of making a second one, so a retry is always safe.
   */
  idempotencyKey: string;
  /** A note to the admin, at most 1,000 characters. */
  note?: string | null | undefined;
  /** The class the student wants to start with (optional). */
  scheduleId?: string | null | undefined;
};

export type Role =
  | 'ADMIN'
  | 'INSTRUCTOR'
  | 'STUDENT';

export type ScheduleClassInput = {
  courseId: string;
  /** After startsAt, at most 24 hours later. */
  endsAt: string;
  /** Absent or null: an online class, with no room to book. */
  roomId?: string | null | undefined;
  startsAt: string;
};

export type SignUpInput = {
  email: string;
  firstName: string;
  lastName: string;
  /** At least 8 characters. */
  password: string;
};

export type SupportSessionStatus =
  /** An admin is handling it. */
  | 'ASSIGNED'
  | 'CLOSED'
  /** Waiting for an agent. */
  | 'OPEN'
  | 'RESOLVED';

/**
 * Changes to the viewer's own profile. Only the fields present change; a field left out
 * stays as it is.
 */
export type UpdateProfileInput = {
  /** An absolute http or https URL of at most 2,048 characters; null or empty clears it. */
  avatarUrl?: string | null | undefined;
  /** At most 2,000 characters; null or blank clears it. */
  bio?: string | null | undefined;
  /** Trimmed, 1 to 100 characters; cannot be cleared (null is BAD_USER_INPUT). */
  firstName?: string | null | undefined;
  /** Trimmed, 1 to 100 characters; cannot be cleared (null is BAD_USER_INPUT). */
  lastName?: string | null | undefined;
  /**
   * International format such as `+1 555 0100` (digits, spaces, parentheses and dashes,
   * optionally after a +); null or blank clears it.
   */
  phone?: string | null | undefined;
};

export type LogInMutationVariables = Exact<{
  email: string;
  password: string;
}>;


export type LogInMutation = { logIn: { accessToken: string, refreshToken: string, expiresAt: string, user: { id: string, email: string, role: Role, name: string } } };

export type RefreshTokenMutationVariables = Exact<{
  refreshToken: string;
}>;


export type RefreshTokenMutation = { refreshToken: { accessToken: string, refreshToken: string, expiresAt: string, user: { id: string, email: string, role: Role, name: string } } };

export type LogOutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogOutMutation = { logOut: boolean };

export type SignUpMutationVariables = Exact<{
  input: SignUpInput;
}>;


export type SignUpMutation = { signUp: { accessToken: string, refreshToken: string, expiresAt: string, user: { id: string, email: string, role: Role, name: string } } };

export type SessionTokensFragment = { accessToken: string, refreshToken: string, expiresAt: string, user: { id: string, email: string, role: Role, name: string } };

export type BadInputUsersPageQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type BadInputUsersPageQuery = { users: { totalCount: number, pageInfo: { endCursor: string | null }, edges: Array<{ node: { id: string } }> } };

export type BadInputInstructorsPageQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type BadInputInstructorsPageQuery = { instructors: { totalCount: number, pageInfo: { endCursor: string | null }, edges: Array<{ node: { id: string } }> } };

export type BadInputCoursesPageQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type BadInputCoursesPageQuery = { courses: { totalCount: number, pageInfo: { endCursor: string | null }, edges: Array<{ node: { id: string } }> } };

export type BadInputPendingBookingsPageQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type BadInputPendingBookingsPageQuery = { pendingBookings: { totalCount: number, pageInfo: { endCursor: string | null }, edges: Array<{ node: { id: string } }> } };

export type BadInputCourseEnrollmentsPageQueryVariables = Exact<{
  courseId: string;
  after?: string | null | undefined;
}>;


export type BadInputCourseEnrollmentsPageQuery = { courseEnrollments: { totalCount: number, pageInfo: { endCursor: string | null }, edges: Array<{ node: { id: string } }> } };

export type BadInputSupportMessagesBeforeQueryVariables = Exact<{
  before?: string | null | undefined;
}>;


export type BadInputSupportMessagesBeforeQuery = { mySupportSessions: Array<{ messages: Array<{ id: string }> }> };

export type BadInputMeQueryVariables = Exact<{ [key: string]: never; }>;


export type BadInputMeQuery = { me: { bio: string | null, firstName: string, supportSessions: Array<{ id: string }> } | null };

export type BadInputUpdateProfileMutationVariables = Exact<{
  input: UpdateProfileInput;
}>;


export type BadInputUpdateProfileMutation = { updateMyProfile: { bio: string | null } };

export type BadInputUsersSearchQueryVariables = Exact<{
  search?: string | null | undefined;
}>;


export type BadInputUsersSearchQuery = { users: { totalCount: number } };

export type BadInputCourseSearchQueryVariables = Exact<{
  filter?: CourseFilter | null | undefined;
}>;


export type BadInputCourseSearchQuery = { courses: { totalCount: number } };

export type BadInputSchedulesFromQueryVariables = Exact<{
  from?: string | null | undefined;
}>;


export type BadInputSchedulesFromQuery = { availableSchedules: Array<{ id: string }> };

export type BadInputSchedulesWindowQueryVariables = Exact<{
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type BadInputSchedulesWindowQuery = { availableSchedules: Array<{ startsAt: string }> };

export type BadInputScheduleClassMutationVariables = Exact<{
  input: ScheduleClassInput;
}>;


export type BadInputScheduleClassMutation = { scheduleClass: { id: string } };

export type TestCancelBookingMutationVariables = Exact<{
  id: string;
}>;


export type TestCancelBookingMutation = { cancelBooking: { id: string } };

export type DeadlinesCoursesWithViewerBookingQueryVariables = Exact<{ [key: string]: never; }>;


export type DeadlinesCoursesWithViewerBookingQuery = { courses: { totalCount: number, edges: Array<{ node: { title: string, viewerBooking: { id: string } | null } }> } };

export type DeadlinesCoursesWithInstructorsQueryVariables = Exact<{ [key: string]: never; }>;


export type DeadlinesCoursesWithInstructorsQuery = { courses: { edges: Array<{ node: { title: string, instructor: { name: string } | null } }> } };

export type ErrorsBookingCourseQueryVariables = Exact<{
  id: string;
}>;


export type ErrorsBookingCourseQuery = { booking: { id: string, course: { title: string } } | null };

export type ErrorsCoursesByStatusQueryVariables = Exact<{
  status?: CourseStatus | null | undefined;
}>;


export type ErrorsCoursesByStatusQuery = { courses: { totalCount: number } };

export type ErrorsSupportQueueNamesQueryVariables = Exact<{ [key: string]: never; }>;


export type ErrorsSupportQueueNamesQuery = { supportQueue: Array<{ subject: string, customer: { id: string, name: string } }> };

export type FlowMeQueryVariables = Exact<{ [key: string]: never; }>;


export type FlowMeQuery = { me: { id: string, name: string, email: string } | null };

export type FlowCreateCourseMutationVariables = Exact<{
  input: CreateCourseInput;
}>;


export type FlowCreateCourseMutation = { createCourse: { id: string, status: CourseStatus } };

export type FlowPublishCourseMutationVariables = Exact<{
  id: string;
}>;


export type FlowPublishCourseMutation = { publishCourse: { id: string, status: CourseStatus } };

export type FlowRegisterMutationVariables = Exact<{
  input: RegisterForCourseInput;
}>;


export type FlowRegisterMutation = { registerForCourse: { id: string, status: BookingStatus, course: { title: string, seatsLeft: number } } };

export type FlowSeatsLeftQueryVariables = Exact<{
  id: string;
}>;


export type FlowSeatsLeftQuery = { course: { seatsLeft: number } | null };

export type FlowCourseBySlugQueryVariables = Exact<{
  slug: string;
}>;


export type FlowCourseBySlugQuery = { course: { id: string } | null };

export type FlowCreateRoomMutationVariables = Exact<{
  input: CreateRoomInput;
}>;


export type FlowCreateRoomMutation = { createRoom: { id: string } };

export type FlowRenameCourseMutationVariables = Exact<{
  id: string;
  title: string;
}>;


export type FlowRenameCourseMutation = { updateCourse: { id: string } };

export type GatewayMeQueryVariables = Exact<{ [key: string]: never; }>;


export type GatewayMeQuery = { me: { email: string, role: Role, status: AccountStatus } | null };

export type GatewayMeIdQueryVariables = Exact<{ [key: string]: never; }>;


export type GatewayMeIdQuery = { me: { id: string } | null };

export type GatewayStudentDashboardQueryVariables = Exact<{ [key: string]: never; }>;


export type GatewayStudentDashboardQuery = { me: { id: string, email: string, role: Role, name: string, enrollments: Array<{ status: EnrollmentStatus, progressPercent: number, course: { title: string, instructor: { name: string } | null } }>, bookings: Array<{ status: BookingStatus, course: { slug: string, seatsLeft: number } }>, supportSessions: Array<{ subject: string, status: SupportSessionStatus, assignee: { name: string } | null }> } | null };

export type SubscriptionsMessageAddedSubscriptionVariables = Exact<{
  sessionId: string;
  after?: string | null | undefined;
}>;


export type SubscriptionsMessageAddedSubscription = { supportMessageAdded: { id: string, body: string, sender: { name: string, role: Role }, session: { customer: { email: string } } } };

export type SubscriptionsViewerSpecificMessageAddedSubscriptionVariables = Exact<{
  sessionId: string;
}>;


export type SubscriptionsViewerSpecificMessageAddedSubscription = { supportMessageAdded: { id: string, body: string, session: { customer: { bookings: Array<{ course: { viewerBooking: { id: string } | null } }> } } } };

export type SubscriptionsBookingUpdatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type SubscriptionsBookingUpdatedSubscription = { bookingUpdated: { status: BookingStatus, course: { title: string }, user: { name: string } } };

export type SubscriptionsCourseQueryVariables = Exact<{
  slug: string;
}>;


export type SubscriptionsCourseQuery = { course: { id: string, title: string } | null };

export type TestQueueUpdatedIdsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type TestQueueUpdatedIdsSubscription = { supportQueueUpdated: { id: string } };

export type TestOpenSupportSessionMutationVariables = Exact<{
  subject: string;
  message: string;
}>;


export type TestOpenSupportSessionMutation = { openSupportSession: { id: string, messages: Array<{ id: string, body: string }> } };

export type TestSendSupportMessageMutationVariables = Exact<{
  sessionId: string;
  body: string;
}>;


export type TestSendSupportMessageMutation = { sendSupportMessage: { id: string } };

export type TestSupportMessageAddedSubscriptionVariables = Exact<{
  sessionId: string;
  after?: string | null | undefined;
}>;


export type TestSupportMessageAddedSubscription = { supportMessageAdded: { id: string, body: string, sender: { name: string, role: Role } } };

export type WebMyBookingsQueryVariables = Exact<{ [key: string]: never; }>;


export type WebMyBookingsQuery = { myBookings: Array<{ id: string, status: BookingStatus, createdAt: string, decidedAt: string | null, decisionReason: string | null, course: { id: string, title: string } }> };

export type WebBookingUpdatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type WebBookingUpdatedSubscription = { bookingUpdated: { id: string, status: BookingStatus, createdAt: string, decidedAt: string | null, decisionReason: string | null, course: { seatsLeft: number, id: string, title: string } } };

export type WebPendingBookingsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type WebPendingBookingsQuery = { pendingBookings: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, status: BookingStatus, note: string | null, createdAt: string, user: { id: string, name: string, email: string }, course: { id: string, title: string, seatsLeft: number } } }> } };

export type WebConfirmBookingMutationVariables = Exact<{
  id: string;
}>;


export type WebConfirmBookingMutation = { confirmBooking: { id: string, status: BookingStatus, decidedAt: string | null } };

export type WebRejectBookingMutationVariables = Exact<{
  id: string;
  reason?: string | null | undefined;
}>;


export type WebRejectBookingMutation = { rejectBooking: { id: string, status: BookingStatus, decidedAt: string | null, decisionReason: string | null } };

export type WebBookingItemFragment = { id: string, status: BookingStatus, createdAt: string, decidedAt: string | null, decisionReason: string | null, course: { id: string, title: string } };

export type WebCatalogQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  search?: string | null | undefined;
}>;


export type WebCatalogQuery = { courses: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, slug: string, title: string, description: string, level: CourseLevel, capacity: number, seatsLeft: number, price: { amountCents: number, currency: string } | null, instructor: { id: string, name: string } | null } }> } };

export type WebCourseQueryVariables = Exact<{
  id: string;
}>;


export type WebCourseQuery = { course: { id: string, slug: string, title: string, description: string, level: CourseLevel, status: CourseStatus, capacity: number, seatsLeft: number, enrollmentCount: number, price: { amountCents: number, currency: string } | null, instructor: { id: string, name: string, instructorProfile: { headline: string | null } | null } | null, sections: Array<{ id: string, title: string, position: number, lessons: Array<{ id: string, title: string, kind: LessonKind, position: number, durationMinutes: number | null, isPreview: boolean }> }>, schedules: Array<{ id: string, startsAt: string, endsAt: string, room: { id: string, name: string, building: string | null } | null }>, viewerBooking: { id: string, status: BookingStatus } | null } | null };

export type WebRegisterForCourseMutationVariables = Exact<{
  input: RegisterForCourseInput;
}>;


export type WebRegisterForCourseMutation = { registerForCourse: { id: string, status: BookingStatus, createdAt: string, course: { id: string, seatsLeft: number, viewerBooking: { id: string, status: BookingStatus } | null } } };

export type WebDashboardQueryVariables = Exact<{ [key: string]: never; }>;


export type WebDashboardQuery = { me: { id: string, email: string, role: Role, emailVerified: boolean, lastLoginAt: string | null, name: string, bio: string | null, phone: string | null, instructorProfile: { headline: string | null } | null, enrollments: Array<{ id: string, status: EnrollmentStatus, progressPercent: number, enrolledAt: string, course: { id: string, title: string, instructor: { name: string } | null, schedules: Array<{ id: string, startsAt: string, room: { name: string } | null }> } }>, bookings: Array<{ id: string, status: BookingStatus, createdAt: string, course: { id: string, title: string } }>, taughtCourses: Array<{ id: string, title: string, status: CourseStatus, seatsLeft: number }>, supportSessions: Array<{ id: string, subject: string, status: SupportSessionStatus, lastMessageAt: string | null }> } | null };

export type WebMySupportSessionsQueryVariables = Exact<{ [key: string]: never; }>;


export type WebMySupportSessionsQuery = { mySupportSessions: Array<{ id: string, subject: string, status: SupportSessionStatus, lastMessageAt: string | null, assignee: { id: string, name: string } | null }> };

export type WebSupportSessionQueryVariables = Exact<{
  id: string;
}>;


export type WebSupportSessionQuery = { supportSession: { id: string, subject: string, status: SupportSessionStatus, createdAt: string, customer: { id: string, name: string }, assignee: { id: string, name: string } | null, messages: Array<{ id: string, body: string, createdAt: string, sender: { id: string, name: string, role: Role } }> } | null };

export type WebOpenSupportSessionMutationVariables = Exact<{
  subject: string;
  message: string;
}>;


export type WebOpenSupportSessionMutation = { openSupportSession: { id: string, subject: string, status: SupportSessionStatus } };

export type WebSendSupportMessageMutationVariables = Exact<{
  sessionId: string;
  body: string;
}>;


export type WebSendSupportMessageMutation = { sendSupportMessage: { id: string, body: string, createdAt: string, sender: { id: string, name: string, role: Role } } };

export type WebSupportMessageAddedSubscriptionVariables = Exact<{
  sessionId: string;
  after?: string | null | undefined;
}>;


export type WebSupportMessageAddedSubscription = { supportMessageAdded: { id: string, body: string, createdAt: string, sender: { id: string, name: string, role: Role } } };

export type WebSupportSessionUpdatedSubscriptionVariables = Exact<{
  sessionId: string;
}>;


export type WebSupportSessionUpdatedSubscription = { supportSessionUpdated: { id: string, status: SupportSessionStatus, assignee: { id: string, name: string } | null } };

export type WebSupportQueueQueryVariables = Exact<{ [key: string]: never; }>;


export type WebSupportQueueQuery = { supportQueue: Array<{ id: string, subject: string, status: SupportSessionStatus, createdAt: string, lastMessageAt: string | null, customer: { id: string, name: string, email: string }, assignee: { id: string, name: string } | null }> };

export type WebSupportQueueUpdatedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type WebSupportQueueUpdatedSubscription = { supportQueueUpdated: { id: string, subject: string, status: SupportSessionStatus, createdAt: string, lastMessageAt: string | null, customer: { id: string, name: string, email: string }, assignee: { id: string, name: string } | null } };

export type WebAssignSupportSessionMutationVariables = Exact<{
  sessionId: string;
}>;


export type WebAssignSupportSessionMutation = { assignSupportSession: { id: string, status: SupportSessionStatus, assignee: { id: string, name: string } | null } };

export type WebSetSupportSessionStatusMutationVariables = Exact<{
  sessionId: string;
  status: SupportSessionStatus;
}>;


export type WebSetSupportSessionStatusMutation = { setSupportSessionStatus: { id: string, status: SupportSessionStatus } };

export type WebQueueSessionFragment = { id: string, subject: string, status: SupportSessionStatus, createdAt: string, lastMessageAt: string | null, customer: { id: string, name: string, email: string }, assignee: { id: string, name: string } | null };

export const SessionTokensFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionTokens"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuthPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SessionTokensFragment, unknown>;
export const WebBookingItemFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebBookingItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Booking"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"decisionReason"}},{"kind":"Field","name":{"kind":"Name","value":"course"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]} as unknown as DocumentNode<WebBookingItemFragment, unknown>;
export const WebQueueSessionFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebQueueSession"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupportSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastMessageAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<WebQueueSessionFragment, unknown>;
export const LogInDocument = {"__meta__":{"query":"fragment SessionTokens on AuthPayload { accessToken expiresAt refreshToken user { email id name role } } mutation LogIn($email: String!, $password: String!) { logIn(email: $email, password: $password) { ...SessionTokens } }","hash":"sha256:4eac06ebc7b93eca6280f844e04f0627fd5e3b0f615243c66d6b5ada062c829b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LogIn"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"email"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"password"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"email"},"value":{"kind":"Variable","name":{"kind":"Name","value":"email"}}},{"kind":"Argument","name":{"kind":"Name","value":"password"},"value":{"kind":"Variable","name":{"kind":"Name","value":"password"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionTokens"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionTokens"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuthPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<LogInMutation, LogInMutationVariables>;
export const RefreshTokenDocument = {"__meta__":{"query":"fragment SessionTokens on AuthPayload { accessToken expiresAt refreshToken user { email id name role } } mutation RefreshToken($refreshToken: String!) { refreshToken(refreshToken: $refreshToken) { ...SessionTokens } }","hash":"sha256:ebc78bb8d565c8cd5bf53895047090399c0dcc485faa2faec436fe3c6a66e64a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RefreshToken"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"refreshToken"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"refreshToken"},"value":{"kind":"Variable","name":{"kind":"Name","value":"refreshToken"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionTokens"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionTokens"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuthPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<RefreshTokenMutation, RefreshTokenMutationVariables>;
export const LogOutDocument = {"__meta__":{"query":"mutation LogOut { logOut }","hash":"sha256:0b6e62ffaa90081b102c4c41011f06f64be899efbe92bd33767bc7ac725ce107"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LogOut"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logOut"}}]}}]} as unknown as DocumentNode<LogOutMutation, LogOutMutationVariables>;
export const SignUpDocument = {"__meta__":{"query":"fragment SessionTokens on AuthPayload { accessToken expiresAt refreshToken user { email id name role } } mutation SignUp($input: SignUpInput!) { signUp(input: $input) { ...SessionTokens } }","hash":"sha256:da6a28f70ceff49f41eaf077a014917bf6debd4c2e99a38f97f194df6809e5aa"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignUp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignUpInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signUp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"SessionTokens"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"SessionTokens"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"AuthPayload"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accessToken"}},{"kind":"Field","name":{"kind":"Name","value":"refreshToken"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<SignUpMutation, SignUpMutationVariables>;
export const BadInputUsersPageDocument = {"__meta__":{"query":"query BadInputUsersPage($after: String) { users(first: 2, after: $after) { edges { node { id } } pageInfo { endCursor } totalCount } }","hash":"sha256:f6891351f368d0131165e29d1d539b8e84ea32a44798cf972bc5e0384a4ee8b1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BadInputUsersPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"2"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BadInputUsersPageQuery, BadInputUsersPageQueryVariables>;
export const BadInputInstructorsPageDocument = {"__meta__":{"query":"query BadInputInstructorsPage($after: String) { instructors(first: 2, after: $after) { edges { node { id } } pageInfo { endCursor } totalCount } }","hash":"sha256:c9887fe6f76f92fce00c535e935379c77231832d7372fd8312008d72fa802cd6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BadInputInstructorsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"instructors"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"2"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BadInputInstructorsPageQuery, BadInputInstructorsPageQueryVariables>;
export const BadInputCoursesPageDocument = {"__meta__":{"query":"query BadInputCoursesPage($after: String) { courses(first: 2, after: $after) { edges { node { id } } pageInfo { endCursor } totalCount } }","hash":"sha256:536577d5c216eda95e8016a03880e1f88b99a56bd0573f7e1fd5bf5ffe06a469"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BadInputCoursesPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"courses"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"2"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BadInputCoursesPageQuery, BadInputCoursesPageQueryVariables>;
export const BadInputPendingBookingsPageDocument = {"__meta__":{"query":"query BadInputPendingBookingsPage($after: String) { pendingBookings(first: 2, after: $after) { edges { node { id } } pageInfo { endCursor } totalCount } }","hash":"sha256:f04662c8e62bff821df9b2655055f42b434f593de2556cc14a8a21df0d430019"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BadInputPendingBookingsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pendingBookings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"2"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BadInputPendingBookingsPageQuery, BadInputPendingBookingsPageQueryVariables>;
export const BadInputCourseEnrollmentsPageDocument = {"__meta__":{"query":"query BadInputCourseEnrollmentsPage($after: String, $courseId: ID!) { courseEnrollments(courseId: $courseId, first: 2, after: $after) { edges { node { id } } pageInfo { endCursor } totalCount } }","hash":"sha256:7fd6b5b242bee83a82b624e6d798b82485054e7b99b00f1a5fb6798b7ffeb806"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BadInputCourseEnrollmentsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"courseId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"courseEnrollments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"courseId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"courseId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"2"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BadInputCourseEnrollmentsPageQuery, BadInputCourseEnrollmentsPageQueryVariables>;
export const BadInputSupportMessagesBeforeDocument = {"__meta__":{"query":"query BadInputSupportMessagesBefore($before: ID) { mySupportSessions { messages(before: $before) { id } } }","hash":"sha256:1b041eb3f0a947a12a6c1d01c05f4e3a38afba4bbbd93c58d82f0d0cd03f2047"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BadInputSupportMessagesBefore"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mySupportSessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"messages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<BadInputSupportMessagesBeforeQuery, BadInputSupportMessagesBeforeQueryVariables>;
export const BadInputMeDocument = {"__meta__":{"query":"query BadInputMe { me { bio firstName supportSessions { id } } }","hash":"sha256:20d24188f97002fc6e91aa915f29a8a99cf6d5dc68dea2cd05b13975105f32f7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BadInputMe"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bio"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"supportSessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<BadInputMeQuery, BadInputMeQueryVariables>;
export const BadInputUpdateProfileDocument = {"__meta__":{"query":"mutation BadInputUpdateProfile($input: UpdateProfileInput!) { updateMyProfile(input: $input) { bio } }","hash":"sha256:b598b8e2ab8ddebf08bd33c06929ebc5ab46f2f298eaf10b2af6ff31b0653a20"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BadInputUpdateProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateMyProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bio"}}]}}]}}]} as unknown as DocumentNode<BadInputUpdateProfileMutation, BadInputUpdateProfileMutationVariables>;
export const BadInputUsersSearchDocument = {"__meta__":{"query":"query BadInputUsersSearch($search: String) { users(search: $search) { totalCount } }","hash":"sha256:175f22dfd6f3f497ca47378ba2ea0c6fca7a3f55fd4ebd9ccaa1014e7a979e45"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BadInputUsersSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<BadInputUsersSearchQuery, BadInputUsersSearchQueryVariables>;
export const BadInputCourseSearchDocument = {"__meta__":{"query":"query BadInputCourseSearch($filter: CourseFilter) { courses(filter: $filter) { totalCount } }","hash":"sha256:556da8be3d09fd33b6460de4008621191cbe88a4e9f9f8183e69b41a4e2374b8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BadInputCourseSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CourseFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"courses"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<BadInputCourseSearchQuery, BadInputCourseSearchQueryVariables>;
export const BadInputSchedulesFromDocument = {"__meta__":{"query":"query BadInputSchedulesFrom($from: DateTime) { availableSchedules(from: $from) { id } }","hash":"sha256:e2469bfc2974efe094f19928f3054dbb09e2785c1afc76766fd6c1b78902741c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BadInputSchedulesFrom"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"availableSchedules"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<BadInputSchedulesFromQuery, BadInputSchedulesFromQueryVariables>;
export const BadInputSchedulesWindowDocument = {"__meta__":{"query":"query BadInputSchedulesWindow($from: DateTime, $to: DateTime) { availableSchedules(from: $from, to: $to) { startsAt } }","hash":"sha256:9a0342c6b96c92cbaf91bc7f7b45a075a01174f4db1102d1581217285df380ff"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BadInputSchedulesWindow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"availableSchedules"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startsAt"}}]}}]}}]} as unknown as DocumentNode<BadInputSchedulesWindowQuery, BadInputSchedulesWindowQueryVariables>;
export const BadInputScheduleClassDocument = {"__meta__":{"query":"mutation BadInputScheduleClass($input: ScheduleClassInput!) { scheduleClass(input: $input) { id } }","hash":"sha256:a03fa4872bc3eb50430cc48be4c3264507a5756c8f730777184f557ccc1cd7d7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BadInputScheduleClass"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ScheduleClassInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduleClass"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<BadInputScheduleClassMutation, BadInputScheduleClassMutationVariables>;
export const TestCancelBookingDocument = {"__meta__":{"query":"mutation TestCancelBooking($id: ID!) { cancelBooking(id: $id) { id } }","hash":"sha256:7b285dd0f7df42dcc84ac0184f20b91ec37aef3307b3c41b89e5115c6853deec"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TestCancelBooking"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelBooking"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<TestCancelBookingMutation, TestCancelBookingMutationVariables>;
export const DeadlinesCoursesWithViewerBookingDocument = {"__meta__":{"query":"query DeadlinesCoursesWithViewerBooking { courses(first: 1) { edges { node { title viewerBooking { id } } } totalCount } }","hash":"sha256:fcf0e06f4a89405c15f47133bbc40de76fbe60cbb968abd9b5bb964c78e66ffb"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DeadlinesCoursesWithViewerBooking"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"courses"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"viewerBooking"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<DeadlinesCoursesWithViewerBookingQuery, DeadlinesCoursesWithViewerBookingQueryVariables>;
export const DeadlinesCoursesWithInstructorsDocument = {"__meta__":{"query":"query DeadlinesCoursesWithInstructors { courses(first: 3) { edges { node { instructor { name } title } } } }","hash":"sha256:6f8af2b332c3fdb6d6593102aeafed345ef03d4901f57fa88504344ebc7430c4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DeadlinesCoursesWithInstructors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"courses"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"instructor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<DeadlinesCoursesWithInstructorsQuery, DeadlinesCoursesWithInstructorsQueryVariables>;
export const ErrorsBookingCourseDocument = {"__meta__":{"query":"query ErrorsBookingCourse($id: ID!) { booking(id: $id) { course { title } id } }","hash":"sha256:df8a95e472224809aec7c5bf48f2565e22bf4e60c5368dd64a559a8d9cd5db93"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ErrorsBookingCourse"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"booking"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"course"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]} as unknown as DocumentNode<ErrorsBookingCourseQuery, ErrorsBookingCourseQueryVariables>;
export const ErrorsCoursesByStatusDocument = {"__meta__":{"query":"query ErrorsCoursesByStatus($status: CourseStatus) { courses(filter: {status: $status}) { totalCount } }","hash":"sha256:20a0371585c64207fe9ee4c0692b19c3395d4d765952f7ad859b5afc641f940b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ErrorsCoursesByStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CourseStatus"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"courses"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<ErrorsCoursesByStatusQuery, ErrorsCoursesByStatusQueryVariables>;
export const ErrorsSupportQueueNamesDocument = {"__meta__":{"query":"query ErrorsSupportQueueNames { supportQueue { customer { id name } subject } }","hash":"sha256:78a20eca91ce106b9a4a696990ec7d1fbf14b5a01e33ef8c0ae49eb990a99df4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ErrorsSupportQueueNames"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supportQueue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<ErrorsSupportQueueNamesQuery, ErrorsSupportQueueNamesQueryVariables>;
export const FlowMeDocument = {"__meta__":{"query":"query FlowMe { me { email id name } }","hash":"sha256:9ae365a2a23c4fe381d06bca3e5f648c2a4de5cd67182ce66187789cba8cc74c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FlowMe"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]} as unknown as DocumentNode<FlowMeQuery, FlowMeQueryVariables>;
export const FlowCreateCourseDocument = {"__meta__":{"query":"mutation FlowCreateCourse($input: CreateCourseInput!) { createCourse(input: $input) { id status } }","hash":"sha256:ff9a9ba4e038d25dbc5e4cbf27f6c87a0442816372466ea829b93faa4648a118"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FlowCreateCourse"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCourseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCourse"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<FlowCreateCourseMutation, FlowCreateCourseMutationVariables>;
export const FlowPublishCourseDocument = {"__meta__":{"query":"mutation FlowPublishCourse($id: ID!) { publishCourse(id: $id) { id status } }","hash":"sha256:4ef9e58614e6ed04e7b6af8df1943693b9bc81838a4d7ffc8512e5266c0272d2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FlowPublishCourse"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publishCourse"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<FlowPublishCourseMutation, FlowPublishCourseMutationVariables>;
export const FlowRegisterDocument = {"__meta__":{"query":"mutation FlowRegister($input: RegisterForCourseInput!) { registerForCourse(input: $input) { course { seatsLeft title } id status } }","hash":"sha256:db6848dff78c4eaf02a32d751001481787adb85bfc1761446261e55454065082"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FlowRegister"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterForCourseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerForCourse"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"course"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"seatsLeft"}}]}}]}}]}}]} as unknown as DocumentNode<FlowRegisterMutation, FlowRegisterMutationVariables>;
export const FlowSeatsLeftDocument = {"__meta__":{"query":"query FlowSeatsLeft($id: ID!) { course(id: $id) { seatsLeft } }","hash":"sha256:145489296add61de141e34a1762ee93c06266c646714c3f9db705f5ddcc8344d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FlowSeatsLeft"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"course"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seatsLeft"}}]}}]}}]} as unknown as DocumentNode<FlowSeatsLeftQuery, FlowSeatsLeftQueryVariables>;
export const FlowCourseBySlugDocument = {"__meta__":{"query":"query FlowCourseBySlug($slug: String!) { course(slug: $slug) { id } }","hash":"sha256:5ac407ac598edce0237bc72f294fb5f4c32e8e4bbe83a46bd398cb1adf5498e1"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FlowCourseBySlug"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"course"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<FlowCourseBySlugQuery, FlowCourseBySlugQueryVariables>;
export const FlowCreateRoomDocument = {"__meta__":{"query":"mutation FlowCreateRoom($input: CreateRoomInput!) { createRoom(input: $input) { id } }","hash":"sha256:a5b5399484a158f142f009d58e1c88f297295b8cd60386afd357ee277cf66d65"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FlowCreateRoom"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateRoomInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createRoom"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<FlowCreateRoomMutation, FlowCreateRoomMutationVariables>;
export const FlowRenameCourseDocument = {"__meta__":{"query":"mutation FlowRenameCourse($id: ID!, $title: String!) { updateCourse(id: $id, input: {title: $title}) { id } }","hash":"sha256:df65aa3fa89ccdf8397d84a915055713c5809280a019a3c49bd0a42d8421362c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FlowRenameCourse"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"title"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCourse"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"title"},"value":{"kind":"Variable","name":{"kind":"Name","value":"title"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<FlowRenameCourseMutation, FlowRenameCourseMutationVariables>;
export const GatewayMeDocument = {"__meta__":{"query":"query GatewayMe { me { email role status } }","hash":"sha256:0f39e7e55f4075e84291cdf18e2295cecc5a41064271fdea23ff9543be51494c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GatewayMe"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<GatewayMeQuery, GatewayMeQueryVariables>;
export const GatewayMeIdDocument = {"__meta__":{"query":"query GatewayMeId { me { id } }","hash":"sha256:c1f10438f77080689d3e3aafb89b438e14e44461d167d633c0d39f882054003c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GatewayMeId"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<GatewayMeIdQuery, GatewayMeIdQueryVariables>;
export const GatewayStudentDashboardDocument = {"__meta__":{"query":"query GatewayStudentDashboard { me { bookings { course { seatsLeft slug } status } email enrollments { course { instructor { name } title } progressPercent status } id name role supportSessions { assignee { name } status subject } } }","hash":"sha256:1ec5af1c2c5c977c56da863e2f0c0fae601a3d1ce008ef38102dae5ab2d5f6fe"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GatewayStudentDashboard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"enrollments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progressPercent"}},{"kind":"Field","name":{"kind":"Name","value":"course"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"instructor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"bookings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"course"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"seatsLeft"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"supportSessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<GatewayStudentDashboardQuery, GatewayStudentDashboardQueryVariables>;
export const SubscriptionsMessageAddedDocument = {"__meta__":{"query":"subscription SubscriptionsMessageAdded($after: ID, $sessionId: ID!) { supportMessageAdded(sessionId: $sessionId, after: $after) { body id sender { name role } session { customer { email } } } }","hash":"sha256:11a435abab303d1e6bce63076fd4b233add489c06972893e77acf2bf18ee438f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SubscriptionsMessageAdded"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supportMessageAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"email"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SubscriptionsMessageAddedSubscription, SubscriptionsMessageAddedSubscriptionVariables>;
export const SubscriptionsViewerSpecificMessageAddedDocument = {"__meta__":{"query":"subscription SubscriptionsViewerSpecificMessageAdded($sessionId: ID!) { supportMessageAdded(sessionId: $sessionId) { body id session { customer { bookings { course { viewerBooking { id } } } } } } }","hash":"sha256:6b618136c5cc37e707bf5efd10a8eabc57bb4379f86ce9f29f654dfe1d7f1420"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SubscriptionsViewerSpecificMessageAdded"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supportMessageAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"session"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bookings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"course"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewerBooking"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SubscriptionsViewerSpecificMessageAddedSubscription, SubscriptionsViewerSpecificMessageAddedSubscriptionVariables>;
export const SubscriptionsBookingUpdatedDocument = {"__meta__":{"query":"subscription SubscriptionsBookingUpdated { bookingUpdated { course { title } status user { name } } }","hash":"sha256:e49616eaab754bad285b6ec00d7a4c40cf35edd9d44b7f22c2b83be6363a0e10"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"SubscriptionsBookingUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bookingUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"course"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<SubscriptionsBookingUpdatedSubscription, SubscriptionsBookingUpdatedSubscriptionVariables>;
export const SubscriptionsCourseDocument = {"__meta__":{"query":"query SubscriptionsCourse($slug: String!) { course(slug: $slug) { id title } }","hash":"sha256:102df71e9f700c65e1cd006edbc48a13b0fc93160500458ab8cec7e7327d7cdd"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SubscriptionsCourse"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"slug"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"course"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"slug"},"value":{"kind":"Variable","name":{"kind":"Name","value":"slug"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]} as unknown as DocumentNode<SubscriptionsCourseQuery, SubscriptionsCourseQueryVariables>;
export const TestQueueUpdatedIdsDocument = {"__meta__":{"query":"subscription TestQueueUpdatedIds { supportQueueUpdated { id } }","hash":"sha256:1fccfc4d15971213cae6f7184cb79e153ad5e37d0a0fc848740aca88141ac1dc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TestQueueUpdatedIds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supportQueueUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<TestQueueUpdatedIdsSubscription, TestQueueUpdatedIdsSubscriptionVariables>;
export const TestOpenSupportSessionDocument = {"__meta__":{"query":"mutation TestOpenSupportSession($message: String!, $subject: String!) { openSupportSession(subject: $subject, message: $message) { id messages { body id } } }","hash":"sha256:3fa8018f3d45f2bdbd4e5a7f5d9af0d32ed4b90d5fc20e58445a8a49fc2de7c2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TestOpenSupportSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"subject"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"message"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openSupportSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"subject"},"value":{"kind":"Variable","name":{"kind":"Name","value":"subject"}}},{"kind":"Argument","name":{"kind":"Name","value":"message"},"value":{"kind":"Variable","name":{"kind":"Name","value":"message"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}}]}}]}}]}}]} as unknown as DocumentNode<TestOpenSupportSessionMutation, TestOpenSupportSessionMutationVariables>;
export const TestSendSupportMessageDocument = {"__meta__":{"query":"mutation TestSendSupportMessage($body: String!, $sessionId: ID!) { sendSupportMessage(sessionId: $sessionId, body: $body) { id } }","hash":"sha256:89a6fcb4148c8a1cdd9a70914762202ff9e00246c954edda08019aa11a5a3363"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TestSendSupportMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"body"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendSupportMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"body"},"value":{"kind":"Variable","name":{"kind":"Name","value":"body"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<TestSendSupportMessageMutation, TestSendSupportMessageMutationVariables>;
export const TestSupportMessageAddedDocument = {"__meta__":{"query":"subscription TestSupportMessageAdded($after: ID, $sessionId: ID!) { supportMessageAdded(sessionId: $sessionId, after: $after) { body id sender { name role } } }","hash":"sha256:651c2ff208269e805cdcd65ab31b765a4773d1964c8b3e3a88dbf85f6559433c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"TestSupportMessageAdded"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supportMessageAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<TestSupportMessageAddedSubscription, TestSupportMessageAddedSubscriptionVariables>;
export const WebMyBookingsDocument = {"__meta__":{"query":"fragment WebBookingItem on Booking { course { id title } createdAt decidedAt decisionReason id status } query WebMyBookings { myBookings { ...WebBookingItem } }","hash":"sha256:4e1494312c5e9ee406cb4f2abd23defbed76acbd2d615a53df58878585f054b9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebMyBookings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myBookings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebBookingItem"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebBookingItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Booking"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"decisionReason"}},{"kind":"Field","name":{"kind":"Name","value":"course"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]} as unknown as DocumentNode<WebMyBookingsQuery, WebMyBookingsQueryVariables>;
export const WebBookingUpdatedDocument = {"__meta__":{"query":"fragment WebBookingItem on Booking { course { id title } createdAt decidedAt decisionReason id status } subscription WebBookingUpdated { bookingUpdated { course { seatsLeft } ...WebBookingItem } }","hash":"sha256:5648df9afb855d33c3f2c35065418f8172fac28f97d118a69d5b87a46d99b3b4"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WebBookingUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bookingUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebBookingItem"}},{"kind":"Field","name":{"kind":"Name","value":"course"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seatsLeft"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebBookingItem"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Booking"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"decisionReason"}},{"kind":"Field","name":{"kind":"Name","value":"course"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]} as unknown as DocumentNode<WebBookingUpdatedSubscription, WebBookingUpdatedSubscriptionVariables>;
export const WebPendingBookingsDocument = {"__meta__":{"query":"query WebPendingBookings($after: String, $first: Int) { pendingBookings(first: $first, after: $after) { edges { node { course { id seatsLeft title } createdAt id note status user { email id name } } } pageInfo { endCursor hasNextPage } totalCount } }","hash":"sha256:7490f9cf229b1e0194228bf5a69cbf72d48ab643730f1a98b2e4263698841ccf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebPendingBookings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pendingBookings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"course"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"seatsLeft"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebPendingBookingsQuery, WebPendingBookingsQueryVariables>;
export const WebConfirmBookingDocument = {"__meta__":{"query":"mutation WebConfirmBooking($id: ID!) { confirmBooking(id: $id) { decidedAt id status } }","hash":"sha256:f7c1a88551949cfa7f8054530a49360ea982730ac39bd6d763c26f6c6e16b6e2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebConfirmBooking"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmBooking"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}}]}}]}}]} as unknown as DocumentNode<WebConfirmBookingMutation, WebConfirmBookingMutationVariables>;
export const WebRejectBookingDocument = {"__meta__":{"query":"mutation WebRejectBooking($id: ID!, $reason: String) { rejectBooking(id: $id, reason: $reason) { decidedAt decisionReason id status } }","hash":"sha256:78faae4b8d4fbe2adc15306ce4f6c80e52007d8a8314221f1bbbadd357e73616"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebRejectBooking"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"reason"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectBooking"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"reason"},"value":{"kind":"Variable","name":{"kind":"Name","value":"reason"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"decidedAt"}},{"kind":"Field","name":{"kind":"Name","value":"decisionReason"}}]}}]}}]} as unknown as DocumentNode<WebRejectBookingMutation, WebRejectBookingMutationVariables>;
export const WebCatalogDocument = {"__meta__":{"query":"query WebCatalog($after: String, $first: Int, $search: String) { courses( first: $first after: $after filter: {search: $search, status: PUBLISHED} ) { edges { cursor node { capacity description id instructor { id name } level price { amountCents currency } seatsLeft slug title } } pageInfo { endCursor hasNextPage } totalCount } }","hash":"sha256:f53d00d255e3c5fbafb8efa554621ba4fa9a4edaf8dcf01496b7911f9b8bc19b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebCatalog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"courses"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}},{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"PUBLISHED"}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"seatsLeft"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"instructor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebCatalogQuery, WebCatalogQueryVariables>;
export const WebCourseDocument = {"__meta__":{"query":"query WebCourse($id: ID!) { course(id: $id) { capacity description enrollmentCount id instructor { id instructorProfile { headline } name } level price { amountCents currency } schedules(upcoming: true) { endsAt id room { building id name } startsAt } seatsLeft sections { id lessons { durationMinutes id isPreview kind position title } position title } slug status title viewerBooking { id status } } }","hash":"sha256:bad9a5c4135d2482aedc9ed6b83dca40b6b25bee3c115ffa5a520f9d2db4f88f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebCourse"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"course"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"slug"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"seatsLeft"}},{"kind":"Field","name":{"kind":"Name","value":"enrollmentCount"}},{"kind":"Field","name":{"kind":"Name","value":"price"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountCents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"instructor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"instructorProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"headline"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"sections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"lessons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"durationMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"isPreview"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"schedules"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"upcoming"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"room"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"building"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewerBooking"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]} as unknown as DocumentNode<WebCourseQuery, WebCourseQueryVariables>;
export const WebRegisterForCourseDocument = {"__meta__":{"query":"mutation WebRegisterForCourse($input: RegisterForCourseInput!) { registerForCourse(input: $input) { course { id seatsLeft viewerBooking { id status } } createdAt id status } }","hash":"sha256:b19a692736030e94d9038a9e0e15967b936e6c5974ebea3d64026849a1ccb601"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebRegisterForCourse"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterForCourseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerForCourse"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"course"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"seatsLeft"}},{"kind":"Field","name":{"kind":"Name","value":"viewerBooking"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebRegisterForCourseMutation, WebRegisterForCourseMutationVariables>;
export const WebDashboardDocument = {"__meta__":{"query":"query WebDashboard { me { bio bookings { course { id title } createdAt id status } email emailVerified enrollments { course { id instructor { name } schedules(upcoming: true) { id room { name } startsAt } title } enrolledAt id progressPercent status } id instructorProfile { headline } lastLoginAt name phone role supportSessions { id lastMessageAt status subject } taughtCourses { id seatsLeft status title } } }","hash":"sha256:a2843556da2aa9a7cc608ec7de48d0db0871316733cfffd87619d5a25c9d105a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebDashboard"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"emailVerified"}},{"kind":"Field","name":{"kind":"Name","value":"lastLoginAt"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"bio"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"instructorProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"headline"}}]}},{"kind":"Field","name":{"kind":"Name","value":"enrollments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"progressPercent"}},{"kind":"Field","name":{"kind":"Name","value":"enrolledAt"}},{"kind":"Field","name":{"kind":"Name","value":"course"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"instructor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"schedules"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"upcoming"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"room"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"bookings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"course"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"taughtCourses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"seatsLeft"}}]}},{"kind":"Field","name":{"kind":"Name","value":"supportSessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastMessageAt"}}]}}]}}]}}]} as unknown as DocumentNode<WebDashboardQuery, WebDashboardQueryVariables>;
export const WebMySupportSessionsDocument = {"__meta__":{"query":"query WebMySupportSessions { mySupportSessions { assignee { id name } id lastMessageAt status subject } }","hash":"sha256:d56ed268c4547b5d90f1f1ec1a4842c969022116bbeeaea367c4cc20ad6f4528"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebMySupportSessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mySupportSessions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastMessageAt"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<WebMySupportSessionsQuery, WebMySupportSessionsQueryVariables>;
export const WebSupportSessionDocument = {"__meta__":{"query":"query WebSupportSession($id: ID!) { supportSession(id: $id) { assignee { id name } createdAt customer { id name } id messages(first: 100) { body createdAt id sender { id name role } } status subject } }","hash":"sha256:4547e84b1a5caef42cc0c63385dd883169365f4ee5243f7bb852a7b2c864500b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebSupportSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supportSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"messages"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WebSupportSessionQuery, WebSupportSessionQueryVariables>;
export const WebOpenSupportSessionDocument = {"__meta__":{"query":"mutation WebOpenSupportSession($message: String!, $subject: String!) { openSupportSession(subject: $subject, message: $message) { id status subject } }","hash":"sha256:274b7a4d5d2034fe83f25e7b23b090e81b3719d74cc4bbb714691f461adda97b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebOpenSupportSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"subject"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"message"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openSupportSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"subject"},"value":{"kind":"Variable","name":{"kind":"Name","value":"subject"}}},{"kind":"Argument","name":{"kind":"Name","value":"message"},"value":{"kind":"Variable","name":{"kind":"Name","value":"message"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<WebOpenSupportSessionMutation, WebOpenSupportSessionMutationVariables>;
export const WebSendSupportMessageDocument = {"__meta__":{"query":"mutation WebSendSupportMessage($body: String!, $sessionId: ID!) { sendSupportMessage(sessionId: $sessionId, body: $body) { body createdAt id sender { id name role } } }","hash":"sha256:16c775b6fe5a5bdc5c4c1a4211ca9b7cadf0556a62c6863b23530b2c85a11d21"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebSendSupportMessage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"body"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sendSupportMessage"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"body"},"value":{"kind":"Variable","name":{"kind":"Name","value":"body"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<WebSendSupportMessageMutation, WebSendSupportMessageMutationVariables>;
export const WebSupportMessageAddedDocument = {"__meta__":{"query":"subscription WebSupportMessageAdded($after: ID, $sessionId: ID!) { supportMessageAdded(sessionId: $sessionId, after: $after) { body createdAt id sender { id name role } } }","hash":"sha256:9ba8dfda37ad9d38fdf50f2ef39d0c0a4e47931802df4539f5cceac2d658a578"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WebSupportMessageAdded"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supportMessageAdded"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"body"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"sender"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}}]}}]}}]} as unknown as DocumentNode<WebSupportMessageAddedSubscription, WebSupportMessageAddedSubscriptionVariables>;
export const WebSupportSessionUpdatedDocument = {"__meta__":{"query":"subscription WebSupportSessionUpdated($sessionId: ID!) { supportSessionUpdated(sessionId: $sessionId) { assignee { id name } id status } }","hash":"sha256:d30a096919b75cb2cbd7f84155af88a76e6680f1005cb114e2527c1c1e6e776d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WebSupportSessionUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supportSessionUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<WebSupportSessionUpdatedSubscription, WebSupportSessionUpdatedSubscriptionVariables>;
export const WebSupportQueueDocument = {"__meta__":{"query":"fragment WebQueueSession on SupportSession { assignee { id name } createdAt customer { email id name } id lastMessageAt status subject } query WebSupportQueue { supportQueue { ...WebQueueSession } }","hash":"sha256:326e68928a08fcf905700a22d556d78f8f30946fa4860f768ee034d8b024fc24"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WebSupportQueue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supportQueue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebQueueSession"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebQueueSession"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupportSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastMessageAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<WebSupportQueueQuery, WebSupportQueueQueryVariables>;
export const WebSupportQueueUpdatedDocument = {"__meta__":{"query":"fragment WebQueueSession on SupportSession { assignee { id name } createdAt customer { email id name } id lastMessageAt status subject } subscription WebSupportQueueUpdated { supportQueueUpdated { ...WebQueueSession } }","hash":"sha256:b86084b3043fb69fdd6e91eb8fd39125f42f10cddbaf64ca4023ee637fd00533"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"WebSupportQueueUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"supportQueueUpdated"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"WebQueueSession"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"WebQueueSession"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SupportSession"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastMessageAt"}},{"kind":"Field","name":{"kind":"Name","value":"customer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"email"}}]}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<WebSupportQueueUpdatedSubscription, WebSupportQueueUpdatedSubscriptionVariables>;
export const WebAssignSupportSessionDocument = {"__meta__":{"query":"mutation WebAssignSupportSession($sessionId: ID!) { assignSupportSession(sessionId: $sessionId) { assignee { id name } id status } }","hash":"sha256:aa4223b556e5362dac5b8446a8d3c54d78880c5030f7e0942fd2ee2faa7d8977"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebAssignSupportSession"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assignSupportSession"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"assignee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<WebAssignSupportSessionMutation, WebAssignSupportSessionMutationVariables>;
export const WebSetSupportSessionStatusDocument = {"__meta__":{"query":"mutation WebSetSupportSessionStatus($sessionId: ID!, $status: SupportSessionStatus!) { setSupportSessionStatus(sessionId: $sessionId, status: $status) { id status } }","hash":"sha256:c913a59ecba01425b9af632f50c986618a9d4555a5a8e1c27633cd08def5c1df"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WebSetSupportSessionStatus"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"status"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SupportSessionStatus"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setSupportSessionStatus"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"sessionId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"sessionId"}}},{"kind":"Argument","name":{"kind":"Name","value":"status"},"value":{"kind":"Variable","name":{"kind":"Name","value":"status"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<WebSetSupportSessionStatusMutation, WebSetSupportSessionStatusMutationVariables>;