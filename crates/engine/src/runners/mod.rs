//! The native runners: HTTP Request URL, the Sekoia.io alert actions (REST calls), Wait and
//! Get current time. `NativeRunners` picks one for a block.

mod http;
mod sekoia;
mod utils;

use crate::runner::BlockRunner;
use crate::scheduler::RunnerRegistry;
use studio_model::Block;

pub const HTTP_REQUEST: &str = "40bcf3c0-aa8b-4111-9b4e-f3caffccb4e5";
pub const UTILS_WAIT: &str = "41cd724b-bfcc-4fb7-bee7-ef5d02176e4c";
pub const UTILS_CURRENT_TIME: &str = "ed382185-77bc-5092-8b54-7ffa94a0587e";
pub const SEKOIA_MODULE: &str = "92d8bb47-7c51-445d-81de-ae04edbb6f0a";

pub struct NativeRunners {
    http: http::HttpRequest,
    sekoia: sekoia::SekoiaRest,
    wait: utils::Wait,
    time: utils::CurrentTime,
}

impl NativeRunners {
    pub fn new() -> Self {
        let client = http::client(true);
        Self { http: http::HttpRequest::new(), sekoia: sekoia::SekoiaRest { client }, wait: utils::Wait, time: utils::CurrentTime }
    }
}

impl Default for NativeRunners {
    fn default() -> Self {
        Self::new()
    }
}

impl RunnerRegistry for NativeRunners {
    fn native(&self, module_uuid: &str, action_uuid: &str, block: Option<&Block>) -> Option<&dyn BlockRunner> {
        match action_uuid {
            HTTP_REQUEST => Some(&self.http),
            UTILS_WAIT => Some(&self.wait),
            UTILS_CURRENT_TIME => Some(&self.time),
            _ if module_uuid == SEKOIA_MODULE && block.is_some_and(sekoia::is_alert_call) => Some(&self.sekoia),
            _ => None,
        }
    }
}
