// "Create Secret…": a multi-step input (name, type, value, description, tags, KMS key for AWS). Besides a tree
// node, it accepts a CreateSecretPrefill (the "Create secret…" fix of a missing-secret reference): the connection
// that validates the reference, the name, and the JSON keys the code reads, asked for first.
import type * as vscode from 'vscode';
import { secretNameProblem } from '../../core/store/validation';
import type { Tag } from '../../core/store/types';
import { Commands } from '../constants';
import type { Services } from '../services';
import { attempt, registerCommand, required } from './runner';
import { connectionOf, pickConnection } from './targets';

type ValueKind = 'plain' | 'json' | 'generated';

export interface CreateSecretPrefill {
  kind: 'createSecretPrefill';
  connectionId: string;
  name: string;
  /** JSON keys to ask values for first (the value type then defaults to key/value). */
  jsonKeys: string[];
}

function prefillOf(arg: unknown): CreateSecretPrefill | undefined {
  const candidate = arg as Partial<CreateSecretPrefill> | undefined;
  return candidate?.kind === 'createSecretPrefill' && typeof candidate.connectionId === 'string'
    ? (candidate as CreateSecretPrefill)
    : undefined;
}

export function registerCreateSecret(services: Services): vscode.Disposable {
  return registerCommand(services, Commands.createSecret, async (node) => {
    const title = 'Create Secret';
    const prefill = prefillOf(node);
    const connection = prefill
      ? services.connections.get(prefill.connectionId)
      : (connectionOf(node, services) ?? (await pickConnection(services, title)));
    const kms = connection.capabilities.kms; // a KMS key step only where the key has an effect
    const total = kms ? 6 : 5;
    const ui = services.ui();
    const folder =
      (node as { kind?: string; prefix?: string } | undefined)?.kind === 'folder'
        ? (node as { prefix: string }).prefix
        : '';
    const name = required(
      await ui.text({
        title,
        prompt: `Name in ${connection.label} (letters, digits and /_+=.@-; use / for folders)`,
        value: prefill?.name ?? folder,
        validate: (text) => secretNameProblem(text),
        step: { current: 1, total },
      }),
    );
    const prefilledKeys = prefill?.jsonKeys ?? [];
    const jsonItem = {
      label: 'Key/value (JSON)',
      description: prefilledKeys.length
        ? `keys the code reads: ${prefilledKeys.join(', ')}`
        : 'e.g. username and password',
      value: 'json' as const,
    };
    const kind = required(
      await ui.pick<ValueKind>(
        [
          ...(prefilledKeys.length ? [jsonItem] : []),
          { label: 'Plain text', description: 'one value, e.g. an API key', value: 'plain' },
          ...(prefilledKeys.length ? [] : [jsonItem]),
          {
            label: 'Generated password',
            description: 'random, using the password rules from settings',
            value: 'generated',
          },
        ],
        { title, placeholder: 'Type of value', step: { current: 2, total } },
      ),
    );
    const store = await services.connections.getStore(connection.id);
    const secretString = await readValue(
      services,
      kind,
      title,
      { current: 3, total },
      () => store.getRandomPassword(services.passwordRules()),
      prefilledKeys,
    );
    const description = required(
      await ui.text({ title, prompt: 'Description (optional)', step: { current: 4, total } }),
    );
    const tags = parseTags(
      required(
        await ui.text({
          title,
          prompt: 'Tags (optional): key=value pairs separated by commas',
          placeholder: 'team=payments, env=prod',
          validate: (text) => tagsProblem(text),
          step: { current: 5, total },
        }),
      ),
    );
    const kmsKeyId = kms
      ? required(
          await ui.text({
            title,
            prompt: 'KMS key (optional): key id, ARN or alias/…; empty for aws/secretsmanager',
            step: { current: 6, total },
          }),
        )
      : '';
    const created = await services.progress(`Creating ${name}`, () =>
      attempt(`Creating secret "${name}" in ${connection.label}`, () =>
        store.createSecret({
          name,
          secretString,
          ...(description ? { description } : {}),
          ...(tags.length ? { tags } : {}),
          ...(kmsKeyId ? { kmsKeyId } : {}),
        }),
      ),
    );
    services.log.info(`Created ${name} in ${connection.label}.`);
    services.afterChange(connection.id);
    // Not awaited: TreeView.reveal can stay pending while the Secrets view is hidden (seen in the integration run).
    void services.reveal(connection.id, name).catch((error) => services.log.error(`reveal ${name}`, error));
    void ui.notify('info', `Created secret "${name}" in ${connection.label}.`);
    return created.arn;
  });
}

async function readValue(
  services: Services,
  kind: ValueKind,
  title: string,
  step: { current: number; total: number },
  generate: () => Promise<string>,
  prefilledKeys: readonly string[] = [],
): Promise<string> {
  const ui = services.ui();
  if (kind === 'generated') return generate();
  if (kind === 'plain') {
    return required(
      await ui.text({
        title,
        prompt: 'Value (hidden while typing)',
        password: true,
        validate: (t) => (t ? undefined : 'Enter a value.'),
        step,
      }),
    );
  }
  const object: Record<string, string> = {};
  for (const key of prefilledKeys) {
    object[key] = required(
      await ui.text({ title, prompt: `Value of "${key}" (hidden while typing)`, password: true, step }),
    );
  }
  for (;;) {
    const key = required(
      await ui.text({
        title,
        prompt: Object.keys(object).length
          ? `Next key (empty to finish; keys so far: ${Object.keys(object).join(', ')})`
          : 'First key, e.g. username',
        validate: (t) =>
          t in object
            ? 'That key is already set.'
            : !t && !Object.keys(object).length
              ? 'Enter at least one key.'
              : undefined,
        step,
      }),
    );
    if (!key) break;
    object[key] = required(
      await ui.text({ title, prompt: `Value of "${key}" (hidden while typing)`, password: true, step }),
    );
  }
  return JSON.stringify(object);
}

export function parseTags(text: string): Tag[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0 ? { key: part, value: '' } : { key: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() };
    });
}

function tagsProblem(text: string): string | undefined {
  return parseTags(text).some((t) => !t.key) ? 'Each tag needs a key before "=".' : undefined;
}
