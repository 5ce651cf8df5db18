/**
 * The registry's own costs: building the `confluence` object from the prelude (paid once per
 * isolate, i.e. per run), answering `describe_sdk` (signatures are computed once, then cached),
 * and validating a call's input. `npm run bench -- registry`.
 */
import { describeSdk } from '../src/confluence/describe.ts';
import { findOperation } from '../src/confluence/operations/index.ts';
import { sdkSurface } from '../src/confluence/surface.ts';
import { type BenchSuite, describeSample, median, sample } from './harness.ts';

const suite: BenchSuite = {
  name: 'registry',
  async run() {
    const { prelude } = sdkSurface();
    const build = await sample(
      () =>
        (new Function(`return (${prelude});`)() as (call: unknown, helpers: unknown) => unknown)(
          async () => undefined,
          {},
        ),
      { iterations: 300, warmup: 30 },
    );
    const describeQuery = await sample(() => describeSdk({ query: 'add label to page' }), {
      iterations: 100,
    });
    const describeNames = await sample(() => describeSdk({ names: ['pages.get', 'search.cql'] }), {
      iterations: 100,
    });
    const spec = findOperation('pages.list')!;
    const input = {
      spaceId: ['ENG'],
      title: 'Runbook',
      status: ['current'],
      bodyFormat: 'storage',
      limit: 50,
    };
    const validate = await sample(() => spec.input.parse(input), {
      iterations: 2_000,
      warmup: 200,
    });
    return [
      {
        name: 'prelude: compile + build the confluence object (Node, once per isolate)',
        value: median(build),
        unit: 'ms',
        target: { op: '<=', value: 2 },
        note: describeSample(build),
      },
      {
        name: 'describeSdk: free-text query',
        value: median(describeQuery),
        unit: 'ms',
        target: { op: '<=', value: 20 },
        note: describeSample(describeQuery),
      },
      {
        name: 'describeSdk: two names',
        value: median(describeNames),
        unit: 'ms',
        note: describeSample(describeNames),
      },
      {
        name: 'pages.list input validation (zod)',
        value: median(validate) * 1_000,
        unit: 'µs',
        target: { op: '<=', value: 50 },
        note: describeSample(
          validate.map((ms) => ms * 1_000),
          'µs',
        ),
      },
    ];
  },
};

export default suite;
