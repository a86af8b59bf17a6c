import { css } from "lit";
import { baseStyles } from "../../web/ui/baseStyles";

/**
 * Styles every kiosk element shares: the base styles both apps share, then
 * the kiosk's sizes. Colours come from the custom properties of
 * `web/ui/theme.css`, which inherit into shadow roots. Controls are at least
 * 48 px high, above the 44 px minimum for touch targets.
 */
export const sharedStyles = css`
  ${baseStyles}

  h1 {
    font-size: 1.75rem;
  }

  h2 {
    font-size: 1.375rem;
  }

  button,
  input {
    font: inherit;
  }

  .button {
    min-height: 48px;
    min-width: 48px;
    padding: 0.5rem 1.25rem;
    border-radius: 10px;
    font-size: 1.125rem;
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
`;
