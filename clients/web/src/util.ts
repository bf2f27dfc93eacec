/** A random UUID also where crypto.randomUUID is missing (plain http on a LAN address). */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext) {
    return crypto.randomUUID();
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function formatMoney(price: { amountCents: number; currency: string } | null | undefined) {
  if (!price) return 'Free';
  return new Intl.NumberFormat(undefined, { style: 'currency', currency: price.currency }).format(
    price.amountCents / 100,
  );
}

export function formatDateTime(value: unknown): string {
  const date = new Date(String(value));
  return Number.isNaN(date.getTime())
    ? ''
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatTime(value: unknown): string {
  const date = new Date(String(value));
  return Number.isNaN(date.getTime())
    ? ''
    : date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** The demo accounts of the seed (subgraphs/shared/demo/catalog.ts); password campus-demo. */
export const DEMO_PASSWORD = 'campus-demo';
export const DEMO_ACCOUNTS: { key: string; label: string }[] = [
  { key: 'student1', label: 'Ada (student1)' },
  { key: 'student2', label: 'Alan (student2)' },
  { key: 'student7', label: 'Margaret (student7)' },
  { key: 'student8', label: 'Ken (student8)' },
  { key: 'instructor1', label: 'Irene (instructor1)' },
  { key: 'admin', label: 'Avery (admin)' },
];
