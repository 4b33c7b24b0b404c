use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::thread;
use std::time::Duration;

// --8<-- [start:types]
type SatelliteId = u32;
type StationId = &'static str;

#[derive(Clone)]
struct StationConfig {
    max_rate_kbps: u32,
    active: bool,
}

/// One incoming ground-station connection.
struct Link {
    station: StationId,
    satellite: SatelliteId,
    commands: u32,
    /// Still overhead when the burst is over?
    stays_up: bool,
}

/// What a handler made of one connection.
enum Outcome {
    Rejected(&'static str),
    Closed,
    StillUp { rate_kbps: u32 },
}

/// A command for the radio, on behalf of one satellite.
struct Command {
    satellite: SatelliteId,
}
// --8<-- [end:types]

// --8<-- [start:sessions]
/// Open uplink sessions per satellite. Clones share the map.
#[derive(Clone, Default)]
struct SessionRegistry {
    open: Arc<Mutex<HashMap<SatelliteId, u32>>>,
}

impl SessionRegistry {
    fn connect(&self, sat: SatelliteId) {
        *self.open.lock().unwrap().entry(sat).or_default() += 1;
    }

    fn disconnect(&self, sat: SatelliteId) {
        let mut open = self.open.lock().unwrap();
        let count = open.entry(sat).or_default();
        *count = count.saturating_sub(1); // never below zero
    }

    /// A sorted copy, taken under the lock.
    fn snapshot(&self) -> BTreeMap<SatelliteId, u32> {
        let open = self.open.lock().unwrap();
        open.iter().map(|(&sat, &n)| (sat, n)).collect()
    }
}
// --8<-- [end:sessions]

// --8<-- [start:stations]
/// Read on every connection, written in maintenance windows.
#[derive(Clone, Default)]
struct StationRegistry {
    configs: Arc<RwLock<HashMap<StationId, StationConfig>>>,
}

impl StationRegistry {
    fn install(&self, station: StationId, config: StationConfig) {
        self.configs.write().unwrap().insert(station, config);
    }

    fn deactivate(&self, station: StationId) {
        let mut configs = self.configs.write().unwrap();
        if let Some(config) = configs.get_mut(station) {
            config.active = false;
        }
    }

    /// A copy: no caller keeps a reference into the map.
    fn lookup(&self, station: StationId) -> Option<StationConfig> {
        self.configs.read().unwrap().get(station).cloned()
    }
}
// --8<-- [end:stations]

// --8<-- [start:queue]
#[derive(Default)]
struct Pending {
    commands: VecDeque<Command>,
    closed: bool,
}

/// Commands waiting for the radio; one dispatcher drains it.
#[derive(Default)]
struct CommandQueue {
    pending: Mutex<Pending>,
    changed: Condvar,
}

impl CommandQueue {
    fn push(&self, command: Command) {
        self.pending.lock().unwrap().commands.push_back(command);
        self.changed.notify_one();
    }

    /// No more commands will come.
    fn close(&self) {
        self.pending.lock().unwrap().closed = true;
        self.changed.notify_all();
    }

