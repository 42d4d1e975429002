// Typed reads of the diagnostics settings.
import picomatch from 'picomatch';
import * as vscode from 'vscode';
import { DiagnosticSettings } from '../constants';
import type { SeveritySetting } from './to-diagnostic';

export interface DiagnosticOptions {
  enabled: boolean;
  severity: SeveritySetting;
  debounceMs: number;
  excludeLanguages: Set<string>;
  isExcludedPath(relativePath: string): boolean;
}

export function readDiagnosticOptions(): DiagnosticOptions {
  const config = vscode.workspace.getConfiguration(DiagnosticSettings.section);
  const globs = config.get<string[]>(DiagnosticSettings.excludeGlobs) ?? [];
  const matcher = globs.length ? picomatch(globs, { dot: true }) : undefined;
  return {
    enabled: config.get<boolean>(DiagnosticSettings.enabled) ?? true,
    severity: config.get<SeveritySetting>(DiagnosticSettings.severity) ?? 'default',
    debounceMs: Math.max(0, config.get<number>(DiagnosticSettings.debounceMs) ?? 250),
    excludeLanguages: new Set(config.get<string[]>(DiagnosticSettings.excludeLanguages) ?? []),
    isExcludedPath: (path) => !!matcher?.(path),
  };
}
