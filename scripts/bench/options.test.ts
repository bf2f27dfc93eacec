import {
  DEFAULT_FANOUT,
  DEFAULT_TRACING,
  fanoutFromEnv,
  optionsFromEnv,
  tracingFromEnv,
} from './options';

describe('npm run bench options from the environment', () => {
  it('runs the fan-out by default: 1,000 subscribers, 100 viewers, on A and S', () => {
    expect(optionsFromEnv({}).fanout).toEqual(DEFAULT_FANOUT);
    expect(DEFAULT_FANOUT).toMatchObject({
      subscribers: 1000,
      viewers: 100,
      topologies: ['A', 'S'],
    });
  });

  it('BENCH_FANOUT=0 turns it off', () => {
    expect(optionsFromEnv({ BENCH_FANOUT: '0' }).fanout).toBeNull();
  });

  it('reads every BENCH_FANOUT_* variable', () => {
    expect(
      fanoutFromEnv({
        BENCH_FANOUT_SUBSCRIBERS: '200',
        BENCH_FANOUT_VIEWERS: '3',
        BENCH_FANOUT_BURST: '7',
        BENCH_FANOUT_RATES: '2, 4',
        BENCH_FANOUT_SECONDS: '1',
        BENCH_FANOUT_TOPOLOGIES: 'S',
        BENCH_FANOUT_THREAD: '0',
      }),
    ).toEqual({
      subscribers: 200,
      viewers: 3,
      burst: 7,
      rates: [2, 4],
      secondsPerRate: 1,
      topologies: ['S'],
      subscriberThread: false,
    });
  });

  it('refuses what it cannot use', () => {
    expect(() => fanoutFromEnv({ BENCH_FANOUT_VIEWERS: '0' })).toThrow(/BENCH_FANOUT_VIEWERS/);
    expect(() => fanoutFromEnv({ BENCH_FANOUT_RATES: '5,x' })).toThrow(/BENCH_FANOUT_RATES/);
    expect(() => fanoutFromEnv({ BENCH_FANOUT_TOPOLOGIES: 'A,Z' })).toThrow(/unknown Z/);
    expect(() => optionsFromEnv({ BENCH_TOPOLOGIES: 'Q' })).toThrow(/BENCH_TOPOLOGIES/);
  });

  it('measures tracing by default: 100 % and 1 %, dashboard and me, 10 connections', () => {
    expect(optionsFromEnv({}).tracing).toEqual(DEFAULT_TRACING);
    expect(DEFAULT_TRACING).toEqual({
      ratios: [1, 0.01],
      operations: ['dashboard', 'me'],
      connections: [10],
    });
    expect(optionsFromEnv({ BENCH_TRACING: '0' }).tracing).toBeNull();
  });

  it('reads every BENCH_TRACING_* variable', () => {
    expect(
      tracingFromEnv({
        BENCH_TRACING_RATIOS: '0.1, 0, 0.1',
        BENCH_TRACING_OPERATIONS: 'catalog',
        BENCH_TRACING_CONNECTIONS: '10,50',
      }),
    ).toEqual({ ratios: [0.1, 0], operations: ['catalog'], connections: [10, 50] });
  });

  it('refuses tracing settings it cannot use', () => {
    expect(() => tracingFromEnv({ BENCH_TRACING_RATIOS: '1.5' })).toThrow(/BENCH_TRACING_RATIOS/);
    expect(() => tracingFromEnv({ BENCH_TRACING_RATIOS: ' ' })).toThrow(/BENCH_TRACING_RATIOS/);
    expect(() => tracingFromEnv({ BENCH_TRACING_OPERATIONS: 'me,nope' })).toThrow(/unknown nope/);
    expect(() => tracingFromEnv({ BENCH_TRACING_CONNECTIONS: '2.5' })).toThrow(
      /BENCH_TRACING_CONNECTIONS/,
    );
  });
});
