import { useMemo } from 'react';

import { useCatalog } from '../stores/catalogStore';
import { paletteItems, type PaletteItem } from './paletteItems';

/** The palette entries of the loaded catalogue (recomputed only when the catalogue changes). */
export function usePaletteItems(): PaletteItem[] {
  const index = useCatalog((s) => s.index);
  return useMemo(() => paletteItems(index), [index]);
}
