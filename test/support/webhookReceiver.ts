import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request the receiver got, with its body exactly as sent. */
export interface WebhookRequest {
  readonly method: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly rawBody: string;
}

/** A real HTTP server on 127.0.0.1 that plays an SMS gateway. */
export interface WebhookReceiver {
  /** The URL to give the hub as STOREFLOOR_WEBHOOK_URL. */
  readonly url: string;
  readonly requests: readonly WebhookRequest[];
  /**
   * Resolves with the request number `index` (0 for the first) as soon as
   * it arrives, before the receiver responds.
   */
  request(index: number): Promise<WebhookRequest>;
  /** Stops the server and drops held requests; closing twice is harmless. */
  close(): Promise<void>;
}

/**
 * Starts the receiver. It responds to the n-th request with `statuses[n]`,
 * and with the last of them once the list runs out. `"hold"` never
 * responds. `delayMs` delays each response, so that senders overlap.
 */
export async function startWebhookReceiver(
  statuses: readonly (number | "hold")[] = [200],
  options: { delayMs?: number } = {},
): Promise<WebhookReceiver> {
  const requests: WebhookRequest[] = [];
  const waiters = new Map<number, (request: WebhookRequest) => void>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const received: WebhookRequest = {
        method: request.method ?? "",
        headers: request.headers,
        rawBody: Buffer.concat(chunks).toString("utf8"),
      };
      const index = requests.length;
      requests.push(received);
      waiters.get(index)?.(received);
      waiters.delete(index);
      const status = statuses[Math.min(index, statuses.length - 1)] ?? 200;
      if (status === "hold") {
        return;
      }
      setTimeout(() => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify({ received: index }));
      }, options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    requests,
    request(index) {
      const arrived = requests[index];
      if (arrived) {
        return Promise.resolve(arrived);
      }
      return new Promise((resolve) => waiters.set(index, resolve));
    },
    close() {
      if (!server.listening) {
        return Promise.resolve();
      }
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
