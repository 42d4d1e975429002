// Typed data behind each diagnostic. `vscode.Diagnostic` has no public `data` field, so (like cspell's
// client) we keep a side table: per document, the findings of the scan that produced its diagnostics, keyed
// by range + rule. Code actions look the diagnostic they receive up here instead of re-scanning. A WeakMap on
// the Diagnostic objects would not do: VS Code hands code-action providers copies, not our instances.
import type * as vscode from 'vscode';
import type { Finding } from '../../core/detection/index';

export interface DocumentFindings {
  /** Document version the findings were computed on. */
  version: number;
  findings: Finding[];
}

export function diagnosticKey(range: vscode.Range, ruleId: string): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}|${ruleId}`;
}

export function findingKey(finding: Finding): string {
  const { start, end } = finding.range;
  return `${start.line}:${start.character}-${end.line}:${end.character}|${finding.ruleId}`;
}

export class FindingData {
  private readonly byDocument = new Map<string, { data: DocumentFindings; byKey: Map<string, Finding> }>();

  set(uri: vscode.Uri, data: DocumentFindings): void {
    this.byDocument.set(uri.toString(), { data, byKey: new Map(data.findings.map((f) => [findingKey(f), f])) });
  }

  delete(uri: vscode.Uri): void {
    this.byDocument.delete(uri.toString());
  }

  clear(): void {
    this.byDocument.clear();
  }

  get(uri: vscode.Uri): DocumentFindings | undefined {
    return this.byDocument.get(uri.toString())?.data;
  }

  /** The finding behind one of our diagnostics. */
  findingFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Finding | undefined {
    const code = diagnostic.code;
    const ruleId = typeof code === 'object' ? String(code.value) : String(code);
    return this.byDocument.get(uri.toString())?.byKey.get(diagnosticKey(diagnostic.range, ruleId));
  }
}
