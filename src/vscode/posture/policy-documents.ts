// A secret's resource policy as a JSON document, `secrets-workbench-policy:/<connection>/<name>.policy.json`:
// read with GetResourcePolicy, saved with PutResourcePolicy and BlockPublicPolicy, so the store refuses a
// malformed or public policy and keeps the one it has; the refusal is the save error VS Code shows. The
// posture diagnostics lint these documents with the secret's account and key kind as context.
import * as vscode from 'vscode';
import { Emitter } from '../../core/events';
import { toVscodeEvent } from '../events';
import { keyKind } from '../../core/posture/kms-replicas';
import type { PolicyContext } from '../../core/posture/policy-findings';
import { validateWithStore } from '../../core/posture/store-validation';
import type { PolicyValidationError } from '../../core/store/resource-policy';
import { PostureCommands, Schemes } from '../constants';
import { describeError } from '../errors';
import type { Services } from '../services';
import { registerCommand } from '../commands/runner';
import { resolveSecret } from '../commands/targets';
import { parseSecretPath, secretPath } from '../documents/secret-uri';

export const policyScheme = Schemes.policy;
const suffix = '.policy.json';

/** What a secret without a policy opens with: a valid skeleton to fill in (IAM refuses an empty Statement). */
const skeleton = `{
  "Version": "2012-10-17",
  "Statement": []
}
`;

export function policyUri(connectionId: string, name: string): vscode.Uri {
  const { path } = secretPath({ connectionId, name });
  return vscode.Uri.from({ scheme: policyScheme, path: path + suffix });
}

function refOf(uri: vscode.Uri): { connectionId: string; name: string } {
  if (!uri.path.endsWith(suffix)) throw vscode.FileSystemError.FileNotFound(uri);
  return parseSecretPath(uri.path.slice(0, -suffix.length), '');
}

export class ResourcePolicyFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new Emitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = toVscodeEvent(this.changed.event);
  private readonly contexts = new Map<string, PolicyContext>();

  constructor(private readonly services: Services) {}

  /** The secret's account and key kind, known once its policy was read. */
  contextFor(uri: vscode.Uri): PolicyContext | undefined {
    return this.contexts.get(uri.toString());
  }

  /**
   * The store's ValidateResourcePolicy answer for the edited text (AWS's own checks against AWS). Background
   * work: never prompts for a vault passphrase, and a failure is logged rather than shown as a problem.
   */
  async validate(uri: vscode.Uri, text: string, signal: AbortSignal): Promise<PolicyValidationError[]> {
    const { connectionId, name } = refOf(uri);
    try {
      const store = await this.services.connections.getStoreQuietly(connectionId);
      return await validateWithStore(store, { secretId: name, text, signal });
    } catch (error) {
      if (!signal.aborted) this.services.log.info(`ValidateResourcePolicy of ${name} failed: ${describeError(error)}`);
      return [];
    }
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(): vscode.FileStat {
    return { type: vscode.FileType.File, ctime: 0, mtime: Date.now(), size: 0 };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const { connectionId, name } = refOf(uri);
    const store = await this.services.connections.getStore(connectionId);
    const [{ resourcePolicy }, metadata] = await Promise.all([
      store.getResourcePolicy(name),
      store.describeSecret(name),
    ]);
    const accountId = /^arn:[^:]+:secretsmanager:[^:]*:(\d{12}):/.exec(metadata.arn)?.[1];
    this.contexts.set(uri.toString(), {
      ...(accountId ? { accountId } : {}),
      kmsKey: keyKind(metadata.kmsKeyId),
    });
    return new TextEncoder().encode(resourcePolicy ? pretty(resourcePolicy) : skeleton);
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const { connectionId, name } = refOf(uri);
    const store = await this.services.connections.getStore(connectionId);
    try {
      await store.putResourcePolicy({
        secretId: name,
        resourcePolicy: new TextDecoder().decode(content),
        blockPublicPolicy: true,
      });
    } catch (error) {
      // the store kept its policy; say why in the save error (it names the problem, never a value)
      throw new vscode.FileSystemError(`The resource policy was not saved. ${describeError(error)}`);
    }
    this.services.log.info(`Saved the resource policy of ${name}.`);
    this.changed.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('Resource policies have no folders.');
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions('Delete a resource policy from the store, not as a file.');
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions('A resource policy cannot be renamed.');
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function pretty(text: string): string {
  try {
    return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  } catch {
    return text;
  }
}

export function registerPolicyDocuments(services: Services, fileSystem: ResourcePolicyFileSystem): vscode.Disposable[] {
  return [
    fileSystem,
    vscode.workspace.registerFileSystemProvider(policyScheme, fileSystem, { isCaseSensitive: true }),
    registerCommand(services, PostureCommands.editResourcePolicy, async (node) => {
      const { connection, secret } = await resolveSecret(services, node, 'Edit Resource Policy', (s) => !s.deletedDate);
      const document = await vscode.workspace.openTextDocument(policyUri(connection.id, secret.name));
      await vscode.window.showTextDocument(document);
      return document.uri;
    }),
  ];
}
