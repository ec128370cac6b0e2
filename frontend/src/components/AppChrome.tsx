/**
 * The start page's chrome: the app's mark, and Help's about line (version, data folder, the
 * log folder one click away).
 */
import { useEffect, useState } from 'react';

import { appInfo, openLogsFolder, type AppInfo } from '../ipc';

/** Help's last line: the version, the data folder, and the log folder one click away. */
export function AboutLine() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    appInfo().then(setInfo, () => {});
  }, []);
  if (info === null) return null;
  return (
    <p className="help-about" data-testid="help-about">
      Playbook Studio {info.version} · data in <code>{info.data_folder}</code> ·{' '}
      <button type="button" className="button button--ghost button--small" onClick={() => void openLogsFolder().catch(() => {})} data-action="open-logs">
        Open the log folder
      </button>
    </p>
  );
}

/** One block branching to two: the same mark as the app icon (icons/make-icons.sh). */
export function Logo() {
  return (
    <svg className="app-header__logo" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect x="1.5" y="1.5" width="61" height="61" rx="12.5" fill="#15305a" />
      <path d="M32 24 V33 M18.5 32 H45.5 M19 32 V40 M45 32 V40" fill="none" stroke="#7dd3fc" strokeWidth="2.5" />
      <rect x="21" y="12.5" width="22" height="12" rx="3.25" fill="#2dd4bf" stroke="#0a1529" strokeWidth="1.25" />
      <rect x="10" y="39.5" width="18" height="12" rx="3.25" fill="#38bdf8" stroke="#0a1529" strokeWidth="1.25" />
      <rect x="36" y="39.5" width="18" height="12" rx="3.25" fill="#f59e0b" stroke="#0a1529" strokeWidth="1.25" />
    </svg>
  );
}
