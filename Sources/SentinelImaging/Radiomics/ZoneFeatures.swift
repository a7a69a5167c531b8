import Foundation

/// The statistics shared by GLRLM, GLSZM and GLDM: a matrix P[level][size] (size = run length,
/// zone size or dependence count, 1-based) and its emphasis/non-uniformity features as
/// PyRadiomics defines them, with `nz` the number of runs/zones/voxels and `np` the voxel count.
struct SizeMatrix {
    let levels: [Double]
    let maxSize: Int
    var p: [Double]  // levels.count × maxSize, row-major

    init(levels: [Int], maxSize: Int) {
        self.levels = levels.map(Double.init); self.maxSize = maxSize
        p = [Double](repeating: 0, count: levels.count * maxSize)
    }

    mutating func add(level index: Int, size: Int, weight: Double = 1) { p[index * maxSize + size - 1] += weight }

    struct Sums {
        var nz = 0.0, np = 0.0, small = 0.0, large = 0.0, glnu = 0.0, snu = 0.0, low = 0.0, high = 0.0
        var smallLow = 0.0, smallHigh = 0.0, largeLow = 0.0, largeHigh = 0.0, entropyTerm = 0.0
        var levelVariance = 0.0, sizeVariance = 0.0
    }

    func sums() -> Sums {
        var s = Sums()
        let n = levels.count
        var pg = [Double](repeating: 0, count: n), ps = [Double](repeating: 0, count: maxSize)
        for i in 0..<n { for j in 0..<maxSize {
            let v = p[i * maxSize + j]
            guard v != 0 else { continue }
            pg[i] += v; ps[j] += v
            let ii = levels[i] * levels[i], jj = Double(j + 1) * Double(j + 1)
            s.smallLow += v / (ii * jj); s.smallHigh += v * ii / jj
            s.largeLow += v * jj / ii; s.largeHigh += v * ii * jj
        } }
        for i in 0..<n {
            s.nz += pg[i]; s.glnu += pg[i] * pg[i]
            s.low += pg[i] / (levels[i] * levels[i]); s.high += pg[i] * levels[i] * levels[i]
        }
        for j in 0..<maxSize where ps[j] != 0 {
            let jd = Double(j + 1)
            s.np += ps[j] * jd; s.snu += ps[j] * ps[j]; s.small += ps[j] / (jd * jd); s.large += ps[j] * jd * jd
        }
        guard s.nz > 0 else { return s }
        let eps = machineEpsilon
        for v in p where v != 0 { let q = v / s.nz; s.entropyTerm -= q * log2(q + eps) }
        var ui = 0.0, uj = 0.0
        for i in 0..<n { ui += pg[i] / s.nz * levels[i] }
        for j in 0..<maxSize { uj += ps[j] / s.nz * Double(j + 1) }
        for i in 0..<n { s.levelVariance += pg[i] / s.nz * (levels[i] - ui) * (levels[i] - ui) }
        for j in 0..<maxSize { s.sizeVariance += ps[j] / s.nz * (Double(j + 1) - uj) * (Double(j + 1) - uj) }
        return s
    }
}

/// Gray Level Run Length Matrix features (PyRadiomics `glrlm`), per angle then NaN-mean.
enum GLRLMFeatures {
    static let names = ["GrayLevelNonUniformity", "GrayLevelNonUniformityNormalized", "GrayLevelVariance",
                        "HighGrayLevelRunEmphasis", "LongRunEmphasis", "LongRunHighGrayLevelEmphasis",
                        "LongRunLowGrayLevelEmphasis", "LowGrayLevelRunEmphasis", "RunEntropy",
                        "RunLengthNonUniformity", "RunLengthNonUniformityNormalized", "RunPercentage",
                        "RunVariance", "ShortRunEmphasis", "ShortRunHighGrayLevelEmphasis",
                        "ShortRunLowGrayLevelEmphasis"]

