/**
 * Small SVG glyphs for block families and operators, drawn with currentColor so CSS
 * colours them. Decorative: always aria-hidden.
 */
import type { Family } from './spl/types';

type GlyphProps = { family: Family | 'operator'; subtype?: string; className?: string };

export function FamilyGlyph({ family, subtype, className }: GlyphProps) {
  return (
    <svg className={className} viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      {glyphPath(family, subtype)}
    </svg>
  );
}

function glyphPath(family: Family, subtype?: string) {
  if (family === 'trigger') return <path d="M13 2 4 14h7l-1 8 9-12h-7l1-8z" />;
  if (family === 'action') return <path d="M5 4h14v16H5zM9 9h6M9 13h6M9 17h3" />;
  if (family === 'operator') {
    switch (subtype) {
      case 'condition':
        return <path d="M12 3 21 12 12 21 3 12z" />;
      case 'store':
        return (
          <>
            <ellipse cx="12" cy="6" rx="7" ry="3" />
            <path d="M5 6v12c0 1.7 3.1 3 7 3s7-1.3 7-3V6M5 12c0 1.7 3.1 3 7 3s7-1.3 7-3" />
          </>
        );
      case 'foreach':
        return <path d="M4 12a8 8 0 0 1 14-5.3M20 4v4h-4M20 12a8 8 0 0 1-14 5.3M4 20v-4h4" />;
      case 'any':
        return <path d="M4 5l8 7M4 19l8-7M12 12h8" />;
      case 'all':
        return <path d="M4 5l8 7M4 19l8-7M4 12h16" />;
      default:
        return <circle cx="12" cy="12" r="7" />;
    }
  }
  return <path d="M9 9a3 3 0 1 1 4 2.8c-.6.3-1 .9-1 1.6V15M12 19h.01" />;
}

export function familyLabel(family: Family): string {
  switch (family) {
    case 'trigger':
      return 'Trigger';
    case 'action':
      return 'Action';
    case 'operator':
      return 'Operator';
    default:
      return 'Unknown';
  }
}
