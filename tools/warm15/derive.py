"""Derives WARM v15 net GHG factors (MTCO2E per short ton) from EPA's own WARM v15 openLCA
matrices, as published in USEPA/WARMer, and writes the committed extract that the Rust test
`tests/tests/warm15.rs` recomputes every WARM-derived factor from (core/data/factors.json holds
the values, core/data/factors-provenance.json the process each comes from).

Pure Python 3 (no numpy), so CI can run it as is.

Usage:
  python3 derive.py <dir> [--extract OUT.json] [process-name-substring ...]
  python3 derive.py <dir> --extract /tmp/x.json && cmp /tmp/x.json warmer-v15-extract.json

<dir> is either a WARMer checkout at 0ba5c8a85816bf08aa8fde7d09e8c1e8bddd9636
  (git clone https://github.com/USEPA/WARMer && git -C WARMer checkout 0ba5c8a8...)
or a flat copy of A.csv, B.csv, f.csv, index_A.csv, index_B.csv and WARMv15_lcia_methods.csv.

Without names it prints every treatment process Kiertokit can use: "MSW landfilling|recycling|
combustion|composting of X" (landfilling at WARM's national-average gas collection) and
"Anaerobic digestion of X; Dry digestion, Cured". WARMer v15 carries only that one digestion
variant (dry digestion, digestate cured before land application); WARM's wet-digestion and
non-cured variants are not in the openLCA export.

Method: scale the technology matrix A to deliver one short ton (907.18474 kg) of the chosen
process's reference product (x = A^-1 f), sum the interventions B x, and weight them with
WARMer's "WARMv15" GHG characterisation (AR4 GWPs and carbon-storage credits, in MTCO2E).
Only the processes reachable from the chosen one enter x, so the solve is done on that
closure. Check: it reproduces WARM's mixed paper (general) recycling, -3.55.
"""

import csv
import hashlib
import json
import sys
from pathlib import Path

SHORT_TON_KG = 907.18474
WARMER_COMMIT = "0ba5c8a85816bf08aa8fde7d09e8c1e8bddd9636"
NATIONAL_AVERAGE = "National average LFG recovery, typical collection, National average conditions"
FILES = ["A.csv", "B.csv", "index_A.csv", "index_B.csv", "WARMv15_lcia_methods.csv"]


def locate(root: Path) -> dict:
    """Paths of the input files in a WARMer checkout or a flat copy."""
    if (root / "warmer" / "data").is_dir():
        data = root / "warmer" / "data"
        mtcs = data / "WARMv15_olca_mtcs"
        paths = {n: mtcs / n for n in FILES[:4]}
        paths["WARMv15_lcia_methods.csv"] = data / "WARMv15_lcia_methods.csv"
        return paths
    return {n: root / n for n in FILES}


def load(root: Path) -> dict:
    paths = locate(root)
    a = [[float(v) for v in line.split(",")] for line in open(paths["A.csv"], encoding="utf-8").read().split()]
    b = [[float(v) for v in line.split(",")] for line in open(paths["B.csv"], encoding="utf-8").read().split()]
    processes = [r["process name"] for r in csv.DictReader(open(paths["index_A.csv"], encoding="utf-8"))]
    flows = [r["flow ID"] for r in csv.DictReader(open(paths["index_B.csv"], encoding="utf-8"))]
    weights = {
        r["Flow UUID"]: float(r["Characterization Factor"])
        for r in csv.DictReader(open(paths["WARMv15_lcia_methods.csv"], encoding="utf-8"))
        if r["Method"] == "WARMv15" and r["Indicator"] == "GHGs"
    }
    n = len(processes)
    assert len(a) == n and all(len(r) == n for r in a), "A must be square over index_A"
    assert len(b) == len(flows) and all(len(r) == n for r in b), "B must be flows x processes"
    sha = {name: hashlib.sha256(p.read_bytes()).hexdigest() for name, p in paths.items()}
    return {
        "a": a,
        "b": b,
        "processes": processes,
        "flows": flows,
        "c": [weights.get(f, 0.0) for f in flows],
        "sha256": sha,
    }


