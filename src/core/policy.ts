// The limits both fronts (the extension and the CLI) apply, kept once so they cannot drift apart again.
// A front may word a refusal its own way, but reads the number and the rule from here.

/**
 * Shortest passphrase accepted for a new vault key slot. 12, not 8: a passphrase slot is the one thing between
 * a copied vault file and its contents, and scrypt (N=2^17) only slows guessing, so the length carries the
 * strength (NIST SP 800-63B's 8 is a floor for online-throttled passwords, which a stolen file is not).
 */
export const PASSPHRASE_MIN_LENGTH = 12;

/** Why `passphrase` may not protect a new vault, or undefined when it may. */
export function passphraseProblem(passphrase: string): string | undefined {
  return passphrase.length < PASSPHRASE_MIN_LENGTH
    ? `Use a passphrase of at least ${PASSPHRASE_MIN_LENGTH} characters.`
    : undefined;
}

/**
 * Longest text the detection engine scans, in characters (an open editor or a file from disk alike); longer
 * texts are skipped as too large. 10 Mi characters is far above any source file and bounds one scan's time.
 */
export const MAX_SCAN_CHARACTERS = 10 * 1024 * 1024;

/**
 * Bytes beyond which a file on disk is skipped unread: the character limit at up to two bytes per character
 * (UTF-16), so no file the engine would scan is refused by its size on disk. Not a second policy: a UTF-8 file
 * between the two is read, then skipped by MAX_SCAN_CHARACTERS.
 */
export const MAX_SCAN_FILE_BYTES = 2 * MAX_SCAN_CHARACTERS;

/** Secrets Manager's recovery window for a scheduled deletion, in days. */
export const RECOVERY_WINDOW_DAYS = { min: 7, max: 30, default: 30 } as const;

/** Why `days` is not a recovery window, or undefined when it is. */
export function recoveryWindowProblem(days: number): string | undefined {
  const { min, max } = RECOVERY_WINDOW_DAYS;
  return Number.isInteger(days) && days >= min && days <= max
    ? undefined
    : `Enter a whole number from ${min} to ${max}.`;
}
