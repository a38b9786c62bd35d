// Where a key press lands, for the screens' own single-key shortcuts: never while the user types,
// and never under a dialog that is open above the screen.

/** A text field, a select or editable content has the focus: keys are the user's text. */
export const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** A control that answers Enter or Space itself (a button, a link, a tab). */
export const isControl = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (['BUTTON', 'A'].includes(target.tagName) ||
    ['button', 'tab', 'link', 'checkbox'].includes(target.getAttribute('role') ?? ''));

/** A modal dialog is open: the screen beneath it does not take keys. */
export const dialogOpen = (): boolean => document.querySelector('[role="dialog"]') !== null;
