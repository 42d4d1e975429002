// `secrets-workbench secrets <cmd>`: one handler per Secrets Manager operation, over any SecretStore.
import { RECOVERY_WINDOW_DAYS } from '../../core/policy';
import type { ParseArgsConfig } from 'node:util';
import { printable, printableLines } from '../../core/terminal-text';
import { diffSecretValues } from '../../core/diff/index';
import {
  type FilterKey,
  type SecretFilter,
  type SecretMetadata,
  type SecretStore,
  type Tag,
} from '../../core/store/index';
import { listAllVersions, versionSelector } from '../../core/usecases/compare';
import { createSecret, type Destination } from '../../core/usecases/create-secret';
import { initPassphraseVault } from '../../core/usecases/local-vault';
import { deleteSecret, restoreSecret } from '../../core/usecases/delete';
import { putNewValue } from '../../core/usecases/edit-value';
import { rotateSecret } from '../../core/usecases/rotate';
import { readSecretAccessHistory } from '../../core/usecases/access-history';
import { rotationHealthRows } from '../../core/usecases/rotation-health-report';
import { rotationStateTitles } from '../../core/posture/rotation-health';
import { worstFirst } from '../../core/posture/rotation-report';
import { accessHistoryReport } from '../../core/access/report';
import { waitForRotation } from '../../core/aws/rotation';
import { cliPorts } from '../cli-ports';
import { ExitCode, UsageError, type CliIo } from '../commands/types';
import { isInteractive, readSecretValue } from '../prompt';
import { passphraseVariable, resolveStore, vaultPathOf, type StoreOptions } from '../store-options';
import { awsMetadata, awsRef, awsSecretValue, awsVersionList } from './aws-json';

export interface SubcommandContext {
  io: CliIo;
  id: string;
  /** Remaining positionals after the secret id. */
  rest: string[];
  values: Record<string, string | boolean | string[] | undefined>;
  json: boolean;
  storeOptions: StoreOptions;
  store(): Promise<SecretStore>;
}

export interface Subcommand {
  name: string;
  args: string;
  summary: string;
  /** Whether the first positional is a secret id. */
  takesId: boolean;
  /** Extra positionals allowed after the id (tag / untag). */
  variadic?: boolean;
  options: NonNullable<ParseArgsConfig['options']>;
  run(ctx: SubcommandContext): Promise<number>;
}

const valueOptions = {
  'value-file': { type: 'string' },
  binary: { type: 'boolean' },
  'client-request-token': { type: 'string' },
} as const;

/**
 * JSON escapes control characters itself; the human text gets them made visible (names come from the store).
 * `json` may be a function, so that a large response is shaped only when --json asks for it.
 */
const print = (ctx: SubcommandContext, json: unknown, human: string) =>
  ctx.io.stdout.write(
    ctx.json
      ? `${JSON.stringify(typeof json === 'function' ? (json as () => unknown)() : json, null, 2)}\n`
      : printableLines(human),
  );

/** The store the command works on, named for the use cases' messages (the CLI prints only their causes). */
const destination = (ctx: SubcommandContext): Destination => ({ store: ctx.store, label: 'the store' });

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const list = (value: unknown) => (Array.isArray(value) ? (value as string[]) : []);

function integer(value: unknown, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw new UsageError(`${flag} must be a whole number`);
  return n;
}

function parseTag(text: string): Tag {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError('tags are written key=value');
  return { key: text.slice(0, at), value: text.slice(at + 1) };
}

async function payload(ctx: SubcommandContext): Promise<{ secretString?: string; secretBinary?: Uint8Array }> {
  const bytes = await readSecretValue(ctx.io, str(ctx.values['value-file']));
  if (ctx.values.binary) return { secretBinary: bytes };
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (Buffer.from(text, 'utf8').equals(bytes)) return { secretString: text };
  throw new UsageError('the value is not valid UTF-8 text; pass --binary to store it as SecretBinary');
}

/** Columns padded to their widest cell; the last column is not padded. No spread: it fails past ~120k rows. */
export const table = (cells: string[][]) => {
  const rows = cells.map((r) => r.map(printable));
  const widths = rows[0].map(() => 0);
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i], c.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ')).join('\n') + '\n';
};

const day = (d: Date | undefined) => (d ? d.toISOString().replace('.000Z', 'Z') : '-');

