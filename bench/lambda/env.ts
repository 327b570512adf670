// What every benchmark handler (ours and the raw twins) is configured with: the emulator that
// bench/lambda.ts starts, passed in the environment as a Lambda's configuration would be.
export const config = {
  region: 'us-east-1',
  endpoint: process.env.BENCH_ENDPOINT ?? 'http://127.0.0.1:1',
  credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' },
};

export interface Event {
  body: string;
}
