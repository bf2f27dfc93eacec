import { InMemoryRevocationList } from './revocations';

describe('InMemoryRevocationList', () => {
  let now = Date.parse('2026-11-22T10:00:00.000Z');
  const list = () => new InMemoryRevocationList(() => now);
  const at = (iso: string) => new Date(iso);
  const token = (issuedAt: string, sessionId = 's1', userId = 'u1') => ({
    sessionId,
    userId,
    issuedAt: at(issuedAt),
  });

  beforeEach(() => {
    now = Date.parse('2026-11-22T10:00:00.000Z');
  });

  it('revokes every token of a session until the entry expires', async () => {
    const revocations = list();
    await revocations.revokeSessions(['s1'], at('2026-11-22T10:15:00.000Z'));
    expect(await revocations.isRevoked(token('2026-11-22T09:59:00Z'))).toBe(true);
    expect(await revocations.isRevoked(token('2026-11-22T09:59:00Z', 's2'))).toBe(false);
    now = Date.parse('2026-11-22T10:15:00.001Z');
    expect(await revocations.isRevoked(token('2026-11-22T09:59:00Z'))).toBe(false);
  });

  it('revokes a user’s tokens issued before a moment, at JWT second precision', async () => {
    const revocations = list();
    const change = at('2026-11-22T10:00:00.400Z');
    await revocations.revokeTokensIssuedBefore('u1', change, at('2026-11-22T10:15:00Z'));
    expect(await revocations.isRevoked(token('2026-11-22T09:59:59Z'))).toBe(true);
    // Issued in the same second as the change (iat cannot say which came first): valid.
    expect(await revocations.isRevoked(token('2026-11-22T10:00:00Z'))).toBe(false);
    expect(await revocations.isRevoked(token('2026-11-22T10:00:01Z'))).toBe(false);
    expect(await revocations.isRevoked(token('2026-11-22T09:59:59Z', 's1', 'u2'))).toBe(false);
  });

  it('keeps the later of two revocations of the same user', async () => {
    const revocations = list();
    await revocations.revokeTokensIssuedBefore(
      'u1',
      at('2026-11-22T10:00:05Z'),
      at('2026-11-22T10:15:00Z'),
    );
    await revocations.revokeTokensIssuedBefore(
      'u1',
      at('2026-11-22T09:00:00Z'),
      at('2026-11-22T09:15:00Z'),
    );
    expect(await revocations.isRevoked(token('2026-11-22T10:00:02Z'))).toBe(true);
  });
});
