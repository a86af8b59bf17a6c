/** Input events that count as someone using the tablet. */
const ACTIVITY_EVENTS = ["pointerdown", "keydown", "wheel"] as const;

export interface IdleTimerOptions {
  /** Target whose input events count, the window in the kiosk. */
  readonly target: EventTarget;
  readonly timeoutMs: number;
  /** Called once each time the timeout passes without input. */
  readonly onIdle: () => void;
  /** Called on every input event, before the timer restarts. */
  readonly onActivity?: () => void;
}

/**
 * Calls `onIdle` after `timeoutMs` without pointer or keyboard input. The
 * listeners are passive and capture-phase, so no element can hide input
 * from the timer by stopping propagation.
 */
export class IdleTimer {
  readonly #options: IdleTimerOptions;
  #timeoutMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;

  constructor(options: IdleTimerOptions) {
    this.#options = options;
    this.#timeoutMs = options.timeoutMs;
  }

  start(): void {
    if (this.#running) {
      return;
    }
    this.#running = true;
    for (const type of ACTIVITY_EVENTS) {
      this.#options.target.addEventListener(type, this.#handleActivity, {
        capture: true,
        passive: true,
      });
    }
    this.restart();
  }

  stop(): void {
    this.#running = false;
    clearTimeout(this.#timer);
    for (const type of ACTIVITY_EVENTS) {
      this.#options.target.removeEventListener(type, this.#handleActivity, {
        capture: true,
      });
    }
  }

  /** Changes the timeout, for example after a settings update, and restarts. */
  setTimeoutMs(timeoutMs: number): void {
    if (timeoutMs === this.#timeoutMs) {
      return;
    }
    this.#timeoutMs = timeoutMs;
    this.restart();
  }

  /** Starts the countdown again from now. */
  restart(): void {
    clearTimeout(this.#timer);
    if (!this.#running) {
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#options.onIdle();
    }, this.#timeoutMs);
  }

  readonly #handleActivity = (): void => {
    this.#options.onActivity?.();
    this.restart();
  };
}
