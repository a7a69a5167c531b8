import Foundation
import SentinelNumerics

/// 3D shape features (PyRadiomics `shape`): VoxelVolume; from the marching-cubes mesh
/// (`MarchingCubesMesh`) MeshVolume V, SurfaceArea A, SurfaceVolumeRatio A/V, Sphericity
/// ∛(36πV²)/A and the deprecated Compactness1 V/(√π·A^{3/2}), Compactness2 36πV²/A³ and
/// SphericalDisproportion A/∛(36πV²); the maximum diameters over the mesh vertices (midpoints of
/// the edges between ROI and non-ROI voxels); and the PCA axis lengths 4·√λ with Elongation and
/// Flatness.
enum Shape3DFeatures {
    /// Features PyRadiomics computes only when named in the feature list.
    static let deprecated: Set<String> = ["Compactness1", "Compactness2", "SphericalDisproportion"]

    static func compute(_ roi: RegionOfInterest) -> [String: Double] {
        let (nx, ny, nz) = (roi.nx, roi.ny, roi.nz)
        let sx = roi.spacing[0], sy = roi.spacing[1], sz = roi.spacing[2]
        func inside(_ x: Int, _ y: Int, _ z: Int) -> Bool {
            x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz && roi.inMask[x + nx * (y + ny * z)]
        }
        // Mesh vertices in doubled index coordinates (2·index + 1 on the crossed edge).
        var vertices: [(Int, Int, Int)] = []
        for z in -1..<nz { for y in -1..<ny { for x in -1..<nx {
            let here = inside(x, y, z)
            if here != inside(x + 1, y, z) { vertices.append((2 * x + 1, 2 * y, 2 * z)) }
            if here != inside(x, y + 1, z) { vertices.append((2 * x, 2 * y + 1, 2 * z)) }
            if here != inside(x, y, z + 1) { vertices.append((2 * x, 2 * y, 2 * z + 1)) }
        } } }
        let points = vertices.map { (Double($0.0) * sx / 2, Double($0.1) * sy / 2, Double($0.2) * sz / 2) }
        var dSlice = 0.0, dColumn = 0.0, dRow = 0.0, d3 = 0.0
        for i in 0..<points.count {
            let a = points[i], ka = vertices[i]
            for j in (i + 1)..<max(i + 1, points.count) {
                let b = points[j], kb = vertices[j]
                let dx = a.0 - b.0, dy = a.1 - b.1, dz = a.2 - b.2
                let d = dx * dx + dy * dy + dz * dz
                if d > d3 { d3 = d }
                if ka.2 == kb.2 && d > dSlice { dSlice = d }
                if ka.1 == kb.1 && d > dColumn { dColumn = d }
                if ka.0 == kb.0 && d > dRow { dRow = d }
            }
        }
        // PCA of voxel-centre coordinates (population covariance).
        var coords: [(Double, Double, Double)] = []
        for z in 0..<nz { for y in 0..<ny { for x in 0..<nx where roi.inMask[x + nx * (y + ny * z)] {
            coords.append((Double(x) * sx, Double(y) * sy, Double(z) * sz))
        } } }
        let n = Double(coords.count)
        let mean = coords.reduce((0.0, 0.0, 0.0)) { ($0.0 + $1.0 / n, $0.1 + $1.1 / n, $0.2 + $1.2 / n) }
        var c = [Double](repeating: 0, count: 9)
        for p in coords {
            let d = [p.0 - mean.0, p.1 - mean.1, p.2 - mean.2]
            for r in 0..<3 { for k in 0..<3 { c[r * 3 + k] += d[r] * d[k] / n } }
        }
        var ev = (LinearAlgebra.symmetricEigen(c, n: 3)?.values ?? [.nan, .nan, .nan]).sorted()
        for k in 0..<3 where ev[k] < 0 && ev[k] > -1e-10 { ev[k] = 0 }
        func root(_ v: Double) -> Double { v < 0 ? .nan : v.squareRoot() }
        let mesh = MarchingCubesMesh(roi)
        let (v, a) = (mesh.volume, mesh.surfaceArea)
        let sphereArea = Foundation.cbrt(36 * Double.pi * v * v)  // surface of the sphere of volume V
        return [
            "VoxelVolume": n * sx * sy * sz,
            "MeshVolume": v, "SurfaceArea": a, "SurfaceVolumeRatio": a / v, "Sphericity": sphereArea / a,
            "Compactness1": v / (a * a.squareRoot() * Double.pi.squareRoot()), "Compactness2": 36 * Double.pi * v * v / (a * a * a),
            "SphericalDisproportion": a / sphereArea,
            "Maximum3DDiameter": d3.squareRoot(), "Maximum2DDiameterSlice": dSlice.squareRoot(),
            "Maximum2DDiameterColumn": dColumn.squareRoot(), "Maximum2DDiameterRow": dRow.squareRoot(),
            "MajorAxisLength": root(ev[2]) * 4, "MinorAxisLength": root(ev[1]) * 4, "LeastAxisLength": root(ev[0]) * 4,
            "Elongation": ev[1] < 0 || ev[2] < 0 ? .nan : (ev[1] / ev[2]).squareRoot(),
            "Flatness": ev[0] < 0 || ev[2] < 0 ? .nan : (ev[0] / ev[2]).squareRoot(),
        ]
    }
}
