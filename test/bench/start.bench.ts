// Time from `npm start` to a working URL (the workbench answers 200), and time to stop on Ctrl+C.
// Budget with a warm cache: under 60 s. Run once first if the cache may be cold (`npm run vscode:cache`).
import { spawn } from 'node:child_process';

async function main(): Promise<void> {
  const budgetSeconds = 60;
  const started = Date.now();
  const child = spawn('npm', ['start'], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));

  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+/.exec(output);
      if (match) resolve(match[0]);
    });
    child.on('close', () => reject(new Error(`npm start exited before printing a URL:\n${output}`)));
  });
  const response = await fetch(url);
  const urlSeconds = (Date.now() - started) / 1000;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);

  const stopping = Date.now();
  const closed = new Promise((resolve) => child.on('close', resolve));
  process.kill(-child.pid!, 'SIGINT'); // the whole group, as Ctrl+C in a terminal
  await closed;
  const stopSeconds = (Date.now() - stopping) / 1000;

  console.log(`npm start: working URL after ${urlSeconds.toFixed(1)} s (budget ${budgetSeconds} s, warm cache)`);
  console.log(`npm start: stopped ${stopSeconds.toFixed(1)} s after Ctrl+C`);
  if (urlSeconds > budgetSeconds) {
    console.log('npm start: OVER BUDGET');
    process.exitCode = 1;
  }
}

void main();
