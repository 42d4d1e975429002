// Typed reads of the extension's settings (declared in package.json `contributes.configuration`).
import { homedir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { pricesWith, type Prices } from '../core/posture/prices';
import { withPasswordFloors } from '../core/store/password-floors';
import type { RandomPasswordInput } from '../core/store/types';
import { Settings } from './constants';
import type { ExplorerOptions } from './tree/explorer-model';

export const defaultVaultPath = () => join(homedir(), '.secrets-workbench', 'vault.swv');

/** The vault path setting, with `~/` and `${workspaceFolder}` expanded (a per-project vault). */
export function localVaultPath(config: vscode.WorkspaceConfiguration, workspaceFolder: string | undefined): string {
  const configured = config.get<string>(Settings.localVaultPath)?.trim();
  if (!configured) return process.env.SECRETS_WORKBENCH_VAULT || defaultVaultPath();
  const expanded = workspaceFolder ? configured.replaceAll('${workspaceFolder}', workspaceFolder) : configured;
  return expanded.startsWith('~/') ? join(homedir(), expanded.slice(2)) : expanded;
}

export function explorerOptions(config: vscode.WorkspaceConfiguration): ExplorerOptions {
  return {
    pageSize: clamp(config.get<number>(Settings.pageSize) ?? 100, 1, 100),
    groupByFolder: config.get<boolean>(Settings.groupByFolder) ?? true,
    showDeprecated: config.get<boolean>(Settings.showDeprecated) ?? false,
    ...((config.get<boolean>(Settings.costShowInTree) ?? true) ? { cost: { prices: costPrices(config) } } : {}),
  };
}

/** Secrets Manager's prices (core/posture/prices.ts) with the figures set in settings. */
export function costPrices(config: vscode.WorkspaceConfiguration): Prices {
  return pricesWith({
    perSecretMonth: config.get(Settings.costPricePerSecretMonth),
    per10kApiCalls: config.get(Settings.costPricePer10kApiCalls),
  });
}

/** The configured rules, never below the floors of password-floors.ts (whatever a workspace sets). */
export function passwordRules(config: vscode.WorkspaceConfiguration): RandomPasswordInput {
  return withPasswordFloors({
    passwordLength: clamp(config.get<number>(Settings.passwordLength) ?? 32, 1, 4096),
    excludeCharacters: config.get<string>(Settings.passwordExcludeCharacters) || undefined,
    excludePunctuation: config.get<boolean>(Settings.passwordExcludePunctuation) ?? false,
    excludeNumbers: config.get<boolean>(Settings.passwordExcludeNumbers) ?? false,
    excludeUppercase: config.get<boolean>(Settings.passwordExcludeUppercase) ?? false,
    excludeLowercase: config.get<boolean>(Settings.passwordExcludeLowercase) ?? false,
    includeSpace: config.get<boolean>(Settings.passwordIncludeSpace) ?? false,
    requireEachIncludedType: config.get<boolean>(Settings.passwordRequireEachType) ?? true,
  });
}

/** Seconds before a copied value is cleared: at least 1 (a copied secret is always cleared), at most 10 minutes. */
export function clipboardClearSeconds(config: vscode.WorkspaceConfiguration): number {
  return clamp(config.get<number>(Settings.clipboardClearSeconds) ?? 30, 1, 600);
}

const clamp = (n: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(n)));

export function rotationWaitMs(config: vscode.WorkspaceConfiguration): number {
  return Math.max(5, config.get<number>(Settings.rotationWaitSeconds) ?? 300) * 1000;
}
