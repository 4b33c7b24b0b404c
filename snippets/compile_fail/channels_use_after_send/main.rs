// compile-fail: E0382
// --8<-- [start:body]
use std::sync::mpsc;
use std::thread;

fn main() {
    let (tx, rx) = mpsc::channel();
    let planner = thread::spawn(move || {
        let plan = vec!["slew", "burn", "downlink"];
        tx.send(plan).unwrap();
        println!("planned {} steps", plan.len());
    });
    println!("plan: {:?}", rx.recv().unwrap());
    planner.join().unwrap();
}
// --8<-- [end:body]
