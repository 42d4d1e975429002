// Injected by esbuild at bundle time; falls back to package.json when run from sources.
declare const __SECRETS_WORKBENCH_VERSION__: string | undefined;

export const productVersion: string =
  typeof __SECRETS_WORKBENCH_VERSION__ === 'string' ? __SECRETS_WORKBENCH_VERSION__ : '0.0.0-dev';
