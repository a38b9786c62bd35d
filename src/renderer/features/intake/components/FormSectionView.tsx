import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { SxProps, Theme } from '@mui/material/styles';
import type { ScriptField } from '../../../../shared/domain';
import { useAppDispatch } from '../../../app/hooks';
import type { FormSection } from '../formLayout';
import { scriptSectionReached } from '../intakeSlice';
import { IntakeField } from './IntakeField';

/**
 * How much of a row each field takes: short fields share a row (name, phone and e-mail; benefit
 * and the collective mark), long ones have their own. Rows wrap when the form is narrow.
 */
const FIELD_WIDTH: Record<ScriptField, string> = {
  // Its parts (the radios, the switch to a consultation) are items of the row themselves.
  type: 'contents',
  channel: '0 1 220px',
  'applicant.fullName': '2 1 260px',
  'applicant.phones': '1 1 190px',
  'applicant.email': '1 1 200px',
  'applicant.iin': '0 1 170px',
  'applicant.address': '1 1 100%',
  benefit: '0 1 300px',
  signatories: '1 1 260px',
  essence: '1 1 100%',
  categoryId: '1 1 100%',
  executorId: '1 1 100%',
  consentToPublish: '1 1 100%',
  attachments: '1 1 100%',
};

/** A picker alone in its section: two such sections share a row when the column is wide enough. */
export const isHalfSection = (section: FormSection) =>
  section.fields.length === 1 && (section.fields[0] === 'categoryId' || section.fields[0] === 'executorId');

/**
 * One section of the form: its heading sits on the top border (a legend), so a section costs
 * almost no height beyond its fields. Sections carry a heading, not an accessible name: names
 * like "Category" would collide with the labels of the fields inside when a person or a test
 * looks a field up by its label.
 */
export function FormSectionView({ section, title }: { section: FormSection; title: string }) {
  const dispatch = useAppDispatch();
  const half = isHalfSection(section);
  const sx: SxProps<Theme> = {
    position: 'relative',
    px: 1.5,
    // Clear of the heading above and of the floating labels of the first row's fields.
    pt: 1.75,
    pb: 0.75,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: 1,
    gridColumn: '1 / -1',
    ...(half ? { '@container (min-width: 680px)': { gridColumn: 'auto' } } : {}),
  };
  return (
    <Paper
      component="section"
      variant="outlined"
      data-step-id={section.stepId ?? undefined}
      data-step-ids={section.stepIds.join(' ') || undefined}
      onFocus={section.stepIds.length > 0 ? () => dispatch(scriptSectionReached(section.stepIds)) : undefined}
      sx={sx}
    >
      <Typography
        component="h3"
        sx={(theme) => ({
          position: 'absolute',
          top: 0,
          left: 8,
          transform: 'translateY(-60%)',
          px: 0.5,
          maxWidth: 'calc(100% - 16px)',
          overflow: 'hidden',
          textOverflow: 'ellipsis',
          whiteSpace: 'nowrap',
          fontSize: 12.5,
          fontWeight: 500,
          lineHeight: '14px',
          color: 'text.secondary',
          // Covers the border under the heading and lets the page show above it.
          background: `linear-gradient(to bottom, transparent calc(60% - 1px), ${theme.palette.background.paper} calc(60% - 1px))`,
        })}
      >
        {title}
      </Typography>
      {section.fields.map((field) => (
        <Box
          key={field}
          sx={
            FIELD_WIDTH[field] === 'contents'
              ? { display: 'contents' }
              : { flex: FIELD_WIDTH[field], minWidth: 0 }
          }
        >
          <IntakeField field={field} />
        </Box>
      ))}
    </Paper>
  );
}
