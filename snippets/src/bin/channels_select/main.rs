// --8<-- [start:main]
use crossbeam::channel;
use crossbeam::select;
use std::thread;
use std::time::Duration;

fn main() {
    let (telemetry_tx, mut telemetry) = channel::unbounded();
    let (commands_tx, mut commands) = channel::unbounded();
    thread::spawn(move || {
        for n in 1..=3 {
            telemetry_tx.send(format!("frame {n}")).unwrap();
        }
    });
    thread::spawn(move || {
        commands_tx.send("rotate antenna").unwrap()
    });

    let (mut frames, mut orders, mut open) = (0, 0, 2);
    while open > 0 {
        select! {
            recv(telemetry) -> frame => match frame {
                Ok(_) => frames += 1,
                Err(_) => {
                    telemetry = channel::never(); // never ready
                    open -= 1;
                }
            },
            recv(commands) -> order => match order {
                Ok(_) => orders += 1,
                Err(_) => {
                    commands = channel::never(); // never ready
                    open -= 1;
                }
            },
            default(Duration::from_secs(5)) => panic!("nothing came"),
        }
    }
    assert_eq!((frames, orders), (3, 1));
    println!("telemetry frames: {frames}, commands: {orders}");
    println!("both channels closed");
}
// --8<-- [end:main]
