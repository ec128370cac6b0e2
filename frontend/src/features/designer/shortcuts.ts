/**
 * The designer's keyboard shortcuts: their labels (shown in the help overlay and in
 * tooltips) and the test of whether a key event should be left to a text field.
 */
import { isMac } from '../../lib/useModShortcut';

/** "Ctrl+Shift+Z" or "⌘⇧Z" for a modifier shortcut. */
export function modLabel(key: string, shift = false): string {
  return isMac ? `⌘${shift ? '⇧' : ''}${key.toUpperCase()}` : `Ctrl+${shift ? 'Shift+' : ''}${key.toUpperCase()}`;
}

export type ShortcutGroup = { title: string; entries: Array<{ keys: string[]; what: string }> };

export const SHORTCUTS: ShortcutGroup[] = [
  {
    title: 'Editing',
    entries: [
      { keys: [modLabel('z')], what: 'Undo' },
      { keys: [modLabel('z', true), ...(isMac ? [] : ['Ctrl+Y'])], what: 'Redo' },
      { keys: [modLabel('c')], what: 'Copy the selected blocks (as SPL JSON)' },
      { keys: [modLabel('x')], what: 'Cut the selected blocks' },
      { keys: [modLabel('v')], what: 'Paste blocks (also SPL JSON from another playbook)' },
      { keys: ['Delete', 'Backspace'], what: 'Delete the selected blocks and links' },
      { keys: [modLabel('s')], what: 'Save now (edits are saved automatically)' },
    ],
  },
  {
    title: 'Selection',
    entries: [
      { keys: ['Click'], what: 'Select a block or a link' },
      { keys: [isMac ? '⌘+Click' : 'Ctrl+Click'], what: 'Add to the selection' },
      { keys: ['Shift+Drag'], what: 'Select with a box' },
      { keys: [modLabel('a')], what: 'Select every block' },
      { keys: ['Tab', 'Enter'], what: 'Focus a block, then select it' },
      { keys: ['Arrows'], what: 'Move the selected blocks' },
      { keys: ['Esc'], what: 'Clear the selection, close this help' },
    ],
  },
  {
    title: 'Canvas',
    entries: [
      { keys: ['/'], what: 'Search the palette' },
      { keys: ['Enter'], what: 'On a palette item: insert it in the middle of the view' },
      { keys: ['Drag a handle'], what: 'Link an output branch to a block' },
      { keys: ['K'], what: 'Link the selected block to another (type its name or id)' },
      { keys: ['L'], what: 'Auto-layout, top to bottom' },
      { keys: ['F'], what: 'Fit the playbook in view' },
      { keys: ['[', ']'], what: 'Hide or show the block list, the side panel' },
      { keys: ['+', '−'], what: 'Zoom in and out' },
      { keys: ['?'], what: 'Show this help' },
    ],
  },
  {
    title: 'Runs',
    entries: [
      { keys: [`${isMac ? '⌘' : 'Ctrl'}+Enter`], what: 'Run again with the last settings (the first time: open the run dialog)' },
      { keys: [modLabel('j')], what: 'Open or close the Jinja tester' },
    ],
  },
];

/** The shortcuts outside the designer (start page, template gallery, Catalogue). */
export const APP_SHORTCUTS: ShortcutGroup = {
  title: 'Start page and gallery',
  entries: [
    { keys: [modLabel('n')], what: 'New playbook: focus its name' },
    { keys: [modLabel('o')], what: 'Import a playbook file' },
    { keys: ['/'], what: 'In the template gallery: search' },
    { keys: ['Arrows', 'Enter'], what: 'In the gallery: move between templates, create from one' },
    { keys: ['Esc'], what: 'Back to the playbooks (gallery, Catalogue, Platform)' },
    { keys: ['?'], what: 'Show this help, anywhere' },
  ],
};

/** True when the event's target takes text (so shortcuts must leave the key to it). */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  }
  return false;
}