    static func compute(_ t: TextureInput, weightingNorm: String?) -> [String: Double] {
        let maxRun = max(t.nx, t.ny, t.nz)
        var matrices: [SizeMatrix] = []
        let (nx, ny, nz) = (t.nx, t.ny, t.nz)
        let angles = t.unitAngles
        for a in angles {
            var m = SizeMatrix(levels: t.levels, maxSize: maxRun)
            let step = a.dx + nx * (a.dy + ny * a.dz)
            t.gray.withUnsafeBufferPointer { g in
                for z in 0..<nz { for y in 0..<ny { for x in 0..<nx {
                    let i = x + nx * (y + ny * z)
                    let level = g[i]
                    guard level > 0 else { continue }
                    // A run starts here unless the previous voxel along the angle continues it.
                    let px = x - a.dx, py = y - a.dy, pz = z - a.dz
                    if px >= 0, px < nx, py >= 0, py < ny, pz >= 0, pz < nz, g[i - step] == level { continue }
                    var length = 1
                    var cx = x + a.dx, cy = y + a.dy, cz = z + a.dz, j = i + step
                    while cx >= 0, cx < nx, cy >= 0, cy < ny, cz >= 0, cz < nz, g[j] == level {
                        length += 1; cx += a.dx; cy += a.dy; cz += a.dz; j += step
                    }
                    m.add(level: t.levelIndex[Int(level)], size: length)
                } } }
            }
            matrices.append(m)
        }
        if let norm = weightingNorm {
            var merged = SizeMatrix(levels: t.levels, maxSize: maxRun)
            for (a, m) in zip(angles, matrices) {
                let w = RadiomicsWeighting.glrlmWeight(norm, angle: a, spacingZYX: t.spacingZYX)
                for k in merged.p.indices { merged.p[k] += w * m.p[k] }
            }
            matrices = [merged]
        }
        let perAngle = matrices.map { $0.sums() }.filter { $0.nz > 0 }
        func mean(_ f: (SizeMatrix.Sums) -> Double) -> Double { perAngle.isEmpty ? .nan : nanMean(perAngle.map(f)) }
        return [
            "GrayLevelNonUniformity": mean { $0.glnu / $0.nz },
            "GrayLevelNonUniformityNormalized": mean { $0.glnu / ($0.nz * $0.nz) },
            "GrayLevelVariance": mean { $0.levelVariance },
            "HighGrayLevelRunEmphasis": mean { $0.high / $0.nz },
            "LongRunEmphasis": mean { $0.large / $0.nz },
            "LongRunHighGrayLevelEmphasis": mean { $0.largeHigh / $0.nz },
            "LongRunLowGrayLevelEmphasis": mean { $0.largeLow / $0.nz },
            "LowGrayLevelRunEmphasis": mean { $0.low / $0.nz },
            "RunEntropy": mean { $0.entropyTerm },
            "RunLengthNonUniformity": mean { $0.snu / $0.nz },
            "RunLengthNonUniformityNormalized": mean { $0.snu / ($0.nz * $0.nz) },
            "RunPercentage": mean { $0.nz / $0.np },
            "RunVariance": mean { $0.sizeVariance },
            "ShortRunEmphasis": mean { $0.small / $0.nz },
            "ShortRunHighGrayLevelEmphasis": mean { $0.smallHigh / $0.nz },
            "ShortRunLowGrayLevelEmphasis": mean { $0.smallLow / $0.nz },
        ]
    }
}

/// Gray Level Size Zone Matrix features (PyRadiomics `glszm`): zones are connected sets of
/// equal gray level, connected through every neighbour offset (26 in 3D, 8 in 2D/force2D).
enum GLSZMFeatures {
    static func compute(_ t: TextureInput) -> [String: Double] {
        let count = t.gray.count
        var visited = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var zones: [(level: Int, size: Int)] = []
        var maxSize = 1
        let unit = t.unitAngles
        let offsets = unit + unit.map { (dz: -$0.dz, dy: -$0.dy, dx: -$0.dx) }
        let (nx, ny, nz) = (t.nx, t.ny, t.nz)
        for start in 0..<count where t.gray[start] > 0 && !visited[start] {
            let level = t.gray[start]
            visited[start] = true
            stack.append(start)
            var size = 0
            while let i = stack.popLast() {
                size += 1
                let x = i % nx, y = (i / nx) % ny, z = i / (nx * ny)
                for o in offsets {
                    let cx = x + o.dx, cy = y + o.dy, cz = z + o.dz
                    guard cx >= 0, cx < nx, cy >= 0, cy < ny, cz >= 0, cz < nz else { continue }
                    let j = cx + nx * (cy + ny * cz)
                    if !visited[j] && t.gray[j] == level { visited[j] = true; stack.append(j) }
                }
            }
            zones.append((Int(level), size)); maxSize = max(maxSize, size)
        }
        var m = SizeMatrix(levels: t.levels, maxSize: maxSize)
        for z in zones { m.add(level: t.levelIndex[z.level], size: z.size) }
        let s = m.sums()
        let nzones = s.nz == 0 ? 1 : s.nz, np = s.np == 0 ? 1 : s.np
        return [
            "GrayLevelNonUniformity": s.glnu / nzones, "GrayLevelNonUniformityNormalized": s.glnu / (nzones * nzones),
            "GrayLevelVariance": s.levelVariance, "HighGrayLevelZoneEmphasis": s.high / nzones,
            "LargeAreaEmphasis": s.large / nzones, "LargeAreaHighGrayLevelEmphasis": s.largeHigh / nzones,
            "LargeAreaLowGrayLevelEmphasis": s.largeLow / nzones, "LowGrayLevelZoneEmphasis": s.low / nzones,
            "SizeZoneNonUniformity": s.snu / nzones, "SizeZoneNonUniformityNormalized": s.snu / (nzones * nzones),
            "SmallAreaEmphasis": s.small / nzones, "SmallAreaHighGrayLevelEmphasis": s.smallHigh / nzones,
            "SmallAreaLowGrayLevelEmphasis": s.smallLow / nzones, "ZoneEntropy": s.entropyTerm,
            "ZonePercentage": nzones / np, "ZoneVariance": s.sizeVariance,
        ]
    }
}

