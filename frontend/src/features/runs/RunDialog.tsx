/**
 * The run dialog: the event (last one used, or a sample fitting the trigger; pasted, typed
 * or loaded from a file), the mock mode, results pinned per action, and the playbook's run
 * settings. "Run" runs locally; "Run on the platform" appears for a pushed playbook when
 * the platform is configured; "Listen for webhooks" runs it locally for each event POSTed
 * to a loopback address instead (same mock mode, pins and trigger). Ctrl/⌘+Enter runs,
 * Escape closes.
 */
import { useEffect, useId, useMemo, useState } from 'react';

import { getRunDefaults, loadJsonFile, toIpcError, type RunSettings, type StartRunInput } from '../../ipc';
import { useDocument } from '../designer/stores/documentStore';
import type { SplNode } from '../designer/spl/types';
import { lastRunInput } from './runActions';
import { parseJsonObject, prettyJson } from './jsonText';
import { PinsEditor, type PinDrafts } from './PinsEditor';
import { RunSettingsFields } from './RunSettingsFields';

type Mock = StartRunInput['mock'];

const MOCK_HELP: Record<Mock, string> = {
  unknown: 'Actions with a native runner (HTTP, alert API, wait, time) run for real; the others return results made from their schema.',
  all: 'Every action returns results made from its schema: nothing leaves this machine.',
  none: 'Nothing is mocked: an action without a native runner fails.',
};

export type RunDialogProps = {
  playbookId: string;
  /** Offered when the playbook is pushed and the platform configured. */
  canRunOnPlatform: boolean;
  onRun(input: StartRunInput): void;
  /** Runs on the platform from `trigger` (`null`: its only trigger). */
  onRunOnPlatform(event: unknown, trigger: string | null): void;
  onListen(input: StartRunInput): void;
  onClose(): void;
};

export function RunDialog({ playbookId, canRunOnPlatform, onRun, onRunOnPlatform, onListen, onClose }: RunDialogProps) {
  const ids = useId();
  const last = lastRunInput(playbookId);
  const [eventText, setEventText] = useState(last ? prettyJson(last.event) : '');
  const [origin, setOrigin] = useState<string>(last ? 'The last event used in this session.' : 'Loading…');
  const [mock, setMock] = useState<Mock>(last?.mock ?? 'unknown');
  const [pins, setPins] = useState<PinDrafts>(() => Object.fromEntries(Object.entries(last?.pins ?? {}).map(([id, v]) => [id, prettyJson(v)])));
  const [settings, setSettings] = useState<RunSettings | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const nodes = useDocument((s) => s.content.nodes);
  const triggers = Object.entries(nodes).filter(([, n]) => n.type === 'trigger');
  const [trigger, setTrigger] = useState<string | null>(last?.trigger ?? null);

  useEffect(() => {
    let live = true;
    getRunDefaults(playbookId).then(
      (defaults) => {
        if (!live) return;
        setSettings(defaults.settings);
        if (last === undefined) {
          setEventText(prettyJson(defaults.event));
          setOrigin(defaults.last_used ? 'The last event this playbook ran with.' : defaults.from_template ? 'The test event of the template this playbook was made from.' : 'A sample event that fits the trigger.');
          // A playbook made from a template runs with the template's pinned results.
          setPins(Object.fromEntries(Object.entries(defaults.pins).map(([id, v]) => [id, prettyJson(v)])));
        }
      },
      (e) => live && setOrigin(`The defaults could not be read: ${toIpcError(e).message}`),
    );
    return () => {
      live = false;
    };
  }, [playbookId, last]);

  const parsedEvent = useMemo(() => parseJsonObject(eventText, 'The event'), [eventText]);
  const parsedPins = useMemo(() => Object.entries(pins).map(([id, text]) => [id, parseJsonObject(text, `Pinned results of block ${id}`)] as const), [pins]);
  const pinError = parsedPins.find(([, p]) => !p.ok);
  const ready = parsedEvent.ok && pinError === undefined;

  const input = (): StartRunInput | null => {
    if (!parsedEvent.ok || pinError !== undefined) return null;
    const pinned = Object.fromEntries(parsedPins.map(([id, p]) => [id, p.ok ? p.value : null]));
    return { playbook_id: playbookId, event: parsedEvent.value, mock, pins: pinned, trigger: triggers.length > 1 ? (trigger ?? triggers[0][0]) : null };
  };

  const start = () => {
    const ready = input();
    if (ready !== null) onRun(ready);
  };

  const loadFile = async () => {
    setFileError(null);
    try {
      const value = await loadJsonFile('Load an event');
      if (value !== null) {
        setEventText(prettyJson(value));
        setOrigin('Loaded from a file.');
      }
    } catch (e) {
      setFileError(toIpcError(e).message);
    }
  };

  return (
    <div className="overlay" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="dialog dialog--wide run-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${ids}-title`}
        data-testid="run-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            e.stopPropagation();
            start();
          }
        }}
      >
        <h2 id={`${ids}-title`} className="dialog__title">
          Run the playbook
        </h2>
        <EventEditor id={`${ids}-event`} text={eventText} onChange={(t) => { setEventText(t); setFileError(null); }} origin={origin} error={fileError ?? (parsedEvent.ok ? null : parsedEvent.message)} onLoadFile={() => void loadFile()} />
        {triggers.length > 1 && <TriggerPicker triggers={triggers} value={trigger ?? triggers[0][0]} onChange={setTrigger} />}
        <div className="run-dialog__section">
          <label htmlFor={`${ids}-mock`} className="field__label">
            Mock mode
          </label>
          <select id={`${ids}-mock`} className="input" data-field="run-mock" value={mock} onChange={(e) => setMock(e.target.value as Mock)}>
            <option value="unknown">Mock unknown actions (default)</option>
            <option value="all">Mock every action</option>
            <option value="none">Mock nothing</option>
          </select>
          <p className="run-dialog__hint">{MOCK_HELP[mock]}</p>
        </div>
        <PinsEditor nodes={nodes} pins={pins} onChange={setPins} />
        <RunSettingsFields playbookId={playbookId} settings={settings} onChange={setSettings} />
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="button"
            disabled={pinError !== undefined}
            onClick={() => {
              const ready = input() ?? (pinError === undefined ? { playbook_id: playbookId, event: {}, mock, pins: {}, trigger } : null);
              if (ready !== null) onListen(ready);
            }}
            data-action="listen-webhooks"
            title="Run this playbook locally for each JSON event POSTed to a loopback address (127.0.0.1), and at the times of its Cron triggers, with this mock mode and these pins"
          >
            Listen for webhooks
          </button>
          {canRunOnPlatform && (
            <button type="button" className="button" disabled={!parsedEvent.ok} onClick={() => parsedEvent.ok && onRunOnPlatform(parsedEvent.value, triggers.length > 1 ? (trigger ?? triggers[0][0]) : null)} data-action="start-platform-run">
              Run on the platform
            </button>
          )}
          <button type="button" className="button button--primary" disabled={!ready} onClick={start} data-action="start-run" title="Run locally (Ctrl/⌘+Enter)">
            Run
          </button>
        </div>
      </div>
    </div>
  );
}

