import { startOtlpSink } from './otlp-sink';

/** The OTLP sink as its own process (otlp-sink-process.ts starts it): OTLP_SINK_PORT. */
const port = Number(process.env.OTLP_SINK_PORT ?? 0);
void startOtlpSink({ port }).then((sink) => {
  const stop = () => void sink.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
});
