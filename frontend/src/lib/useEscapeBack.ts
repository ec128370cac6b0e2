/**
 * A page reached from the start page goes back on Escape, unless the user is typing in a
 * field or a dialog is open (the dialog takes its own Escape).
 */
import { useEffect } from 'react';

export function useEscapeBack(onBack: () => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const inField = e.target instanceof HTMLElement && e.target.closest('input, select, textarea') !== null;
      if (e.key === 'Escape' && !e.defaultPrevented && !inField && document.querySelector('.overlay') === null) onBack();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack]);
}
