/**
 * A second hub process for delivery tests: opens the hub's database from
 * the environment (the same variables the hub reads), prints `ready`,
 * waits for a line on stdin, runs one delivery pass and exits. The clock
 * is fixed at STOREFLOOR_TEST_NOW_MS.
 */
import readline from "node:readline";
import pino from "pino";
import { loadConfig } from "../../hub/config/hubConfig";
import { createHubContext } from "../../hub/createHubContext";
import { createDeliveryWorker } from "../../hub/delivery/deliveryWorker";

const nowMs = Number(process.env.STOREFLOOR_TEST_NOW_MS);
if (!Number.isFinite(nowMs)) {
  throw new Error(
    "STOREFLOOR_TEST_NOW_MS must be a time in ms since the epoch",
  );
}
const context = await createHubContext(
  loadConfig(process.env),
  pino({ level: "silent" }),
  () => nowMs,
);
const worker = createDeliveryWorker(context);
const input = readline.createInterface({ input: process.stdin });
console.log("ready");
await new Promise<void>((resolve) => input.once("line", () => resolve()));
input.close();
await worker.runOnce();
await worker.stop();
await context.storage.close();
console.log("done");
