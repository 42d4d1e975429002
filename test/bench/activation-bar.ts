// The bar activate() must stay under, in milliseconds: the benchmark (`npm run bench activation`) reports against
// it, and the activation integration test asserts it inside VS Code on activate()'s CPU time, which a loaded
// machine does not inflate (wall-clock time also counts the time other processes had the CPU).
// Measured on the 2-core machine under load (load average 14-16): the bench's median 9.5 ms wall / 3.7 ms CPU;
// inside VS Code 1.139.1 7.7-11.5 ms wall / 8.8-11.4 ms CPU and 1.90.2 9.8 ms / 9.8 ms: 4 times under the bar or more.
export const ACTIVATE_BAR_MS = 50;
