/// A discretized ROI ready for texture matrices: gray levels (1...Ng inside the ROI, 0
/// outside), the present levels, and PyRadiomics' neighbour offsets.
struct TextureInput {
    let nx: Int, ny: Int, nz: Int
    /// Gray level per box voxel; 0 outside the ROI.
    let gray: [Int32]
    /// Largest gray level in the ROI (PyRadiomics' `Ng`).
    let ng: Int
    /// Gray levels present in the ROI, ascending.
    let levels: [Int]
    /// Position of each gray level in `levels` (index by level; −1 if absent).
    let levelIndex: [Int]
    /// One direction of each neighbour offset (dz, dy, dx), as `cMatrices.generate_angles`:
    /// Chebyshev norm in `distances`, only along axes where the box is wider than one voxel
    /// (and not the force2D axis), first nonzero component positive, z-major order.
    let angles: [(dz: Int, dy: Int, dx: Int)]
    /// The distance-1 offsets (GLRLM and GLSZM ignore `distances`, as in PyRadiomics).
    let unitAngles: [(dz: Int, dy: Int, dx: Int)]
    let voxelCount: Int
    /// Spacing along z, y, x (PyRadiomics' array order) for weighting norms.
    let spacingZYX: [Double]

    init(roi: RegionOfInterest, gray: [Int32], distances: [Int], force2D: Bool, force2Ddimension: Int) {
        nx = roi.nx; ny = roi.ny; nz = roi.nz
        self.gray = gray
        voxelCount = roi.voxelCount
        spacingZYX = [roi.spacing[2], roi.spacing[1], roi.spacing[0]]
        var maxLevel = 0
        for g in gray where Int(g) > maxLevel { maxLevel = Int(g) }
        ng = maxLevel
        var seen = [Bool](repeating: false, count: maxLevel + 1)
        for g in gray where g > 0 { seen[Int(g)] = true }
        levels = (1...max(maxLevel, 1)).filter { $0 <= maxLevel && seen[$0] }
        var index = [Int](repeating: -1, count: maxLevel + 1)
        for (k, l) in levels.enumerated() { index[l] = k }
        levelIndex = index
        let sizes = [nz, ny, nx]
        // force2Ddimension indexes PyRadiomics' (z, y, x) array axes.
        let moving = (0..<3).map { sizes[$0] > 1 && !(force2D && $0 == force2Ddimension) }
        angles = Self.offsets(moving: moving, distances: distances)
        unitAngles = Self.offsets(moving: moving, distances: [1])
    }

    private static func offsets(moving: [Bool], distances: [Int]) -> [(dz: Int, dy: Int, dx: Int)] {
        let maxD = distances.max() ?? 1
        var result: [(Int, Int, Int)] = []
        let range = Array(stride(from: maxD, through: -maxD, by: -1))
        for dz in moving[0] ? range : [0] {
            for dy in moving[1] ? range : [0] {
                for dx in moving[2] ? range : [0] {
                    let norm = max(abs(dz), abs(dy), abs(dx))
                    guard norm > 0, distances.contains(norm) else { continue }
                    let first = dz != 0 ? dz : (dy != 0 ? dy : dx)
                    if first > 0 { result.append((dz, dy, dx)) }
                }
            }
        }
        return result.map { (dz: $0.0, dy: $0.1, dx: $0.2) }
    }

    /// Calls `body(i, j)` for every ordered pair of ROI voxels `i`, `j = i + offset`.
    @inline(__always)
    func forEachPair(_ a: (dz: Int, dy: Int, dx: Int), _ body: (Int, Int) -> Void) {
        let step = a.dx + nx * (a.dy + ny * a.dz)
        let z0 = max(0, -a.dz), z1 = min(nz, nz - a.dz)
        let y0 = max(0, -a.dy), y1 = min(ny, ny - a.dy)
        let x0 = max(0, -a.dx), x1 = min(nx, nx - a.dx)
        gray.withUnsafeBufferPointer { g in
            for z in z0..<max(z0, z1) { for y in y0..<max(y0, y1) {
                let row = nx * (y + ny * z)
                for x in x0..<max(x0, x1) {
                    let i = row + x
                    if g[i] > 0 && g[i + step] > 0 { body(i, i + step) }
                }
            } }
        }
    }
}

/// Averages finite values (numpy.nanmean); NaN if none is finite.
@inline(__always)
func nanMean(_ values: [Double]) -> Double {
    var sum = 0.0, n = 0
    for v in values where !v.isNaN { sum += v; n += 1 }
    return n == 0 ? .nan : sum / Double(n)
}

/// numpy.spacing(1): the entropy guard PyRadiomics adds inside log2.
let machineEpsilon = Double.ulpOfOne
