#!/usr/bin/env python3
"""scipy.stats.norm reference values for SentinelStats.Normal. Run: python3 make_normal.py > normal.json"""
import json
from scipy.stats import norm
xs = [-38.0, -20.0, -8.5, -5.0, -3.0, -1.96, -1.0, -0.5, -1e-8, 0.0, 1e-8, 0.3, 1.0, 1.6448536269514722, 2.5, 4.0, 7.0, 9.0]
ps = [1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.01, 0.025, 0.1, 0.3, 0.5, 0.6, 0.9, 0.975, 0.99, 0.999, 1 - 1e-10, 0.9999999]
print(json.dumps({"cdf": [[x, norm.cdf(x), norm.sf(x)] for x in xs],
                  "quantile": [[p, norm.ppf(p)] for p in ps]}, indent=1))
