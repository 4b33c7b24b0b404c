use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::thread;
use std::time::Duration;

// --8<-- [start:sessions]
type SatelliteId = u32;

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

/// What the session registry promises, checked on its own.
fn check_sessions() {
    let sessions = SessionRegistry::default();
    let same_map = sessions.clone();
    sessions.connect(7);
    same_map.disconnect(7);
    same_map.disconnect(7); // one close more than opens
    assert_eq!(sessions.snapshot(), BTreeMap::from([(7, 0)]));
}
// --8<-- [end:sessions]

// --8<-- [start:stations]
type StationId = &'static str;

#[derive(Clone)]
struct StationConfig {
    max_rate_kbps: u32,
    active: bool,
}

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

/// What the station registry promises, checked on its own.
fn check_stations() {
    let stations = StationRegistry::default();
    let config = StationConfig {
        max_rate_kbps: 512,
        active: true,
    };
    stations.install("Kiruna", config);
    let mut looked_up = stations.lookup("Kiruna").unwrap();
    looked_up.active = false; // changes the copy only
    assert!(!looked_up.active);
    assert!(stations.lookup("Kiruna").unwrap().active);
    stations.deactivate("Kiruna");
    assert!(!stations.lookup("Kiruna").unwrap().active);
    assert!(stations.lookup("Dongara").is_none());
}
// --8<-- [end:stations]

// --8<-- [start:queue]
#[derive(Default)]
struct Pending {
    commands: VecDeque<SatelliteId>,
    closed: bool,
}

/// Commands for the radio, each one tagged with its satellite.
#[derive(Default)]
struct CommandQueue {
    pending: Mutex<Pending>,
    changed: Condvar,
}

impl CommandQueue {
    fn push(&self, sat: SatelliteId) {
        self.pending.lock().unwrap().commands.push_back(sat);
        self.changed.notify_one();
    }

    /// No more commands will come.
    fn close(&self) {
        self.pending.lock().unwrap().closed = true;
        self.changed.notify_all();
    }

    /// The next command; None once closed and drained.
    fn pop(&self) -> Option<SatelliteId> {
        let pending = self.pending.lock().unwrap();
        let (mut pending, wait) = self
            .changed
            .wait_timeout_while(
                pending,
                Duration::from_secs(5),
                |p| p.commands.is_empty() && !p.closed,
            )
            .unwrap();
        assert!(!wait.timed_out(), "no command, no close in 5 s");
        pending.commands.pop_front()
    }
}

/// The dispatcher: commands sent to the radio, per satellite.
fn dispatch(queue: &CommandQueue) -> BTreeMap<SatelliteId, u32> {
    let mut per_sat = BTreeMap::new();
    while let Some(sat) = queue.pop() {
        *per_sat.entry(sat).or_insert(0) += 1;
    }
    per_sat
}

/// What the queue promises, checked on its own.
fn check_queue() {
    let queue = Arc::new(CommandQueue::default());
    let dispatcher = thread::spawn({
        let queue = Arc::clone(&queue);
        move || dispatch(&queue)
    });
    for sat in [7, 12, 7] {
        queue.push(sat);
    }
    queue.close(); // straight after the last push
    let per_sat = dispatcher.join().unwrap();
    assert_eq!(per_sat, BTreeMap::from([(7, 2), (12, 1)]));
    assert_eq!(queue.pop(), None); // closed and drained: no wait
}
// --8<-- [end:queue]

// --8<-- [start:handlers]
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
        queue.push(link.satellite);
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

/// A handler thread: connections until the channel closes.
fn serve(
    accepted: &Mutex<Receiver<Link>>,
    handle_link: impl Fn(&Link) -> Outcome,
) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    loop {
        // A statement of its own: the lock is released at the `;`.
        let next = accepted.lock().unwrap().recv();
        let Ok(link) = next else { return outcomes };
        outcomes.push(handle_link(&link));
    }
}

/// Four handlers, eight links: each link is handled once, and
/// four are handled at the same time, which only works if no
/// handler keeps the receiver locked while it handles a link.
fn check_handlers() {
    let (incoming, accepted) = mpsc::channel();
    let accepted = Arc::new(Mutex::new(accepted));
    let busy = Arc::new((Mutex::new(0), Condvar::new()));
    let handlers: Vec<_> = (0..4)
        .map(|_| {
            let accepted = Arc::clone(&accepted);
            let busy = Arc::clone(&busy);
            thread::spawn(move || {
                serve(&accepted, |_| {
                    let (count, changed) = &*busy;
                    let mut count = count.lock().unwrap();
                    *count += 1;
                    changed.notify_all();
                    let five_s = Duration::from_secs(5);
                    let (_count, wait) = changed
                        .wait_timeout_while(count, five_s, |n| *n < 4)
                        .unwrap();
                    assert!(!wait.timed_out(), "handlers took turns");
                    Outcome::Closed
                })
            })
        })
        .collect();
    for satellite in 0..8 {
        let link = Link {
            station: "Kiruna",
            satellite,
            commands: 0,
            stays_up: false,
        };
        incoming.send(link).unwrap();
    }
    drop(incoming);
    let handled: usize =
        handlers.into_iter().map(|h| h.join().unwrap().len()).sum();
    assert_eq!(handled, 8);
}
// --8<-- [end:handlers]

// --8<-- [start:burst]
const RATES: [(StationId, u32); 3] =
    [("Kiruna", 2_048), ("Svalbard", 4_096), ("Awarua", 1_024)];

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
    check_sessions();
    check_stations();
    check_queue();
    check_handlers();

    let sessions = SessionRegistry::default();
    let stations = StationRegistry::default();
    let queue = Arc::new(CommandQueue::default());
    for (station, max_rate_kbps) in RATES {
        let config = StationConfig {
            max_rate_kbps,
            active: true,
        };
        stations.install(station, config);
    }
    stations.deactivate("Awarua"); // maintenance window

    // The dispatcher drains the command queue for the radio.
    let dispatcher = thread::spawn({
        let queue = Arc::clone(&queue);
        move || dispatch(&queue)
    });

    // Four handler threads share the connections, not one each.
    let (incoming, accepted) = mpsc::channel();
    let accepted = Arc::new(Mutex::new(accepted));
    let handlers: Vec<_> = (0..4)
        .map(|_| {
            let accepted = Arc::clone(&accepted);
            let sessions = sessions.clone();
            let stations = stations.clone();
            let queue = Arc::clone(&queue);
            thread::spawn(move || {
                serve(&accepted, |link| {
                    handle(link, &sessions, &stations, &queue)
                })
            })
        })
        .collect();

    // Shutdown: each step waits for something certain to happen.
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

    // One outcome per connection; every command queued for an
    // active station was dispatched.
    assert_eq!(outcomes.len(), burst().len());
    let queued: u32 = burst()
        .iter()
        .filter(|link| {
            stations.lookup(link.station).is_some_and(|c| c.active)
        })
        .map(|link| link.commands)
        .sum();
    assert_eq!(per_sat.values().sum::<u32>(), queued);
    report(&outcomes, &per_sat, &sessions);
}
// --8<-- [end:main]
