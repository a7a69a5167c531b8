"""Reference medians for Preprocessor.median (numpy.median), written to median.json.

Samples: odd and even sizes, ties, negative values, samples with signed zeros, tiny and huge
magnitudes. Values are written as repr() text (shortest round trip) so the Swift test reads
the exact doubles. Run: python3 make_median.py  (writes next to this script)
"""
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20250909)
cases = []
for n in [1, 2, 3, 4, 5, 8, 9, 64, 203, 290, 291, 600]:
    for kind in ["normal", "ties", "zeros", "scales"]:
        if kind == "normal":
            x = rng.normal(size=n)
        elif kind == "ties":
            x = rng.integers(-3, 4, size=n).astype(float)
        elif kind == "zeros":
            x = rng.choice([-0.0, 0.0, 1.5, -2.25, 0.0], size=n)
        else:
            x = rng.normal(size=n) * 10.0 ** rng.integers(-300, 300, size=n)
        cases.append({"values": [repr(float(v)) for v in x], "median": repr(float(np.median(x)))})
with open(os.path.join(HERE, "median.json"), "w") as f:
    json.dump({"generator": "numpy %s median" % np.__version__, "cases": cases}, f, separators=(",", ":"))
    f.write("\n")
