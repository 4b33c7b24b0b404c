// compile-fail: E0594
// --8<-- [start:body]
struct Satellite {
    id: &'static str,
    passes: u32,
}

fn record_pass(sat: &Satellite) {
    sat.passes += 1;
}

fn main() {
    let sat = Satellite {
        id: "SAT-07",
        passes: 0,
    };
    record_pass(&sat);
    println!("{}: {} passes", sat.id, sat.passes);
}
// --8<-- [end:body]
