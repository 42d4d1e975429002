// GetRandomPassword, with AWS's character classes and defaults.
import { randomInt } from 'node:crypto';
import { invalidParameter } from './errors';
import type { RandomPasswordInput } from './types';

const classes = {
  lowercase: 'abcdefghijklmnopqrstuvwxyz',
  uppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  numbers: '0123456789',
  punctuation: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  space: ' ',
};

export function generateRandomPassword(input: RandomPasswordInput = {}): string {
  const length = input.passwordLength ?? 32;
  if (!Number.isInteger(length) || length < 1 || length > 4096) {
    throw invalidParameter('PasswordLength must be between 1 and 4096.');
  }
  const excluded = new Set(input.excludeCharacters ?? '');
  const pools = [
    !input.excludeLowercase && classes.lowercase,
    !input.excludeUppercase && classes.uppercase,
    !input.excludeNumbers && classes.numbers,
    !input.excludePunctuation && classes.punctuation,
    input.includeSpace && classes.space,
  ]
    .filter((pool): pool is string => Boolean(pool))
    .map((pool) => [...pool].filter((c) => !excluded.has(c)).join(''))
    .filter((pool) => pool.length > 0);
  if (pools.length === 0) throw invalidParameter('The password rules exclude every character.');
  const requireEach = input.requireEachIncludedType ?? true;
  if (requireEach && length < pools.length) {
    throw invalidParameter('PasswordLength is too short to include every required character type.');
  }
  const all = pools.join('');
  const chars = Array.from({ length }, () => all[randomInt(all.length)]);
  if (requireEach) {
    // Place one character of each class at distinct random positions.
    const positions = shuffle([...chars.keys()]).slice(0, pools.length);
    pools.forEach((pool, i) => (chars[positions[i]] = pool[randomInt(pool.length)]));
  }
  return chars.join('');
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}
