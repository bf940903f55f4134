# SPDX-License-Identifier: Apache-2.0
"""Every source file the project wrote carries its SPDX licence line
(docs/versioning.md), so a legal review can scan the tree mechanically."""
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]
TAG = "SPDX-License-Identifier: Apache-2.0"
SOURCE_SUFFIXES = {".cc", ".h", ".cpp", ".py", ".js", ".cmake", ".sh"}


def tracked_sources():
    out = subprocess.run(["git", "-C", str(ROOT), "ls-files"],
                         capture_output=True, text=True, check=True).stdout
    for name in out.split():
        path = ROOT / name
        if name.startswith("vectors/") or "node_modules" in name:
            continue
        if not path.is_file():
            continue
        head = path.read_bytes()[:2]
        if path.suffix in SOURCE_SUFFIXES or path.name == "CMakeLists.txt" \
                or head == b"#!":
            yield name, path


def lacks_tag(path):
    return TAG not in path.read_text(errors="replace")[:400]


def test_every_source_file_names_its_licence():
    missing = [name for name, path in tracked_sources() if lacks_tag(path)]
    assert not missing, "no SPDX line in: " + ", ".join(sorted(missing))


def test_the_check_can_fail(tmp_path):
    bare = tmp_path / "x.cc"
    bare.write_text("int main() {}\n")
    tagged = tmp_path / "y.cc"
    tagged.write_text("// " + TAG + "\nint main() {}\n")
    late = tmp_path / "z.cc"
    late.write_text("//\n" * 300 + "// " + TAG + "\n")
    assert lacks_tag(bare) and not lacks_tag(tagged) and lacks_tag(late)
