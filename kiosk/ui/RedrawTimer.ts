import type { ReactiveController, ReactiveControllerHost } from "lit";

/** Maximum delay of setTimeout, in milliseconds (about 24.8 days). */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * setTimeout may fire a few milliseconds early or late, so the redraw
 * happens this long after the requested time, when it has surely passed.
 */
const REDRAW_SLACK_MS = 50;

/**
 * Redraws its host at a given time, such as the end of a timed lock, so a
 * view that depends on the clock updates without polling.
 */
export class RedrawTimer implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Asks for one redraw at `epochMs`, replacing an earlier request. */
  redrawAt(epochMs: number | undefined): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (epochMs === undefined) {
      return;
    }
    const delay = Math.max(0, epochMs - Date.now()) + REDRAW_SLACK_MS;
    this.#timer = setTimeout(
      () => this.#host.requestUpdate(),
      Math.min(delay, MAX_TIMEOUT_MS),
    );
  }

  hostDisconnected(): void {
    this.redrawAt(undefined);
  }
}
