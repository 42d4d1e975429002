// Preloaded into the CLI processes vault-cli.bench.ts times (NODE_OPTIONS=--require): reports the whole
// process's CPU time (user + system) on stderr at exit, a figure the machine's load does not inflate.
process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  process.stderr.write(`\ncpu-ms ${((user + system) / 1000).toFixed(1)}\n`);
});
