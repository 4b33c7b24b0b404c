// --8<-- [start:main]
use std::thread;

fn main() {
    let mut command_log: Vec<&str> = Vec::new();
    let mut passes_per_sat = [0_u32; 3];

    thread::scope(|s| {
        // One thread borrows the log mutably, the other the
        // counters: two exclusive borrows of two different values.
        s.spawn(|| {
            command_log.push("open uplink SAT-12");
            command_log.push("close uplink SAT-12");
        });
        s.spawn(|| passes_per_sat[1] += 2);
        // No join here: `scope` joins both before it returns.
    });

    println!("log: {command_log:?}");
    println!("passes: {passes_per_sat:?}");
}
// --8<-- [end:main]
