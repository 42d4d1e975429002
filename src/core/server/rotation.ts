// Built-in stand-ins for rotation Lambdas, so "rotate with a Lambda, then poll" runs end to end offline.
// A store created with `rotationFunction: simulatedRotationFunction` runs them when RotateSecret names them.
import { parseJsonObject, type RotationFunction } from '../store/index';
import { Stage } from '../store/types';

export const simulatedRotationLambdas = {
  /** Rotates to a generated password (the `password` key of a JSON secret, else the whole value). */
  generatedPassword: 'secrets-workbench-generated-password',
  /** Creates the AWSPENDING version, then fails at setSecret: a stuck rotation, as a broken Lambda leaves it. */
  stuck: 'secrets-workbench-stuck-rotation',
} as const;

const generatedPassword: RotationFunction = async (store, { secretId, clientRequestToken, step }) => {
  if (step === 'createSecret') {
    const current = await store.getSecretValue({ secretId });
    const password = await store.getRandomPassword({ passwordLength: 32, excludeCharacters: `"'\\/@` });
    const object = parseJsonObject(current.secretString);
    const secretString = object && 'password' in object ? JSON.stringify({ ...object, password }) : password;
    await store.putSecretValue({ secretId, clientRequestToken, secretString, versionStages: [Stage.pending] });
  } else if (step === 'testSecret') {
    await store.getSecretValue({ secretId, versionId: clientRequestToken, versionStage: Stage.pending });
  } else if (step === 'finishSecret') {
    const metadata = await store.describeSecret(secretId);
    const current = Object.entries(metadata.versionIdsToStages).find(([, s]) => s.includes(Stage.current))?.[0];
    if (current !== clientRequestToken) {
      await store.updateSecretVersionStage({
        secretId,
        versionStage: Stage.current,
        moveToVersionId: clientRequestToken,
        removeFromVersionId: current,
      });
    }
    await store.updateSecretVersionStage({
      secretId,
      versionStage: Stage.pending,
      removeFromVersionId: clientRequestToken,
    });
  }
};

const stuck: RotationFunction = async (store, request) => {
  if (request.step === 'createSecret') return generatedPassword(store, request);
  throw new Error('Simulated rotation failure at setSecret.');
};

/** Resolves a Lambda ARN (or bare function name) to a built-in simulated rotation function. */
export function simulatedRotationFunction(lambdaArn: string): RotationFunction | undefined {
  const name = lambdaArn.includes(':function:') ? lambdaArn.split(':function:')[1].split(':')[0] : lambdaArn;
  if (name === simulatedRotationLambdas.generatedPassword) return generatedPassword;
  if (name === simulatedRotationLambdas.stuck) return stuck;
  return undefined;
}
