import { useCallback, useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import type { IncidentAction, IncidentDetail } from '../../../../shared/ipc/incidents';
import type { AppError } from '../../../../shared/result';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useFormat, useT } from '../../../i18n/useT';
import type { Translate } from '../../../i18n/translate';
import { useIncidentText } from '../incidentText';
import { selectOpenIncidents } from '../incidentsSlice';
import { actOnIncident, loadIncidentDetail } from '../incidentsThunks';

/** Kept as words to say, not said: the lead may switch the language while it shows. */
type Outcome = { severity: 'success' | 'error'; say: (t: Translate) => string } | null;

/** What a refusal means to the lead: someone else was first, the incident is gone, or offline. */
function refusalText(t: Translate, error: AppError, now: IncidentDetail | null, stage: string): string {
  const code = error.issues?.[0]?.code;
  if (code === 'stale_version' && now && now.stage !== 'closed')
    return t('incidents.error.stale', { stage, count: now.appealCount });
  if (code === 'stale_version' || code === 'incident_closed' || error.code === 'not_found')
    return t('incidents.error.gone');
  if (code === 'offline') return t('incidents.error.offline');
  return t('incidents.error.other', { message: error.message });
}

/** The lead's window for one incident: its appeals, and confirm, merge, split or close. */
export function IncidentDialog({ id, onClose }: { id: string; onClose: () => void }) {
  const t = useT();
  const format = useFormat();
  const dispatch = useAppDispatch();
  const textOf = useIncidentText(t);
  const open = useAppSelector(selectOpenIncidents);
  const [detail, setDetail] = useState<IncidentDetail | null>(null);
  const [busy, setBusy] = useState(true);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [mode, setMode] = useState<'none' | 'merge' | 'close' | 'confirm'>('none');
  const [script, setScript] = useState('');
  const [answer, setAnswer] = useState('');
  const [intoId, setIntoId] = useState('');

  type Read = Awaited<ReturnType<ReturnType<typeof loadIncidentDetail>>>;
  const applyRead = useCallback((read: Read): IncidentDetail | null => {
    const next = loadIncidentDetail.fulfilled.match(read) ? read.payload : null;
    setDetail(next);
    if (!next && read.payload)
      setOutcome({ severity: 'error', say: (tr) => refusalText(tr, read.payload as AppError, null, '') });
    setPicked((p) => p.filter((a) => next?.appeals.some((x) => x.id === a)));
    return next;
  }, []);
  const reload = async () => applyRead(await dispatch(loadIncidentDetail(id)));

  useEffect(() => {
    let shown = true;
    void dispatch(loadIncidentDetail(id)).then((read) => {
      if (!shown) return;
      applyRead(read);
      setBusy(false);
    });
    return () => {
      shown = false;
    };
  }, [dispatch, id, applyRead]);

  const act = async (action: IncidentAction) => {
    if (!detail) return;
    setBusy(true);
    setOutcome(null);
    const done = await dispatch(actOnIncident({ id: detail.id, baseVersion: detail.version, action }));
    if (actOnIncident.fulfilled.match(done)) {
      const { incident, other, closed } = done.payload;
      let say: (tr: Translate) => string;
      switch (action.kind) {
        case 'confirm':
          say = (tr) => tr('incidents.done.confirm');
          break;
        case 'merge':
          say = (tr) =>
            tr('incidents.done.merge', { place: other?.place ?? '', count: other?.appealCount ?? 0 });
          break;
        case 'split':
          say = (tr) => tr('incidents.done.split', { count: other?.appealCount ?? action.appealIds.length });
          break;
        case 'close':
          say = (tr) => tr('incidents.done.close', { moved: closed?.moved ?? 0, left: closed?.left ?? 0 });
          break;
      }
      setOutcome({ severity: 'success', say });
      setMode('none');
      setPicked([]);
      if (incident.stage === 'closed') setDetail({ ...detail, ...incident });
      else await reload();
    } else {
      const now = await reload();
      const error = done.payload ?? { code: 'internal' as const, message: done.error.message ?? '' };
      setOutcome({
        severity: 'error',
        say: (tr) => refusalText(tr, error, now, now ? tr(`incidents.stage.${now.stage}`) : ''),
      });
    }
    setBusy(false);
  };

  const text = detail ? textOf(detail) : null;
  const closed = detail?.stage === 'closed';
  const targets = open.filter(
    (i) => detail && i.id !== detail.id && i.categoryGroupId === detail.categoryGroupId,
  );
  const into = targets.find((i) => i.id === intoId);
  return (
    <Dialog
      open
      onClose={onClose}
      maxWidth="md"
      fullWidth
      aria-labelledby="incident-dialog-title"
      data-testid="incident-dialog"
    >
      <DialogTitle id="incident-dialog-title">
        {text ? t('incidents.dialog.title', { group: text.group }) : t('incidents.panel.title')}
      </DialogTitle>
      <DialogContent dividers sx={{ display: 'grid', gap: 1.5 }}>
        {busy && <LinearProgress aria-label={t('incidents.dialog.loading')} />}
        {outcome && (
          <Alert
            severity={outcome.severity}
            role={outcome.severity === 'error' ? 'alert' : 'status'}
            data-testid="incident-outcome"
          >
            {outcome.say(t)}
          </Alert>
        )}
        {detail && text && (
          <>
            <Typography variant="body2" data-testid="incident-facts">
              {t('incidents.dialog.facts', {
                place: detail.place,
                since: text.since,
                last: text.last,
                count: detail.appealCount,
                stage: text.stage,
              })}
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ fontStyle: 'italic' }}>
              {text.script}
            </Typography>
            <Divider />
            <Typography variant="subtitle2" component="h3">
              {t('incidents.dialog.appeals')}
            </Typography>
            {!closed && (
              <Typography variant="caption" color="text.secondary">
                {t('incidents.action.splitHint')}
              </Typography>
            )}
            <Box sx={{ maxHeight: 240, overflow: 'auto', display: 'grid' }}>
              {detail.appeals.map((a) => (
                <FormControlLabel
                  key={a.id}
                  disabled={closed || busy}
                  control={
                    <Checkbox
                      size="small"
                      checked={picked.includes(a.id)}
                      onChange={(e) =>
                        setPicked((p) => (e.target.checked ? [...p, a.id] : p.filter((x) => x !== a.id)))
                      }
                    />
                  }
                  label={
                    <Typography variant="body2" component="span">
                      <Box component="span" sx={{ fontFamily: 'Roboto Mono, monospace' }}>
                        {a.number ?? t('incidents.dialog.noNumber')}
                      </Box>
                      {` · ${format.dateTime(a.createdAt)} · ${t(`incidents.dialog.linkedBy.${a.linkedBy}`)}`}
                    </Typography>
                  }
                />
              ))}
            </Box>
            {mode === 'confirm' && (
              <TextField
                label={t('incidents.action.script')}
                helperText={t('incidents.action.confirmHint')}
                value={script}
                onChange={(e) => setScript(e.target.value)}
                multiline
                minRows={2}
                size="small"
              />
            )}
            {mode === 'merge' &&
              (targets.length === 0 ? (
                <Alert severity="info">{t('incidents.action.mergeNone')}</Alert>
              ) : (
                <TextField
                  select
                  label={t('incidents.action.mergeInto')}
                  helperText={t('incidents.action.mergeHint')}
                  value={intoId}
                  onChange={(e) => setIntoId(e.target.value)}
                  size="small"
                >
                  {targets.map((i) => (
                    <MenuItem key={i.id} value={i.id}>
                      {`${i.place} · ${i.appealCount} · ${textOf(i).stage}`}
                    </MenuItem>
                  ))}
                </TextField>
              ))}
            {mode === 'close' && (
              <>
                <Alert severity="info" data-testid="incident-close-hint">
                  {t('incidents.action.closeHint')}
                </Alert>
                <TextField
                  label={t('incidents.action.answer')}
                  value={answer}
                  onChange={(e) => setAnswer(e.target.value)}
                  multiline
                  minRows={2}
                  size="small"
                  required
                />
              </>
            )}
          </>
        )}
      </DialogContent>
      <DialogActions sx={{ flexWrap: 'wrap', gap: 1 }}>
        {detail && !closed && (
          <>
            {mode === 'confirm' ? (
              <Button
                variant="contained"
                disabled={busy}
                onClick={() =>
                  void act({ kind: 'confirm', ...(script.trim() ? { script: script.trim() } : {}) })
                }
              >
                {t('incidents.action.confirm')}
              </Button>
            ) : (
              detail.stage === 'forming' && (
                <Button disabled={busy} onClick={() => setMode('confirm')}>
                  {t('incidents.action.confirm')}
                </Button>
              )
            )}
            {mode === 'merge' ? (
              <Button
                variant="contained"
                disabled={busy || !into}
                onClick={() =>
                  into && void act({ kind: 'merge', intoId: into.id, intoVersion: into.version })
                }
              >
                {t('incidents.action.mergeInto')}
              </Button>
            ) : (
              <Button disabled={busy} onClick={() => setMode('merge')}>
                {t('incidents.action.merge')}
              </Button>
            )}
            <Button
              disabled={busy || picked.length === 0 || picked.length >= detail.appeals.length}
              onClick={() => void act({ kind: 'split', appealIds: picked })}
            >
              {t('incidents.action.split', { count: picked.length })}
            </Button>
            {mode === 'close' ? (
              <Button
                variant="contained"
                color="error"
                disabled={busy || answer.trim() === ''}
                onClick={() => void act({ kind: 'close', answer: answer.trim() })}
              >
                {t('incidents.action.closeConfirm')}
              </Button>
            ) : (
              <Button color="error" disabled={busy} onClick={() => setMode('close')}>
                {t('incidents.action.close')}
              </Button>
            )}
          </>
        )}
        <Box sx={{ flex: 1 }} />
        <Button onClick={onClose}>{t('incidents.dialog.close')}</Button>
      </DialogActions>
    </Dialog>
  );
}
