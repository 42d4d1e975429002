export const RUN_MARKER_VAR: string;
export function processesWithEnv(name: string, value: string | ((actual: string) => boolean)): number[];
export function signalAll(pids: number[], signal: NodeJS.Signals): void;
export function killMarked(value: string, graceMs?: number): Promise<void>;
