// Create a secret: what each front asks or parses differs, what is checked and done is this one function.
import { invalidParameter } from '../store/errors';
import type { CreateSecretInput, RandomPasswordInput, SecretRef, SecretStore, Tag } from '../store/types';
import { secretNameProblem, validateSecretName } from '../store/validation';
import { attempt, required, type Ports, type UserInput } from './ports';

export type NewSecret = CreateSecretInput;

/** Where the secret goes, for messages ("the local vault", "AWS prod"). */
export interface Destination {
  /** Opened on first use: opening may itself ask (a vault passphrase), so only after the first answers. */
  store(): Promise<SecretStore>;
  label: string;
}

/** Why these tags cannot be stored, or undefined when they can. */
export function tagsProblem(tags: readonly Tag[]): string | undefined {
  return tags.some((t) => !t.key) ? 'Each tag needs a key before "=".' : undefined;
}

/** Validates, creates and logs; the store's own errors are named with the operation and the destination. */
export async function createSecret(
  ports: Ports,
  to: Destination,
  secret: NewSecret,
): Promise<SecretRef & { versionId?: string }> {
  validateSecretName(secret.name);
  const tagProblem = tagsProblem(secret.tags ?? []);
  if (tagProblem) throw invalidParameter(tagProblem);
  const created = await ports.progress(`Creating ${secret.name}`, () =>
    attempt(`Creating secret "${secret.name}" in ${to.label}`, async () =>
      (await to.store()).createSecret({
        ...secret,
        // empty answers of the form mean "none"
        description: secret.description || undefined,
        tags: secret.tags?.length ? secret.tags : undefined,
        kmsKeyId: secret.kmsKeyId || undefined,
      }),
    ),
  );
  ports.log.info(`Created ${secret.name} in ${to.label}.`);
  return created;
}

type ValueKind = 'plain' | 'json' | 'generated';

export interface AskNewSecretOptions {
  title: string;
  /** The prefilled name: a folder prefix of the tree, or the name a reference uses. */
  name?: string;
  /** JSON keys the code reads (a missing-secret reference): asked for first, and key/value is offered first. */
  jsonKeys?: readonly string[];
  /** Whether to ask for a KMS key (AWS only). */
  askKmsKey: boolean;
  passwordRules: RandomPasswordInput;
}

/** The interactive form of `createSecret`: name, type, value, description, tags (and KMS key), step by step. */
export async function askNewSecret(ui: UserInput, to: Destination, options: AskNewSecretOptions): Promise<NewSecret> {
  const { title } = options;
  const total = options.askKmsKey ? 6 : 5;
  const name = required(
    await ui.text({
      title,
      prompt: `Name in ${to.label} (letters, digits and /_+=.@-; use / for folders)`,
      value: options.name ?? '',
      validate: (text) => secretNameProblem(text),
      step: { current: 1, total },
    }),
  );
  const prefilledKeys = options.jsonKeys ?? [];
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
  const step3 = { current: 3, total };
  const secretString =
    kind === 'generated'
      ? await (await to.store()).getRandomPassword(options.passwordRules)
      : kind === 'plain'
        ? await askPlainValue(ui, title, step3)
        : await askJsonValue(ui, title, step3, prefilledKeys);
  const description = required(await ui.text({ title, prompt: 'Description (optional)', step: { current: 4, total } }));
  const tags = parseTags(
    required(
      await ui.text({
        title,
        prompt: 'Tags (optional): key=value pairs separated by commas',
        placeholder: 'team=payments, env=prod',
        validate: (text) => tagsProblem(parseTags(text)),
        step: { current: 5, total },
      }),
    ),
  );
  const kmsKeyId = options.askKmsKey
    ? required(
        await ui.text({
          title,
          prompt: 'KMS key (optional): key id, ARN or alias/…; empty for aws/secretsmanager',
          step: { current: 6, total },
        }),
      )
    : '';
  return { name, secretString, description, tags, kmsKeyId };
}

type Step = { current: number; total: number };

async function askPlainValue(ui: UserInput, title: string, step: Step): Promise<string> {
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

async function askJsonValue(
  ui: UserInput,
  title: string,
  step: Step,
  prefilledKeys: readonly string[],
): Promise<string> {
  const object: Record<string, string> = {};
  for (const key of prefilledKeys) {
    object[key] = required(
      await ui.text({ title, prompt: `Value of "${key}" (hidden while typing)`, password: true, step }),
    );
  }
  for (;;) {
    const keys = Object.keys(object);
    const key = required(
      await ui.text({
        title,
        prompt: keys.length
          ? `Next key (empty to finish; keys so far: ${keys.join(', ')})`
          : 'First key, e.g. username',
        validate: (t) =>
          t in object ? 'That key is already set.' : !t && !keys.length ? 'Enter at least one key.' : undefined,
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

/** "team=payments, env=prod" → tags; a part without "=" is a key with an empty value. */
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
