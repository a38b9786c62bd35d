import { useMemo } from 'react';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { ExecutorContacts } from '../../reference/components/ExecutorContacts';
import { selectExecutorById, selectExecutorOptions } from '../../reference/referenceSlice';
import { filterByWords } from '../../reference/search';
import { directorySearchEdited, selectConsultations } from '../consultationsSlice';

const SHOWN = 30;

/** Who does what and how to reach them: the operator's answer to "where do I turn with this?". */
export function ExecutorDirectory() {
  const t = useT();
  const dispatch = useAppDispatch();
  const query = useAppSelector(selectConsultations).directoryQuery;
  const options = useAppSelector(selectExecutorOptions);
  const byId = useAppSelector(selectExecutorById);
  const found = useMemo(() => (query.trim() ? filterByWords(options, query, SHOWN) : []), [options, query]);
  return (
    <Paper component="section" variant="outlined" sx={{ p: 1.5 }}>
      <Typography variant="subtitle1" component="h2" sx={{ mb: 1 }}>
        {t('consult.directory')}
      </Typography>
      <TextField
        id="executor-directory-search"
        type="search"
        label={t('consult.directorySearch')}
        placeholder={t('consult.directoryHint')}
        value={query}
        onChange={(e) => dispatch(directorySearchEdited(e.target.value))}
      />
      {query.trim() !== '' && found.length === 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t('consult.directoryEmpty')}
        </Typography>
      )}
      <List dense>
        {found.map((o) => {
          const executor = byId.get(o.id);
          return (
            <ListItem key={o.id} divider sx={{ display: 'block' }} data-testid="directory-item">
              <Typography variant="body2" sx={{ fontWeight: 500 }}>
                {o.name}
              </Typography>
              {executor && <ExecutorContacts executor={executor} />}
            </ListItem>
          );
        })}
      </List>
    </Paper>
  );
}
