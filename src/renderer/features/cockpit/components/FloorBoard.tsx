import { forwardRef, useCallback, useMemo } from 'react';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TableSortLabel from '@mui/material/TableSortLabel';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { alpha, useTheme } from '@mui/material/styles';
import type { AgentSnapshot, AgentStateName } from '../../../../shared/softphone/agent';
import { selectLocale } from '../../../app/appSlice';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import type { MessageKey } from '../../../i18n/dictionary';
import { useT } from '../../../i18n/useT';
import { useCockpitFormat, type CockpitFormat } from '../cockpitFormat';
import { useServerNow } from '../floorClock';
import { alertCount, floorRows, shownCount } from '../floorRows';
import {
  floorFilterChanged,
  floorSortChanged,
  selectFloorAgents,
  selectFloorFilter,
  selectFloorSort,
  type FloorSortKey,
} from '../floorSlice';
import { FloorRowView } from './FloorRowView';
import { stateColors } from './stateColors';

const COLUMNS: { key: FloorSortKey | null; label: MessageKey; width: string }[] = [
  { key: 'alerts', label: 'cockpit.col.alerts', width: '150px' },
  { key: 'name', label: 'cockpit.col.name', width: 'minmax(150px, 1fr)' },
  { key: 'state', label: 'cockpit.col.state', width: '175px' },
  { key: 'timeInState', label: 'cockpit.col.timeInState', width: '90px' },
  { key: 'call', label: 'cockpit.col.call', width: '180px' },
  { key: 'line', label: 'cockpit.col.line', width: '120px' },
  { key: 'connected', label: 'cockpit.col.connected', width: '125px' },
  // Wide enough for "Signed in" and its sort arrow: at 80 px the header ended in an ellipsis.
  { key: 'signedIn', label: 'cockpit.col.signedIn', width: '105px' },
  { key: null, label: 'cockpit.col.action', width: '140px' },
];
const GRID = COLUMNS.map((c) => c.width).join(' ');
const MIN_WIDTH = 1235;
const ROW_HEIGHT = 44;

const STATES: AgentStateName[] = ['available', 'ringing', 'on_call', 'wrap_up', 'break', 'offline'];

