import Foundation

/// Gray Level Co-occurrence Matrix features (PyRadiomics `glcm`): one matrix per angle over
/// present gray levels, symmetrised (P + Pᵀ) when `symmetric`, optionally merged over angles by
/// a weighting norm, normalised, features computed per angle and averaged ignoring NaN.
enum GLCMFeatures {
    static let names = ["Autocorrelation", "ClusterProminence", "ClusterShade", "ClusterTendency", "Contrast",
                        "Correlation", "DifferenceAverage", "DifferenceEntropy", "DifferenceVariance", "Id",
                        "Idm", "Idmn", "Idn", "Imc1", "Imc2", "InverseVariance", "JointAverage", "JointEnergy",
                        "JointEntropy", "MCC", "MaximumProbability", "SumAverage", "SumEntropy", "SumSquares"]

    static func compute(_ t: TextureInput, symmetric: Bool, weightingNorm: String?) -> [String: Double] {
        let n = t.levels.count
        var matrices: [[Double]] = []
        for a in t.angles {
            var p = [Double](repeating: 0, count: n * n)
            t.forEachPair(a) { i, j in
                p[t.levelIndex[Int(t.gray[i])] * n + t.levelIndex[Int(t.gray[j])]] += 1
            }
            if symmetric {
                for r in 0..<n { for c in (r + 1)..<max(r + 1, n) {
                    let s = p[r * n + c] + p[c * n + r]; p[r * n + c] = s; p[c * n + r] = s
                } ; p[r * n + r] *= 2 }
            }
            matrices.append(p)
        }
        if let norm = weightingNorm {
            var merged = [Double](repeating: 0, count: n * n)
            for (a, p) in zip(t.angles, matrices) {
                let w = RadiomicsWeighting.glcmWeight(norm, angle: a, spacingZYX: t.spacingZYX)
                for k in merged.indices { merged[k] += w * p[k] }
            }
            matrices = [merged]
        }
        var perAngle: [[String: Double]] = []
        for p in matrices {
            let total = p.reduce(0, +)
            guard total > 0 else { continue }  // empty angle: deleted
            perAngle.append(features(p.map { $0 / total }, levels: t.levels, ng: t.ng))
        }
        var out: [String: Double] = [:]
        for name in names { out[name] = perAngle.isEmpty ? .nan : nanMean(perAngle.map { $0[name]! }) }
        return out
    }

