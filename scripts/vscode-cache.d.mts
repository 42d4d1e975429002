export type TargetName = 'current' | 'min';
export interface TargetBuild {
  codeServer: string;
  /** major.minor that code-server's --version must report */
  vscode: string;
  /** Node major its install script demands */
  node: string;
}
export interface VsCodeTarget extends TargetBuild {
  name: string;
}
export const TARGETS: Record<TargetName, TargetBuild>;
export interface CachePaths {
  target: VsCodeTarget;
  root: string;
  nodeDir: string;
  nodeHome: string;
  nodeBinDir: string;
  codeServerDir: string;
  codeServerBin: string;
  chromium: string;
}
export function cacheDir(): string;
export function vscodeTarget(name?: string): VsCodeTarget;
export function targetsFromArgs(args: string[]): VsCodeTarget[];
export function cachePaths(root?: string, targetName?: string): CachePaths;
export function ensureVsCode(options?: {
  log?: (line: string) => void;
  root?: string;
  target?: string;
  codeServerPackage?: string;
}): Promise<CachePaths>;
export function withoutNpmVariables(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function nodeEnv(paths: CachePaths, base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function npmInstall(
  dir: string,
  packages: string[],
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<void>;
export function withInstallLock<T>(root: string, log: (line: string) => void, task: () => Promise<T>): Promise<T>;
export function ensureInstalled(dir: string, install: (dir: string) => Promise<object>): Promise<boolean>;
export function isComplete(dir: string): boolean;
