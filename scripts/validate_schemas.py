#!/usr/bin/env python3
"""The non-Rust consumer: validate the corpus against schemas/ with Python's jsonschema.

For every payload listed in corpus/*/manifest.tsv, the graph-comms CLI prints its
canonical encoding (`graph-comms decode --type TYPE FILE`), and this script validates
it against schemas/TYPE.schema.json with `jsonschema.Draft202012Validator`. The answer
must be the Rust one: a payload validates exactly when lenient decoding reported no
value of the wrong type or shape and no required member missing (a `type_mismatch`,
`shape` or `missing_member` warning).

Usage: validate_schemas.py PATH/TO/graph-comms
"""

import csv
import json
import pathlib
import subprocess
import sys

from jsonschema import Draft202012Validator

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main() -> int:
    cli = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "target/release/graph-comms")
    schemas = {}
    for path in sorted((ROOT / "schemas").glob("*.schema.json")):
        schema = json.loads(path.read_text())
        Draft202012Validator.check_schema(schema)
        schemas[path.name[: -len(".schema.json")]] = Draft202012Validator(schema)
    print(f"{len(schemas)} schemas are valid draft 2020-12 schemas")

    valid = rejected = disagreements = 0
    for manifest in sorted((ROOT / "corpus").glob("*/manifest.tsv")):
        with manifest.open() as f:
            for row in csv.DictReader(f, delimiter="\t"):
                payload = manifest.parent / row["file"]
                out = subprocess.run(
                    [cli, "decode", "--type", row["type"], str(payload)],
                    capture_output=True,
                    text=True,
                    check=True,
                )
                mistyped = [
                    line for line in out.stderr.splitlines()
                    if any(f": {kind}: " in line for kind in ("type_mismatch", "shape", "missing_member"))
                ]
                encoding = json.loads(out.stdout)
                type_name = row["type"]
                errors = list(schemas[type_name].iter_errors(encoding))
                if bool(errors) != bool(mistyped):
                    disagreements += 1
                    print(f"DISAGREE {payload}: {len(errors)} schema errors, {len(mistyped)} mistyped values")
                    for e in errors[:5]:
                        print(f"    {e.json_path}: {e.message[:200]}")
                elif errors:
                    rejected += 1
                else:
                    valid += 1
    print(f"corpus: {valid} valid, {rejected} rejected where the decoder kept mistyped values, "
          f"{disagreements} disagreements")
    return 1 if disagreements else 0


if __name__ == "__main__":
    sys.exit(main())
