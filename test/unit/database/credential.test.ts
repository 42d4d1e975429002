import { strict as assert } from 'node:assert';
import {
  clientCommand,
  connectionUri,
  databaseCredentialOf,
  looksLikeDatabaseSecret,
  DATABASE_TAG,
} from '../../../src/core/database/index';
import { Synthetic } from '../../support/synthetic';

const password = new Synthetic(24).password();
const credential = (fields: Record<string, unknown>) =>
  JSON.stringify({ username: 'app_user', password, host: 'db.example.internal', ...fields });

describe('database credential secrets', () => {
  it('reads the RDS/Redshift/DocumentDB credential JSON, with the port as a number or a string', () => {
    const parsed = databaseCredentialOf(credential({ engine: 'postgres', port: 5433, dbname: 'shop' }));
    assert.deepEqual(parsed, {
      engine: 'postgres',
      family: 'postgres',
      host: 'db.example.internal',
      port: 5433,
      username: 'app_user',
      password,
      dbname: 'shop',
    });
    assert.equal(databaseCredentialOf(credential({ engine: 'mysql', port: '3307' }))?.port, 3307);
    assert.equal(databaseCredentialOf(credential({ engine: 'redshift' }))?.family, 'postgres');
    assert.equal(databaseCredentialOf(credential({ engine: 'aurora-mysql' }))?.family, 'mysql');
    assert.equal(databaseCredentialOf(credential({ engine: 'mongo' }))?.family, 'mongodb');
  });

  it('is not fooled by other JSON, another engine, a bad port or plain text', () => {
    assert.equal(databaseCredentialOf(JSON.stringify({ apiKey: password })), undefined);
    assert.equal(databaseCredentialOf(credential({ engine: 'cassandra' })), undefined);
    assert.equal(databaseCredentialOf(credential({ engine: 'postgres', port: 70000 })), undefined);
    assert.equal(databaseCredentialOf(credential({ engine: 'postgres', port: 'x' })), undefined);
    assert.equal(databaseCredentialOf(JSON.stringify({ engine: 'postgres', host: 'h', password })), undefined);
    assert.equal(databaseCredentialOf(password), undefined);
    assert.equal(databaseCredentialOf('[1,2]'), undefined);
    assert.equal(databaseCredentialOf(undefined), undefined);
  });

  it('builds engine URIs with user, password and database percent-encoded, and default ports', () => {
    const awkward = 'p@ss:w/rd?#%&é';
    const base = { host: 'db.example.internal', username: 'me@corp', password: awkward };
    const uri = (fields: Record<string, unknown>) =>
      connectionUri(databaseCredentialOf(JSON.stringify({ ...base, ...fields }))!);
    // every reserved character of the password escaped (written out, not computed, so encodeURIComponent is checked)
    const escaped = ['p%40ss', '%3Aw', '%2Frd', '%3F', '%23', '%25', '%26', '%C3%A9'].join('');
    assert.equal(
      uri({ engine: 'postgres', dbname: 'my db' }),
      `postgresql://me%40corp:${escaped}@db.example.internal:5432/my%20db`,
    );
    assert.equal(
      uri({ engine: 'mariadb', port: 3310 }),
      `mysql://me%40corp:${encodeURIComponent(awkward)}@db.example.internal:3310`,
    );
    assert.equal(
      uri({ engine: 'docdb', dbname: 'orders' }),
      `mongodb://me%40corp:${encodeURIComponent(awkward)}@db.example.internal:27017/orders?tls=true&retryWrites=false`,
    );
    assert.match(uri({ engine: 'sqlserver-ex' }), /^sqlserver:\/\/.*:1433$/);
    // an IPv6 host in brackets
    assert.match(uri({ engine: 'postgres', host: '2001:db8::1' }), /@\[2001:db8::1\]:5432$/);
    // what a URL parser reads back is what the secret holds
    const parsed = new URL(uri({ engine: 'postgres', dbname: 'my db' }));
    assert.equal(decodeURIComponent(parsed.password), awkward);
    assert.equal(decodeURIComponent(parsed.username), 'me@corp');
  });

  it('psql and mysql get the password through the environment only', () => {
    const pg = clientCommand(databaseCredentialOf(credential({ engine: 'aurora-postgresql', dbname: 'shop' }))!)!;
    assert.equal(pg.program, 'psql');
    assert.deepEqual(pg.args, [
      '--host',
      'db.example.internal',
      '--port',
      '5432',
      '--username',
      'app_user',
      '--dbname',
      'shop',
    ]);
    assert.deepEqual(pg.env, { PGPASSWORD: password });
    const my = clientCommand(databaseCredentialOf(credential({ engine: 'mysql', port: 3306 }))!)!;
    assert.equal(my.program, 'mysql');
    assert.deepEqual(my.env, { MYSQL_PWD: password });
    for (const command of [pg, my]) assert.ok(!command.args.some((arg) => arg.includes(password)));
    assert.equal(clientCommand(databaseCredentialOf(credential({ engine: 'mongo' }))!), undefined);
  });

  it('tells database secrets from their metadata alone', () => {
    const meta = (fields: Partial<Parameters<typeof looksLikeDatabaseSecret>[0]>) => ({
      name: 'app/config',
      tags: [],
      ...fields,
    });
    assert.equal(looksLikeDatabaseSecret(meta({})), false);
    assert.equal(looksLikeDatabaseSecret(meta({ tags: [{ key: 'team', value: 'db' }] })), false);
    assert.equal(looksLikeDatabaseSecret(meta({ name: 'rds!db-0f3c' })), true);
    assert.equal(looksLikeDatabaseSecret(meta({ owningService: 'rds' })), true);
    assert.equal(looksLikeDatabaseSecret(meta({ tags: [{ key: 'aws:rds:primaryDBInstanceArn', value: 'x' }] })), true);
    assert.equal(looksLikeDatabaseSecret(meta({ tags: [{ key: DATABASE_TAG, value: '' }] })), true);
    assert.equal(
      looksLikeDatabaseSecret(
        meta({
          rotationLambdaArn: 'arn:aws:lambda:eu-west-1:1:function:SecretsManagerRDSPostgreSQLRotationSingleUser',
        }),
      ),
      true,
    );
    assert.equal(
      looksLikeDatabaseSecret(meta({ rotationLambdaArn: 'arn:aws:lambda:eu-west-1:1:function:rotate-api' })),
      false,
    );
  });
});
