// Secret values as documents on the `secrets-workbench:` scheme. The current value is editable: saving asks
// for a modal confirmation and then puts a new version (AWSCURRENT). Versions (`?version=`) are read-only.
import * as vscode from 'vscode';
import { Emitter } from '../../core/events';
import { toVscodeEvent } from '../events';
import { formatForEditing, valueFromEdited } from '../../core/explorer/value-format';
import { putNewValue } from '../../core/usecases/edit-value';
import { Schemes } from '../constants';
import { failureMessage } from '../errors';
import type { Services } from '../services';
import type { SaveConfirmations, SaveRequest } from './save-confirmation';
import { parseSecretPath, secretPath, type SecretDocumentRef } from './secret-uri';

export function secretUri(ref: SecretDocumentRef): vscode.Uri {
  return vscode.Uri.from({ scheme: Schemes.value, ...secretPath(ref) });
}

export class SecretFileSystem implements vscode.FileSystemProvider {
  private readonly changed = new Emitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = toVscodeEvent(this.changed.event);
  /** The version each open document was read from, to notice a change made elsewhere before saving. */
  private readonly readVersions = new Map<string, string>();

  constructor(
    private readonly services: Services,
    private readonly confirmations: SaveConfirmations,
  ) {}

  /** Open documents of this secret re-read their value (after a rotation, a push, a save). */
  notifyChanged(connectionId: string, name: string): void {
    const events = vscode.workspace.textDocuments
      .filter((d) => d.uri.scheme === Schemes.value)
      .filter((d) => {
        const ref = parseSecretPath(d.uri.path, d.uri.query);
        return ref.connectionId === connectionId && ref.name === name;
      })
      .map((d) => ({ type: vscode.FileChangeType.Changed, uri: d.uri }));
    if (events.length) this.changed.fire(events);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const ref = parseSecretPath(uri.path, uri.query);
    const store = await this.services.connections.getStore(ref.connectionId);
    const meta = await this.toFsError(() => store.describeSecret(ref.name), ref);
    const mtime = (meta.lastChangedDate ?? meta.createdDate).getTime();
    return {
      type: vscode.FileType.File,
      ctime: meta.createdDate.getTime(),
      mtime,
      size: 0,
      permissions: ref.versionId || meta.deletedDate ? vscode.FilePermission.Readonly : undefined,
    };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const ref = parseSecretPath(uri.path, uri.query);
    const store = await this.services.connections.getStore(ref.connectionId);
    const value = await this.toFsError(
      () => store.getSecretValue({ secretId: ref.name, versionId: ref.versionId }),
      ref,
    );
    if (!ref.versionId) this.readVersions.set(uri.toString(), value.versionId);
    const text =
      value.secretString !== undefined
        ? formatForEditing(value.secretString)
        : `(binary value, ${value.secretBinary?.byteLength ?? 0} bytes: not editable here)\n`;
    return new TextEncoder().encode(text);
  }

  /**
   * Asks what saving this document's text needs (see save-confirmation.ts) before VS Code saves it; a "no"
   * leaves the document dirty without the "Failed to save" error a refusal inside writeFile would show.
   */
  async confirmSave(document: vscode.TextDocument): Promise<boolean> {
    const ref = parseSecretPath(document.uri.path, document.uri.query);
    if (ref.versionId) return false;
    const text = document.getText();
    const request = await this.saveRequest(document.uri, text);
    if (!request || !(await this.confirmations.confirm(request, this.services.ui()))) return false;
    this.confirmations.approve(document.uri, text);
    return true;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const ref = parseSecretPath(uri.path, uri.query);
    if (ref.versionId)
      throw vscode.FileSystemError.NoPermissions('Versions are read-only: open the current value to edit it.');
    const connection = this.services.connections.get(ref.connectionId);
    this.services.log.info(`Save requested for ${ref.name} in ${connection.label}.`);
    const store = await this.services.connections.getStore(ref.connectionId);
    const edited = new TextDecoder().decode(content);
    const request = await this.saveRequest(uri, edited);
    if (!request) throw vscode.FileSystemError.NoPermissions('Binary secrets cannot be edited as text.');
    const approved = this.confirmations.takeApproval(uri, edited);
    // An auto save would ask again after every pause in typing: only an explicit save creates a version.
    if (this.confirmations.takeAutoSave(uri) && !approved)
      throw vscode.FileSystemError.NoPermissions(
        `Auto save does not create versions of "${ref.name}": save it explicitly (Ctrl+S).`,
      );
    // Asked here when VS Code saves by another way than the save command (File > Save, Save All, closing).
    if (!approved && !(await this.confirmations.confirm(request, this.services.ui()))) {
      this.services.log.info(`Not saved: no new version of ${ref.name} was created.`);
      return this.confirmations.keepDirty(uri); // cancelling is not a failure: no error, the edit stays
    }
    const secretString = valueFromEdited(request.current, edited);
    try {
      const put = await putNewValue(
        this.services.ports(),
        { store: async () => store, label: connection.label },
        { secretId: ref.name, secretString },
      );
      this.readVersions.set(uri.toString(), put.versionId);
    } catch (error) {
      this.services.log.error(`Save new version of ${ref.name}`, error);
      throw vscode.FileSystemError.Unavailable(failureMessage(`Saving "${ref.name}"`, error));
    }
    // Only the tree: a change event for the document being saved would make VS Code re-check it mid-save.
    this.services.model.refresh(ref.connectionId, ref.name);
  }

  private async saveRequest(uri: vscode.Uri, edited: string): Promise<SaveRequest | undefined> {
    const ref = parseSecretPath(uri.path, uri.query);
    const store = await this.services.connections.getStore(ref.connectionId);
    const current = await this.toFsError(() => store.getSecretValue({ secretId: ref.name }), ref);
    if (current.secretString === undefined) return undefined;
    return {
      uri,
      name: ref.name,
      connectionLabel: this.services.connections.get(ref.connectionId).label,
      current: current.secretString,
      edited,
      changedElsewhere: this.readVersions.get(uri.toString()) !== current.versionId,
    };
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('Create secrets with "Secrets: Create Secret…".');
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions('Delete secrets with "Secrets: Delete Secret…".');
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('Secrets cannot be renamed.');
  }

  private async toFsError<T>(fn: () => Promise<T>, ref: SecretDocumentRef): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      this.services.log.error(`Read ${ref.name}`, error);
      if ((error as { code?: string }).code === 'ResourceNotFoundException')
        throw vscode.FileSystemError.FileNotFound(ref.name);
      throw vscode.FileSystemError.Unavailable(failureMessage(`Reading "${ref.name}"`, error));
    }
  }
}
