import { z } from "zod";
import type { ErrorBody } from "../errors";
import type { ChangeMessage } from "./change";
import type {
  Acknowledgement,
  PullResponse,
  PushResponse,
  SyncAckResponse,
  VerifierResponse,
} from "../sync/messages";

/** The socket.io namespace tablets connect to. */
export const KIOSK_NAMESPACE = "/kiosk";

/**
 * `auth` payload of a tablet's socket.io handshake: the tablet token an
 * enrolled tablet got by proving its key. The store and the tablet's id come
 * from the token.
 */
export const KioskHandshake = z.object({
  protocolVersion: z.number().int(),
  tabletToken: z.string().min(1).max(512),
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
  /** The tablet was revoked: it wipes its cache and stops. */
  revoked: (error: ErrorBody["error"]) => void;
}

/** Events a tablet sends to the hub, each answered through its acknowledgement. */
export interface KioskClientEvents {
  "sync:pull": (
    request: unknown,
    ack: (response: Acknowledgement<PullResponse>) => void,
  ) => void;
  "sync:push": (
    request: unknown,
    ack: (response: Acknowledgement<PushResponse>) => void,
  ) => void;
  "sync:verifiers": (
    request: unknown,
    ack: (response: Acknowledgement<VerifierResponse>) => void,
  ) => void;
  "sync:ack": (
    request: unknown,
    ack: (response: Acknowledgement<SyncAckResponse>) => void,
  ) => void;
}

/**
 * `data` of the error a rejected handshake raises on the client, as
 * socket.io's `connect_error` delivers it.
 */
export type KioskConnectErrorData = ErrorBody["error"];
