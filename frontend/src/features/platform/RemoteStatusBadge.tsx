/** "On" or "Off" for a platform playbook, with the platform's reason in its tooltip. */
import type { PlatformPlaybookStatus } from '../../ipc';
import { statusDetail } from './remoteStatus';

export function RemoteStatusBadge({ status, testId }: { status: PlatformPlaybookStatus; testId: string }) {
  const warn = status.status_tags.some((t) => t.includes('configuration') || t.includes('crash')) || (!status.active && status.status_message !== null);
  return (
    <span className={`meta meta--remote-state${status.active ? ' is-on' : ' is-off'}${warn ? ' is-warn' : ''}`} data-testid={testId} data-active={status.active} title={statusDetail(status)}>
      {status.active ? 'on' : 'off'}
      {warn && ' ⚠'}
    </span>
  );
}
