"""IBSI-1 digital phantom references (github.com/theibsi/data_sets, CC BY 4.0; see
digital_phantom_LICENSE.md), from the shared reference data: for every PyRadiomics feature
with an IBSI equivalent, the IBSI reference value and tolerance (IBSI reference manual tables)
and PyRadiomics 3.1.4's value (binWidth 1; mode 2D = force2D). Writes ibsi_phantom.json."""
import csv, json
SRC = "/work/shared/data/radiomics/ibsi"
tol = {}
for r in csv.DictReader(open(f"{SRC}/ibsi1_reference_values.csv")):
    if r["data"] == "dig. phantom":
        tol[(r["ibsi_code"], r["aggregation"].strip(), r["value"])] = r["tolerance"]
rows = []
for r in csv.DictReader(open(f"{SRC}/pyradiomics_vs_ibsi_digital_phantom.csv")):
    agg = r["ibsi_aggregation"].split("\n")[0].strip()
    t = [v for (c, a, val), v in tol.items() if c == r["ibsi_code"] and float(val) == float(r["ibsi_value"])]
    rows.append({"mode": r["mode"], "feature": r["pyradiomics_feature"], "code": r["ibsi_code"],
                 "aggregation": agg, "ibsi": float(r["ibsi_value"]),
                 "tolerance": float(t[0]) if t and t[0] else 0.0, "pyradiomics": float(r["pyradiomics_value"])})
json.dump(rows, open("ibsi_phantom.json", "w"), indent=0)
print(len(rows))