    /// The next command; None once closed and drained.
    fn pop(&self) -> Option<Command> {
        let pending = self.pending.lock().unwrap();
        let (mut pending, wait) = self
            .changed
            .wait_timeout_while(
                pending,
                Duration::from_secs(5),
                |p| p.commands.is_empty() && !p.closed,
            )
            .unwrap();
        assert!(!wait.timed_out(), "no command and no close in 5 s");
        pending.commands.pop_front()
    }
}
// --8<-- [end:queue]

// --8<-- [start:handler]
/// One connection, start to finish. Each registry call takes
/// its lock for one small step and releases it.
fn handle(
    link: &Link,
    sessions: &SessionRegistry,
    stations: &StationRegistry,
    queue: &CommandQueue,
) -> Outcome {
    let config = match stations.lookup(link.station) {
        None => return Outcome::Rejected("unknown station"),
        Some(config) if !config.active => {
            return Outcome::Rejected("station inactive");
        }
        Some(config) => config,
    };
    sessions.connect(link.satellite);
    for _ in 0..link.commands {
        queue.push(Command {
            satellite: link.satellite,
        });
    }
    if link.stays_up {
        Outcome::StillUp {
            rate_kbps: config.max_rate_kbps,
        }
    } else {
        sessions.disconnect(link.satellite);
        Outcome::Closed
    }
}
// --8<-- [end:handler]

// --8<-- [start:burst]
/// Twelve connections arriving at once:
/// (station, satellite, commands, stays up).
fn burst() -> Vec<Link> {
    [
        ("Kiruna", 7, 3, false),
        ("Svalbard", 12, 2, true),
        ("Awarua", 31, 4, false),
        ("Kiruna", 12, 2, false),
        ("Svalbard", 7, 1, true),
        ("Dongara", 44, 2, false),
        ("Kiruna", 31, 3, true),
        ("Svalbard", 44, 2, false),
        ("Awarua", 7, 1, false),
        ("Kiruna", 7, 2, true),
        ("Svalbard", 31, 3, false),
        ("Kiruna", 12, 1, true),
    ]
    .into_iter()
    .map(|(station, satellite, commands, stays_up)| Link {
        station,
        satellite,
        commands,
        stays_up,
    })
    .collect()
}
// --8<-- [end:burst]

// --8<-- [start:report]
/// Totals first, then each registry in sorted order.
fn report(
    outcomes: &[Outcome],
    per_sat: &BTreeMap<SatelliteId, u32>,
    sessions: &SessionRegistry,
) {
    let mut rejected = BTreeMap::new();
    let (mut up, mut reserved_kbps) = (0, 0);
    for outcome in outcomes {
        match outcome {
            Outcome::Rejected(why) => {
                *rejected.entry(*why).or_insert(0) += 1;
            }
            Outcome::Closed => {}
            Outcome::StillUp { rate_kbps } => {
                up += 1;
                reserved_kbps += rate_kbps;
            }
        }
    }
    let refused: u32 = rejected.values().sum();
    let accepted = outcomes.len() as u32 - refused;
    println!("connections: {}", outcomes.len());
    println!("accepted: {accepted}, rejected: {refused}");
    for (why, count) in &rejected {
        println!("  {why}: {count}");
    }
    println!("links still up: {up}, reserving {reserved_kbps} kbps");
    let dispatched: u32 = per_sat.values().sum();
    println!("commands dispatched: {dispatched}");
    for (sat, count) in per_sat {
        println!("  SAT-{sat}: {count}");
    }
    println!("open sessions:");
    for (sat, open) in sessions.snapshot() {
        println!("  SAT-{sat}: {open}");
    }
}
// --8<-- [end:report]

// --8<-- [start:main]
fn main() {
    let sessions = SessionRegistry::default();
    let stations = StationRegistry::default();
    let queue = Arc::new(CommandQueue::default());

    let rates =
        [("Kiruna", 2_048), ("Svalbard", 4_096), ("Awarua", 1_024)];
    for (station, rate) in rates {
        let config = StationConfig {
            max_rate_kbps: rate,
            active: true,
        };
        stations.install(station, config);
    }
    stations.deactivate("Awarua"); // maintenance window

    // The dispatcher drains the command queue for the radio.
    let dispatcher = thread::spawn({
        let queue = Arc::clone(&queue);
        move || {
            let mut per_sat = BTreeMap::new();
            while let Some(command) = queue.pop() {
                *per_sat.entry(command.satellite).or_insert(0) += 1;
            }
            per_sat
        }
    });

    // Four handler threads share the connections, not one each.
    let (incoming, accepted) = mpsc::channel::<Link>();
    let accepted = Arc::new(Mutex::new(accepted));
    let handlers: Vec<_> = (0..4)
        .map(|_| {
            let accepted = Arc::clone(&accepted);
            let sessions = sessions.clone();
            let stations = stations.clone();
            let queue = Arc::clone(&queue);
            thread::spawn(move || {
                let mut outcomes = Vec::new();
                loop {
                    let next = accepted.lock().unwrap().recv();
                    let Ok(link) = next else { return outcomes };
                    let outcome =
                        handle(&link, &sessions, &stations, &queue);
                    outcomes.push(outcome);
                }
            })
        })
        .collect();

    for link in burst() {
        incoming.send(link).unwrap();
    }
    drop(incoming); // handlers stop once the burst is handled
    let outcomes: Vec<Outcome> = handlers
        .into_iter()
        .flat_map(|handler| handler.join().unwrap())
        .collect();
    queue.close(); // every handler is done: no more commands
    let per_sat = dispatcher.join().unwrap();

    report(&outcomes, &per_sat, &sessions);
}
// --8<-- [end:main]
