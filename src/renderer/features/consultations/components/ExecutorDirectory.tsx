import { useMemo, useState } from 'react';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import type { Executor } from '../../../../shared/domain';
import { selectRole } from '../../auth/authSlice';
import { ExecutorContacts } from '../../reference/components/ExecutorContacts';
import { ExecutorContactsDialog } from '../../reference/components/ExecutorContactsDialog';
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
  // An admin keeps the contacts up to date from here (reference:updateExecutor).
  const isAdmin = useAppSelector(selectRole) === 'admin';
  const [editing, setEditing] = useState<Executor | null>(null);
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
              {executor && isAdmin && (
                <Button
                  size="small"
                  onClick={() => setEditing(executor)}
                  aria-label={t('contacts.editOf', { name: executor.name })}
                  sx={{ mt: 0.5, px: 0 }}
                >
                  {t('contacts.edit')}
                </Button>
              )}
            </ListItem>
          );
        })}
      </List>
      {editing && <ExecutorContactsDialog executor={editing} onClose={() => setEditing(null)} />}
    </Paper>
  );
}