    /// Features of one normalised matrix `p` (n × n over the present `levels`).
    static func features(_ p: [Double], levels: [Int], ng: Int) -> [String: Double] {
        let n = levels.count
        let g = levels.map(Double.init)
        let eps = machineEpsilon
        var px = [Double](repeating: 0, count: n), py = [Double](repeating: 0, count: n)
        for i in 0..<n { for j in 0..<n { px[i] += p[i * n + j]; py[j] += p[i * n + j] } }
        var ux = 0.0, uy = 0.0
        for i in 0..<n { ux += g[i] * px[i]; uy += g[i] * py[i] }
        var sum = [Double](repeating: 0, count: 2 * ng + 1)   // index k = gi + gj
        var diff = [Double](repeating: 0, count: ng)          // index k = |gi − gj|
        var hxy = 0.0, auto = 0.0, cp = 0.0, cs = 0.0, ct = 0.0, contrast = 0.0
        var sigx2 = 0.0, sigy2 = 0.0, corm = 0.0, energy = 0.0, maxp = 0.0, hxy1 = 0.0, hxy2 = 0.0
        for i in 0..<n {
            for j in 0..<n {
                let v = p[i * n + j]
                let pxy = px[i] * py[j]
                hxy2 -= pxy * log2(pxy + eps)
                sigx2 += v * (g[i] - ux) * (g[i] - ux)
                sigy2 += v * (g[j] - uy) * (g[j] - uy)
                guard v > 0 else { continue }
                hxy -= v * log2(v + eps)
                hxy1 -= v * log2(pxy + eps)
                auto += v * g[i] * g[j]
                let s = g[i] + g[j] - ux - uy
                cp += v * s * s * s * s; cs += v * s * s * s; ct += v * s * s
                let d = g[i] - g[j]
                contrast += v * d * d
                corm += v * (g[i] - ux) * (g[j] - uy)
                energy += v * v
                maxp = max(maxp, v)
                sum[levels[i] + levels[j]] += v
                diff[abs(levels[i] - levels[j])] += v
            }
        }
        var hx = 0.0, hy = 0.0
        for i in 0..<n { hx -= px[i] * log2(px[i] + eps); hy -= py[i] * log2(py[i] + eps) }
        var diffAvg = 0.0, diffEnt = 0.0, idm = 0.0, idmn = 0.0, id = 0.0, idn = 0.0, inverseVar = 0.0
        let ngD = Double(ng)
        for k in 0..<ng {
            let v = diff[k], kd = Double(k)
            diffAvg += kd * v
            diffEnt -= v * log2(v + eps)
            idm += v / (1 + kd * kd)
            idmn += v / (1 + kd * kd / (ngD * ngD))
            id += v / (1 + kd)
            idn += v / (1 + kd / ngD)
            if k > 0 { inverseVar += v / (kd * kd) }
        }
        var diffVar = 0.0
        for k in 0..<ng { diffVar += diff[k] * (Double(k) - diffAvg) * (Double(k) - diffAvg) }
        var sumAvg = 0.0, sumEnt = 0.0
        for k in 2...(2 * max(ng, 1)) where k < sum.count {
            sumAvg += Double(k) * sum[k]
            sumEnt -= sum[k] * log2(sum[k] + eps)
        }
        let sig = sigx2.squareRoot() * sigy2.squareRoot()
        let correlation = sig == 0 ? 1 : corm / (sig + eps)
        let div = max(hx, hy)
        let imc1 = div != 0 ? (hxy - hxy1) / div : 0
        let imc2 = hxy2 == hxy ? 0 : (1 - exp(-2 * (hxy2 - hxy))).squareRoot()
        return ["Autocorrelation": auto, "ClusterProminence": cp, "ClusterShade": cs, "ClusterTendency": ct,
                "Contrast": contrast, "Correlation": correlation, "DifferenceAverage": diffAvg,
                "DifferenceEntropy": diffEnt, "DifferenceVariance": diffVar, "Id": id, "Idm": idm, "Idmn": idmn,
                "Idn": idn, "Imc1": imc1, "Imc2": imc2, "InverseVariance": inverseVar, "JointAverage": ux,
                "JointEnergy": energy, "JointEntropy": hxy, "MCC": mcc(p, px: px, py: py),
                "MaximumProbability": maxp, "SumAverage": sumAvg, "SumEntropy": sumEnt, "SumSquares": sigx2]
    }

    /// Maximal Correlation Coefficient (see `MaximalCorrelation`).
    static func mcc(_ p: [Double], px: [Double], py: [Double]) -> Double {
        MaximalCorrelation.value(p, px: px, py: py)
    }
}

/// Angle weights of PyRadiomics' `weightingNorm` (GLCM: exp(−d²); GLRLM: d).
enum RadiomicsWeighting {
    static func distance(_ norm: String, angle a: (dz: Int, dy: Int, dx: Int), spacingZYX s: [Double]) -> Double? {
        let d = [Double(abs(a.dz)) * s[0], Double(abs(a.dy)) * s[1], Double(abs(a.dx)) * s[2]]
        switch norm {
        case "infinity": return d.max()!
        case "euclidean": return (d.reduce(0) { $0 + $1 * $1 }).squareRoot()
        case "manhattan": return d.reduce(0, +)
        default: return nil
        }
    }

    static func glcmWeight(_ norm: String, angle: (dz: Int, dy: Int, dx: Int), spacingZYX: [Double]) -> Double {
        guard let d = distance(norm, angle: angle, spacingZYX: spacingZYX) else { return 1 }
        return exp(-d * d)
    }

    static func glrlmWeight(_ norm: String, angle: (dz: Int, dy: Int, dx: Int), spacingZYX: [Double]) -> Double {
        distance(norm, angle: angle, spacingZYX: spacingZYX) ?? 1
    }
}
