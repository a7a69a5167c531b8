/// The voxels of one region of interest, cropped to the mask's bounding box: the layout every
/// feature class works on (PyRadiomics crops image and mask to the bounding box before
/// computing features; values outside the mask are ignored).
///
/// Storage is x-fastest over the box, `index = x + nx * (y + ny * z)`.
public struct RegionOfInterest: Sendable {
    /// Box size along x, y, z.
    public let nx: Int, ny: Int, nz: Int
    /// Voxel spacing (mm) along x, y, z.
    public let spacing: [Double]
    /// Image values over the box.
    public let values: [Double]
    /// Whether each box voxel belongs to the ROI.
    public let inMask: [Bool]
    /// Number of ROI voxels.
    public let voxelCount: Int
    /// Dimensionality of the source image (2 or 3).
    public let dimension: Int
    /// Inclusive bounding box of the ROI in the source image (x, y, z voxel indices).
    public let lowerCorner: [Int], upperCorner: [Int]

    /// Crops `image` to the bounding box of `mask == label`.
    /// - Throws: `geometryMismatch` if sizes differ, `labelAbsent` if no voxel carries `label`.
    public init(image: ImageVolume, mask: ImageVolume, label: Int) throws {
        guard image.sizeXYZ == mask.sizeXYZ else {
            throw ImagingError.geometryMismatch("image size \(image.sizeXYZ) vs mask size \(mask.sizeXYZ)")
        }
        let sx = image.sizeXYZ[0], sy = image.sizeXYZ[1], sz = image.sizeXYZ[2]
        let target = Double(label)
        var lo = [Int.max, Int.max, Int.max], hi = [-1, -1, -1]
        mask.voxels.withUnsafeBufferPointer { m in
            for z in 0..<sz { for y in 0..<sy {
                let row = sx * (y + sy * z)
                for x in 0..<sx where carriesLabel(m[row + x], target) {
                    lo[0] = min(lo[0], x); hi[0] = max(hi[0], x)
                    lo[1] = min(lo[1], y); hi[1] = max(hi[1], y)
                    lo[2] = min(lo[2], z); hi[2] = max(hi[2], z)
                }
            } }
        }
        guard hi[0] >= 0 else { throw ImagingError.labelAbsent(label: label, present: mask.presentLabels) }
        try self.init(image: image, mask: mask, label: label, box: (lo, hi))
    }

    init(nx: Int, ny: Int, nz: Int, spacing: [Double], values: [Double], inMask: [Bool], voxelCount: Int, dimension: Int,
         lowerCorner: [Int], upperCorner: [Int]) {
        self.nx = nx; self.ny = ny; self.nz = nz; self.spacing = spacing; self.values = values
        self.inMask = inMask; self.voxelCount = voxelCount; self.dimension = dimension
        self.lowerCorner = lowerCorner; self.upperCorner = upperCorner
    }

    /// Crops to the given inclusive box (x, y, z lower and upper corners).
    init(image: ImageVolume, mask: ImageVolume, label: Int, box: (lo: [Int], hi: [Int])) throws {
        let sx = image.sizeXYZ[0], sy = image.sizeXYZ[1]
        nx = box.hi[0] - box.lo[0] + 1; ny = box.hi[1] - box.lo[1] + 1; nz = box.hi[2] - box.lo[2] + 1
        var values = [Double](repeating: 0, count: nx * ny * nz)
        var inMask = [Bool](repeating: false, count: nx * ny * nz)
        var count = 0
        let target = Double(label)
        for z in 0..<nz { for y in 0..<ny {
            let src = box.lo[0] + sx * (box.lo[1] + y + sy * (box.lo[2] + z))
            let dst = nx * (y + ny * z)
            for x in 0..<nx {
                values[dst + x] = image.voxels[src + x]
                if carriesLabel(mask.voxels[src + x], target) { inMask[dst + x] = true; count += 1 }
            }
        } }
        self.values = values; self.inMask = inMask; self.voxelCount = count
        self.spacing = image.spacing; self.dimension = image.dimension
        self.lowerCorner = box.lo; self.upperCorner = box.hi
    }

    /// The ROI's values in storage order.
    public var maskedValues: [Double] {
        var out = [Double](); out.reserveCapacity(voxelCount)
        for i in values.indices where inMask[i] { out.append(values[i]) }
        return out
    }
}

extension RegionOfInterest {
    /// The same box and mask with other values (a filtered image over the box).
    init(replacingValuesOf roi: RegionOfInterest, with values: [Double]) {
        self.init(nx: roi.nx, ny: roi.ny, nz: roi.nz, spacing: roi.spacing, values: values, inMask: roi.inMask,
                  voxelCount: roi.voxelCount, dimension: roi.dimension, lowerCorner: roi.lowerCorner, upperCorner: roi.upperCorner)
    }

    /// The same box and values with another mask (resegmentation).
    init(replacingMaskOf roi: RegionOfInterest, with inMask: [Bool]) {
        self.init(nx: roi.nx, ny: roi.ny, nz: roi.nz, spacing: roi.spacing, values: roi.values, inMask: inMask,
                  voxelCount: inMask.filter { $0 }.count, dimension: roi.dimension,
                  lowerCorner: roi.lowerCorner, upperCorner: roi.upperCorner)
    }
}

extension RegionOfInterest {
    /// The same ROI cropped to the bounding box of its mask (corners updated).
    func croppedToMask() -> RegionOfInterest {
        var lo = [nx, ny, nz], hi = [-1, -1, -1]
        for z in 0..<nz { for y in 0..<ny { for x in 0..<nx where inMask[x + nx * (y + ny * z)] {
            lo[0] = min(lo[0], x); hi[0] = max(hi[0], x); lo[1] = min(lo[1], y); hi[1] = max(hi[1], y)
            lo[2] = min(lo[2], z); hi[2] = max(hi[2], z)
        } } }
        guard hi[0] >= 0, lo != [0, 0, 0] || hi != [nx - 1, ny - 1, nz - 1] else { return self }
        let w = hi[0] - lo[0] + 1, h = hi[1] - lo[1] + 1, d = hi[2] - lo[2] + 1
        var values = [Double](), mask = [Bool]()
        values.reserveCapacity(w * h * d); mask.reserveCapacity(w * h * d)
        for z in lo[2]...hi[2] { for y in lo[1]...hi[1] { for x in lo[0]...hi[0] {
            values.append(self.values[x + nx * (y + ny * z)]); mask.append(inMask[x + nx * (y + ny * z)])
        } } }
        return RegionOfInterest(nx: w, ny: h, nz: d, spacing: spacing, values: values, inMask: mask,
                                voxelCount: voxelCount, dimension: dimension,
                                lowerCorner: (0..<3).map { lowerCorner[$0] + lo[$0] },
                                upperCorner: (0..<3).map { lowerCorner[$0] + hi[$0] })
    }
}
