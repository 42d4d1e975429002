import { strict as assert } from 'node:assert';
import { awsCapabilities } from '../../../src/core/store/capabilities';
import { localConnection, type ConnectionConfig } from '../../../src/vscode/connections/config';
import { runtimeConnection, type RuntimeConnectionDeps } from '../../../src/vscode/runtime/connection-choice';

const list: ConnectionConfig[] = [
  localConnection,
  {
    id: 'aws:prod:eu-west-1',
    kind: 'aws',
    label: 'Prod',
    profile: 'prod',
    region: 'eu-west-1',
    capabilities: awsCapabilities,
  },
];

function deps(reference: ReturnType<RuntimeConnectionDeps['referenceConnection']>): RuntimeConnectionDeps {
  return {
    connections: {
      list: () => list,
      get: (id: string) => list.find((c) => c.id === id)!,
      getStore: () => Promise.reject(new Error('not used')),
    },
    referenceConnection: () => reference,
    ui: () => {
      throw new Error('asks nothing');
    },
  };
}

describe('the connection run-time injection reads from', () => {
  it('is the one the configuration names, by id or label, even when references use another', () => {
    const d = deps({ connectionId: 'local', reason: 'offline' });
    assert.equal(runtimeConnection(d, 'aws:prod:eu-west-1'), 'aws:prod:eu-west-1');
    assert.equal(runtimeConnection(d, 'prod'), 'aws:prod:eu-west-1');
    assert.throws(
      () => runtimeConnection(d, 'staging'),
      /"secretsWorkbench.connection" names no connection \("staging"\)/,
    );
  });

  it('else the one that validates the folder, refusing when its setting names none', () => {
    assert.equal(
      runtimeConnection(deps({ connectionId: 'aws:prod:eu-west-1', reason: 'setting' }), undefined),
      'aws:prod:eu-west-1',
    );
    const broken = deps({
      connectionId: 'local',
      reason: 'local-vault',
      problem: 'secretsWorkbench.references.connection names no connection ("x")',
    });
    assert.throws(() => runtimeConnection(broken, undefined), /references\.connection names no connection/);
  });
});
