"""Derives WARM v15 net GHG factors (MTCO2E per short ton) from EPA's own WARM v15 openLCA
matrices, as published in USEPA/WARMer, for the materials Kiertokit ships beyond its copied
WARM tables. One-off: the output is written into core/data/factors.json by hand.

Usage: python3 derive.py <WARMer checkout> [material ...]
  git clone https://github.com/USEPA/WARMer && git -C WARMer checkout 0ba5c8a85816bf08aa8fde7d09e8c1e8bddd9636
  python3 -m pip install numpy && python3 derive.py WARMer "Dimensional Lumber" "Mixed Paper (general)"

Method: scale the technology matrix A to deliver one short ton (907.18474 kg) of the chosen
"MSW <pathway> of <material>" process's reference product (x = A^-1 f), sum the interventions
B x, and weight them with WARMer's "WARMv15" GHG characterisation (AR4 GWPs and carbon-storage
credits, in MTCO2E). Check: it reproduces WARM's mixed paper (general) recycling, -3.55.
"""

import csv
import sys
from pathlib import Path

import numpy as np

SHORT_TON_KG = 907.18474


def main() -> None:
    root = Path(sys.argv[1]) / "warmer" / "data"
    materials = sys.argv[2:] or ["Dimensional Lumber", "Mixed Paper (general)", "Corrugated Containers"]
    mtcs = root / "WARMv15_olca_mtcs"
    a = np.loadtxt(mtcs / "A.csv", delimiter=",")
    b = np.loadtxt(mtcs / "B.csv", delimiter=",")
    processes = list(csv.DictReader(open(mtcs / "index_A.csv", encoding="utf-8")))
    flows = list(csv.DictReader(open(mtcs / "index_B.csv", encoding="utf-8")))
    weights = {
        r["Flow UUID"]: float(r["Characterization Factor"])
        for r in csv.DictReader(open(root / "WARMv15_lcia_methods.csv", encoding="utf-8"))
        if r["Method"] == "WARMv15" and r["Indicator"] == "GHGs"
    }
    c = np.array([weights.get(f["flow ID"], 0.0) for f in flows])
    for i, p in enumerate(processes):
        name = p["process name"]
        if not name.startswith("MSW ") or not any(f" of {m}" in name for m in materials):
            continue
        # Landfilling has one process per gas-collection scenario; keep WARM's national average.
        if "landfilling" in name and ";" in name and "National average LFG recovery, typical collection, National average conditions" not in name:
            continue
        demand = np.zeros(a.shape[0])
        demand[i] = SHORT_TON_KG
        per_short_ton = c @ (b @ np.linalg.solve(a, demand))
        print(f"{per_short_ton:9.4f} MTCO2E/short ton  {name}")


if __name__ == "__main__":
    main()
