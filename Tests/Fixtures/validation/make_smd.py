"""Reference standardized mean differences for CaseMix tests (numpy, ddof=1).

Run from this folder: python3 make_smd.py  -> smd.json
SMD = (mean_site - mean_dev) / sqrt((sd_dev^2 + sd_site^2) / 2), Austin (2009).
"""
import json
import numpy as np

rng = np.random.default_rng(20251126)
cases = []
for name, n0, n1, shift, scale in [("shifted", 40, 25, 0.8, 1.0), ("same", 30, 30, 0.0, 1.0),
                                   ("tiny", 3, 2, 1.5, 2.0), ("wide", 200, 15, -0.3, 3.0)]:
    dev = np.round(rng.normal(10, 2, n0), 6)
    site = np.round(rng.normal(10 + shift * 2, 2 * scale, n1), 6)
    m0, m1 = dev.mean(), site.mean()
    s0, s1 = dev.std(ddof=1), site.std(ddof=1)
    cases.append(dict(name=name, development=dev.tolist(), site=site.tolist(),
                      development_mean=m0, development_sd=s0, site_mean=m1, site_sd=s1,
                      smd=(m1 - m0) / np.sqrt((s0 ** 2 + s1 ** 2) / 2)))
json.dump(cases, open("smd.json", "w"), indent=1)
