"""Times PyRadiomics (pyradiomics-bhklab) on the benchmark ROIs with params.yaml and writes the
features of each ROI to pyradiomics_features.csv (same layout as `sentinel extract`).
Usage: python3 bench_pyradiomics.py DATA_DIR [N_ROIS]"""
import csv, logging, os, sys, time
import SimpleITK as sitk
from radiomics import featureextractor

logging.getLogger("radiomics").setLevel(logging.ERROR)
data = sys.argv[1]; n = int(sys.argv[2]) if len(sys.argv) > 2 else 2
ext = featureextractor.RadiomicsFeatureExtractor(os.path.join(data, "params.yaml"))
rows = list(csv.DictReader(open(os.path.join(data, "manifest.csv"))))[:n]
out, times, cpu = [], [], []
for r in rows:
    t0 = time.perf_counter(); c0 = time.process_time()
    img = sitk.ReadImage(os.path.join(data, r["image"])); msk = sitk.ReadImage(os.path.join(data, r["mask"]))
    res = ext.execute(img, msk, label=int(r["label"]))
    times.append(time.perf_counter() - t0); cpu.append(time.process_time() - c0)
    out.append((r["id"], r["view"], {k: float(v) for k, v in res.items() if not k.startswith("diagnostics")}))
print("pyradiomics seconds per ROI (wall):", [round(t, 2) for t in times], "mean", sum(times) / len(times))
print("pyradiomics CPU seconds per ROI:", [round(t, 2) for t in cpu], "mean", sum(cpu) / len(cpu))
with open(os.path.join(data, "pyradiomics_features.csv"), "w", newline="") as f:
    w = csv.writer(f); names = sorted(out[0][2])
    w.writerow(["id", "view"] + names)
    for pid, view, feats in out:
        w.writerow([pid, view] + [repr(feats[k]) for k in names])
