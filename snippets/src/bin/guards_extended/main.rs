use std::sync::Mutex;

struct Link {
    band: String,
    passes: u32,
}

fn main() {
    let link = Mutex::new(Link {
        band: String::from("S-band"),
        passes: 3,
    });

    // --8<-- [start:main]
    // A value copied out of the guard: the guard dies at the `;`.
    let passes = link.lock().unwrap().passes;
    assert!(link.try_lock().is_ok(), "free after the `;`");

    {
        // A reference into the guard: the guard is kept alive
        // as long as `band`, to the end of this block.
        let band = &link.lock().unwrap().band;
        assert!(link.try_lock().is_err(), "still held");
        println!("{passes} passes on {band}, lock still held");
    }
    assert!(link.try_lock().is_ok(), "free after the block");
    println!("after the block: free");
    // --8<-- [end:main]
}
