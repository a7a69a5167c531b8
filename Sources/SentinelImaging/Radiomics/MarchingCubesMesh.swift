/// The marching-cubes surface of a binary ROI as PyRadiomics' `shape` class builds it, reduced to
/// the two sums the shape features need.
///
/// A 2×2×2 cube moves over the mask padded by one empty voxel on every side; its eight corners
/// (voxel centres) give a configuration index (bit i set when corner (i & 1, i >> 1 & 1, i >> 2 & 1)
/// is in the ROI), and `MarchingCubesTable.swift` lists that configuration's triangles, whose
/// vertices are midpoints of the cube edges joining an ROI voxel to a non-ROI voxel.
/// - `surfaceArea`: the sum of the triangle areas ½·|ab × ac|.
/// - `volume`: the sum of the signed volumes a·(b × c)/6 of the tetrahedra each (outward-facing)
///   triangle spans with the origin, which PyRadiomics places at the padded box's first voxel.
struct MarchingCubesMesh: Sendable, Equatable {
    var surfaceArea: Double
    var volume: Double

    /// Measures the mesh of `roi.inMask` with voxel spacing `roi.spacing` (x, y, z).
    init(_ roi: RegionOfInterest) {
        let (nx, ny, nz) = (roi.nx, roi.ny, roi.nz)
        let hx = roi.spacing[0] / 2, hy = roi.spacing[1] / 2, hz = roi.spacing[2] / 2
        let mask = roi.inMask
        func inside(_ x: Int, _ y: Int, _ z: Int) -> Bool {
            x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz && mask[x + nx * (y + ny * z)]
        }
        let mid = Self.edgeMidpoints
        var area = 0.0, volume = 0.0
        // Cube (x, y, z) spans voxels x...x+1 etc. of the box; padded index = box index + 1.
        for z in -1..<nz { for y in -1..<ny { for x in -1..<nx {
            var config = 0
            for corner in 0..<8 where inside(x + (corner & 1), y + ((corner >> 1) & 1), z + ((corner >> 2) & 1)) {
                config |= 1 << corner
            }
            let first = Self.triangleStart[config], end = Self.triangleStart[config + 1]
            guard first < end else { continue }
            // Doubled coordinates of the cube origin in the padded grid.
            let ox = 2 * (x + 1), oy = 2 * (y + 1), oz = 2 * (z + 1)
            for t in first..<end {
                func vertex(_ v: Int) -> (Double, Double, Double) {
                    let m = mid[Int(Self.triangleEdges[3 * t + v])]
                    return (Double(ox + m.0) * hx, Double(oy + m.1) * hy, Double(oz + m.2) * hz)
                }
                let a = vertex(0), b = vertex(1), c = vertex(2)
                let u = (b.0 - a.0, b.1 - a.1, b.2 - a.2), w = (c.0 - a.0, c.1 - a.1, c.2 - a.2)
                let n = (u.1 * w.2 - u.2 * w.1, u.2 * w.0 - u.0 * w.2, u.0 * w.1 - u.1 * w.0)
                area += (n.0 * n.0 + n.1 * n.1 + n.2 * n.2).squareRoot() / 2
                let bc = (b.1 * c.2 - b.2 * c.1, b.2 * c.0 - b.0 * c.2, b.0 * c.1 - b.1 * c.0)
                volume += (a.0 * bc.0 + a.1 * bc.1 + a.2 * bc.2) / 6
            }
        } } }
        surfaceArea = area
        self.volume = volume
    }
}
