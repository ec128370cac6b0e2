/**
 * A template's graph drawn read-only in SVG: boxes coloured by family, links as curves.
 * `labelled` writes each block's name (the large preview); the cards' thumbnails do without.
 */
import { useMemo } from 'react';

import { BOX, previewGraph } from './graphPreview';

type Props = { content: unknown; labelled?: boolean; className?: string; title: string };

export function GraphPreview({ content, labelled = false, className, title }: Props) {
  const graph = useMemo(() => previewGraph(content), [content]);
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const { x, y, width, height } = graph.viewBox;
  return (
    <svg className={className} viewBox={`${x} ${y} ${width} ${height}`} preserveAspectRatio="xMidYMid meet" role="img" aria-label={title}>
      {graph.edges.map((edge) => {
        const from = byId.get(edge.from)!;
        const to = byId.get(edge.to)!;
        const x1 = from.x + BOX.width / 2;
        const y1 = from.y + BOX.height;
        const x2 = to.x + BOX.width / 2;
        const y2 = to.y;
        const bend = Math.max(30, Math.abs(y2 - y1) / 2);
        return (
          <path
            key={`${edge.from}-${edge.branch}-${edge.to}`}
            className={`graph-preview__edge${edge.branch === 'loop' ? ' graph-preview__edge--loop' : ''}`}
            d={`M ${x1} ${y1} C ${x1} ${y1 + bend}, ${x2} ${y2 - bend}, ${x2} ${y2}`}
          />
        );
      })}
      {graph.nodes.map((node) => (
        <g key={node.id} className={`graph-preview__node graph-preview__node--${node.family}`}>
          <rect x={node.x} y={node.y} width={BOX.width} height={BOX.height} rx={10} />
          {labelled && (
            <text x={node.x + 16} y={node.y + BOX.height / 2} dominantBaseline="middle">
              {node.label.length > 24 ? `${node.label.slice(0, 23)}…` : node.label}
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}
