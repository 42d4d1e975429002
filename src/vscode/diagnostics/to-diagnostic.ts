// Finding -> vscode.Diagnostic. The message is the finding's title (kind + variable), never the value.
import * as vscode from 'vscode';
import { explainSignals, type Finding } from '../../core/detection/index';
import { DiagnosticSource } from '../constants';

export type SeveritySetting = 'default' | 'error' | 'warning' | 'information' | 'hint';

export const rulesDocBase = 'https://github.com/secrets-workbench/secrets-workbench/blob/main/docs/rules.md';

export function ruleDocUri(ruleId: string): vscode.Uri {
  return vscode.Uri.parse(`${rulesDocBase}#${ruleId}`);
}

function severityOf(finding: Finding, setting: SeveritySetting): vscode.DiagnosticSeverity {
  switch (setting) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'information':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
    case 'default': {
      // the finding's own level: a rule's default, lowered when a check says why (a checksum that fails)
      const level = finding.level;
      return level === 'error'
        ? vscode.DiagnosticSeverity.Error
        : level === 'warning'
          ? vscode.DiagnosticSeverity.Warning
          : vscode.DiagnosticSeverity.Information;
    }
  }
}

export function toDiagnostic(finding: Finding, setting: SeveritySetting): vscode.Diagnostic {
  const { start, end } = finding.range;
  const range = new vscode.Range(start.line, start.character, end.line, end.character);
  // the second line says why (signals), so the hover explains the confidence; it never holds the value
  const message = `${finding.title}\n${explainSignals(finding)}`;
  const diagnostic = new vscode.Diagnostic(range, message, severityOf(finding, setting));
  diagnostic.source = DiagnosticSource;
  diagnostic.code = { value: finding.ruleId, target: ruleDocUri(finding.ruleId) };
  return diagnostic;
}
