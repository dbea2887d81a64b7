import { Translator } from "../i18n/translator.ts";
import { PlaygroundServer } from "./server.ts";
import { Session, type SessionOptions } from "./session.ts";

export interface RunningPlayground {
  url: string;
  /** closes the page server, then the app and the emulator */
  stop(): Promise<void>;
}

/** The playground: a session (app, emulator, demo data) and the page server, which can reset the session. */
export async function startPlayground(options: SessionOptions & { port: number }): Promise<RunningPlayground> {
  let session = await Session.start(options);
  const server = new PlaygroundServer({
    session: () => session,
    async reset() {
      await session.stop();
      session = await Session.start(options);
    },
    translator: new Translator("zh-CN"),
    logger: options.logger,
  });
  const url = await server.listen(options.port);
  return {
    url,
    async stop() {
      await server.close();
      await session.stop();
    },
  };
}
