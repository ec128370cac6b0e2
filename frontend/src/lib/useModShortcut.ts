import { useEffect, useRef } from 'react';

/** True on macOS, where shortcuts use ⌘ rather than Ctrl (only used for labels). */
export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);

/**
 * Calls `handler` when Ctrl+`key` (⌘+`key` on macOS) is pressed anywhere in the window,
 * and keeps the webview from acting on the keys itself. Shift and Alt combinations are
 * left alone so that they stay free for other shortcuts.
 */
export function useModShortcut(key: string, handler: () => void): void {
  const handlerRef = useRef(handler);
  useEffect(() => {
    handlerRef.current = handler;
  });

  useEffect(() => {
    const wanted = key.toLowerCase();
    function onKeyDown(event: KeyboardEvent) {
      if (event.key.toLowerCase() !== wanted) return;
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      event.preventDefault();
      handlerRef.current();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [key]);
}

/** How the shortcut is written for the user: "Ctrl+N" or "⌘N". */
export function shortcutLabel(key: string): string {
  return isMac ? `⌘${key.toUpperCase()}` : `Ctrl+${key.toUpperCase()}`;
}
