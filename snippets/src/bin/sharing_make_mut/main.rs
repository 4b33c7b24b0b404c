use std::sync::Arc;

fn main() {
    // --8<-- [start:main]
    let mut bands = Arc::new(vec!["S", "X"]);
    // A reader still holds the current list.
    let snapshot = Arc::clone(&bands);

    // Shared: make_mut first gives `bands` a copy of its own.
    Arc::make_mut(&mut bands).push("Ka");
    assert!(!Arc::ptr_eq(&bands, &snapshot));
    assert_eq!(Arc::strong_count(&snapshot), 1);
    println!("snapshot: {}", snapshot.join(", "));
    println!("bands: {}", bands.join(", "));

    // Unique now: make_mut changes the list in place.
    let before = Arc::as_ptr(&bands);
    Arc::make_mut(&mut bands).push("UHF");
    assert_eq!(Arc::as_ptr(&bands), before);
    // get_mut only answers when no other handle exists.
    assert!(Arc::get_mut(&mut bands).is_some());
    let other = Arc::clone(&bands);
    assert!(Arc::get_mut(&mut bands).is_none());
    println!("bands: {}", other.join(", "));
    // --8<-- [end:main]
}
