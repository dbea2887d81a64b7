import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * A package loaded when a feature first uses it rather than when the bot starts (issue 12): the idle bot
 * does not carry the code of features nobody is using at the moment — CSV parsing and GB18030 decoding
 * (imports), QR codes (check-in): about 2 MiB of heap together.
 */
export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= require(name) as T;
    return loaded;
  };
}
