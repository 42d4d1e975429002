// Stryker's mocha runner (10.x) requires mocha's CLI helpers by their pre-12 names (`lib/cli/run-helpers`);
// mocha 12 ships them as `.cjs`. This resolve hook maps the old names onto the new files.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    const legacy = /[\\/]mocha[\\/]lib[\\/]cli[\\/](run-helpers|collect-files|options)$/.exec(specifier);
    if (legacy) return nextResolve(`${specifier}.cjs`, context);
    return nextResolve(specifier, context);
  },
});
