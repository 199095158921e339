import { createServer, type Server, type Socket, connect } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP proxy between Keyport and Postgres that a test can cut and restore, to play
 * "database down" for real: existing connections are reset and new ones refused.
 */
export type TcpProxy = {
  port: number;
  cut: () => Promise<void>;
  /** Listens again after a cut; does nothing while the proxy is up. */
  restore: () => Promise<void>;
  close: () => Promise<void>;
  /**
   * Arms a one-shot cut: the first chunk a client sends that `test` matches is dropped and the proxy
   * cuts, as cut() does. The promise resolves once that cut is done, so a test knows its fault
   * happened, and on which bytes; it never settles if no chunk matches. `disarm()` withdraws it.
   */
  cutOn: (test: (chunk: Buffer) => boolean) => Promise<Buffer>;
  disarm: () => void;
  /** Calls `listener` with every chunk Postgres sends, before it is forwarded; returns the unsubscribe. */
  onServerData: (listener: (chunk: Buffer) => void) => () => void;
};

export type TcpProxyOptions = {
  /** Cut (as `cut()` does) the moment a client sends a chunk this matches, before it is forwarded. */
  cutWhen?: (chunk: Buffer) => boolean;
};

type Armed = { test: (chunk: Buffer) => boolean; landed: (chunk: Buffer) => void };

export async function startTcpProxy(targetHost: string, targetPort: number, options: TcpProxyOptions = {}): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let port = 0;
  let server: Server | undefined;
  let armed: Armed | undefined;
  const serverListeners = new Set<(chunk: Buffer) => void>();

  /** True when `chunk` must not reach Postgres: it triggers a cut instead. */
  const cutsOn = (chunk: Buffer): boolean => {
    if (options.cutWhen?.(chunk)) {
      void stop();
      return true;
    }
    if (armed?.test(chunk)) {
      const { landed } = armed;
      armed = undefined;
      void stop().then(() => landed(chunk));
      return true;
    }
    return false;
  };

  const listen = () =>
    new Promise<void>((resolve) => {
      if (server) return resolve();
      server = createServer((client) => {
        const upstream = connect(targetPort, targetHost);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on("close", () => sockets.delete(s));
          s.on("error", () => s.destroy());
        }
        // Every client chunk is inspected (a cut may be armed later), with pipe()'s backpressure.
        client.on("data", (chunk: Buffer) => {
          if (cutsOn(chunk) || upstream.write(chunk)) return;
          client.pause();
          upstream.once("drain", () => client.resume());
        });
        upstream.on("data", (chunk: Buffer) => {
          for (const listener of serverListeners) listener(chunk);
        });
        upstream.pipe(client);
        client.on("close", () => upstream.destroy());
        upstream.on("close", () => client.destroy());
      });
      server.listen(port, "127.0.0.1", () => {
        port = (server?.address() as AddressInfo).port;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      sockets.clear();
      if (!server) return resolve();
      server.close(() => resolve());
      server = undefined;
    });

  await listen();
  return {
    port,
    cut: stop,
    restore: listen,
    close: stop,
    cutOn: (test) => new Promise<Buffer>((landed) => (armed = { test, landed })),
    disarm: () => (armed = undefined),
    onServerData: (listener) => {
      serverListeners.add(listener);
      return () => serverListeners.delete(listener);
    },
  };
}
