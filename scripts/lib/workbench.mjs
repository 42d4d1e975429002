// Shared launcher for integration tests, e2e tests and `npm start`: code-server (VS Code 1.139, or with
// `target: 'min'` the minimum VS Code that engines.vscode accepts) with the extension under test on a throw-away
// copy of a workspace, plus headless Chromium to open the workbench.
// Everything lives in one temp dir and is torn down by scripts/lib/cleanup.mjs.
import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureVsCode, nodeEnv } from '../vscode-cache.mjs';
import { makeTempDir, onCleanup } from './cleanup.mjs';
import { killMarked, RUN_MARKER_VAR } from './processes.mjs';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Folder name VS Code expects in an extensions dir: `<publisher>.<name>-<version>`. */
export function extensionFolderName(extensionDir) {
  const { publisher, name, version } = JSON.parse(readFileSync(join(extensionDir, 'package.json'), 'utf8'));
  return `${publisher}.${name}-${version}`;
}

/** Quiet, offline, deterministic defaults; callers add their own on top. */
export const baseSettings = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'explorer.compactFolders': false, // one tree row per folder, so UI tests can click paths
};

/** Workspace trust on, no prompt: a fresh workspace opens untrusted, in Restricted Mode. */
const restrictedModeSettings = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
};

/**
 * Starts code-server on 127.0.0.1 (a port the OS picks) with a fresh user-data dir and extensions dir.
 * `extensions`: folders to install (the repo itself is always installed, as a symlink, so it runs `dist/`).
 * `workspace`: folder copied into the temp dir so tests may write into it.
 * `port`: 0 lets the OS pick a free one.
 * `target`: which cached code-server build (scripts/vscode-cache.mjs TARGETS), `current` unless asked.
 */
export async function launchWorkbench({
  workspace,
  extensions = [],
  settings = {},
  tmpPrefix = 'sw-vscode',
  port = 0,
  log = (line) => process.stderr.write(`${line}\n`),
  restrictedMode = false,
  target = 'current',
} = {}) {
  const paths = await ensureVsCode({ log, target });
  const tmpRoot = makeTempDir(tmpPrefix);
  const dirs = {
    // named like the source folder: it is the window title and the Explorer root
    workspace: join(tmpRoot, workspace ? basename(workspace) : 'workspace'),
    userData: join(tmpRoot, 'user-data'),
    extensions: join(tmpRoot, 'extensions'),
    tmp: join(tmpRoot, 'tmp'),
    home: join(tmpRoot, 'home'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  if (workspace) cpSync(workspace, dirs.workspace, { recursive: true });
  // The same settings as user and as machine (remote) settings: code-server is a remote window, where machine-scoped
  // settings (the vault path) are read from the machine settings only.
  const allSettings = JSON.stringify(
    { ...baseSettings, ...settings, ...(restrictedMode ? restrictedModeSettings : {}) },
    null,
    2,
  );
  for (const scope of ['User', 'Machine']) {
    mkdirSync(join(dirs.userData, scope), { recursive: true });
    writeFileSync(join(dirs.userData, scope, 'settings.json'), allSettings);
  }
  for (const dir of [repoRoot, ...extensions]) {
    symlinkSync(dir, join(dirs.extensions, extensionFolderName(dir)), 'dir');
  }

  // Everything started from here on carries the marker, so teardown finds stragglers too.
  const env = {
    ...nodeEnv(paths),
    [RUN_MARKER_VAR]: tmpRoot,
    TMPDIR: dirs.tmp,
    XDG_CONFIG_HOME: join(dirs.home, 'config'),
    XDG_DATA_HOME: join(dirs.home, 'data'),
    XDG_CACHE_HOME: join(dirs.home, 'cache'),
  };
  delete env.PORT; // code-server would let it override --bind-addr
  delete env.FORCE_COLOR; // any value, even 0, colours mocha's check marks in reports written to files
  onCleanup(() => killMarked(tmpRoot));

  const serverLog = join(tmpRoot, 'code-server.log');
  const args = [
    paths.codeServerBin,
    '--auth=none',
    `--bind-addr=127.0.0.1:${port}`,
    `--config=${join(tmpRoot, 'code-server.yaml')}`,
    `--user-data-dir=${dirs.userData}`,
    `--extensions-dir=${dirs.extensions}`,
    '--disable-telemetry',
    '--disable-update-check',
    // restrictedMode: workspace trust on, and the (never trusted) workspace opens in Restricted Mode
    ...(restrictedMode ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    dirs.workspace,
  ];
  // Own process group: a terminal's Ctrl+C reaches only us, and we stop code-server in order.
  const child = spawn(join(paths.nodeBinDir, 'node'), args, {
    env,
    cwd: dirs.tmp,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const logStream = createWriteStream(serverLog);
  child.stdout.pipe(logStream, { end: false });
  child.stderr.pipe(logStream, { end: false });
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(5000)]);
    }
    await killMarked(tmpRoot);
    await new Promise((resolve) => logStream.end(resolve));
  });

  const baseUrl = await waitForListening(child, 60_000);
  const workbenchUrl = `${baseUrl}?folder=${encodeURIComponent(dirs.workspace)}`;
  const response = await globalThis.fetch(workbenchUrl);
  if (response.status !== 200) throw new Error(`code-server answered ${response.status} for ${workbenchUrl}`);
  await response.arrayBuffer();

  return {
    tmpRoot,
    ...dirs,
    env,
    paths,
    port: Number(new URL(baseUrl).port),
    baseUrl,
    workbenchUrl,
    serverLog,
    /** Settles when code-server exits (with its exit code or signal). */
    exited,
    /** The server's and extension host's logs, for printing when something failed. */
    logs: () => collectLogs([serverLog, dirs.userData]),
  };
}

