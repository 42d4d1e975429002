// Floors under the password rules a user or workspace sets, so "Rotate" never writes a weak password into a
// secret: at least 16 characters, at least two of the four character classes, one of each included class.
import type { RandomPasswordInput } from './types';

export const MIN_PASSWORD_LENGTH = 16;
export const MIN_CHARACTER_CLASSES = 2;

type ClassFlag = 'excludeLowercase' | 'excludeUppercase' | 'excludeNumbers' | 'excludePunctuation';
const classFlags: ClassFlag[] = ['excludeLowercase', 'excludeUppercase', 'excludeNumbers', 'excludePunctuation'];

/** The rules raised to the floors; class exclusions that would leave fewer than two classes are dropped. */
export function withPasswordFloors(rules: RandomPasswordInput): RandomPasswordInput {
  const floored: RandomPasswordInput = {
    ...rules,
    passwordLength: Math.max(MIN_PASSWORD_LENGTH, rules.passwordLength ?? 32),
    requireEachIncludedType: true,
  };
  const included = classFlags.filter((flag) => !rules[flag]).length;
  if (included < MIN_CHARACTER_CLASSES) for (const flag of classFlags) floored[flag] = false;
  // excludeCharacters may not empty a class: keep only exclusions that leave each included class a character.
  if (rules.excludeCharacters && wouldEmptyAClass(floored)) floored.excludeCharacters = undefined;
  return floored;
}

const classChars: Record<ClassFlag, string> = {
  excludeLowercase: 'abcdefghijklmnopqrstuvwxyz',
  excludeUppercase: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  excludeNumbers: '0123456789',
  excludePunctuation: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};

function wouldEmptyAClass(rules: RandomPasswordInput): boolean {
  const excluded = new Set(rules.excludeCharacters ?? '');
  const left = classFlags.filter((flag) => !rules[flag] && [...classChars[flag]].some((c) => !excluded.has(c)));
  return left.length < MIN_CHARACTER_CLASSES;
}
