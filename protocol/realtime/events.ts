import { z } from "zod";
import { StoreId, TabletId } from "../ids";
import type { ErrorBody } from "../errors";
import type { ChangeMessage } from "./change";

/** The socket.io namespace tablets connect to. */
export const KIOSK_NAMESPACE = "/kiosk";

/** `auth` payload of a tablet's socket.io handshake. */
export const KioskHandshake = z.object({
  protocolVersion: z.number().int(),
  storeId: StoreId,
  tabletId: TabletId,
});
export type KioskHandshake = z.infer<typeof KioskHandshake>;

/** Sent by the hub right after a tablet connects. */
export const HelloMessage = z.object({
  protocolVersion: z.number().int(),
  /** Newest change sequence number at connection time. */
  seq: z.number().int().min(0),
});
export type HelloMessage = z.infer<typeof HelloMessage>;

/** Events the hub sends to a tablet. */
export interface KioskServerEvents {
  hello: (message: HelloMessage) => void;
  change: (message: ChangeMessage) => void;
}

/** Events a tablet sends to the hub; none yet besides the handshake. */
export type KioskClientEvents = Record<string, never>;

/**
 * `data` of the error a rejected handshake raises on the client, as
 * socket.io's `connect_error` delivers it.
 */
export type KioskConnectErrorData = ErrorBody["error"];
