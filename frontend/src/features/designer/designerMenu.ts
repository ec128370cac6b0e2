/**
 * The designer's menu (☰): its entries do what their shortcuts and buttons do, through the
 * same handlers.
 */
import type { useReactFlow } from '@xyflow/react';

import { pressKey, type MenuSection } from '../../components/AppMenu';
import { openLogsFolder } from '../../ipc';
import { modLabel } from './shortcuts';
import { FIT_VIEW_OPTIONS, panelsStore } from './stores/panelsStore';

export type MenuActions = { leave: () => void; saveNow: () => void; help: () => void; flow: ReturnType<typeof useReactFlow> };

export function designerMenu({ leave, saveNow, help, flow }: MenuActions): MenuSection[] {
  return [
    {
      title: 'File',
      entries: [
        { id: 'save', label: 'Save now', hint: modLabel('s'), onSelect: saveNow },
        { id: 'back', label: 'Back to the playbooks', onSelect: leave },
      ],
    },
    {
      title: 'Edit',
      entries: [
        { id: 'undo', label: 'Undo', hint: modLabel('z'), onSelect: () => pressKey('z', { mod: true }) },
        { id: 'redo', label: 'Redo', hint: modLabel('z', true), onSelect: () => pressKey('z', { mod: true, shift: true }) },
        { id: 'cut', label: 'Cut blocks', hint: modLabel('x'), onSelect: () => pressKey('x', { mod: true }) },
        { id: 'copy', label: 'Copy blocks', hint: modLabel('c'), onSelect: () => pressKey('c', { mod: true }) },
        { id: 'paste', label: 'Paste blocks', hint: modLabel('v'), onSelect: () => pressKey('v', { mod: true }) },
        { id: 'select-all', label: 'Select every block', hint: modLabel('a'), onSelect: () => pressKey('a', { mod: true }) },
      ],
    },
    {
      title: 'View',
      entries: [
        { id: 'zoom-in', label: 'Zoom in', hint: '+', onSelect: () => void flow.zoomIn({ duration: 150 }) },
        { id: 'zoom-out', label: 'Zoom out', hint: '−', onSelect: () => void flow.zoomOut({ duration: 150 }) },
        { id: 'fit', label: 'Fit the playbook', hint: 'F', onSelect: () => void flow.fitView({ ...FIT_VIEW_OPTIONS, duration: 250 }) },
        { id: 'layout', label: 'Auto-layout', hint: 'L', onSelect: () => pressKey('l') },
        { id: 'palette', label: 'Block list', hint: '[', onSelect: () => panelsStore.getState().toggle('palette') },
        { id: 'side', label: 'Side panel', hint: ']', onSelect: () => panelsStore.getState().toggle('side') },
      ],
    },
    {
      title: 'Help',
      entries: [
        { id: 'shortcuts', label: 'Keyboard shortcuts', hint: '?', onSelect: help },
        { id: 'logs', label: 'Open the log folder', onSelect: () => void openLogsFolder().catch(() => {}) },
      ],
    },
  ];
}
