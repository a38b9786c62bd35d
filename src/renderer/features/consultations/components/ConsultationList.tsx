import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { formatPhone } from '../../../../shared/domain/phone';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useFormat, useT } from '../../../i18n/useT';
import { selectQuestionTypeById } from '../../reference/referenceSlice';
import { selectConsultations } from '../consultationsSlice';
import { loadMoreConsultations } from '../consultationsThunks';

export function ConsultationList() {
  const t = useT();
  const format = useFormat();
  const dispatch = useAppDispatch();
  const state = useAppSelector(selectConsultations);
  const types = useAppSelector(selectQuestionTypeById);
  return (
    <Paper component="section" aria-label={t('consult.list')} variant="outlined" sx={{ p: 1.5 }}>
      <Typography variant="subtitle1" component="h2">
        {t('consult.list')}
      </Typography>
      {state.listStatus === 'loading' && <LinearProgress aria-label={t('common.loading')} />}
      {state.listError && (
        <Alert severity="error">{t('consult.listFailed', { message: state.listError.message })}</Alert>
      )}
      {state.listStatus === 'loaded' && state.items.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('consult.empty')}
        </Typography>
      )}
      <List dense>
        {state.items.map((c) => (
          <ListItem key={c.id} divider sx={{ display: 'block' }} data-testid="consultation-item">
            <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1 }}>
              <Typography variant="caption" color="text.secondary">
                {format.dateTime(c.createdAt)}
                {c.phone ? ` · ${formatPhone(c.phone)}` : ''}
              </Typography>
              {c.categoryId && (
                <Typography variant="caption" color="text.secondary" noWrap sx={{ maxWidth: '50%' }}>
                  {types.get(c.categoryId)?.name ?? c.categoryId}
                </Typography>
              )}
            </Box>
            <Typography variant="body2" sx={{ fontWeight: 500 }}>
              {c.question}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {c.answer}
            </Typography>
          </ListItem>
        ))}
      </List>
      {state.nextCursor && (
        <Button size="small" variant="outlined" onClick={() => void dispatch(loadMoreConsultations())}>
          {t('common.loadMore')}
        </Button>
      )}
    </Paper>
  );
}