export const subcommands: Subcommand[] = [
  {
    name: 'init',
    args: '',
    summary: 'create a new vault protected by a passphrase',
    takesId: false,
    options: {},
    async run(ctx) {
      if ((ctx.storeOptions.store ?? 'local') !== 'local') throw new UsageError('init creates a local vault');
      const path = vaultPathOf(ctx.storeOptions, ctx.io);
      const fromEnv = ctx.io.env[passphraseVariable] || undefined;
      if (!fromEnv && !isInteractive(ctx.io))
        throw new UsageError(`no passphrase: set ${passphraseVariable} or run in a terminal to be prompted`);
      if (!(await initPassphraseVault(cliPorts(ctx.io, fromEnv), path))) {
        ctx.io.stderr.write(`secrets init: a vault already exists at ${path}; leaving it as it is\n`);
        return ExitCode.refused;
      }
      print(ctx, { Vault: path }, `Created vault ${path}\n`);
      return ExitCode.ok;
    },
  },
  {
    name: 'list',
    args: '[--filter key=value]... [--include-planned-deletion] [--sort-order asc|desc]',
    summary: 'list secrets (names and metadata, never values)',
    takesId: false,
    options: {
      filter: { type: 'string', multiple: true },
      'include-planned-deletion': { type: 'boolean' },
      'sort-order': { type: 'string' },
    },
    async run(ctx) {
      const byKey = new Map<FilterKey, string[]>();
      for (const f of list(ctx.values.filter)) {
        const at = f.indexOf('=');
        if (at <= 0) throw new UsageError('filters are written key=value (name, description, tag-key, tag-value, all)');
        const key = f.slice(0, at) as FilterKey;
        byKey.set(key, [...(byKey.get(key) ?? []), f.slice(at + 1)]);
      }
      const filters: SecretFilter[] = [...byKey].map(([key, values]) => ({ key, values }));
      const sortOrder = str(ctx.values['sort-order']);
      if (sortOrder !== undefined && sortOrder !== 'asc' && sortOrder !== 'desc') {
        throw new UsageError('--sort-order is asc or desc');
      }
      const store = await ctx.store();
      // The table keeps three cells per secret, not each page's metadata (less to hold on a large vault).
      const secrets: SecretMetadata[] = [];
      const rows = [['NAME', 'LAST CHANGED', 'DESCRIPTION']];
      let nextToken: string | undefined;
      do {
        const page = await store.listSecrets({
          filters: filters.length ? filters : undefined,
          includePlannedDeletion: Boolean(ctx.values['include-planned-deletion']),
          sortOrder,
          maxResults: 100,
          nextToken,
        });
        for (const s of page.secrets) {
          if (ctx.json) secrets.push(s);
          else rows.push([s.name + (s.deletedDate ? ' (deleted)' : ''), day(s.lastChangedDate), s.description ?? '']);
        }
        nextToken = page.nextToken;
      } while (nextToken);
      print(ctx, () => ({ SecretList: secrets.map(awsMetadata) }), rows.length > 1 ? table(rows) : 'No secrets.\n');
      return ExitCode.ok;
    },
  },
  {
    name: 'describe',
    args: '<secret>',
    summary: "show a secret's metadata, tags and version stages",
    takesId: true,
    options: {},
    async run(ctx) {
      const m = await (await ctx.store()).describeSecret(ctx.id);
      const p = printable;
      const lines = [
        `Name:         ${p(m.name)}`,
        `ARN:          ${p(m.arn)}`,
        `Description:  ${p(m.description ?? '')}`,
        `Created:      ${day(m.createdDate)}`,
        `Last changed: ${day(m.lastChangedDate)}`,
        `Rotation:     ${m.rotationEnabled ? `enabled${m.rotationLambdaArn ? ` (${p(m.rotationLambdaArn)})` : ''}` : 'off'}`,
        `Tags:         ${m.tags.map((t) => `${p(t.key)}=${p(t.value)}`).join(', ')}`,
        ...(m.deletedDate ? [`Deleted:      ${day(m.deletedDate)} (purged ${day(m.deletionDate)})`] : []),
        'Versions:',
        ...Object.entries(m.versionIdsToStages).map(([id, stages]) => `  ${p(id)}  ${stages.map(p).join(', ')}`),
      ];
      print(ctx, awsMetadata(m), `${lines.join('\n')}\n`);
      return ExitCode.ok;
    },
  },
  {
    name: 'get',
    args: '<secret> [--version-id ID] [--version-stage STAGE]',
    summary: 'print the value only (AWSCURRENT unless a version or stage is given)',
    takesId: true,
    options: { 'version-id': { type: 'string' }, 'version-stage': { type: 'string' } },
    async run(ctx) {
      const value = await (
        await ctx.store()
      ).getSecretValue({
        secretId: ctx.id,
        versionId: str(ctx.values['version-id']),
        versionStage: str(ctx.values['version-stage']),
      });
      if (ctx.json) ctx.io.stdout.write(`${JSON.stringify(awsSecretValue(value), null, 2)}\n`);
      else if (value.secretBinary !== undefined) ctx.io.stdout.write(Buffer.from(value.secretBinary));
      else ctx.io.stdout.write(value.secretString ?? '');
      return ExitCode.ok;
    },
  },
  {
    name: 'create',
    args: '<name> [--value-file FILE | < stdin] [--no-value] [--description D] [--tag key=value]... [--binary]',
    summary: 'create a secret; its value comes from --value-file or stdin',
    takesId: true,
    options: {
      ...valueOptions,
      'no-value': { type: 'boolean' },
      description: { type: 'string' },
      tag: { type: 'string', multiple: true },
      'kms-key-id': { type: 'string' },
    },
    async run(ctx) {
      const kmsKeyId = str(ctx.values['kms-key-id']);
      if (kmsKeyId && !(await ctx.store()).capabilities.kms)
        throw new UsageError('--kms-key-id: this store encrypts with its own key (KMS keys exist only in AWS)');
      const value = ctx.values['no-value'] ? {} : await payload(ctx);
      const created = await createSecret(cliPorts(ctx.io), destination(ctx), {
        name: ctx.id,
        ...value,
        description: str(ctx.values.description),
        kmsKeyId,
        tags: list(ctx.values.tag).map(parseTag),
        clientRequestToken: str(ctx.values['client-request-token']),
      });
      const version = created.versionId ? ` (version ${created.versionId})` : ' (no value yet)';
      print(ctx, awsRef(created), `Created ${created.name}${version}\n`);
      return ExitCode.ok;
    },
  },
  {
    name: 'put',
    args: '<secret> [--value-file FILE | < stdin] [--stage STAGE]... [--binary]',
    summary: 'store a new version; it becomes AWSCURRENT unless --stage is given',
    takesId: true,
    options: { ...valueOptions, stage: { type: 'string', multiple: true } },
    async run(ctx) {
      const value = await payload(ctx);
      const stages = list(ctx.values.stage);
      const put = await putNewValue(cliPorts(ctx.io), destination(ctx), {
        secretId: ctx.id,
        ...value,
        versionStages: stages.length ? stages : undefined,
        clientRequestToken: str(ctx.values['client-request-token']),
      });
      print(ctx, awsRef(put), `Stored version ${put.versionId} of ${put.name} (${put.versionStages.join(', ')})\n`);
      return ExitCode.ok;
    },
  },
  {
    name: 'history',
    args: '<secret> [--limit N]',
    summary: "who called what on a secret, newest first (the local server's access log, or CloudTrail)",
    takesId: true,
    options: { limit: { type: 'string' } },
    async run(ctx) {
      const now = new Date();
      const limit = integer(ctx.values.limit, '--limit');
      const history = await readSecretAccessHistory(await ctx.store(), ctx.id, { now, limit });
      print(ctx, history, accessHistoryReport(ctx.storeOptions.store === 'aws' ? 'AWS' : 'Local vault', history, now));
      return ExitCode.ok;
    },
  },
  {
    name: 'rotation-health',
    args: '',
    summary: "each secret's rotation state and remedy, worst first; exit 1 when one failed or is overdue",
    takesId: false,
    options: {},
    async run(ctx) {
      const rows = worstFirst(await rotationHealthRows(await ctx.store()));
      const cells = rows.map(({ name, health }) => [name, rotationStateTitles[health.state], health.remedy]);
      const json = () => ({
        Secrets: rows.map(({ name, health }) => ({
          Name: name,
          State: health.state,
          Found: health.reason,
          Remedy: health.remedy,
        })),
      });
      print(ctx, json, rows.length ? table([['NAME', 'STATE', 'REMEDY'], ...cells]) : 'No secrets.\n');
      const failing = rows.some((r) => r.health.state === 'failed' || r.health.state === 'overdue');
      return failing ? ExitCode.refused : ExitCode.ok;
    },
  },
  {
    name: 'versions',
    args: '<secret> [--include-deprecated]',
    summary: 'list versions, newest first, with their stages',
    takesId: true,
    options: { 'include-deprecated': { type: 'boolean' } },
    async run(ctx) {
      const out = await listAllVersions(await ctx.store(), ctx.id, Boolean(ctx.values['include-deprecated']));
      const rows = [['VERSION ID', 'CREATED', 'STAGES']].concat(
        out.versions.map((v) => [v.versionId, day(v.createdDate), v.versionStages.join(', ') || '(deprecated)']),
      );
      print(ctx, awsVersionList(out), table(rows));
      return ExitCode.ok;
    },
  },
  {
    name: 'stage',
    args: '<secret> --stage STAGE [--move-to VERSION_ID] [--remove-from VERSION_ID]',
    summary: 'move or remove a staging label (moving AWSCURRENT moves AWSPREVIOUS)',
    takesId: true,
    options: { stage: { type: 'string' }, 'move-to': { type: 'string' }, 'remove-from': { type: 'string' } },
    async run(ctx) {
      const versionStage = str(ctx.values.stage);
      if (!versionStage) throw new UsageError('--stage is required');
      const ref = await (
        await ctx.store()
      ).updateSecretVersionStage({
        secretId: ctx.id,
        versionStage,
        moveToVersionId: str(ctx.values['move-to']),
        removeFromVersionId: str(ctx.values['remove-from']),
      });
      print(ctx, awsRef(ref), `Updated ${versionStage} on ${ref.name}\n`);
      return ExitCode.ok;
    },
  },
  {
    name: 'rotate',
    args:
      '<secret> [--length N] [--exclude-characters CHARS] [--exclude-punctuation] [--key JSON_KEY]\n' +
      '            | [--rotation-lambda-arn ARN] [--automatically-after-days N | --schedule-expression EXPR] [--wait]',
    summary: 'put a generated random value (or one key of a JSON secret); never prints it',
    takesId: true,
    options: {
      length: { type: 'string' },
      'exclude-characters': { type: 'string' },
      'exclude-punctuation': { type: 'boolean' },
      'exclude-numbers': { type: 'boolean' },
      'exclude-uppercase': { type: 'boolean' },
      'exclude-lowercase': { type: 'boolean' },
      'include-space': { type: 'boolean' },
      key: { type: 'string' },
      'rotation-lambda-arn': { type: 'string' },
      'automatically-after-days': { type: 'string' },
      'schedule-expression': { type: 'string' },
      wait: { type: 'boolean' },
      'wait-seconds': { type: 'string' },
    },
    async run(ctx) {
      const store = await ctx.store();
      const lambda = str(ctx.values['rotation-lambda-arn']);
      const days = integer(ctx.values['automatically-after-days'], '--automatically-after-days');
      const schedule = str(ctx.values['schedule-expression']);
      if (lambda || days !== undefined || schedule !== undefined) {
        if (!store.capabilities.rotationLambda)
          throw new UsageError(
            'this store runs no rotation Lambdas (no --rotation-lambda-arn or schedule); rotate with a generated value',
          );
        const rotationRules =
          days !== undefined || schedule !== undefined
            ? { automaticallyAfterDays: days, scheduleExpression: schedule }
            : undefined;
        const started = await store.rotateSecret({ secretId: ctx.id, rotationLambdaArn: lambda, rotationRules });
        if (!ctx.values.wait) {
          print(ctx, awsRef(started), `Rotation started for ${started.name}\n`);
          return ExitCode.ok;
        }
        const outcome = await waitForRotation(store, ctx.id, {
          versionId: started.versionId,
          timeoutMs: (integer(ctx.values['wait-seconds'], '--wait-seconds') ?? 300) * 1000,
          pollIntervalMs: 1000,
        });
        const ok = outcome.status === 'succeeded';
        print(
          ctx,
          { ...awsRef(started), RotationStatus: outcome.status, ...(ok ? {} : { Message: outcome.message }) },
          ok ? `Rotated ${started.name}: version ${started.versionId} is AWSCURRENT\n` : `${outcome.message}\n`,
        );
        return ok ? ExitCode.ok : ExitCode.refused;
      }
      const put = await rotateSecret(cliPorts(ctx.io), destination(ctx), {
        name: ctx.id,
        how: 'generate',
        jsonKey: str(ctx.values.key) ?? null,
        passwordRules: {
          passwordLength: integer(ctx.values.length, '--length'),
          excludeCharacters: str(ctx.values['exclude-characters']),
          excludePunctuation: ctx.values['exclude-punctuation'] === true || undefined,
          excludeNumbers: ctx.values['exclude-numbers'] === true || undefined,
          excludeUppercase: ctx.values['exclude-uppercase'] === true || undefined,
          excludeLowercase: ctx.values['exclude-lowercase'] === true || undefined,
          includeSpace: ctx.values['include-space'] === true || undefined,
        },
        waitMs: 0,
      });
      print(ctx, awsRef(put), `Rotated ${put.name}: new version ${put.versionId} is AWSCURRENT\n`);
      return ExitCode.ok;
    },
  },
  {
    name: 'diff',
    args: '<secret> [--from STAGE|VERSION_ID] [--to STAGE|VERSION_ID]',
    summary: 'compare two versions (default AWSPREVIOUS → AWSCURRENT); prints values you asked to see',
    takesId: true,
    options: { from: { type: 'string' }, to: { type: 'string' } },
    async run(ctx) {
      const store = await ctx.store();
      const { versions } = await listAllVersions(store, ctx.id);
      const select = (ref: string) => versionSelector(ref, versions);
      const fromRef = str(ctx.values.from) ?? 'AWSPREVIOUS';
      const toRef = str(ctx.values.to) ?? 'AWSCURRENT';
      const from = await store.getSecretValue({ secretId: ctx.id, ...select(fromRef) });
      const to = await store.getSecretValue({ secretId: ctx.id, ...select(toRef) });
      const diff = diffSecretValues(from, to, { from: `${from.name}@${fromRef}`, to: `${to.name}@${toRef}` });
      const side = (v: typeof from) => ({ VersionId: v.versionId, VersionStages: v.versionStages });
      const json = {
        ARN: to.arn,
        Name: to.name,
        From: side(from),
        To: side(to),
        Kind: diff.kind,
        Changed: diff.changed,
        ...(diff.kind === 'json'
          ? {
              Changes: diff.changes
                .filter((c) => c.kind !== 'unchanged')
                .map((c) => ({ Key: c.key, Change: c.kind, From: c.from, To: c.to })),
            }
          : { Diff: diff.text }),
      };
      if (!ctx.json && !diff.changed) ctx.io.stderr.write('The two versions have the same value.\n');
      print(ctx, json, diff.text);
      return ExitCode.ok;
    },
  },
  {
    name: 'delete',
    args: `<secret> [--recovery-window-in-days ${RECOVERY_WINDOW_DAYS.min}-${RECOVERY_WINDOW_DAYS.max} | --force-delete-without-recovery]`,
    summary: `schedule deletion (default ${RECOVERY_WINDOW_DAYS.default}-day recovery window) or delete at once`,
    takesId: true,
    options: {
      'recovery-window-in-days': { type: 'string' },
      'force-delete-without-recovery': { type: 'boolean' },
    },
    async run(ctx) {
      const deleted = await deleteSecret(cliPorts(ctx.io), destination(ctx), ctx.id, {
        days: integer(ctx.values['recovery-window-in-days'], '--recovery-window-in-days'),
        force: ctx.values['force-delete-without-recovery'] === true,
      });
      const human = ctx.values['force-delete-without-recovery']
        ? `Deleted ${deleted.name}\n`
        : `Scheduled ${deleted.name} for deletion on ${day(deleted.deletionDate)}; restore it before then to keep it\n`;
      print(ctx, awsRef(deleted), human);
      return ExitCode.ok;
    },
  },
  {
    name: 'restore',
    args: '<secret>',
    summary: 'cancel a scheduled deletion',
    takesId: true,
    options: {},
    async run(ctx) {
      const ref = await restoreSecret(cliPorts(ctx.io), destination(ctx), ctx.id);
      print(ctx, awsRef(ref), `Restored ${ref.name}\n`);
      return ExitCode.ok;
    },
  },
  {
    name: 'tag',
    args: '<secret> key=value...',
    summary: 'add or overwrite tags',
    takesId: true,
    variadic: true,
    options: {},
    async run(ctx) {
      if (!ctx.rest.length) throw new UsageError('give at least one key=value tag');
      await (await ctx.store()).tagResource(ctx.id, ctx.rest.map(parseTag));
      print(ctx, {}, '');
      return ExitCode.ok;
    },
  },
  {
    name: 'untag',
    args: '<secret> key...',
    summary: 'remove tags by key (absent keys are fine)',
    takesId: true,
    variadic: true,
    options: {},
    async run(ctx) {
      if (!ctx.rest.length) throw new UsageError('give at least one tag key');
      await (await ctx.store()).untagResource(ctx.id, ctx.rest);
      print(ctx, {}, '');
      return ExitCode.ok;
    },
  },
];

export { resolveStore };
