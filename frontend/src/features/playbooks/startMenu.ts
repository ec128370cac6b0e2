/** The start page's menu (☰): the ways in, the other pages, and Help. */
import type { MenuSection } from '../../components/AppMenu';
import { openLogsFolder } from '../../ipc';
import { shortcutLabel } from '../../lib/useModShortcut';

export type StartMenuActions = { focusName: () => void; templates: () => void; importFile: () => void; catalog: () => void; platform: () => void; help: () => void };

export function startMenu(a: StartMenuActions): MenuSection[] {
  return [
    {
      title: 'File',
      entries: [
        { id: 'new', label: 'New playbook', hint: shortcutLabel('n'), onSelect: a.focusName },
        { id: 'templates', label: 'Use a template…', onSelect: a.templates },
        { id: 'import', label: 'Import a playbook file…', hint: shortcutLabel('o'), onSelect: a.importFile },
      ],
    },
    {
      title: 'Go to',
      entries: [
        { id: 'catalog', label: 'Catalogue', onSelect: a.catalog },
        { id: 'platform', label: 'Platform', onSelect: a.platform },
      ],
    },
    {
      title: 'Help',
      entries: [
        { id: 'shortcuts', label: 'Keyboard shortcuts and version', hint: '?', onSelect: a.help },
        { id: 'logs', label: 'Open the log folder', onSelect: () => void openLogsFolder().catch(() => {}) },
      ],
    },
  ];
}
