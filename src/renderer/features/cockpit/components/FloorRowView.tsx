import { memo } from 'react';
import type { FloorAlertKind } from '../../../../shared/queue/floor';
import type { AgentSnapshot, AgentStateName } from '../../../../shared/softphone/agent';
import type { Translate } from '../../../i18n/translate';
import type { CockpitFormat } from '../cockpitFormat';
import { callStartMs, stateStartMs } from '../floorAlerts';
import { Elapsed } from './Elapsed';

export function stateText(agent: AgentSnapshot, t: Translate): string {
  const { state } = agent;
  const name = t(`cockpit.state.${state.state}`);
  return state.state === 'break'
    ? t('cockpit.breakReason', { state: name, reason: t(`agent.reason.${state.reason}`) })
    : name;
}

interface Props {
  agent: AgentSnapshot;
  /** The row's alerts joined by spaces: a string, so an unchanged row skips rendering. */
  alerts: string;
  colors: Record<AgentStateName, string>;
  t: Translate;
  format: CockpitFormat;
  onSetState: (agent: AgentSnapshot) => void;
}

/**
 * One agent on the board: plain elements styled by the board (one class for all rows), so 200 of
 * them stay cheap; only the running times inside tick each second.
 */
export const FloorRowView = memo(function FloorRowView({
  agent,
  alerts,
  colors,
  t,
  format,
  onSetState,
}: Props) {
  const kinds = alerts ? (alerts.split(' ') as FloorAlertKind[]) : [];
  const call = agent.call ?? null;
  const callStart = callStartMs(agent);
  return (
    <div
      role="row"
      data-testid={`floor-row-${agent.username}`}
      data-state={agent.state.state}
      data-alerts={alerts}
      className={kinds.length > 0 ? 'row alerting' : 'row'}
    >
      <div role="cell" className="alerts">
        {kinds.map((k) => (
          <span key={k} className="badge" data-alert={k}>
            {t(`cockpit.alert.${k}`)}
          </span>
        ))}
      </div>
      <div role="cell" className="name">
        <span className="primary">{agent.name}</span>
        <span className="secondary">{agent.username}</span>
      </div>
      <div role="cell">
        <span className="state">
          <span className="dot" style={{ backgroundColor: colors[agent.state.state] }} aria-hidden />
          {stateText(agent, t)}
        </span>
      </div>
      <div role="cell" className="num">
        <Elapsed from={stateStartMs(agent)} />
      </div>
      <div role="cell" className="call">
        {call && callStart !== null ? (
          <>
            <span className="dir">{t(`cockpit.call.${call.direction}`)}</span>{' '}
            {call.answeredAt ? <Elapsed from={callStart} /> : t('cockpit.call.ringing')}{' '}
            <span className="secondary">{call.otherPartyMasked ?? t('cockpit.call.withheld')}</span>
          </>
        ) : (
          <span className="secondary">—</span>
        )}
      </div>
      <div role="cell" className={agent.sipRegistered ? undefined : 'bad'}>
        {t(agent.sipRegistered ? 'cockpit.line.up' : 'cockpit.line.down')}
      </div>
      <div role="cell" className={agent.connected ? undefined : 'bad'}>
        {t(agent.connected ? 'cockpit.connected.yes' : 'cockpit.connected.no')}
      </div>
      <div role="cell" className="num">
        {agent.signedInAt ? format.timeOfDay(agent.signedInAt) : '—'}
      </div>
      <div role="cell">
        <button
          type="button"
          className="action"
          aria-label={t('cockpit.setStateOf', { name: agent.name })}
          onClick={() => onSetState(agent)}
        >
          {t('cockpit.setState')}
        </button>
      </div>
    </div>
  );
});
