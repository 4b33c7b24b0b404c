//! The uplink's session table: one entry per satellite in contact,
//! shared by every connection's thread.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Mutex;

pub type SatelliteId = u32;

/// The slow part of a session: asking the network when the satellite's
/// next pass begins. It may take seconds, so it must never be called
/// while the table is locked: every other connection would wait too.
pub trait Link {
    /// The start of the satellite's next pass, in seconds from now.
    /// Blocks until the network answers.
    fn next_pass(&self, satellite: SatelliteId) -> u32;
}

/// One satellite's session.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Session {
    pub commands_sent: u32,
    pub next_pass: Option<u32>,
}

/// The sessions, one per satellite, behind one lock.
#[derive(Default)]
pub struct SessionTable {
    sessions: Mutex<HashMap<SatelliteId, Session>>,
}

impl SessionTable {
    pub fn new() -> SessionTable {
        SessionTable::default()
    }

    /// Opens a session for `satellite`; `false` if it had one already
    /// (which is left as it was).
    pub fn open(&self, satellite: SatelliteId) -> bool {
        match self.sessions.lock().unwrap().entry(satellite) {
            Entry::Occupied(_) => false,
            Entry::Vacant(slot) => {
                slot.insert(Session::default());
                true
            }
        }
    }

    /// Counts one more command sent to `satellite`; the new count, or
    /// `None` if it has no session. No count is lost, however many
    /// threads send at once.
    pub fn record_command(
        &self,
        satellite: SatelliteId,
    ) -> Option<u32> {
        let mut sessions = self.sessions.lock().unwrap();
        let session = sessions.get_mut(&satellite)?;
        session.commands_sent += 1;
        Some(session.commands_sent)
    }

    /// Asks `link` for the satellite's next pass and stores it in its
    /// session; `false` if it has no session. The table is not locked
    /// while `link` answers.
    pub fn refresh_pass(
        &self,
        satellite: SatelliteId,
        link: &impl Link,
    ) -> bool {
        // The guard is a temporary: the lock is released at the `;`.
        let open =
            self.sessions.lock().unwrap().contains_key(&satellite);
        if !open {
            return false;
        }
        let next_pass = link.next_pass(satellite);
        let mut sessions = self.sessions.lock().unwrap();
        match sessions.get_mut(&satellite) {
            Some(session) => {
                session.next_pass = Some(next_pass);
                true
            }
            None => false,
        }
    }

    /// A copy of the satellite's session, if it has one.
    pub fn session(&self, satellite: SatelliteId) -> Option<Session> {
        self.sessions.lock().unwrap().get(&satellite).cloned()
    }
}
