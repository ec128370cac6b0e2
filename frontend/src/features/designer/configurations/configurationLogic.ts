/**
 * Pure helpers behind the side panel's "Module configuration" section: which fields of a
 * module's configuration schema are plain values and which are secrets, how the creation
 * form's text becomes a `NewModuleConfigurationInput`, and how a node points at a
 * configuration (`module_configuration_uuid`).
 *
 * Secrets pass through `readNewConfiguration` only as arguments; nothing here keeps them.
 */
import type { ModuleConfiguration, NewModuleConfigurationInput } from '../../../ipc';
import { describeFields, parseValue, type FieldSpec } from '../panel/schemaForm';
import { updateNode } from '../spl/edits';
import type { SplNode, SplPlaybook } from '../spl/types';

export const CONFIGURATION_FIELD = 'module_configuration_uuid';

export type ConfigurationFields = {
  /** Non-secret fields, stored in the configuration's `values`. */
  values: FieldSpec[];
  /** Fields named by the schema's `secrets` list: they go to the OS keychain. */
  secrets: FieldSpec[];
};

export function configurationFields(schema: unknown): ConfigurationFields {
  const fields = describeFields(schema);
  return { values: fields.filter((f) => !f.secret), secrets: fields.filter((f) => f.secret) };
}

/** The configuration a node points at, or null (absent, null, or not a string). */
export function nodeConfigurationId(node: SplNode): string | null {
  const value = node[CONFIGURATION_FIELD];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The playbook with the node pointing at configuration `id` (null: no configuration). */
export function setNodeConfiguration(playbook: SplPlaybook, nodeId: string, id: string | null): SplPlaybook {
  return updateNode(playbook, nodeId, (n) => (nodeConfigurationId(n) === id ? n : { ...n, [CONFIGURATION_FIELD]: id }));
}

export type NewConfigurationResult =
  | { ok: true; input: NewModuleConfigurationInput }
  | { ok: false; errors: Record<string, string> };

/** Key of the name's error in `NewConfigurationResult.errors` (field names never start with a space). */
export const NAME_ERROR = ' name';

/**
 * Reads the creation form: the name, each value field's text (parsed as the panel's
 * argument fields are) and each secret's text. Empty optional fields are left out; empty
 * required ones (secrets included) are errors.
 */
export function readNewConfiguration(
  moduleUuid: string,
  fields: ConfigurationFields,
  name: string,
  valueTexts: Readonly<Record<string, string>>,
  secretTexts: Readonly<Record<string, string>>,
): NewConfigurationResult {
  const errors: Record<string, string> = {};
  const trimmedName = name.trim();
  if (trimmedName === '') errors[NAME_ERROR] = 'Give the configuration a name.';
  const values: Record<string, unknown> = {};
  for (const spec of fields.values) {
    const parsed = parseValue(spec, valueTexts[spec.name] ?? '');
    if (!parsed.ok) errors[spec.name] = parsed.error;
    else if (parsed.value !== undefined) values[spec.name] = parsed.value;
    else if (spec.required) errors[spec.name] = 'Required.';
  }
  const secrets: Record<string, string> = {};
  for (const spec of fields.secrets) {
    const text = secretTexts[spec.name] ?? '';
    if (text !== '') secrets[spec.name] = text;
    else if (spec.required) errors[spec.name] = 'Required.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: { module_uuid: moduleUuid, name: trimmedName, values, secrets } };
}

export type SecretState = { spec: FieldSpec; stored: boolean };

/** Each secret field of the schema, and whether the configuration has it in the keychain. */
export function secretStates(fields: ConfigurationFields, configuration: ModuleConfiguration): SecretState[] {
  const stored = new Set(configuration.secret_fields);
  return fields.secrets.map((spec) => ({ spec, stored: stored.has(spec.name) }));
}

/**
 * The non-secret values to show, in schema order, then any value the schema does not
 * declare (never one named as a secret).
 */
export function shownValues(fields: ConfigurationFields, configuration: ModuleConfiguration): Array<{ name: string; label: string; text: string }> {
  const secretNames = new Set(fields.secrets.map((f) => f.name));
  const out: Array<{ name: string; label: string; text: string }> = [];
  const seen = new Set<string>();
  for (const spec of fields.values) {
    seen.add(spec.name);
    const value = configuration.values[spec.name];
    out.push({ name: spec.name, label: spec.label, text: value === undefined ? (spec.defaultValue !== undefined ? `not set (default: ${displayValue(spec.defaultValue)})` : 'not set') : displayValue(value) });
  }
  for (const [name, value] of Object.entries(configuration.values)) {
    if (seen.has(name) || secretNames.has(name)) continue;
    out.push({ name, label: name, text: displayValue(value) });
  }
  return out;
}

function displayValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
