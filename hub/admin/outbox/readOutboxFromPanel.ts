import type { AdminOutboxMessage } from "../../../protocol";
import { readLocalOutbox } from "../../delivery/readLocalOutbox";
import type { HubContext } from "../../services/hubContext";
import { HubError } from "../../services/hubError";
import { requireOrgWide, requirePermission } from "../adminGuards";
import type { AdminPrincipal } from "../adminPrincipal";

/**
 * Lists the newest messages of the demo's local outbox with their temporary
 * PINs, for an organisation-wide administrator. Production mode rejects it
 * with DEMO_ONLY, because there PINs go out by e-mail or text message and
 * nobody else may read them.
 */
export async function readOutboxFromPanel(
  context: HubContext,
  principal: AdminPrincipal,
  limit: number,
): Promise<AdminOutboxMessage[]> {
  if (context.config.mode !== "demo") {
    throw new HubError("DEMO_ONLY", { feature: "The local outbox" });
  }
  requirePermission(principal, "settings.manage");
  requireOrgWide(principal, "read the local outbox");
  const messages = await readLocalOutbox(
    context.storage,
    context.secretBox,
    limit,
  );
  context.logger.info(
    { userId: principal.actor.user.id, count: messages.length },
    "local outbox read from the control panel",
  );
  return messages.map((message) => ({
    id: message.id,
    userId: message.userId,
    employeeNumber:
      message.employeeNumber === "?" ? null : message.employeeNumber,
    name: message.name === "?" ? null : message.name,
    channel: message.channel,
    recipient: message.recipient,
    kind: message.kind,
    status: message.status,
    createdAt: message.createdAt,
    expiresAt: message.expiresAt,
    pin: message.pin,
    ...(message.passwordLink !== undefined && {
      passwordLink: message.passwordLink,
    }),
  }));
}
