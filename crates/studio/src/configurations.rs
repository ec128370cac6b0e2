//! Module configurations: named sets of values per module, built from the module's
//! configuration schema. The fields its `secrets` list names go to the OS vault, once; the
//! store keeps the other values and, per secret field, only the vault entry's name.

use crate::{Result, Studio, StudioError};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use studio_store::{ModuleConfiguration, NewModuleConfiguration};
use studio_vault::configuration_entry;

pub struct NewConfiguration {
    pub module_uuid: String,
    pub name: String,
    /// Non-secret fields.
    pub values: Map<String, Value>,
    /// Secret fields (sent once, kept only in the vault).
    pub secrets: BTreeMap<String, String>,
}

impl Studio {
    pub fn create_module_configuration(&mut self, new: NewConfiguration) -> Result<ModuleConfiguration> {
        let name = new.name.trim();
        if name.is_empty() {
            return Err(StudioError::InvalidInput { field: "name", message: "a configuration needs a name".into() });
        }
        let catalog = self.catalog();
        let module = catalog.module(&new.module_uuid).ok_or_else(|| StudioError::InvalidInput { field: "module_uuid", message: format!("no module {} in the catalogue", new.module_uuid) })?;
        let secret_fields = module.secret_fields();
        if let Some(k) = new.values.keys().find(|k| secret_fields.contains(k)) {
            return Err(StudioError::InvalidInput { field: "values", message: format!("`{k}` is a secret of {}: give it as a secret", module.name) });
        }
        if let Some(k) = new.secrets.keys().find(|k| !secret_fields.contains(k)) {
            return Err(StudioError::InvalidInput { field: "secrets", message: format!("`{k}` is not a secret field of {} (its secrets: {})", module.name, secret_fields.join(", ")) });
        }
        let created = self.store.create_module_configuration(NewModuleConfiguration { module_uuid: &new.module_uuid, name, values: new.values, secret_refs: BTreeMap::new() })?;
        let mut refs: BTreeMap<String, String> = BTreeMap::new();
        for (field, secret) in &new.secrets {
            let entry = configuration_entry(&created.id, field);
            if let Err(e) = self.vault.set(&entry, secret) {
                // Nothing half-made stays behind.
                for written in refs.values() {
                    let _ = self.vault.delete(written);
                }
                self.store.delete_module_configuration(&created.id)?;
                return Err(e.into());
            }
            refs.insert(field.clone(), entry);
        }
        self.store.set_secret_refs(&created.id, &refs)?;
        tracing::info!(id = %created.id, module = %new.module_uuid, secrets = refs.len(), "module configuration created");
        Ok(self.store.module_configuration(&created.id)?)
    }

    pub fn module_configurations(&self, module_uuid: Option<&str>) -> Result<Vec<ModuleConfiguration>> {
        Ok(self.store.module_configurations(module_uuid)?)
    }

    /// Replaces (or first sets) one secret field of a configuration.
    pub fn replace_secret(&mut self, id: &str, field: &str, secret: &str) -> Result<()> {
        let cfg = self.store.module_configuration(id)?;
        let entry = configuration_entry(id, field);
        self.vault.set(&entry, secret)?;
        let mut refs = cfg.secret_refs;
        refs.insert(field.to_owned(), entry);
        self.store.set_secret_refs(id, &refs)?;
        Ok(())
    }

    /// Removes a secret field from the vault and the configuration.
    pub fn remove_secret(&mut self, id: &str, field: &str) -> Result<()> {
        let cfg = self.store.module_configuration(id)?;
        let mut refs = cfg.secret_refs;
        if let Some(entry) = refs.remove(field) {
            self.vault.delete(&entry)?;
            self.store.set_secret_refs(id, &refs)?;
        }
        Ok(())
    }

    /// The app's view of a configuration (secret names only).
    pub fn module_configuration_view(&self, id: &str) -> Result<crate::ModuleConfigurationView> {
        Ok(self.store.module_configuration(id)?.into())
    }

    pub fn create_module_configuration_from(&mut self, input: crate::NewModuleConfigurationInput) -> Result<crate::ModuleConfigurationView> {
        let new = NewConfiguration { module_uuid: input.module_uuid, name: input.name, values: input.values, secrets: input.secrets };
        Ok(self.create_module_configuration(new)?.into())
    }
}
