/// A scalar image in physical space: a 2D image (`size.z == 1`, `dimension == 2`) or a
/// 3D volume, with the same geometry conventions as ITK / SimpleITK (LPS patient space).
///
/// - Voxels are stored x-fastest: the voxel at index (x, y, z) is
///   `voxels[x + size.x * (y + size.y * z)]` (the order of NRRD, NIfTI and DICOM files).
/// - `spacing` is in mm per voxel along x, y, z (z is 1 for 2D images).
/// - `origin` is the physical position (mm) of voxel (0, 0, 0).
/// - `direction` is the 3x3 direction-cosine matrix, row-major; column j is the unit
///   vector of index axis j in LPS space.
/// - Label masks are `ImageVolume`s too: the voxel value is the integer label.
public struct ImageVolume: Sendable, Equatable {
    /// Number of voxels along x, y, z.
    public var size: (x: Int, y: Int, z: Int) {
        get { (sizeXYZ[0], sizeXYZ[1], sizeXYZ[2]) }
        set { sizeXYZ = [newValue.x, newValue.y, newValue.z] }
    }
    /// Number of voxels along x, y, z, as an array of three.
    public private(set) var sizeXYZ: [Int]
    /// 2 for a planar image, 3 for a volume (a 3D file with one slice stays 3).
    public var dimension: Int
    /// Voxel spacing in mm along x, y, z.
    public var spacing: [Double]
    /// Physical position (mm, LPS) of voxel (0, 0, 0).
    public var origin: [Double]
    /// Row-major 3x3 direction cosines.
    public var direction: [Double]
    /// Voxel values, x fastest.
    public var voxels: [Double]
    /// For voxels stored as integers in the file (NRRD, NIfTI without scaling, PNG, DICOM without
    /// rescaling), the range of that integer type; nil for floating-point data. Resampling keeps the
    /// pixel type as SimpleITK does: interpolated values are clamped to this range and truncated
    /// toward zero. Not part of `==`.
    public var integerRange: ClosedRange<Double>? = nil
    /// Whether the file stated where the image lies (NRRD, NIfTI, DICOM): false for formats that
    /// store no geometry (PNG), whose spacing 1, origin 0 and identity direction are defaults,
    /// not facts. Such a mask cannot be placed on a larger image by its origin. Not part of `==`.
    public var geometryStored = true

    /// Creates an image; `voxels.count` must equal the product of the sizes.
    public init(
        size: (x: Int, y: Int, z: Int), dimension: Int? = nil, spacing: [Double] = [1, 1, 1],
        origin: [Double] = [0, 0, 0], direction: [Double] = [1, 0, 0, 0, 1, 0, 0, 0, 1],
        voxels: [Double]
    ) throws {
        guard size.x > 0, size.y > 0, size.z > 0, voxels.count == size.x * size.y * size.z else {
            throw ImagingError.invalidGeometry(
                "size \(size.x)x\(size.y)x\(size.z) does not match \(voxels.count) voxels")
        }
        guard spacing.count == 3, origin.count == 3, direction.count == 9,
              spacing.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw ImagingError.invalidGeometry(
                "spacing must be 3 positive numbers, origin 3 numbers, direction 9 numbers")
        }
        self.sizeXYZ = [size.x, size.y, size.z]
        self.dimension = dimension ?? (size.z == 1 ? 2 : 3)
        self.spacing = spacing
        self.origin = origin
        self.direction = direction
        self.voxels = voxels
    }

    /// Total number of voxels.
    public var count: Int { voxels.count }

    /// Linear index of voxel (x, y, z).
    @inlinable public func index(_ x: Int, _ y: Int, _ z: Int) -> Int {
        x + sizeXYZ[0] * (y + sizeXYZ[1] * z)
    }

    /// The value at voxel (x, y, z).
    public subscript(x: Int, y: Int, z: Int) -> Double {
        get { voxels[index(x, y, z)] }
        set { voxels[index(x, y, z)] = newValue }
    }

    /// Whether `other` has the same size and, within `tolerance` (relative), the same spacing,
    /// origin and direction (SimpleITK's geometry check for image/mask pairs).
    public func hasSameGeometry(as other: ImageVolume, tolerance: Double = 1e-5) -> Bool {
        guard sizeXYZ == other.sizeXYZ else { return false }
        func close(_ a: [Double], _ b: [Double], scale: Double) -> Bool {
            zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * scale }
        }
        let scale = spacing.max() ?? 1
        return close(spacing, other.spacing, scale: scale) && close(origin, other.origin, scale: scale)
            && close(direction, other.direction, scale: 1)
    }

    public static func == (lhs: ImageVolume, rhs: ImageVolume) -> Bool {
        lhs.sizeXYZ == rhs.sizeXYZ && lhs.dimension == rhs.dimension && lhs.spacing == rhs.spacing
            && lhs.origin == rhs.origin && lhs.direction == rhs.direction && lhs.voxels == rhs.voxels
    }
}

