import type {
  Mutation,
  MutationResult,
  PushRequest,
  PushResponse,
} from "../../protocol";
import type { HubContext } from "../services/hubContext";
import { HubError } from "../services/hubError";
import { audit } from "../services/audit";
import { DeferredChangeFeed } from "../realtime/changeFeed";
import type { TabletRecord } from "../storage/tabletRepository";
import { applyPinChange } from "./mutations/applyPinChange";
import { applyPinReset } from "./mutations/applyPinReset";
import { applySignInFailure } from "./mutations/applySignInFailure";
import { applySignInSuccess } from "./mutations/applySignInSuccess";
import { checkClaimTime } from "./mutations/checkClaimTime";

/**
 * Applies a tablet's queued mutations in the order sent and returns a
 * verdict for each. A mutation already seen gets its first verdict again
 * and changes nothing. Each is a claim: its time must be plausible, and the
 * hub decides on its own data whether it applies.
 */
export async function pushMutations(
  context: HubContext,
  tablet: TabletRecord,
  request: PushRequest,
): Promise<PushResponse> {
  const results: MutationResult[] = [];
  for (const mutation of request.mutations) {
    results.push(await applyOnce(context, tablet, mutation));
  }
  return { results };
}

async function applyOnce(
  context: HubContext,
  tablet: TabletRecord,
  mutation: Mutation,
): Promise<MutationResult> {
  const { storage } = context;

  // A resend, after a lost acknowledgement or a reload, gets the first verdict.
  const earlier = await recordedVerdict(context, mutation.id);
  if (earlier) {
    return earlier;
  }

  // The mutation's effects and its verdict commit together, so a resend
  // after a crash finds the verdict and applies nothing twice.
  const deferred = new DeferredChangeFeed();
  try {
    await storage.transaction(async (tx) => {
      const inTransaction: HubContext = {
        ...context,
        storage: tx,
        changes: deferred,
      };
      await checkClaimTime(inTransaction, tablet, mutation);
      await applyByKind(inTransaction, tablet, mutation);
      await tx.mutations.record(
        tablet.id,
        mutation.kind,
        { id: mutation.id, status: "applied" },
        context.now(),
      );
    });
  } catch (error) {
    if (error instanceof HubError) {
      return reject(context, tablet, mutation, error);
    }
    // The same mutation, sent twice at once, lost the race on its id, so the
    // other copy's verdict applies.
    const winner = await recordedVerdict(context, mutation.id);
    if (winner) {
      return winner;
    }
    throw error;
  }
  deferred.flushTo(context.changes);
  context.logger.info(
    { tabletId: tablet.id, mutationId: mutation.id, kind: mutation.kind },
    "tablet mutation applied",
  );
  return { id: mutation.id, status: "applied" };
}

/** Records and audits a rejected mutation; nothing of it was applied. */
async function reject(
  context: HubContext,
  tablet: TabletRecord,
  mutation: Mutation,
  error: HubError,
): Promise<MutationResult> {
  const result: MutationResult = {
    id: mutation.id,
    status: "rejected",
    reason: error.code,
    message: error.message,
  };
  const now = context.now();
  try {
    await recordRejection(context, tablet, mutation, result, now);
  } catch (recordError) {
    // A copy of the same mutation, sent at once from another socket, recorded
    // its verdict first, so this copy returns that verdict unaudited.
    const winner = await recordedVerdict(context, mutation.id);
    if (winner) {
      return winner;
    }
    throw recordError;
  }
  context.logger.warn(
    {
      tabletId: tablet.id,
      mutationId: mutation.id,
      kind: mutation.kind,
      code: error.code,
    },
    "tablet mutation rejected",
  );
  return result;
}

/** Records a rejection and audits it, in one transaction. */
async function recordRejection(
  context: HubContext,
  tablet: TabletRecord,
  mutation: Mutation,
  result: MutationResult,
  now: number,
): Promise<void> {
  await context.storage.transaction(async (tx) => {
    await tx.mutations.record(tablet.id, mutation.kind, result, now);
    await audit(
      tx,
      {
        kind: `offline.${mutation.kind}`,
        outcome: "failure",
        actorId: "actorId" in mutation ? mutation.actorId : mutation.userId,
        targetId: "targetId" in mutation ? mutation.targetId : mutation.userId,
        tabletId: tablet.id,
        storeIds: [tablet.storeId],
        reason: result.reason ?? null,
        details: { mutationId: mutation.id, clientTime: mutation.clientTime },
      },
      now,
    );
  });
}

/** Returns the verdict recorded for a mutation id, or null for none. */
async function recordedVerdict(
  context: HubContext,
  mutationId: string,
): Promise<MutationResult | null> {
  const recorded = await context.storage.mutations.get(mutationId);
  if (!recorded) {
    return null;
  }
  const { tabletId: _tabletId, ...result } = recorded;
  return result;
}

async function applyByKind(
  context: HubContext,
  tablet: TabletRecord,
  mutation: Mutation,
): Promise<void> {
  switch (mutation.kind) {
    case "sign-in.failure":
      return applySignInFailure(context, tablet, mutation);
    case "sign-in.success":
      return applySignInSuccess(context, tablet, mutation);
    case "pin.change":
      return applyPinChange(context, tablet, mutation);
    case "pin.reset":
      return applyPinReset(context, tablet, mutation);
  }
}
