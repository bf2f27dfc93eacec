import {
  ANONYMOUS,
  BoundedLabelValues,
  MAX_OPERATION_NAMES,
  OTHER,
  errorCodeLabel,
  operationLabel,
} from './metrics-labels';

describe('metric labels', () => {
  it('keeps the first distinct operation names up to the cap, then says other', () => {
    const names = new BoundedLabelValues(MAX_OPERATION_NAMES);
    for (let i = 0; i < MAX_OPERATION_NAMES; i += 1) {
      expect(operationLabel(names, `Operation${i}`)).toBe(`Operation${i}`);
    }
    expect(operationLabel(names, 'OneTooMany')).toBe(OTHER);
    expect(operationLabel(names, 'AnotherOne')).toBe(OTHER);
    // Names seen before the cap keep their label.
    expect(operationLabel(names, 'Operation0')).toBe('Operation0');
    expect(operationLabel(names, `Operation${MAX_OPERATION_NAMES - 1}`)).toBe(
      `Operation${MAX_OPERATION_NAMES - 1}`,
    );
  });

  it('labels anonymous operations, and refuses what is not a GraphQL name', () => {
    const names = new BoundedLabelValues(3);
    expect(operationLabel(names, undefined)).toBe(ANONYMOUS);
    expect(operationLabel(names, null)).toBe(ANONYMOUS);
    expect(operationLabel(names, '')).toBe(ANONYMOUS);
    for (const bad of ['1abc', 'a b', 'a"b', 'tok:secret', 'x'.repeat(65), 'é', 42, {}]) {
      expect(operationLabel(names, bad)).toBe(OTHER);
    }
    // Refused names took no place under the cap.
    expect(['A', 'B', 'C'].map((n) => operationLabel(names, n))).toEqual(['A', 'B', 'C']);
    expect(operationLabel(names, 'x'.repeat(64))).toBe(OTHER);
  });

  it('labels errors by known extensions.code only', () => {
    expect(errorCodeLabel('UNAUTHENTICATED')).toBe('UNAUTHENTICATED');
    expect(errorCodeLabel('GRAPHQL_VALIDATION_FAILED')).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errorCodeLabel(undefined)).toBe('INTERNAL_SERVER_ERROR');
    expect(errorCodeLabel('SOMETHING_A_SUBGRAPH_MADE_UP')).toBe(OTHER);
    expect(errorCodeLabel({ code: 'x' })).toBe(OTHER);
  });
});
