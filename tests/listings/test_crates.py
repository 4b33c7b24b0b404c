"""Compile-fail listings that use the package's crates, and errors without a code.

A listing that names a crate from snippets/Cargo.toml is compiled by rustc with that
crate's metadata from the package's target directory; its message must not depend on
where this machine keeps cargo's registry.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitecheck.expected import SNIPPETS
from sitecheck.listings import (
    REGISTRY_PLACEHOLDER,
    CheckedCrates,
    CompileFailListing,
    DeclaredError,
    ListingError,
    _rustc_command,
    checked_crates,
    compile_alone,
    dependency_names,
)

TOKIO_LISTING = "async_guard_across_await"
STD_ONLY_LISTING = "threads_borrow_local"
# Reads a parking_lot guard into a String: a type error, E0308, if the crate resolves;
# E0433 (unresolved path) if rustc was not given it.
WRONG_TYPE = """// compile-fail: E0308
fn main() {
    let mutex = parking_lot::Mutex::new(0);
    let _: String = *mutex.lock();
}
"""


def write_listing(root: Path, source: str, package: Path) -> CompileFailListing:
    directory = root / "compile_fail" / "scratch"
    directory.mkdir(parents=True)
    (directory / "main.rs").write_text(source, encoding="utf-8")
    return CompileFailListing("scratch", directory, package)


def real_listing(name: str) -> CompileFailListing:
    return CompileFailListing(name, SNIPPETS / "compile_fail" / name)


def test_the_package_depends_on_the_crates_the_lessons_use() -> None:
    assert dependency_names() == ["crossbeam", "parking_lot", "rayon", "tokio"]


def test_a_listing_naming_a_crate_is_compiled_with_it(tmp_path: Path) -> None:
    with_crates = compile_alone(write_listing(tmp_path / "a", WRONG_TYPE, SNIPPETS))
    without = compile_alone(write_listing(tmp_path / "b", WRONG_TYPE, tmp_path))
    assert with_crates.returncode != 0
    assert "error[E0308]: mismatched types" in with_crates.stderr
    assert "error[E0433]" in without.stderr
    assert "parking_lot" in without.stderr


def test_only_the_crates_a_listing_names_are_passed() -> None:
    tokio = _rustc_command(real_listing(TOKIO_LISTING))
    externs = [tokio[at + 1] for at, arg in enumerate(tokio) if arg == "--extern"]
    assert len(externs) == 1
    assert externs[0].startswith("tokio=")
    assert externs[0].endswith(".rmeta")
    assert Path(externs[0].removeprefix("tokio=")).is_file()
    assert "--extern" not in _rustc_command(real_listing(STD_ONLY_LISTING))


def test_the_registry_folder_is_written_as_a_placeholder() -> None:
    crates = checked_crates()
    assert crates.registry_sources, "no crate came from the registry"
    stderr = compile_alone(real_listing(TOKIO_LISTING)).stderr
    assert f"--> {REGISTRY_PLACEHOLDER}/tokio-" in stderr
    for folder in crates.registry_sources:
        assert str(folder) not in stderr


def test_the_placeholder_replaces_only_the_registry_folder() -> None:
    crates = CheckedCrates({}, (Path("/home/reader/.cargo/registry/src/index-1"),))
    message = (
        "--> /home/reader/.cargo/registry/src/index-1/tokio-1.0.0/src/lib.rs:1:1\n"
        "--> src/main.rs:2:3\n"
    )
    assert crates.machine_independent(message) == (
        f"--> {REGISTRY_PLACEHOLDER}/tokio-1.0.0/src/lib.rs:1:1\n--> src/main.rs:2:3\n"
    )


def test_an_error_without_a_code_is_declared_by_its_message(tmp_path: Path) -> None:
    message = "future cannot be sent between threads safely"
    source = f'// compile-fail: "{message}"\nfn main() {{}}\n'
    declared = write_listing(tmp_path, source, SNIPPETS).declared_error()
    assert declared == DeclaredError(None, message)
    assert str(declared) == f'"{message}"'
    assert declared.found_in(f"error: {message}\n")
    assert not declared.found_in("error[E0277]: `Rc<i32>` cannot be sent\n")
    coded = DeclaredError("E0277", None)
    assert coded.found_in("error[E0277]: `Rc<i32>` cannot be sent\n")
    assert not coded.found_in(f"error: {message}\n")


def test_a_listing_declaring_nothing_is_refused(tmp_path: Path) -> None:
    listing = write_listing(tmp_path, "// compile-fail:\nfn main() {}\n", SNIPPETS)
    with pytest.raises(ListingError, match="line 1: declare the error"):
        listing.declared_error()
