// Add an AWS connection: a profile (from the shared config files, or typed), a region (the profile's first),
// and an optional endpoint (e.g. a local `secrets-workbench serve`). The extension asks; the CLI takes flags.
import type { AwsProfileSummary } from '../aws/profiles';
import { attempt, required, type UserInput } from './ports';

export interface AwsChoices {
  listProfiles(): Promise<AwsProfileSummary[]>;
  regions: readonly string[];
}

/** Why `text` is not an endpoint URL (empty means the AWS endpoint), or undefined. */
export function endpointProblem(text: string): string | undefined {
  return !text || /^https?:\/\/\S+$/.test(text) ? undefined : 'Enter an http(s) URL or leave it empty.';
}

export interface NewAwsConnection {
  profile: string;
  region: string;
  endpoint?: string;
}

export async function askAwsConnection(ui: UserInput, aws: AwsChoices): Promise<NewAwsConnection> {
  const title = 'Add AWS Connection';
  const step = (current: number) => ({ current, total: 3 });
  const profiles = await attempt('Reading the AWS config files', () => aws.listProfiles());
  const enterProfile = '\u0000enter';
  const picked = profiles.length
    ? required(
        await ui.pick(
          [
            ...profiles.map((p) => ({
              label: p.name,
              description: [p.kind, p.region].filter(Boolean).join(' · '),
              value: p.name,
            })),
            { label: 'Enter a profile name…', value: enterProfile },
          ],
          { title, placeholder: 'AWS profile (from ~/.aws/config and ~/.aws/credentials)', step: step(1) },
        ),
      )
    : enterProfile;
  const name =
    picked === enterProfile
      ? required(await ui.text({ title, prompt: 'AWS profile name', value: 'default', step: step(1) }))
      : picked;
  const profile = profiles.find((p) => p.name === name);
  const preferred = profile?.region;
  const regions = preferred ? [preferred, ...aws.regions.filter((r) => r !== preferred)] : [...aws.regions];
  const region = required(
    await ui.pick(
      regions.map((r) => ({ label: r, description: r === preferred ? 'profile default' : undefined, value: r })),
      { title, placeholder: 'Region', step: step(2) },
    ),
  );
  const endpoint = required(
    await ui.text({
      title,
      prompt: 'Endpoint URL (optional: leave empty for AWS; e.g. a local `secrets-workbench serve` endpoint)',
      value: profile?.endpointUrl ?? '',
      validate: endpointProblem,
      step: step(3),
    }),
  );
  return { profile: name, region, ...(endpoint ? { endpoint } : {}) };
}
