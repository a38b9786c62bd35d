import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { Appeal } from '../../../../../shared/domain';
import { lifecycleStateOf, mayAct, type LifecycleActionKind } from '../../../../../shared/domain/lifecycle';
import { assertNever } from '../../../../../shared/result';
import { useAppSelector } from '../../../../app/hooks';
import { useT } from '../../../../i18n/useT';
import { selectActor } from '../../../auth/authSlice';
import { CallbackOutcomes } from '../../../callback/components/CallbackOutcomes';
import { selectAppealState, type AppealStateEntry } from '../../appealStateSlice';
import { AnswerForm } from './AnswerForm';
import { AssignForm } from './AssignForm';
import { ExtendForm } from './ExtendForm';
import { RequestExtensionForm } from './RequestExtensionForm';
import { ReturnForm } from './ReturnForm';
import { useAct } from './useAct';

/** The steps that need words or a choice open a form; the others are taken at once. */
type FormKind = Extract<
  LifecycleActionKind,
  'assign' | 'answer' | 'control_return' | 'extend' | 'request_extension'
>;
const ORDER: (FormKind | 'start' | 'control_accept')[] = [
  'assign',
  'start',
  'answer',
  'control_accept',
  'control_return',
  'request_extension',
  'extend',
];

/** Something is being sent, or a change made here still waits for the server's decision. */
export const isBusy = (entry: AppealStateEntry | null): boolean =>
  entry !== null && (entry.acting !== null || entry.pending.some((p) => p.state === 'waiting'));

/** Only what the user's role may do with the appeal in its status now (lifecycle.ts `mayAct`). */
export function AppealActions({ appeal }: { appeal: Appeal }) {
  const t = useT();
  const actor = useAppSelector(selectActor);
  const entry = useAppSelector((s) => selectAppealState(s, appeal.id));
  const act = useAct(appeal.id);
  const [open, setOpen] = useState<FormKind | null>(null);
  if (actor === null) return null;
  const state = lifecycleStateOf(appeal);
  const allowed = ORDER.filter((kind) => mayAct(state, kind, actor));
  const canCallBack = mayAct(state, 'callback', actor);
  // One change at a time: the next is decided on the version the server makes of this one.
  const busy = isBusy(entry);
  const label = (kind: LifecycleActionKind) =>
    kind === 'assign' && appeal.status !== 'registered' ? t('action.forward') : t(`action.${kind}`);
  const close = () => setOpen(null);
  const form = (kind: FormKind) => {
    const props = { appeal, busy, onDone: close };
    switch (kind) {
      case 'assign':
        return <AssignForm {...props} />;
      case 'answer':
        return <AnswerForm {...props} />;
      case 'control_return':
        return <ReturnForm {...props} />;
      case 'extend':
        return <ExtendForm {...props} />;
      case 'request_extension':
        return <RequestExtensionForm {...props} />;
      default:
        return assertNever(kind, 'action form');
    }
  };
  return (
    <Box
      component="section"
      aria-label={t('actions.title')}
      sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}
    >
      <Typography variant="subtitle2" component="h3" color="text.secondary">
        {t('actions.title')}
      </Typography>
      {allowed.length === 0 && !canCallBack && (
        <Typography variant="body2" color="text.secondary">
          {t('actions.none')}
        </Typography>
      )}
      {allowed.length > 0 && (
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
          {allowed.map((kind) => (
            <Button
              key={kind}
              size="small"
              variant={open === kind ? 'contained' : 'outlined'}
              disabled={busy}
              onClick={() => {
                if (kind === 'start' || kind === 'control_accept') void act({ kind });
                else setOpen(open === kind ? null : kind);
              }}
            >
              {label(kind)}
            </Button>
          ))}
        </Box>
      )}
      {open !== null && allowed.includes(open) && form(open)}
      {canCallBack && <CallbackOutcomes appealId={appeal.id} busy={busy} inDialog />}
    </Box>
  );
}
