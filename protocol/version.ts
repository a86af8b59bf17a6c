/**
 * Version of the kiosk–hub protocol. Both sides send it when they connect;
 * the hub rejects a kiosk whose version differs, and the kiosk then offers
 * the update. Raise it on every change that an older peer would misread.
 */
export const PROTOCOL_VERSION = 1;
