// --8<-- [start:main]
use std::sync::Mutex;
use std::thread;

struct Station {
    id: u32,
    minutes: Mutex<u32>, // contact minutes left this week
}

/// Move contact time between stations. Whatever the direction,
/// the station with the lower id is locked first.
fn transfer(from: &Station, to: &Station, amount: u32) {
    let (low, high) = if from.id < to.id {
        (from, to)
    } else {
        (to, from)
    };
    let mut low_minutes = low.minutes.lock().unwrap();
    let mut high_minutes = high.minutes.lock().unwrap();
    if from.id < to.id {
        *low_minutes -= amount;
        *high_minutes += amount;
    } else {
        *high_minutes -= amount;
        *low_minutes += amount;
    }
}

fn main() {
    let kiruna = Station {
        id: 1,
        minutes: Mutex::new(5000),
    };
    let awarua = Station {
        id: 2,
        minutes: Mutex::new(5000),
    };

    thread::scope(|s| {
        s.spawn(|| {
            (0..1000).for_each(|_| transfer(&kiruna, &awarua, 1))
        });
        s.spawn(|| {
            (0..1000).for_each(|_| transfer(&awarua, &kiruna, 1))
        });
    });

    let k = *kiruna.minutes.lock().unwrap();
    let a = *awarua.minutes.lock().unwrap();
    println!("kiruna {k}, awarua {a}, total {}", k + a);
}
// --8<-- [end:main]
