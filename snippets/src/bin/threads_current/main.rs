// --8<-- [start:current]
use std::collections::HashSet;
use std::thread::{self, ThreadId};

fn whoami(label: &str) -> ThreadId {
    let me = thread::current();
    let name = me.name().unwrap_or("<unnamed>");
    println!("{label}: name {name}");
    me.id()
}

fn main() {
    let mut ids = vec![whoami("main")];
    for label in ["first spawned", "second spawned"] {
        let handle = thread::spawn(move || whoami(label));
        ids.push(handle.join().unwrap());
    }
    println!("main's id: {:?}", ids[0]);
    let distinct: HashSet<_> = ids.iter().collect();
    println!(
        "{} threads, {} distinct ids",
        ids.len(),
        distinct.len()
    );
}
// --8<-- [end:current]
