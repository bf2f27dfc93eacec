export interface FailurePolicy {
  /** Failures tolerated within the window; the next attempt is RATE_LIMITED. */
  points: number;
  durationSeconds: number;
}

/**
 * How many failed logins are tolerated (contract: "repeated failures for one email are rate
 * limited"). A failure is an unknown email or a wrong password; a successful login clears
 * the email's count. Windows are fixed: they start at the first failure.
 */
export const LOGIN_FAILURES_PER_EMAIL: FailurePolicy = { points: 5, durationSeconds: 15 * 60 };

/** Across emails from one client address: slows down spraying many accounts. */
export const LOGIN_FAILURES_PER_IP: FailurePolicy = { points: 100, durationSeconds: 15 * 60 };
