// Loads the IaC least-privilege lint only when a scan asks for it: in dist/ it is a bundle of its own
// (dist/posture-lint.js, see esbuild.mjs), so a plain credential scan does not load the YAML and HCL readers.
import type { PostureResult } from '../posture/scan-report';

export type PostureLint = (path: string, text: string) => PostureResult[];

export async function loadPostureLint(): Promise<PostureLint> {
  return (await import('../posture/scan-lint.js')).postureResults;
}
