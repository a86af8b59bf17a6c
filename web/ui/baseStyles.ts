import { css } from "lit";

/**
 * Styles the kiosk and the control panel share, which each app's
 * `sharedStyles` puts first: the host's font and colour, headings and
 * paragraphs, the colours of `.button` and its variants, the focus ring, and
 * the message boxes. Sizes differ between touch and pointer screens, so each
 * app's `sharedStyles` sets them. Colours come from the custom properties of
 * `web/ui/theme.css`.
 */
export const baseStyles = css`
  :host {
    display: block;
    color: var(--sf-text);
    font-family: var(--sf-font);
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  h1,
  h2,
  h3 {
    margin: 0 0 0.75rem;
    line-height: 1.25;
  }

  p {
    margin: 0 0 0.75rem;
    line-height: 1.5;
  }

  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    border: 2px solid var(--sf-primary);
    background: var(--sf-primary);
    color: var(--sf-on-primary);
    font-weight: 600;
    cursor: pointer;
  }

  .button.secondary {
    background: var(--sf-surface);
    color: var(--sf-primary);
    border-color: var(--sf-border);
  }

  .button.danger {
    background: var(--sf-danger);
    border-color: var(--sf-danger);
    color: var(--sf-on-primary);
  }

  .button[disabled] {
    cursor: not-allowed;
    background: var(--sf-disabled);
    border-color: var(--sf-disabled);
    color: var(--sf-on-disabled);
  }

  :focus-visible {
    outline: 3px solid var(--sf-focus);
  }

  .error {
    margin: 0.75rem 0;
    padding: 0.75rem 1rem;
    border-left: 6px solid var(--sf-danger);
    border-radius: 6px;
    background: var(--sf-danger-surface);
    color: var(--sf-danger-text);
  }

  .notice {
    margin: 0.75rem 0;
    padding: 0.75rem 1rem;
    border-left: 6px solid var(--sf-primary);
    border-radius: 6px;
    background: var(--sf-primary-surface);
  }

  .muted {
    color: var(--sf-text-muted);
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-top: 1rem;
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
