// Pieces every generator uses: the key argument, the call template filling, relative import paths.
import { posix } from 'node:path';
import { stringContent, stringLiteral, type StringSyntax } from './escape';
import { fillTemplate } from './text';
import type { FixLanguage, FixRequest, FixTarget, FixTemplate } from './types';

export function templateFor(
  request: FixRequest,
  language: FixLanguage,
  defaults: Required<FixTemplate>,
): Required<FixTemplate> {
  const override = request.templates?.[language] ?? {};
  return {
    call: override.call ?? defaults.call,
    import: override.import ?? defaults.import,
    helperPath: override.helperPath ?? defaults.helperPath,
  };
}

/**
 * Placeholder values for one replaced literal, every one escaped for `syntax`: {{secretName}} and {{jsonKey}} are
 * a string's inside (safe between either quote), the *Literal ones and {{keyArg}} whole literals.
 */
export function callValues(
  secretName: string,
  target: FixTarget,
  quote: '"' | "'",
  syntax: StringSyntax,
): Record<string, string> {
  const jsonKey = target.jsonKey ?? '';
  return {
    secretName: stringContent(secretName, syntax),
    jsonKey: stringContent(jsonKey, syntax),
    quote,
    secretNameLiteral: stringLiteral(secretName, syntax, quote),
    jsonKeyLiteral: stringLiteral(jsonKey, syntax, quote),
    keyArg: target.jsonKey === undefined ? '' : `, ${stringLiteral(target.jsonKey, syntax, quote)}`,
  };
}

export function fillCall(
  template: string,
  secretName: string,
  target: FixTarget,
  quote: '"' | "'",
  syntax: StringSyntax,
): string {
  return fillTemplate(template, callValues(secretName, target, quote, syntax));
}

/** Import specifier from one workspace-relative file to another, always starting with './' or '../'. */
export function relativeSpecifier(fromFile: string, toFile: string): string {
  const relative = posix.relative(posix.dirname(fromFile), toFile);
  return relative.startsWith('.') ? relative : `./${relative}`;
}

/** First folder of a workspace-relative path ('' at the root), so helpers land beside the code (e.g. src/). */
export function topFolder(path: string): string {
  const parts = path.split('/');
  return parts.length > 1 ? `${parts[0]}/` : '';
}
