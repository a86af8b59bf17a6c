import { css } from "lit";
import { baseStyles } from "../../web/ui/baseStyles";

/**
 * Styles every control panel element shares: the base styles both apps
 * share, then the panel's sizes and form layout. Colours come from the custom
 * properties of `web/ui/theme.css`, which inherit into shadow roots. Buttons,
 * inputs and selects are at least 44 px high and wide, the minimum for
 * pointer targets, and every focusable element shows a 3 px focus ring.
 */
export const sharedStyles = css`
  ${baseStyles}

  h1 {
    font-size: 1.5rem;
  }

  h2 {
    font-size: 1.25rem;
  }

  h3 {
    font-size: 1.0625rem;
  }

  button,
  input,
  select,
  textarea {
    font: inherit;
  }

  .button {
    min-height: 44px;
    min-width: 44px;
    padding: 0.5rem 1rem;
    border-radius: 8px;
    font-size: 1rem;
    text-decoration: none;
  }

  /* A link on a line of its own, such as "Back to the users". */
  a.back {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    color: var(--sf-primary);
  }

  .link-button {
    display: inline-flex;
    align-items: center;
    min-height: 44px;
    min-width: 44px;
    padding: 0.5rem 0.5rem;
    border: none;
    background: none;
    color: var(--sf-primary);
    font-size: 1rem;
    text-align: left;
    text-decoration: underline;
    cursor: pointer;
  }

  :focus-visible {
    outline-offset: 2px;
  }

  .text-input,
  select {
    width: 100%;
    min-height: 44px;
    padding: 0.5rem 0.75rem;
    border: 2px solid var(--sf-border);
    border-radius: 8px;
    background: var(--sf-surface);
    color: var(--sf-text);
    font-size: 1rem;
  }

  .text-input[aria-invalid="true"] {
    border-color: var(--sf-danger);
  }

  select[multiple] {
    min-height: 8rem;
  }

  label,
  legend {
    display: block;
    margin-bottom: 0.375rem;
    font-weight: 600;
  }

  .field {
    margin-bottom: 1rem;
  }

  .help {
    margin: 0.25rem 0 0;
    color: var(--sf-text-muted);
    font-size: 0.9375rem;
  }

  fieldset {
    margin: 0 0 1rem;
    padding: 0.75rem 1rem;
    border: 2px solid var(--sf-border-subtle);
    border-radius: 8px;
  }

  .check {
    display: flex;
    align-items: center;
    gap: 0.625rem;
    min-height: 44px;
    margin: 0;
    font-weight: 400;
  }

  .check input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
  }

  .card {
    padding: 1.25rem 1.5rem;
    border-radius: 12px;
    background: var(--sf-surface);
    box-shadow: 0 1px 3px rgb(0 0 0 / 0.15);
  }

  .success {
    margin: 0.75rem 0;
    padding: 0.75rem 1rem;
    border-left: 6px solid var(--sf-success);
    border-radius: 6px;
    background: var(--sf-surface);
  }

  .warning {
    margin: 0.75rem 0;
    padding: 0.75rem 1rem;
    border-left: 6px solid var(--sf-warning);
    border-radius: 6px;
    background: var(--sf-warning-surface);
  }

  .page-head {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.75rem;
    margin-bottom: 1rem;
  }

  .page-head h1 {
    margin: 0;
  }

  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: flex-end;
    gap: 0.75rem;
    margin-bottom: 1rem;
  }

  .toolbar .field {
    margin-bottom: 0;
    min-width: 12rem;
  }
`;
