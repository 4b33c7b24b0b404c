// --8<-- [start:main]
use std::cell::RefCell;

fn main() {
    // The ground-station list of one control-plane thread.
    let stations = RefCell::new(vec![String::from("Svalbard")]);

    // borrow_mut: an exclusive borrow, checked at run time.
    stations.borrow_mut().push(String::from("Kiruna"));

    {
        let first = stations.borrow(); // shared borrow #1
        let all = stations.borrow(); // shared borrow #2: fine
        println!("first of {}: {}", all.len(), first[0]);
        // While shared borrows are alive, an exclusive one fails.
        println!("try_borrow_mut: {:?}", stations.try_borrow_mut());
    } // both shared borrows end here

    stations.borrow_mut().push(String::from("Inuvik"));
    println!("{}", stations.borrow().join(", "));
}
// --8<-- [end:main]
