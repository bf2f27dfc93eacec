import { demoViewer, errorCodes, execute, testConfig, testLog } from '../../test/helpers';
import { demoUser } from '../shared/demo/catalog';
import { buildAuthSubgraph } from './subgraph';

describe('auth subgraph', () => {
  const service = testConfig().then((config) => buildAuthSubgraph(config, testLog));

  beforeAll(async () => (await service).start({ seed: true }));
  afterAll(async () => (await service).stop());

  it('resolves me for the signed-in viewer and null when anonymous', async () => {
    const s = await service;
    const me = await execute(s, '{ me { id email role } }', { viewer: demoViewer('admin') });
    expect(me.data).toEqual({
      me: { id: demoUser('admin').id, email: 'admin@campus.test', role: 'ADMIN' },
    });
    expect((await execute(s, '{ me { id } }')).data).toEqual({ me: null });
  });

  it('hides email from other non-admin users', async () => {
    const s = await service;
    const result = await execute(
      s,
      'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { email } } }',
      {
        variables: { reps: [{ __typename: 'User', id: demoUser('student2').id }] },
        viewer: demoViewer('student1'),
      },
    );
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
  });
});
