/**
 * The designer's keyboard shortcuts and clipboard, wired to the window while the designer
 * is open. Keys typed into text fields are left alone (Ctrl/⌘+S excepted), so fields keep
 * their own undo, copy and paste.
 *
 * Clipboard: copy writes SPL JSON both through the `copy` event (always allowed) and the
 * async clipboard API; paste reads the `paste` event's text, and falls back to the async
 * API, then to the last copy made here, when the webview sends no paste event.
 */
import { useEffect, useRef } from 'react';

import { copySelection, deleteSelection, lastCopiedText, pasteText, redo, selectAll, undo } from './canvas/commands';
import type { XY } from './spl/edits';
import { isTextEntry } from './shortcuts';
import { selectionStore } from './stores/selectionStore';

export type ShortcutActions = {
  /** Where pasted blocks go (flow coordinates): under the pointer, else mid-view. */
  pastePoint(): XY;
  fitView(): void;
  zoomIn(): void;
  zoomOut(): void;
  autoLayout(): void;
  toggleHelp(): void;
  focusPalette(): void;
  /** Opens "Link to…" for the one selected block. */
  linkSelected(): void;
  /** Shows or hides the block list (`[`) or the side panel (`]`). */
  togglePanel(which: 'palette' | 'side'): void;
  saveNow(): void;
  /** False while a dialog is open: only that dialog gets keys. */
  enabled: boolean;
};

const PASTE_FALLBACK_MS = 80;

function isInForm(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('.side-panel, .problems, [role="dialog"], [role="alertdialog"], [data-panel="code"], [data-panel="jinja-tester"], .run-bar, .timeline') !== null;
}

export function useDesignerShortcuts(actions: ShortcutActions): void {
  const ref = useRef(actions);
  useEffect(() => {
    ref.current = actions;
  });

  useEffect(() => {
    let pendingPaste: ReturnType<typeof setTimeout> | null = null;
    let copiedByKey: string | null = null;

    const textSelected = () => (window.getSelection()?.toString() ?? '') !== '';

    const writeClipboard = (text: string) => {
      copiedByKey = text;
      navigator.clipboard?.writeText(text).catch(() => {
        // The copy event (or the in-app copy) still has it.
      });
    };

    const paste = (text: string | null | undefined) => (text ? pasteText(text, ref.current.pastePoint()) : false);

    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || !ref.current.enabled) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && !event.altKey && key === 's') {
        event.preventDefault();
        ref.current.saveNow();
        return;
      }
      if (isTextEntry(event.target)) return;
      if (mod && !event.altKey) {
        if (key === 'z' && !event.shiftKey) {
          event.preventDefault();
          undo();
        } else if ((key === 'z' && event.shiftKey) || (key === 'y' && event.ctrlKey && !event.shiftKey)) {
          event.preventDefault();
          redo();
        } else if (key === 'a' && !event.shiftKey) {
          event.preventDefault();
          selectAll();
        } else if ((key === 'c' || key === 'x') && !event.shiftKey && !textSelected()) {
          const text = copySelection();
          if (text === null) return;
          writeClipboard(text);
          if (key === 'x') deleteSelection();
        } else if (key === 'v' && !event.shiftKey) {
          if (pendingPaste !== null) clearTimeout(pendingPaste);
          pendingPaste = setTimeout(() => {
            pendingPaste = null;
            void fallbackPaste();
          }, PASTE_FALLBACK_MS);
        }
        return;
      }
      // Plain keys act on the canvas, not on a focused button of the side panel or a dialog
      // (Backspace after clicking "Remove case" must not delete the block).
      if (event.altKey || isInForm(event.target)) return;
      switch (event.key) {
        case 'Delete':
        case 'Backspace':
          if (deleteSelection()) event.preventDefault();
          break;
        case 'Escape':
          selectionStore.getState().clear();
          break;
        case '?':
          event.preventDefault();
          ref.current.toggleHelp();
          break;
        case '/':
          event.preventDefault();
          ref.current.focusPalette();
          break;
        case 'f':
        case 'F':
          ref.current.fitView();
          break;
        case 'l':
        case 'L':
          ref.current.autoLayout();
          break;
        case '[':
          ref.current.togglePanel('palette');
          break;
        case ']':
          ref.current.togglePanel('side');
          break;
        case 'k':
        case 'K':
          event.preventDefault();
          ref.current.linkSelected();
          break;
        case '+':
        case '=':
          ref.current.zoomIn();
          break;
        case '-':
        case '_':
          ref.current.zoomOut();
          break;
      }
    }

    async function fallbackPaste() {
      try {
        const text = await navigator.clipboard?.readText();
        if (paste(text)) return;
      } catch {
        // Not allowed here: use the last in-app copy.
      }
      paste(lastCopiedText());
    }

    function onCopy(event: ClipboardEvent) {
      if (!ref.current.enabled || isTextEntry(event.target) || (copiedByKey === null && textSelected())) return;
      const text = copiedByKey ?? copySelection();
      copiedByKey = null;
      if (text === null || event.clipboardData === null) return;
      event.clipboardData.setData('text/plain', text);
      event.preventDefault();
    }

    function onPaste(event: ClipboardEvent) {
      if (!ref.current.enabled || isTextEntry(event.target)) return;
      if (pendingPaste !== null) {
        clearTimeout(pendingPaste);
        pendingPaste = null;
      }
      if (paste(event.clipboardData?.getData('text/plain'))) event.preventDefault();
    }

    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      if (pendingPaste !== null) clearTimeout(pendingPaste);
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, []);
}
