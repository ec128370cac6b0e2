import { describe, expect, it } from 'vitest';

import type { TemplateView } from '../../ipc';
import { filterTemplates, tagCounts } from './filterTemplates';
import { previewGraph } from './graphPreview';

function template(slug: string, name: string, description: string, tags: string[]): TemplateView {
  return { slug, name, description, tags, nodes: 0, origin: 'builtin', content: {}, event: {}, pins: {} };
}

const all = [
  template('triage', 'Triage by urgency', 'Comment urgent alerts', ['alert']),
  template('chat', 'Chat notification', 'Post a message to a webhook', ['alert', 'notification', 'webhook']),
  template('mail', 'E-mail notification', 'Send a mail-like payload', ['notification', 'webhook']),
];

describe('filterTemplates', () => {
  it('keeps only the templates carrying the tag', () => {
    expect(filterTemplates(all, 'webhook', '').map((t) => t.slug)).toEqual(['chat', 'mail']);
    expect(filterTemplates(all, 'alert', '').map((t) => t.slug)).toEqual(['triage', 'chat']);
    expect(filterTemplates(all, null, '').map((t) => t.slug)).toEqual(['triage', 'chat', 'mail']);
  });

  it('needs every word of the search in the name, description or tags, ignoring case and accents', () => {
    expect(filterTemplates(all, null, 'NOTIFICATION mail').map((t) => t.slug)).toEqual(['mail']);
    expect(filterTemplates(all, null, 'urgént').map((t) => t.slug)).toEqual(['triage']);
    expect(filterTemplates(all, 'alert', 'webhook').map((t) => t.slug)).toEqual(['chat']);
    expect(filterTemplates(all, null, 'nothing like this')).toEqual([]);
  });

  it('counts the templates per gallery tag', () => {
    expect(tagCounts(all)).toEqual({ alert: 2, notification: 2, webhook: 2 });
  });
});

describe('previewGraph', () => {
  it('reads boxes and links, drops links to missing nodes and fits the view box', () => {
    const graph = previewGraph({
      nodes: {
        '0': { type: 'trigger', name: 'Alert created', position: { x: 0, y: 0 }, outputs: { default: ['1'] } },
        '1': { type: 'operator', subtype: 'condition', position: { x: 100, y: 140 }, outputs: { Urgent: ['2'], else: ['9'] } },
        '2': { type: 'action', name: '', position: { x: -200, y: 280 } },
      },
    });
    expect(graph.nodes.map((n) => [n.id, n.family, n.label])).toEqual([
      ['0', 'trigger', 'Alert created'],
      ['1', 'operator', 'condition'],
      ['2', 'action', 'node 2'],
    ]);
    expect(graph.edges).toEqual([
      { from: '0', to: '1', branch: 'default' },
      { from: '1', to: '2', branch: 'Urgent' },
    ]);
    expect(graph.viewBox).toEqual({ x: -240, y: -40, width: 600, height: 424 });
  });

  it('gives an empty document a small empty view', () => {
    expect(previewGraph(null).nodes).toEqual([]);
  });
});
