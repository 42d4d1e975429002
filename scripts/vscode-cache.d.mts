export const NODE_SPEC: string;
export const CODE_SERVER_VERSION: string;
export interface CachePaths {
  root: string;
  nodeDir: string;
  nodeHome: string;
  nodeBinDir: string;
  codeServerDir: string;
  codeServerBin: string;
  chromium: string;
}
export function cacheDir(): string;
export function cachePaths(root?: string): CachePaths;
export function ensureVsCode(options?: {
  log?: (line: string) => void;
  root?: string;
  codeServerPackage?: string;
}): Promise<CachePaths>;
export function withoutNpmVariables(base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function node24Env(paths: CachePaths, base?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export function npmInstall(
  dir: string,
  packages: string[],
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<void>;
export function withInstallLock<T>(root: string, log: (line: string) => void, task: () => Promise<T>): Promise<T>;
export function ensureInstalled(dir: string, install: (dir: string) => Promise<object>): Promise<boolean>;
export function isComplete(dir: string): boolean;
