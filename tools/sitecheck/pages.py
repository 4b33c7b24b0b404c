"""The site's pages as the checks see them: their fences and what they include."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .exercises import FIRST_RUN
from .expected import ROOT, Expected, from_snippet_file
from .fences import Fence, Include, iter_fences
from .listings import STDERR_NAME
from .tabs import tab_of

DOCS = ROOT / "docs"
COMPILE_FAIL_TITLE = "Does not compile (on purpose)"
_ADMONITION = re.compile(
    r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?)\s+(?P<kind>\w+)(?:\s+\"(?P<title>[^\"]*)\")?"
)
_PYTHON_OPENER = re.compile(
    r"^\s*(?:`{3,}|~{3,})\s*\{?\s*\.?(?:python3?|py|pycon)\b", re.I
)


@dataclass(frozen=True)
class PlacedInclude:
    fence: Fence
    include: Include


@dataclass(frozen=True)
class PythonExample:
    """A Python fence and the output fence that belongs to it, if any."""

    fence: Fence
    output: Fence | None

    def expected(self) -> Expected | None:
        if self.output is None:
            return None
        includes = self.output.includes
        if includes:
            if len(includes) > 1 or self.output.body.strip().count("\n"):
                raise ValueError(
                    f"{self.output.where()}: an output fence includes one file and "
                    "nothing else"
                )
            return from_snippet_file(includes[0].path)
        return Expected(self.output.body, f"{self.output.where()} (output fence)")


def python_examples(page: Path, text: str) -> Iterator[PythonExample]:
    """Pair each Python fence of a page with its output fence.

    A script's output fence is the first one after it, before the next script. The
    scripts in the other tabs of its own tab set are passed over, with any output
    fences inside them: two versions of one program side by side in tabs share the
    output fence that follows the set (see ``sitecheck.tabs``).
    """
    fences = list(iter_fences(page, text))
    lines = text.splitlines()
    tabs = {fence.line: tab_of(lines, fence.line) for fence in fences}
    for index, fence in enumerate(fences):
        if not fence.is_run:
            continue
        own_tab = tabs[fence.line]
        output = None
        for later in [] if fence.is_session else fences[index + 1 :]:
            later_tab = tabs[later.line]
            if (
                own_tab is not None
                and later_tab is not None
                and later_tab.set_line == own_tab.set_line
                and later_tab != own_tab
            ):
                continue
            if later.is_run:
                break
            if later.is_output:
                output = later
                break
        yield PythonExample(fence, output)


def pages() -> list[Path]:
    return sorted(path.relative_to(ROOT) for path in DOCS.rglob("*.md"))


def fences_of(page: Path) -> list[Fence]:
    """Every fence of a page given relative to the repository root."""
    return list(iter_fences(page, (ROOT / page).read_text(encoding="utf-8")))


def includes_of(page: Path) -> list[PlacedInclude]:
    return [
        PlacedInclude(fence, include)
        for fence in fences_of(page)
        for include in fence.includes
    ]


def count_python_openers(page: Path) -> list[int]:
    """Lines that open a Python fence or a ``pycon`` session, by a plain pattern match.

    This is deliberately independent of the fence lexer: it is what the lexer's
    result is checked against.
    """
    text = (ROOT / page).read_text(encoding="utf-8")
    return [
        number
        for number, line in enumerate(text.splitlines(), start=1)
        if _PYTHON_OPENER.match(line)
    ]


def enclosing_admonition(page: Path, fence: Fence) -> tuple[str, str] | None:
    """The (kind, title) of the admonition a fence is indented under, if any."""
    lines = (ROOT / page).read_text(encoding="utf-8").splitlines()
    depth = len(fence.indent.expandtabs(4))
    for line in reversed(lines[: fence.line - 1]):
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if indent < depth:
            match = _ADMONITION.match(line)
            if match:
                return match["kind"], match["title"] or ""
            return None
    return None


# Fences that show no code of the site and no output: commands for the reader to type.
INERT_LANGUAGES = frozenset({"bash", "sh", "shell", "console"})
OUTPUT_FILES = frozenset({"output.txt", "output.unordered.txt", "output.counts.txt"})
COMPILER_TITLE = "rustc"
#: The title of a fence that shows what loom reported, from loom/expected/.
LOOM_TITLE = "loom"


def _included_kind(include: Include) -> str | None:
    """What a verified file is, judged by its path, or None.

    Verified: a listing under snippets/ and what it prints or fails with, an
    exercise's solution and first run, and the loom models in loom/ (sources that
    `nox -s loom` builds, lints and runs, and the reports in loom/expected/ it
    compares with loom's output).

    The Rust files of bridge/src are listings too: `nox -s bridge` formats, lints
    and builds them and tests the extension they make.
    """
    parts = PurePosixPath(include.path).parts
    if parts[:2] == ("bridge", "src") and parts[-1].endswith(".rs"):
        return "listing"
    if parts[:2] == ("src", "bin") and len(parts) == 4:
        if parts[3] == "main.rs":
            return "listing"
        if parts[3] in OUTPUT_FILES and include.section is None:
            return "output"
    if parts[:1] == ("exercises",) and include.section is None:
        if len(parts) == 3 and parts[2] == FIRST_RUN:
            return "output"
        if parts[1:2] == ("solutions",) and parts[3:] == ("src", "lib.rs"):
            return "listing"
    if parts[:1] == ("loom",) and len(parts) == 3:
        if parts[1] in ("src", "tests") and parts[2].endswith(".rs"):
            return "listing"
        report = parts[1] == "expected" and parts[2].endswith(".txt")
        if report and include.section is None:
            return "loom report"
    if parts[:1] == ("compile_fail",) and len(parts) == 3:
        if parts[2] == "main.rs":
            return "listing"
        if parts[2] == STDERR_NAME and include.section is None:
            return "compiler message"
    return None


def _only_includes(fence: Fence) -> bool:
    lines = [line for line in fence.body.splitlines() if line.strip()]
    return bool(lines) and len(lines) == len(fence.includes)


def unchecked_fences(page: Path, text: str | None = None) -> list[str]:
    """Each fence of ``page`` that no check verifies, with its line and why.

    A fence is verified when it is run (a Python script or session), when it includes
    a verified file (a listing, its output file, a compiler message, a loom report),
    or when it is a shell command. An output fence written into the page is allowed
    only as the output of the Python script before it, and only when no Rust listing
    shares it: output shown under a listing is its output file, included. An output
    fence inside a content tab belongs to that tab's script alone, so it may sit in
    a pair.
    """
    if text is None:
        text = (ROOT / page).read_text("utf-8")
    lines = text.splitlines()
    fences = list(iter_fences(page, text))
    claimed = {
        example.output.line
        for example in python_examples(page, text)
        if example.output is not None
    }
    problems: list[str] = []
    listing_since_output = False
    for fence in fences:
        where = fence.where()
        kinds = [_included_kind(include) for include in fence.includes]
        if fence.is_run or fence.language in INERT_LANGUAGES:
            pass
        elif fence.language == "rust":
            if not _only_includes(fence) or set(kinds) != {"listing"}:
                problems.append(
                    f"{where}: a rust fence shows a listing from snippets/, included "
                    '(`--8<-- "src/bin/NAME/main.rs:SECTION"`), never code typed '
                    "into the page"
                )
            listing_since_output = listing_since_output or any(
                include.path.startswith("src/bin/") for include in fence.includes
            )
        elif fence.is_output:
            in_tab = tab_of(lines, fence.line) is not None
            if fence.includes:
                if not _only_includes(fence) or kinds != ["output"]:
                    problems.append(
                        f"{where}: an output fence includes one listing's output "
                        "file (output.txt, output.unordered.txt or "
                        "output.counts.txt) and nothing else"
                    )
            elif listing_since_output and not in_tab:
                problems.append(
                    f"{where}: output under a Rust listing must be the listing's "
                    'output file, included (`--8<-- "src/bin/NAME/output.txt"`), '
                    "not a copy typed into the page"
                )
            elif fence.line not in claimed:
                problems.append(
                    f"{where}: this output fence follows no Python script, so "
                    "nothing checks it"
                )
            listing_since_output = listing_since_output and in_tab
        elif fence.language == "text" and fence.title == LOOM_TITLE:
            if not _only_includes(fence) or kinds != ["loom report"]:
                problems.append(
                    f"{where}: a loom fence includes one report from loom/expected/ "
                    "and nothing else"
                )
        elif fence.language == "text" and fence.title == COMPILER_TITLE:
            if not _only_includes(fence) or kinds != ["compiler message"]:
                problems.append(
                    f"{where}: a rustc fence includes one compile-fail listing's "
                    f"{STDERR_NAME} and nothing else"
                )
        else:
            problems.append(
                f"{where}: a {fence.language or 'plain'} fence"
                f"{f' titled {fence.title!r}' if fence.title else ''} is neither "
                "run, nor included from a verified file, nor a shell command "
                f"({', '.join(sorted(INERT_LANGUAGES))}), so nothing checks it"
            )
    return problems
