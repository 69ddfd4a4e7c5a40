"""Validates postlint's machine-readable output for the integration tests.

    validate.py sarif SCHEMA FILE   # JSON Schema (draft 4) validation of a SARIF log
    validate.py xml FILE            # well-formed XML (JUnit)

Exits 0 when valid, 1 with the errors listed, 3 when a needed module is missing.
"""

import json
import sys


def sarif(schema_path, path):
    try:
        import jsonschema
    except ImportError:
        print("python module jsonschema is not installed", file=sys.stderr)
        return 3
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors[:20]:
        where = "/".join(str(p) for p in e.absolute_path)
        print(f"{where}: {e.message}", file=sys.stderr)
    if errors:
        print(f"{len(errors)} schema errors", file=sys.stderr)
        return 1
    results = sum(len(run.get("results", [])) for run in doc["runs"])
    print(f"valid SARIF 2.1.0 ({results} results, jsonschema {jsonschema.__version__})")
    return 0


def xml(path):
    import xml.etree.ElementTree as ET

    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        print(f"not well-formed XML: {e}", file=sys.stderr)
        return 1
    print(f"well-formed XML, root <{root.tag}> with {len(root)} children")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "sarif":
        sys.exit(sarif(sys.argv[2], sys.argv[3]))
    if len(sys.argv) == 3 and sys.argv[1] == "xml":
        sys.exit(xml(sys.argv[2]))
    print(__doc__, file=sys.stderr)
    sys.exit(2)
