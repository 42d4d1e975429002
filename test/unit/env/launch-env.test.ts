import { strict as assert } from 'node:assert';
import {
  injectionRequestOf,
  mergedEnv,
  terminalConsoleProblem,
  withoutInjectionKeys,
} from '../../../src/core/env/index';

describe('run-time injection requests (debug configurations and tasks)', () => {
  it('reads secretsWorkbench.env and the optional connection, and nothing when neither is there', () => {
    assert.equal(injectionRequestOf({ type: 'node', env: { A: '1' } }), undefined);
    assert.deepEqual(injectionRequestOf({ 'secretsWorkbench.env': { DB_USER: 'prod/db#username' } }), {
      request: { map: { DB_USER: 'prod/db#username' } },
    });
    assert.deepEqual(
      injectionRequestOf({ 'secretsWorkbench.env': { TOKEN: 'api' }, 'secretsWorkbench.connection': 'local' }),
      { request: { map: { TOKEN: 'api' }, connection: 'local' } },
    );
  });

  it('names every problem by variable and shape, under its own key', () => {
    const result = injectionRequestOf({
      'secretsWorkbench.env': { 'bad name': 'x', PATH: 'y', EMPTY: '', KEYLESS: 'db#' },
      'secretsWorkbench.connection': 3,
    });
    assert.ok(result && 'problems' in result);
    assert.deepEqual(result.problems.sort(), [
      '"secretsWorkbench.connection" must be a connection id ("local" or "aws:PROFILE:REGION")',
      'secretsWorkbench.env.EMPTY must be a secret reference string ("name" or "name#key")',
      'secretsWorkbench.env.KEYLESS: the JSON key after "#" is empty',
      'secretsWorkbench.env: "bad name" is not a valid environment variable name',
      'secretsWorkbench.env: PATH cannot be injected (it controls how programs run)',
    ]);
    assert.deepEqual(injectionRequestOf({ 'secretsWorkbench.env': ['A'] }), {
      problems: [
        '"secretsWorkbench.env" must be an object mapping variable names to secret references ("name" or "name#key")',
      ],
    });
    assert.deepEqual(injectionRequestOf({ 'secretsWorkbench.connection': 'local' }), {
      problems: ['"secretsWorkbench.connection" is set but "secretsWorkbench.env" is missing'],
    });
  });

  it('strips its keys from a copy, leaving the original and every other key alone', () => {
    const config = {
      type: 'node',
      'secretsWorkbench.env': { A: 'a' },
      'secretsWorkbench.connection': 'local',
      env: {},
    };
    assert.deepEqual(withoutInjectionKeys(config), { type: 'node', env: {} });
    assert.ok('secretsWorkbench.env' in config);
  });

  it('refuses terminal consoles, which print the environment on the command line', () => {
    assert.match(terminalConsoleProblem({ console: 'integratedTerminal' }) ?? '', /internalConsole/);
    assert.match(terminalConsoleProblem({ console: 'externalTerminal' }) ?? '', /command line/);
    assert.equal(terminalConsoleProblem({ console: 'internalConsole' }), undefined);
    assert.equal(terminalConsoleProblem({}), undefined);
  });

  it('merges injected values over the configuration env', () => {
    assert.deepEqual(mergedEnv({ A: '1', B: null, C: 'x' }, { C: 'y', D: 'z' }), { A: '1', B: null, C: 'y', D: 'z' });
    assert.deepEqual(mergedEnv(undefined, { D: 'z' }), { D: 'z' });
    assert.deepEqual(mergedEnv(['nope'], { D: 'z' }), { D: 'z' });
  });
});
