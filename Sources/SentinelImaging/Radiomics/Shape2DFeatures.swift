import Foundation

/// 2D shape features (PyRadiomics `shape2D`) from the marching-squares contour of the mask,
/// with vertices at pixel-edge midpoints: the two diagonal corners of a saddle square are
/// always separated. MeshSurface is the contour's enclosed area, Perimeter its length,
/// MaximumDiameter the largest distance between contour vertices; axis lengths are 4·√λ of
/// the pixel-centre coordinate covariance (population).
enum Shape2DFeatures {
    /// `inMask` is an ny × nx plane (x fastest); `sx`, `sy` the pixel spacing.
    static func compute(inMask: [Bool], nx: Int, ny: Int, sx: Double, sy: Double) -> [String: Double] {
        func at(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < nx && y < ny && inMask[x + nx * y] }
        let diagonal = ((sx / 2) * (sx / 2) + (sy / 2) * (sy / 2)).squareRoot()
        var area = 0.0, perimeter = 0.0
        // Squares between pixel centres, including the zero padding around the box.
        for y in -1..<ny { for x in -1..<nx {
            let c = [at(x, y), at(x + 1, y), at(x + 1, y + 1), at(x, y + 1)]
            let k = c.filter { $0 }.count
            switch k {
            case 1: area += 0.125; perimeter += diagonal
            case 3: area += 0.875; perimeter += diagonal
            case 4: area += 1
            case 2:
                if c[0] == c[2] { area += 0.25; perimeter += 2 * diagonal }   // saddle: two corners
                else { area += 0.5; perimeter += c[0] == c[1] ? sx : sy }
            default: break
            }
        } }
        area *= sx * sy
        // Contour vertices: midpoints of edges between an ROI pixel and a non-ROI pixel.
        var points: [(Double, Double)] = []
        for y in -1..<ny { for x in -1..<nx {
            if at(x, y) != at(x + 1, y) { points.append(((Double(x) + 0.5) * sx, Double(y) * sy)) }
            if at(x, y) != at(x, y + 1) { points.append((Double(x) * sx, (Double(y) + 0.5) * sy)) }
        } }
        let diameter = ConvexHull.maximumDistance(points)
        // Covariance of pixel centres (physical), population.
        var count = 0.0, mx = 0.0, my = 0.0
        for y in 0..<ny { for x in 0..<nx where inMask[x + nx * y] { count += 1; mx += Double(x) * sx; my += Double(y) * sy } }
        mx /= count; my /= count
        var cxx = 0.0, cyy = 0.0, cxy = 0.0
        for y in 0..<ny { for x in 0..<nx where inMask[x + nx * y] {
            let dx = Double(x) * sx - mx, dy = Double(y) * sy - my
            cxx += dx * dx; cyy += dy * dy; cxy += dx * dy
        } }
        cxx /= count; cyy /= count; cxy /= count
        let half = (cxx + cyy) / 2, root = (((cxx - cyy) / 2) * ((cxx - cyy) / 2) + cxy * cxy).squareRoot()
        var small = half - root
        let large = half + root
        if small < 0 && small > -1e-10 { small = 0 }
        return [
            "Elongation": small < 0 || large < 0 ? .nan : (small / large).squareRoot(),
            "MajorAxisLength": large < 0 ? .nan : large.squareRoot() * 4,
            "MaximumDiameter": diameter, "MeshSurface": area,
            "MinorAxisLength": small < 0 ? .nan : small.squareRoot() * 4,
            "Perimeter": perimeter, "PerimeterSurfaceRatio": perimeter / area,
            "PixelSurface": count * sx * sy, "Sphericity": 2 * (Double.pi * area).squareRoot() / perimeter,
        ]
    }
}

/// Largest pairwise distance of a planar point set via its convex hull (Andrew's monotone chain).
enum ConvexHull {
    static func maximumDistance(_ points: [(Double, Double)]) -> Double {
        let p = points.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        guard p.count > 1 else { return 0 }
        func cross(_ o: (Double, Double), _ a: (Double, Double), _ b: (Double, Double)) -> Double {
            (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
        }
        var hull: [(Double, Double)] = []
        for q in p { while hull.count >= 2 && cross(hull[hull.count - 2], hull[hull.count - 1], q) <= 0 { hull.removeLast() }; hull.append(q) }
        let lower = hull.count + 1
        for q in p.reversed() { while hull.count >= lower && cross(hull[hull.count - 2], hull[hull.count - 1], q) <= 0 { hull.removeLast() }; hull.append(q) }
        hull.removeLast()
        var best = 0.0
        for i in hull.indices { for j in (i + 1)..<max(i + 1, hull.count) {
            let dx = hull[i].0 - hull[j].0, dy = hull[i].1 - hull[j].1
            best = max(best, dx * dx + dy * dy)
        } }
        return best.squareRoot()
    }
}
