export const WAT: string;
export const GENERATED: string;
/** The .wat source assembled and validated, as base64. */
export function assemble(source: string): Promise<string>;
/** The text of the generated TypeScript module for a base64 binary. */
export function generated(base64: string): string;
