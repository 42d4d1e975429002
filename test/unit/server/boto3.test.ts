// boto3 (Debian's python3-boto3, installed by .ci/run) and the JS SDK against the same server.
import { strict as assert } from 'node:assert';
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { syntheticValue } from '../store/contract';
import { startLocalAws, type LocalAws } from '../aws/helpers';

/** Debian's interpreter first (its python3-boto3 is the one CI installs), then whatever python3 is on PATH. */
const python = ['/usr/bin/python3', 'python3'].find((bin) => spawnSync(bin, ['-c', 'import boto3']).status === 0);

describe('cross-SDK: boto3 and the JS SDK against the local server', function () {
  this.timeout(60_000);
  let local: LocalAws;

  before(function () {
    if (!python) {
      console.warn('    python3-boto3 is not installed (apt-get install python3-boto3); .ci/run installs it.');
      this.skip();
    }
  });
  afterEach(() => local?.close());

  it('creates, reads, rotates with a generated value and lists versions from boto3; each SDK reads the other’s writes', async () => {
    local = await startLocalAws();
    const js = await local.connect();
    const jsWritten = syntheticValue();
    await js.createSecret({ name: 'js/written', secretString: jsWritten });
    const pyCreated = syntheticValue();
    const pyWritten = syntheticValue();
    const { stdout } = await promisify(execFile)(python!, [join(__dirname, 'boto3_cross_sdk.py')], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        AWS_CONFIG_FILE: '/nonexistent/aws-config',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ENDPOINT_URL_SECRETS_MANAGER: local.server.endpoint,
        AWS_REGION: local.server.region,
        AWS_ACCESS_KEY_ID: local.server.accessKeyId,
        AWS_SECRET_ACCESS_KEY: local.server.secretAccessKey,
        PY_CREATED_VALUE: pyCreated,
        PY_WRITTEN_VALUE: pyWritten,
      },
    });
    const out = JSON.parse(stdout);
    assert.match(out.created_arn, /^arn:aws:secretsmanager:us-east-1:\d{12}:secret:py\/created-[A-Za-z0-9]{6}$/);
    assert.equal(out.read_back_matches, true);
    assert.equal(out.created_date_type, 'datetime', 'boto3 parses our epoch-second dates');
    assert.deepEqual(out.rotated_stages, ['AWSCURRENT']);
    assert.equal(out.current_is_generated, true);
    assert.equal(out.previous_is_original, true);
    assert.equal(out.generated_length, 24);
    assert.equal(out.generated_alphanumeric, true);
    assert.deepEqual(out.version_stages, [['AWSCURRENT'], ['AWSPREVIOUS']]);
    assert.equal(out.version_ids_match, true);
    assert.equal(out.binary_round_trip, true);
    assert.equal(out.js_value_hash, createHash('sha256').update(jsWritten).digest('hex'), 'boto3 read the JS write');
    assert.equal(out.missing_error, 'ResourceNotFoundException');
    assert.equal(out.missing_status, 400);
    assert.deepEqual(out.listed, ['js/written', 'py/binary', 'py/created', 'py/written']);
    assert.equal(out.deleted_error, 'InvalidRequestException');
    assert.equal(out.deleted_date_type, 'datetime');
    // The JS SDK reads what boto3 wrote, and sees boto3's rotation.
    assert.equal((await js.getSecretValue({ secretId: 'py/written' })).secretString, pyWritten);
    const versions = await js.listSecretVersionIds({ secretId: 'py/created' });
    assert.equal(versions.versions.length, 2);
    assert.deepEqual((await js.describeSecret('py/created')).tags, [{ key: 'sdk', value: 'boto3' }]);
  });
});
