/**
 * Keeps the problems list in step with the document: validates it with the core a short
 * while after the last edit (debounced) and when the catalogue changes, and ignores answers
 * about older versions.
 */
import { useEffect } from 'react';

import { toIpcError, validatePlaybook } from '../../ipc';
import { catalogStore } from './stores/catalogStore';
import { documentStore } from './stores/documentStore';
import { validationStore } from './stores/validationStore';

export const VALIDATION_DELAY_MS = 400;

export function useValidationRefresh(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let disposed = false;
    const run = async () => {
      const { content, revision } = documentStore.getState();
      validationStore.getState().setChecking();
      try {
        const diagnostics = await validatePlaybook(content);
        if (!disposed && documentStore.getState().revision === revision) {
          validationStore.getState().setDiagnostics(normalize(diagnostics), revision);
        }
      } catch (e) {
        if (!disposed) validationStore.getState().setFailed(toIpcError(e).message);
      }
    };
    const schedule = (delay: number) => {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        void run();
      }, delay);
    };
    schedule(0);
    const unsubscribe = documentStore.subscribe((state, previous) => {
      if (state.content !== previous.content) schedule(VALIDATION_DELAY_MS);
    });
    // A new catalogue changes what the checks know (unknown blocks, argument schemas).
    const unsubscribeCatalog = catalogStore.subscribe((state, previous) => {
      if (state.index !== previous.index && previous.status === 'ready') schedule(0);
    });
    return () => {
      disposed = true;
      unsubscribe();
      unsubscribeCatalog();
      if (timer !== null) clearTimeout(timer);
    };
  }, [enabled]);
}

/** The core may leave out empty fields: make them null, as the type says. */
function normalize(list: unknown): ReturnType<typeof validationStore.getState>['diagnostics'] {
  if (!Array.isArray(list)) return [];
  return list.map((d) => ({
    severity: d?.severity === 'warning' ? 'warning' : 'error',
    node: typeof d?.node === 'string' ? d.node : null,
    field: typeof d?.field === 'string' ? d.field : null,
    line: typeof d?.line === 'number' ? d.line : null,
    column: typeof d?.column === 'number' ? d.column : null,
    message: typeof d?.message === 'string' ? d.message : String(d?.message ?? ''),
  }));
}
