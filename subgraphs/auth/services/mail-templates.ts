import type { Mail } from './mail';

export function passwordResetMail(to: string, token: string, validMinutes: number): Mail {
  return {
    to,
    subject: 'Reset your Campus password',
    text: [
      'Someone asked to reset the password of your Campus account.',
      '',
      `Your reset token: ${token}`,
      '',
      `It works once, within ${validMinutes} minutes. If you did not ask for it, ignore this mail:`,
      'your password stays as it is.',
    ].join('\n'),
  };
}

export function emailVerificationMail(to: string, token: string, validDays: number): Mail {
  return {
    to,
    subject: 'Confirm your Campus email address',
    text: [
      'Welcome to Campus! Please confirm that this address is yours.',
      '',
      `Your verification token: ${token}`,
      '',
      `It works once, within ${validDays} days.`,
    ].join('\n'),
  };
}