/// Gray Level Dependence Matrix features (PyRadiomics `gldm`): a voxel's dependence is 1 plus
/// the number of ROI neighbours (both directions of every offset) within `alpha` gray levels.
enum GLDMFeatures {
    static func compute(_ t: TextureInput, alpha: Double) -> [String: Double] {
        var dependence = [Int](repeating: 1, count: t.gray.count)
        for a in t.angles {
            t.forEachPair(a) { i, j in
                if abs(Double(t.gray[i] - t.gray[j])) <= alpha { dependence[i] += 1; dependence[j] += 1 }
            }
        }
        let maxDep = 2 * t.angles.count + 1
        var m = SizeMatrix(levels: t.levels, maxSize: maxDep)
        for i in t.gray.indices where t.gray[i] > 0 { m.add(level: t.levelIndex[Int(t.gray[i])], size: dependence[i]) }
        let s = m.sums()
        let n = s.nz == 0 ? 1 : s.nz
        return [
            "DependenceEntropy": s.entropyTerm, "DependenceNonUniformity": s.snu / n,
            "DependenceNonUniformityNormalized": s.snu / (n * n), "DependenceVariance": s.sizeVariance,
            "GrayLevelNonUniformity": s.glnu / n, "GrayLevelVariance": s.levelVariance,
            "HighGrayLevelEmphasis": s.high / n, "LargeDependenceEmphasis": s.large / n,
            "LargeDependenceHighGrayLevelEmphasis": s.largeHigh / n,
            "LargeDependenceLowGrayLevelEmphasis": s.largeLow / n, "LowGrayLevelEmphasis": s.low / n,
            "SmallDependenceEmphasis": s.small / n, "SmallDependenceHighGrayLevelEmphasis": s.smallHigh / n,
            "SmallDependenceLowGrayLevelEmphasis": s.smallLow / n,
        ]
    }
}

/// Neighbouring Gray Tone Difference Matrix features (PyRadiomics `ngtdm`): for each ROI voxel
/// with at least one ROI neighbour, |level − mean neighbour level| accumulates into s_i.
enum NGTDMFeatures {
    static func compute(_ t: TextureInput) -> [String: Double] {
        var neighbourSum = [Double](repeating: 0, count: t.gray.count)
        var neighbourCount = [Int32](repeating: 0, count: t.gray.count)
        for a in t.angles {
            t.forEachPair(a) { i, j in
                neighbourSum[i] += Double(t.gray[j]); neighbourCount[i] += 1
                neighbourSum[j] += Double(t.gray[i]); neighbourCount[j] += 1
            }
        }
        let n = t.levels.count
        var counts = [Double](repeating: 0, count: n), s = [Double](repeating: 0, count: n)
        for i in t.gray.indices where t.gray[i] > 0 && neighbourCount[i] > 0 {
            let k = t.levelIndex[Int(t.gray[i])]
            counts[k] += 1
            s[k] += abs(Double(t.gray[i]) - neighbourSum[i] / Double(neighbourCount[i]))
        }
        let keep = (0..<n).filter { counts[$0] > 0 }
        let nvp = keep.reduce(0) { $0 + counts[$1] }
        let p = keep.map { counts[$0] / nvp }, si = keep.map { s[$0] }, g = keep.map { Double(t.levels[$0]) }
        let ngp = Double(keep.count)
        var sumPS = 0.0, sumS = 0.0
        for k in p.indices { sumPS += p[k] * si[k]; sumS += si[k] }
        var contrastSum = 0.0, absDiff = 0.0, complexity = 0.0, strength = 0.0
        for a in p.indices { for b in p.indices {
            let d = g[a] - g[b]
            contrastSum += p[a] * p[b] * d * d
            absDiff += abs(g[a] * p[a] - g[b] * p[b])
            complexity += abs(d) * (p[a] * si[a] + p[b] * si[b]) / (p[a] + p[b])
            strength += (p[a] + p[b]) * d * d
        } }
        let div = ngp * (ngp - 1)
        return [
            "Busyness": absDiff != 0 ? sumPS / absDiff : 0,
            "Coarseness": sumPS != 0 ? 1 / sumPS : 1_000_000,
            "Complexity": nvp > 0 ? complexity / nvp : .nan,
            "Contrast": div != 0 ? contrastSum * sumS / nvp / div : 0,
            "Strength": sumS != 0 ? strength / sumS : 0,
        ]
    }
}