/** Every agent on the floor, sortable and filtered, alerts first; a row's action sets its state. */
export function FloorBoard({ onSetState }: { onSetState: (agent: AgentSnapshot) => void }) {
  const t = useT();
  const format = useCockpitFormat(t);
  const theme = useTheme();
  const dispatch = useAppDispatch();
  const agents = useAppSelector(selectFloorAgents);
  const filter = useAppSelector(selectFloorFilter);
  const sort = useAppSelector(selectFloorSort);
  const colors = useMemo(() => stateColors(theme), [theme]);
  const setState = useCallback((agent: AgentSnapshot) => onSetState(agent), [onSetState]);

  return (
    <Paper variant="outlined" sx={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, px: 1.5, py: 1, flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 500 }}>
          {t('cockpit.floor.title')}
        </Typography>
        <Tooltip title={t('cockpit.floor.alertsHint')}>
          <AlertCount agents={agents} format={format} />
        </Tooltip>
        <Typography variant="body2" color="text.secondary" data-testid="floor-count">
          <FloorCount agents={agents} format={format} />
        </Typography>
        <Box sx={{ flexGrow: 1 }} />
        <TextField
          size="small"
          label={t('cockpit.floor.search')}
          value={filter.text}
          onChange={(e) => dispatch(floorFilterChanged({ text: e.target.value }))}
          sx={{ width: 200 }}
        />
        <TextField
          select
          size="small"
          label={t('cockpit.floor.stateFilter')}
          value={filter.state}
          onChange={(e) => dispatch(floorFilterChanged({ state: e.target.value as AgentStateName | 'all' }))}
          sx={{ width: 170 }}
        >
          <MenuItem value="all">{t('cockpit.floor.allStates')}</MenuItem>
          {STATES.map((s) => (
            <MenuItem key={s} value={s}>
              {t(`cockpit.state.${s}`)}
            </MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          control={
            <Checkbox
              size="small"
              checked={filter.alertsOnly}
              onChange={(e) => dispatch(floorFilterChanged({ alertsOnly: e.target.checked }))}
            />
          }
          label={t('cockpit.floor.alertsOnly')}
        />
      </Box>
      <Box
        data-testid="floor-board"
        role="table"
        aria-label={t('cockpit.floor.title')}
        sx={{
          overflow: 'auto',
          maxHeight: { xs: 420, xl: 520 },
          borderTop: 1,
          borderColor: 'divider',
          fontSize: 14,
          '& .row': {
            display: 'grid',
            gridTemplateColumns: GRID,
            minWidth: MIN_WIDTH,
            alignItems: 'center',
            borderBottom: 1,
            borderColor: 'divider',
          },
          // Rows out of view skip style, layout and paint: 200 of them cost what the visible dozen do.
          '& .body .row': {
            height: ROW_HEIGHT,
            contentVisibility: 'auto',
            containIntrinsicSize: `auto ${ROW_HEIGHT}px`,
          },
          '& .head': { position: 'sticky', top: 0, zIndex: 1, bgcolor: 'background.paper' },
          '& [role="columnheader"]': {
            fontWeight: 500,
            px: 1,
            py: 0.75,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
          },
          '& [role="cell"]': { px: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
          '& .alerting': { bgcolor: alpha(theme.palette.error.main, 0.06) },
          '& .num, & .call': { fontVariantNumeric: 'tabular-nums' },
          '& .bad': { color: 'error.main', fontWeight: 500 },
          '& .name .primary': { display: 'block', overflow: 'hidden', textOverflow: 'ellipsis' },
          '& .secondary': { color: 'text.secondary', fontSize: 12 },
          '& .name .secondary': { display: 'block', lineHeight: 1.2 },
          '& .state': { display: 'inline-flex', alignItems: 'center', gap: 0.75 },
          '& .dot': { width: 10, height: 10, borderRadius: '50%', flexShrink: 0 },
          '& .dir': { fontSize: 12, fontWeight: 500, textTransform: 'uppercase' },
          '& .badge': {
            display: 'inline-block',
            mr: 0.5,
            px: 0.75,
            borderRadius: 1,
            fontSize: 12,
            lineHeight: '20px',
            bgcolor: 'error.main',
            color: 'error.contrastText',
          },
          '& .action': {
            font: 'inherit',
            fontSize: 13,
            cursor: 'pointer',
            border: 1,
            borderColor: 'divider',
            borderRadius: 1,
            bgcolor: 'transparent',
            color: 'primary.main',
            px: 1,
            py: 0.25,
            maxWidth: '100%',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
          },
          '& .action:hover': { bgcolor: 'action.hover' },
          '& .action:focus-visible': { outline: 2, outlineColor: 'primary.main', outlineStyle: 'solid' },
        }}
      >
        <div role="rowgroup" className="head">
          <div role="row" className="row">
            {COLUMNS.map((c) => {
              const active = c.key !== null && sort.by === c.key;
              return (
                <div
                  role="columnheader"
                  key={c.label}
                  aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  {c.key === null ? (
                    t(c.label)
                  ) : (
                    <TableSortLabel
                      active={active}
                      direction={active ? sort.direction : 'asc'}
                      onClick={() => dispatch(floorSortChanged(c.key!))}
                    >
                      {t(c.label)}
                    </TableSortLabel>
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <FloorBody agents={agents} colors={colors} format={format} onSetState={setState} />
      </Box>
    </Paper>
  );
}

/**
 * The part of the board that follows the clock: alerts and the order change with the second. The
 * toolbar and headers above do not re-render with it.
 */
function FloorBody({
  agents,
  colors,
  format,
  onSetState,
}: {
  agents: AgentSnapshot[];
  colors: Record<AgentStateName, string>;
  format: CockpitFormat;
  onSetState: (agent: AgentSnapshot) => void;
}) {
  const t = useT();
  const filter = useAppSelector(selectFloorFilter);
  const sort = useAppSelector(selectFloorSort);
  const locale = useAppSelector(selectLocale);
  const now = useServerNow();
  const rows = useMemo(
    () => floorRows(agents, now, filter, sort, locale),
    [agents, now, filter, sort, locale],
  );
  return (
    <>
      <div role="rowgroup" className="body">
        {rows.map((r) => (
          <FloorRowView
            key={r.agent.userId}
            agent={r.agent}
            alerts={r.alerts.join(' ')}
            colors={colors}
            t={t}
            format={format}
            onSetState={onSetState}
          />
        ))}
      </div>
      {rows.length === 0 && (
        <Typography sx={{ p: 2 }} color="text.secondary">
          {t(agents.length === 0 ? 'cockpit.floor.noAgents' : 'cockpit.floor.empty')}
        </Typography>
      )}
    </>
  );
}

/** How many agents need attention now, whatever the filter shows. */
const AlertCount = forwardRef<HTMLSpanElement, { agents: AgentSnapshot[]; format: CockpitFormat }>(
  function AlertCount({ agents, format, ...tooltipProps }, ref) {
    const t = useT();
    const now = useServerNow();
    const alerting = useMemo(() => alertCount(agents, now), [agents, now]);
    return (
      <Box
        {...tooltipProps}
        ref={ref}
        component="span"
        data-testid="floor-alert-count"
        data-count={alerting}
        role="status"
        sx={{
          px: 1,
          py: 0.25,
          borderRadius: 1,
          fontWeight: 500,
          fontSize: 14,
          bgcolor: alerting > 0 ? 'error.main' : 'action.selected',
          color: alerting > 0 ? 'error.contrastText' : 'text.primary',
        }}
      >
        {t('cockpit.floor.alerts', { count: format.count(alerting) })}
      </Box>
    );
  },
);

/** "12 of 200 agents": the rows the filter lets through. */
function FloorCount({ agents, format }: { agents: AgentSnapshot[]; format: CockpitFormat }) {
  const t = useT();
  const filter = useAppSelector(selectFloorFilter);
  const locale = useAppSelector(selectLocale);
  const now = useServerNow();
  const shown = useMemo(() => shownCount(agents, now, filter, locale), [agents, now, filter, locale]);
  return <>{t('cockpit.floor.count', { shown: format.count(shown), total: format.count(agents.length) })}</>;
}
