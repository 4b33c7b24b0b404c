// compile-fail: E0277
// --8<-- [start:body]
use std::cell::{Cell, RefCell, UnsafeCell};
use std::rc::Rc;
use std::sync::MutexGuard;

fn send<T: Send>() {}
fn sync<T: Sync>() {}

fn main() {
    send::<Rc<u32>>();
    sync::<Rc<u32>>();
    sync::<Cell<u32>>();
    sync::<RefCell<u32>>();
    sync::<UnsafeCell<u32>>();
    send::<&Cell<u32>>();
    send::<MutexGuard<'static, u32>>();
    send::<*const u32>();
    sync::<*const u32>();
}
// --8<-- [end:body]
