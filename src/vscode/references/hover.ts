// Hover on a secret reference: description, tags, stages and the JSON key names of the current version (never a
// value), and a "Reveal value" link that goes through the masked-then-explicit reveal. The Markdown is trusted
// for that one command only.
import * as vscode from 'vscode';
import { referenceHoverMarkdown, type LookupOutcome } from '../../core/references/reference-present';
import type { SecretKeys } from '../../core/references/secret-metadata';
import { Commands } from '../constants';
import { referenceRange, type DocumentReferences } from './document-references';
import type { SecretLookup } from './secret-lookup';

export interface RevealReferenceArgs {
  connectionId: string;
  name: string;
}

export class ReferenceHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly lookup: SecretLookup,
    private readonly references: DocumentReferences,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const reference = this.references.at(document, position);
    if (!reference) return undefined;
    let target = this.lookup.connectionFor(document.uri);
    let outcome: LookupOutcome;
    let keys: SecretKeys | undefined;
    try {
      const described = await this.lookup.describe(document.uri, reference.secretId);
      ({ lookup: outcome, ...target } = described);
    } catch (error) {
      outcome = { status: 'error', message: error instanceof Error ? error.message : String(error) };
    }
    if (outcome.status === 'found' && !outcome.metadata.deletedDate) {
      // Key names need GetSecretValue, which a connection may deny: the rest of the hover still shows.
      keys = await this.lookup.jsonKeys(document.uri, reference.secretId).then(
        (result) => result.keys,
        () => undefined,
      );
    }
    const markdown = new vscode.MarkdownString(
      referenceHoverMarkdown(reference, outcome, target.connection.label, keys),
    );
    markdown.supportThemeIcons = true;
    if (outcome.status === 'found' && !outcome.metadata.deletedDate) {
      const args: RevealReferenceArgs = { connectionId: target.connectionId, name: outcome.metadata.name };
      const link = `command:${Commands.revealReferencedValue}?${encodeURIComponent(JSON.stringify([args]))}`;
      markdown.appendMarkdown(
        `\n\n[$(eye) Reveal value…](${link} "Shows the details (masked), then the value on request")`,
      );
      markdown.isTrusted = { enabledCommands: [Commands.revealReferencedValue] };
    }
    return new vscode.Hover(markdown, referenceRange(reference));
  }
}
