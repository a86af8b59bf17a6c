import { css } from "lit";

/**
 * Styles every kiosk element shares. Colours come from the custom properties
 * of `ui/theme.css`, which inherit into shadow roots. Controls are at least
 * 48 px high, above the 44 px minimum for touch targets.
 */
export const sharedStyles = css`
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

  h1 {
    font-size: 1.75rem;
  }

  h2 {
    font-size: 1.375rem;
  }

  p {
    margin: 0 0 0.75rem;
    line-height: 1.5;
  }

  button,
  input {
    font: inherit;
  }

  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-height: 48px;
    min-width: 48px;
    padding: 0.5rem 1.25rem;
    border: 2px solid var(--sf-primary);
    border-radius: 10px;
    background: var(--sf-primary);
    color: var(--sf-on-primary);
    font-size: 1.125rem;
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

  .link-button {
    min-height: 48px;
    padding: 0.5rem 0.75rem;
    border: none;
    background: none;
    color: var(--sf-primary);
    font-size: 1rem;
    text-decoration: underline;
    cursor: pointer;
  }

  :focus-visible {
    outline: 3px solid var(--sf-focus);
    outline-offset: 3px;
  }

  .text-input {
    width: 100%;
    min-height: 52px;
    padding: 0.5rem 0.75rem;
    border: 2px solid var(--sf-border);
    border-radius: 10px;
    background: var(--sf-surface);
    color: var(--sf-text);
    font-size: 1.25rem;
  }

  label {
    display: block;
    margin-bottom: 0.375rem;
    font-weight: 600;
  }

  .card {
    padding: 1.5rem;
    border-radius: 16px;
    background: var(--sf-surface);
    box-shadow: 0 1px 3px rgb(0 0 0 / 0.15);
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