def net_factor(m: dict, k: int) -> float:
    """MTCO2E per short ton of process k's reference product."""
    a, n = m["a"], len(m["processes"])
    # Closure: processes whose output the chosen process needs, directly or indirectly.
    seen, stack = {k}, [k]
    while stack:
        j = stack.pop()
        for i in range(n):
            if a[i][j] != 0.0 and i not in seen:
                seen.add(i)
                stack.append(i)
    idx = sorted(seen)
    size = len(idx)
    mat = [[a[i][j] for j in idx] + [SHORT_TON_KG if i == k else 0.0] for i in idx]
    for col in range(size):
        piv = max(range(col, size), key=lambda r: abs(mat[r][col]))
        mat[col], mat[piv] = mat[piv], mat[col]
        p = mat[col][col]
        if p == 0.0:
            raise ValueError("singular technology matrix")
        for r in range(col + 1, size):
            f = mat[r][col] / p
            if f != 0.0:
                row, top = mat[r], mat[col]
                for c in range(col, size + 1):
                    row[c] -= f * top[c]
    x = [0.0] * size
    for r in range(size - 1, -1, -1):
        s = mat[r][size] - sum(mat[r][c] * x[c] for c in range(r + 1, size))
        x[r] = s / mat[r][r]
    total = 0.0
    for fi, row in enumerate(m["b"]):
        if m["c"][fi] != 0.0:
            total += m["c"][fi] * sum(row[idx[r]] * x[r] for r in range(size))
    return total


def usable(name: str) -> bool:
    """A treatment process Kiertokit can map to a pathway."""
    if name.startswith("Anaerobic digestion of "):
        return name.endswith("; Dry digestion, Cured")
    if not name.startswith("MSW "):
        return False
    if name.startswith("MSW landfilling of ") and ";" in name:
        return name.endswith(NATIONAL_AVERAGE)
    return True


def extract(m: dict) -> dict:
    """Sparse, lossless re-encoding of the inputs, with provenance."""
    return {
        "provenance": {
            "source": "USEPA/WARMer, warmer/data/WARMv15_olca_mtcs/{A,B,index_A,index_B}.csv and "
            "warmer/data/WARMv15_lcia_methods.csv (method WARMv15, indicator GHGs)",
            "commit": WARMER_COMMIT,
            "licence": "MIT, Copyright (c) 2022 U.S. Environmental Protection Agency (tools/warm15/LICENSE-WARMer)",
            "sha256": m["sha256"],
            "encoding": "a and b are [row, column, value] for every non-zero cell; processes and "
            "flows are index_A 'process name' and index_B 'flow ID' in matrix order; "
            "characterisation is MTCO2E per kg of each flow (0 where WARMv15 GHGs has none)",
            "written_by": "tools/warm15/derive.py --extract",
        },
        "short_ton_kg": SHORT_TON_KG,
        "processes": m["processes"],
        "flows": m["flows"],
        "characterisation": m["c"],
        "a": [[i, j, v] for i, r in enumerate(m["a"]) for j, v in enumerate(r) if v != 0.0],
        "b": [[i, j, v] for i, r in enumerate(m["b"]) for j, v in enumerate(r) if v != 0.0],
    }


def main() -> None:
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    m = load(Path(args[0]))
    rest = args[1:]
    if rest[:1] == ["--extract"]:
        out = Path(rest[1])
        out.write_text(json.dumps(extract(m), separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {out}")
        rest = rest[2:]
    for k, name in enumerate(m["processes"]):
        if rest and not any(s in name for s in rest):
            continue
        if not rest and not usable(name):
            continue
        print(f"{net_factor(m, k):9.4f} MTCO2E/short ton  {name}")


if __name__ == "__main__":
    main()
