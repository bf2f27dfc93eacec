import type { Course } from '../entities/course';
import type { Money } from '../generated/graphql';

/** Currency of every priced demo course (the catalog gives amounts only). */
export const DEFAULT_CURRENCY = 'EUR';

/** A course's price as the contract's Money; null when the course is free. */
export const priceOf = (course: Course): Money | null =>
  course.priceCents === null || course.currency === null
    ? null
    : { amountCents: course.priceCents, currency: course.currency };
