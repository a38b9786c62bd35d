import Box from '@mui/material/Box';

/**
 * A field's label whose text is exactly the field's name. The required mark is drawn by CSS inside
 * an aria-hidden element, so it is neither in the label's text nor in the accessible name: a person
 * with a screen reader hears "required" (from the input), and a lookup by the label "Full name"
 * finds the field whether it matches the label's text or its accessible name.
 */
export function FieldLabel({ text, required }: { text: string; required?: boolean }) {
  if (!required) return text;
  return (
    <>
      {text}
      <Box
        component="span"
        aria-hidden="true"
        data-required-mark
        sx={{ '&::after': { content: '"\\00a0*"' } }}
      />
    </>
  );
}
