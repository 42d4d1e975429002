// What completion, the reference diagnostics and their quick fix ask about secrets: which connection validates
// a document's folder, and what that connection knows about a secret (never a value). The implementation sits
// on the shared secret lookup (one cache, one connection resolver for CodeLens, hover, completion, checks).
import type * as vscode from 'vscode';
import type { SecretFacts } from '../../core/references/reference-checks';

export interface ValidatingConnectionRef {
  id: string;
  label: string;
}

export interface SecretSummary {
  name: string;
  description?: string;
}

export interface ReferenceFacts {
  /** The connection that validates references in the document's workspace folder. */
  connectionFor(uri: vscode.Uri): ValidatingConnectionRef;
  /**
   * What the connection knows about one secret; `withKeys` also reads the current version's JSON key names.
   * Undefined when it cannot be known now (the connection failed): nothing is reported then.
   */
  facts(connectionId: string, secretId: string, withKeys: boolean): Promise<SecretFacts | undefined>;
  /** The secrets the connection lists (names and descriptions), for completion. */
  secretNames(connectionId: string): Promise<SecretSummary[]>;
  /** JSON key names of the secret's current version; undefined when it is missing or no JSON object. */
  jsonKeys(connectionId: string, secretId: string): Promise<string[] | undefined>;
  /** Fires when cached answers changed (a secret created or changed, the folder's connection switched). */
  readonly onDidChange: vscode.Event<void>;
}