type TriggerPickerProps = { triggers: Array<[string, SplNode]>; value: string; onChange(id: string): void };

/** Which trigger a playbook with several starts from. */
function TriggerPicker({ triggers, value, onChange }: TriggerPickerProps) {
  const id = useId();
  return (
    <div className="run-dialog__section">
      <label htmlFor={id} className="field__label">
        Trigger
      </label>
      <select id={id} className="input" data-field="run-trigger" value={value} onChange={(e) => onChange(e.target.value)}>
        {triggers.map(([nodeId, n]) => (
          <option key={nodeId} value={nodeId}>
            {typeof n.name === 'string' && n.name !== '' ? n.name : 'Trigger'} ({nodeId})
          </option>
        ))}
      </select>
      <p className="run-dialog__hint">This playbook has {triggers.length} triggers: the run starts from this one, with the event above.</p>
    </div>
  );
}

type EventEditorProps = { id: string; text: string; onChange(text: string): void; origin: string; error: string | null; onLoadFile(): void };

/** The event the trigger emits, as JSON: typed, pasted or loaded from a file. */
function EventEditor({ id, text, onChange, origin, error, onLoadFile }: EventEditorProps) {
  return (
    <div className="run-dialog__section">
      <div className="run-dialog__label-row">
        <label htmlFor={id} className="field__label">
          Event
        </label>
        <span className="run-dialog__aside">{origin}</span>
        <button type="button" className="button button--small button--ghost" onClick={onLoadFile} data-action="load-event-file">
          Load file…
        </button>
      </div>
      <textarea
        id={id}
        className="run-dialog__json"
        data-field="run-event"
        spellCheck={false}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error !== null}
        aria-describedby={`${id}-error`}
        rows={8}
        autoFocus
      />
      <p id={`${id}-error`} className={error === null ? 'run-dialog__hint' : 'field__error'} role={error === null ? undefined : 'alert'}>
        {error ?? 'The trigger emits this; blocks read it as node.<trigger id>.<field>.'}
      </p>
    </div>
  );
}