extension ImageVolume {
    /// The integer labels of a mask (voxel values rounded toward zero), same layout as `voxels`.
    public var labels: [Int32] { voxels.map { $0.isFinite ? Int32(max(min($0.rounded(.towardZero), 2e9), -2e9)) : 0 } }

    /// A boolean ROI: true where the rounded voxel value equals `label`.
    public func roi(label: Int) -> [Bool] {
        let target = Double(label)
        return voxels.map { carriesLabel($0, target) }
    }

    /// The distinct nonzero labels present, ascending.
    public var presentLabels: [Int] {
        Set(labels.map { Int($0) }).subtracting([0]).sorted()
    }
}

extension ImageVolume {
    /// This mask placed on `reference`'s grid when it is an axis-aligned sub-grid of it (same
    /// spacing and direction, origin on a voxel of the reference): the usual case of a 3D Slicer
    /// segmentation saved with a cropped extent. Voxels outside this mask's extent become 0.
    /// Returns nil when the grids are not compatible (a different spacing, direction, or an
    /// offset that is not a whole number of voxels, or an extent outside the reference), and when
    /// either file stores no geometry (a smaller PNG mask has no origin that says where it lies).
    /// A mask that stores no geometry (PNG) and has the reference's size takes the reference's
    /// geometry: its default 1 mm spacing contradicts nothing (a PNG mask of a DICOM mammogram).
    public func embedded(in reference: ImageVolume, tolerance: Double = 1e-3) -> ImageVolume? {
        if sizeXYZ == reference.sizeXYZ {
            guard geometryStored else { return withGeometry(of: reference) }
            return hasSameGeometry(as: reference, tolerance: tolerance) ? self : nil
        }
        guard geometryStored && reference.geometryStored else { return nil }
        guard zip(spacing, reference.spacing).allSatisfy({ abs($0 - $1) <= tolerance * max($0, $1) }),
              zip(direction, reference.direction).allSatisfy({ abs($0 - $1) <= tolerance }) else { return nil }
        // Offset in reference voxels: D⁻¹ (o_mask − o_ref) / spacing, with D orthonormal (D⁻¹ = Dᵀ).
        let delta = (0..<3).map { origin[$0] - reference.origin[$0] }
        var offset = [0, 0, 0]
        for axis in 0..<3 {
            var projected = 0.0
            for row in 0..<3 { projected += reference.direction[row * 3 + axis] * delta[row] }
            let steps = projected / reference.spacing[axis]
            guard abs(steps - steps.rounded()) <= 1e-3 else { return nil }
            offset[axis] = Int(steps.rounded())
        }
        for axis in 0..<3 where offset[axis] < 0 || offset[axis] + sizeXYZ[axis] > reference.sizeXYZ[axis] { return nil }
        var out = reference
        out.voxels = [Double](repeating: 0, count: reference.count)
        for z in 0..<sizeXYZ[2] { for y in 0..<sizeXYZ[1] { for x in 0..<sizeXYZ[0] {
            out.voxels[reference.index(x + offset[0], y + offset[1], z + offset[2])] = voxels[index(x, y, z)]
        } } }
        return out
    }
}

extension ImageVolume {
    /// These voxels on `reference`'s grid (same size): its spacing, origin, direction and dimension.
    func withGeometry(of reference: ImageVolume) -> ImageVolume {
        var out = self
        out.dimension = reference.dimension
        out.spacing = reference.spacing
        out.origin = reference.origin
        out.direction = reference.direction
        out.geometryStored = reference.geometryStored
        return out
    }
}

/// Whether a mask value carries `label`: truncation toward zero, as SimpleITK's cast of a mask
/// to an integer type (so 1.0 and 1.7 carry label 1; NaN carries none).
@inline(__always)
func carriesLabel(_ value: Double, _ label: Double) -> Bool {
    if label > 0 { return value >= label && value < label + 1 }
    if label < 0 { return value <= label && value > label - 1 }
    return value > -1 && value < 1
}
