/** React Flow's node types, defined once at module level (a new object per render re-mounts every node). */
import type { NodeTypes } from '@xyflow/react';

import { BlockNode } from './BlockNode';

export const nodeTypes: NodeTypes = { block: BlockNode };
