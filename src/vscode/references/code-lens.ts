// A CodeLens above each secret reference: exists / missing, connection, versions, last change and rotation.
// Lenses are listed from the document's text at once and resolved lazily (only visible ones are), through the
// shared metadata cache, so a file full of references costs one DescribeSecret per secret per minute.
import * as vscode from 'vscode';
import { Emitter } from '../../core/events';
import { toVscodeEvent } from '../events';
import type { SecretReference } from '../../core/references/index';
import { referenceLensTitle, type LookupOutcome } from '../../core/references/reference-present';
import { Commands, Settings } from '../constants';
import { referenceRange, type DocumentReferences } from './document-references';
import type { SecretLookup } from './secret-lookup';

class ReferenceLens extends vscode.CodeLens {
  constructor(
    readonly uri: vscode.Uri,
    readonly reference: SecretReference,
  ) {
    super(referenceRange(reference));
  }
}

export class ReferenceCodeLensProvider implements vscode.CodeLensProvider<ReferenceLens>, vscode.Disposable {
  private readonly changed = new Emitter<void>();
  readonly onDidChangeCodeLenses = toVscodeEvent(this.changed.event);
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly lookup: SecretLookup,
    private readonly references: DocumentReferences,
  ) {
    this.disposables = [
      this.changed,
      lookup.onDidChange(() => this.changed.fire()),
      references.onDidChange(() => this.changed.fire()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${Settings.section}.${Settings.referencesCodeLens}`)) this.changed.fire();
      }),
    ];
  }

  provideCodeLenses(document: vscode.TextDocument): ReferenceLens[] {
    const enabled = vscode.workspace
      .getConfiguration(Settings.section, document.uri)
      .get<boolean>(Settings.referencesCodeLens, true);
    if (!enabled) return [];
    return this.references.of(document).map((reference) => new ReferenceLens(document.uri, reference));
  }

  async resolveCodeLens(lens: ReferenceLens): Promise<ReferenceLens> {
    let target = this.lookup.connectionFor(lens.uri);
    let outcome: LookupOutcome;
    try {
      ({ lookup: outcome, ...target } = await this.lookup.describe(lens.uri, lens.reference.secretId));
    } catch (error) {
      outcome = { status: 'error', message: error instanceof Error ? error.message : String(error) };
    }
    const title = referenceLensTitle(outcome, target.connection.label);
    lens.command =
      outcome.status === 'found'
        ? {
            title,
            command: Commands.openReferencedSecret,
            tooltip: `Show "${outcome.metadata.name}" in the Secrets view`,
            arguments: [{ connectionId: target.connectionId, name: outcome.metadata.name }],
          }
        : { title, command: '' };
    return lens;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
