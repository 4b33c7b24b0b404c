use std::sync::{RwLock, RwLockWriteGuard};

struct StationConfig {
    revision: u32,
    band: &'static str,
}

fn main() {
    // --8<-- [start:main]
    let config = RwLock::new(StationConfig {
        revision: 7,
        band: "S",
    });

    let mut writer = config.write().unwrap();
    writer.revision += 1;
    writer.band = "X";
    // Keep reading what was written, and let readers in.
    let reader = RwLockWriteGuard::downgrade(writer);
    assert!(config.try_read().is_ok()); // readers may join
    assert!(config.try_write().is_err()); // writers may not
    println!(
        "publishing revision {} ({}-band)",
        reader.revision, reader.band
    );

    drop(reader);
    assert!(config.try_write().is_ok());
    println!("released: a writer may take it again");
    // --8<-- [end:main]
}
