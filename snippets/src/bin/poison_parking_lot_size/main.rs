// --8<-- [start:main]
use std::mem::size_of;

fn main() {
    let std_size = size_of::<std::sync::Mutex<()>>();
    let lot_size = size_of::<parking_lot::Mutex<()>>();
    // parking_lot's lock state is one byte: waiting threads are
    // kept in a global table, not in the mutex.
    assert_eq!(lot_size, 1);
    assert!(std_size > lot_size);
    println!("std::sync::Mutex<()>:   {std_size} bytes");
    println!("parking_lot::Mutex<()>: {lot_size} byte");
}
// --8<-- [end:main]