/** Headless Chromium (Debian's, driven by playwright-core) on the workbench; returns the page. */
export async function openWorkbenchPage(workbench, { viewport = { width: 1280, height: 800 } } = {}) {
  const { chromium } = await import('playwright-core');
  const launching = chromium.launch({
    executablePath: workbench.paths.chromium,
    headless: true,
    env: workbench.env,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  // Registered before the launch settles: an interrupt mid-launch must still close it (and its temp dirs).
  onCleanup(async () => (await launching.catch(() => undefined))?.close());
  const browser = await launching;
  const page = await browser.newPage({ viewport });
  const consoleLog = createWriteStream(join(workbench.tmpRoot, 'browser-console.log'));
  page.on('console', (message) => consoleLog.write(`[${message.type()}] ${message.text()}\n`));
  page.on('pageerror', (error) => consoleLog.write(`[pageerror] ${error.message}\n`));
  onCleanup(() => new Promise((resolve) => consoleLog.end(resolve)));
  // Callers wait for what they need next; only the first paint is awaited, with room for a busy machine.
  await page.goto(workbench.workbenchUrl, { waitUntil: 'domcontentloaded', timeout: 180_000 });
  return { browser, page };
}

function waitForListening(child, timeoutMs) {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`code-server did not start in ${timeoutMs / 1000} s`)), timeoutMs);
    const onData = (chunk) => {
      output += chunk;
      const match = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\/?/.exec(output);
      if (match) {
        cleanup();
        resolve(`${match[1]}/`);
      }
    };
    const onExit = (code) => fail(new Error(`code-server exited (${code}) before listening:\n${output}`));
    function cleanup() {
      clearTimeout(timer);
      child.stdout.off('data', onData);
      child.stderr.off('data', onData);
      child.off('exit', onExit);
    }
    function fail(error) {
      cleanup();
      reject(error);
    }
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', onExit);
  });
}

function collectLogs(roots) {
  const files = [];
  const visit = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else if (path.endsWith('.log')) files.push(path);
  };
  roots.forEach(visit);
  return files
    .map((file) => {
      const text = readFileSync(file, 'utf8').split('\n').slice(-200).join('\n');
      return `----- ${relative(roots[1] ?? '', file) || file}\n${text}`;
    })
    .join('\n');
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
