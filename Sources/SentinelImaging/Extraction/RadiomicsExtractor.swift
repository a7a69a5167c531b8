import Foundation

/// PyRadiomics-compatible feature extraction for one image/mask pair (see
/// `RadiomicsExtractor+Manifest` for whole cohorts).
///
/// Feature names are `<imagetype>_<class>_<feature>` as PyRadiomics writes them, e.g.
/// `original_glcm_Contrast`, `wavelet-LH_glszm_ZoneEntropy`, `square_firstorder_Mean`; order:
/// image types as listed in the settings, shape first, then classes and features alphabetically.
public struct RadiomicsExtractor: Sendable {
    public var settings: RadiomicsSettings

    public init(settings: RadiomicsSettings = RadiomicsSettings()) { self.settings = settings }

    /// Image types this extractor supports (PyRadiomics names).
    public static let supportedImageTypes = ["Original", "Wavelet", "LoG", "Square", "SquareRoot", "Logarithm", "Exponential", "Gradient"]

    /// Extracts every enabled feature of the ROI `mask == label` (default: `settings.label`).
    /// - Throws: `ImagingError` for geometry mismatch, absent label, ROI too small, unsupported settings.
    public func extract(image: ImageVolume, mask: ImageVolume, label: Int? = nil) throws -> [(name: String, value: Double)] {
        let label = label ?? settings.label
        try validate()
        // A mask on a cropped sub-grid of the image (3D Slicer segmentations) is placed on the image grid.
        guard let embeddedMask = mask.embedded(in: image) else {
            if image.sizeXYZ != mask.sizeXYZ {
                let sizes = "image is \(image.sizeXYZ.map(String.init).joined(separator: "x")), mask is \(mask.sizeXYZ.map(String.init).joined(separator: "x"))"
                guard image.geometryStored && mask.geometryStored else {
                    throw ImagingError.geometryMismatch(sizes + " (a PNG stores no origin, so its mask must have the image's size)")
                }
                throw ImagingError.geometryMismatch(sizes + " and not a sub-grid of it")
            }
            throw ImagingError.geometryMismatch("spacing/origin/direction differ (image spacing \(image.spacing), mask spacing \(mask.spacing))")
        }
        var image = image, mask = embeddedMask
        if settings.normalize { image = Self.normalized(image, scale: settings.normalizeScale) }
        if let spacing = settings.resampledPixelSpacing {
            (image, mask) = try ImageResampler.resample(image: image, mask: mask, label: label, spacing: spacing,
                                                        interpolator: settings.interpolator, padDistance: settings.padDistance)
        }
        let shapeROI = try RegionOfInterest(image: image, mask: mask, label: label)
        try checkSize(shapeROI)
        if let bad = shapeROI.maskedValues.first(where: { !$0.isFinite }) {
            throw ImagingError.invalidSetting("the ROI holds a non-finite value (\(bad)); clean the image or shrink the mask")
        }
        let roi = try resegmented(shapeROI)
        let box = (lo: roi.lowerCorner, hi: roi.upperCorner)
        var out: [(String, Double)] = []
        for type in settings.imageTypes {
            for (name, values) in try filtered(image, type: type, box: box) {
                let filteredROI = RegionOfInterest(replacingValuesOf: roi, with: values)
                var features = try RadiomicsFeatures.intensityFeatures(filteredROI, settings: settings)
                if type == "Original" {
                    // PyRadiomics: shape2D for 2D images (or force2D with a single-slice ROI), shape for 3D.
                    let planar = image.dimension == 2 || (settings.force2D && settings.force2Ddimension == 0 && shapeROI.nz == 1)
                    if settings.featureClasses["shape2D"] != nil, planar {
                        for (k, v) in try RadiomicsFeatures.shape2DFeatures(shapeROI) {
                            if let list = settings.featureClasses["shape2D"] ?? nil, !list.contains(String(k.dropFirst(8))) { continue }
                            features[k] = v
                        }
                    }
                    if image.dimension == 3 {
                        for (k, v) in RadiomicsFeatures.shape3DFeatures(shapeROI, settings: settings) { features[k] = v }
                    }
                }
                let ordered = features.sorted { Self.orderKey($0.key) < Self.orderKey($1.key) }
                out += ordered.map { ("\(name)_\($0.key)", $0.value) }
            }
        }
        return out
    }

    private static func orderKey(_ key: String) -> String { key.hasPrefix("shape") ? "0" + key : "1" + key }

    /// Checks the settings that do not depend on an image (image types, wavelet, bins,
    /// distances, interpolator): a command checks them once before any ROI.
    /// - Throws: `ImagingError.invalidSetting` naming the setting.
    public func validate() throws {
        if settings.resampledPixelSpacing != nil && ImageResampler.Interpolator(rawValue: settings.interpolator) == nil {
            throw ImagingError.invalidSetting("interpolator '\(settings.interpolator)' is not supported; use sitkBSpline, sitkLinear or sitkNearestNeighbor")
        }
        for type in settings.imageTypes where !Self.supportedImageTypes.contains(type) {
            throw ImagingError.invalidSetting("image type '\(type)' is not supported (supported: \(Self.supportedImageTypes.joined(separator: ", ")))")
        }
        if settings.imageTypes.contains("Wavelet") && settings.wavelet != "coif1" {
            throw ImagingError.invalidSetting("wavelet '\(settings.wavelet)' is not supported; use coif1")
        }
        if settings.imageTypes.contains("Wavelet") && (settings.level < 1 || settings.start_level < 0) {
            throw ImagingError.invalidSetting("wavelet level must be at least 1 and start_level at least 0 (got level \(settings.level), start_level \(settings.start_level))")
        }
        if settings.binCount == nil && !(settings.binWidth > 0) {
            throw ImagingError.invalidSetting("binWidth must be positive")
        }
        if let n = settings.binCount, n < 1 { throw ImagingError.invalidSetting("binCount must be at least 1") }
        // As for the manifest's label column: 0 is the background, not a region.
        if settings.label < 1 {
            throw ImagingError.invalidSetting("label \(settings.label) is not a region (0 is the background); label is the mask value of the ROI, e.g. 1")
        }
        if settings.distances.isEmpty || settings.distances.contains(where: { $0 < 1 }) {
            throw ImagingError.invalidSetting("distances must be positive integers")
        }
    }

    private func checkSize(_ roi: RegionOfInterest) throws {
        let dims = [roi.nx, roi.ny, roi.nz].filter { $0 > 1 }.count
        if dims == 0 { throw ImagingError.roiTooSmall("the mask holds a single voxel") }
        if dims < settings.minimumROIDimensions {
            throw ImagingError.roiTooSmall("the ROI spans \(dims) dimension(s), minimumROIDimensions is \(settings.minimumROIDimensions)")
        }
        if let min = settings.minimumROISize, roi.voxelCount <= min {
            throw ImagingError.roiTooSmall("\(roi.voxelCount) voxels, minimumROISize is \(min)")
        }
    }

    /// PyRadiomics `resegmentMask`: modes absolute, relative (× ROI max), sigma (mean ± k·sd).
    private func resegmented(_ roi: RegionOfInterest) throws -> RegionOfInterest {
        guard let range = settings.resegmentRange else { return roi }
        guard (1...2).contains(range.count) else { throw ImagingError.invalidSetting("resegmentRange needs 1 or 2 values") }
        let values = roi.maskedValues
        let sorted = range.sorted()
        let thresholds: [Double]
        switch settings.resegmentMode {
        case "absolute": thresholds = sorted
        case "relative": let m = values.max() ?? 0; thresholds = sorted.map { m * $0 }
        case "sigma":
            let mean = values.reduce(0, +) / Double(values.count)
            let sd = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)).squareRoot()
            thresholds = sorted.map { mean + sd * $0 }
        default: throw ImagingError.invalidSetting("resegmentMode '\(settings.resegmentMode)' (use absolute, relative or sigma)")
        }
        var keep = roi.inMask
        for i in keep.indices where keep[i] {
            let v = roi.values[i]
            if v < thresholds[0] || (thresholds.count == 2 && v > thresholds[1]) { keep[i] = false }
        }
        let kept = keep.filter { $0 }.count
        guard kept > 1 else { throw ImagingError.roiTooSmall("resegmentation kept \(kept) voxel(s)") }
        // PyRadiomics re-crops to the resegmented mask's bounding box.
        return RegionOfInterest(replacingMaskOf: roi, with: keep).croppedToMask()
    }

    /// The image of `type` over `box`, one entry per derived image (name, values x-fastest).
    private func filtered(_ image: ImageVolume, type: String, box: (lo: [Int], hi: [Int])) throws -> [(String, [Double])] {
        func crop(_ f: (Double) -> Double) -> [Double] {
            var out: [Double] = []
            for z in box.lo[2]...box.hi[2] { for y in box.lo[1]...box.hi[1] {
                let row = image.index(0, y, z)
                for x in box.lo[0]...box.hi[0] { out.append(f(image.voxels[row + x])) }
            } }
            return out
        }
        func crop(of other: ImageVolume) -> [Double] {
            var out: [Double] = []
            for z in box.lo[2]...box.hi[2] { for y in box.lo[1]...box.hi[1] {
                let row = other.index(0, y, z)
                for x in box.lo[0]...box.hi[0] { out.append(other.voxels[row + x]) }
            } }
            return out
        }
        var maxAbs: Double { image.voxels.reduce(0) { max($0, abs($1)) } }
        switch type {
        case "Original": return [("original", crop { $0 })]
        case "Square": let m = maxAbs; return [("square", crop { ImageFilters.square($0, maxAbs: m) })]
        case "SquareRoot": let m = maxAbs; return [("squareroot", crop { ImageFilters.squareRoot($0, maxAbs: m) })]
        case "Logarithm": let m = maxAbs; return [("logarithm", crop { ImageFilters.logarithm($0, maxAbs: m) })]
        case "Exponential": let m = maxAbs; return [("exponential", crop { ImageFilters.exponential($0, maxAbs: m) })]
        case "Gradient": return [("gradient", ImageFilters.gradientMagnitude(image, box: box))]
        case "LoG":
            return settings.sigma.compactMap { sigma in
                LaplacianOfGaussian.filter(image, sigma: sigma).map { log in
                    (LaplacianOfGaussian.imageName(sigma: sigma), crop(of: log))
                }
            }
        case "Wavelet":
            // PyRadiomics: the detail sub-bands of levels start_level+1 ... start_level+level, named
            // wavelet-<band> for the first of them and wavelet<k>-<band> for the k-th, then the last
            // level's approximation (wavelet-LLL for one level, wavelet<level>-LLL otherwise).
            let filteredAxes = [true, true, image.dimension == 3 && !(settings.force2D && settings.force2Ddimension == 0)]
            let approx = String(repeating: "L", count: filteredAxes.filter { $0 }.count)
            var out: [(String, [Double])] = []
            var last: [Double] = []
            for k in 1...settings.level {
                let bands = StationaryWavelet.subBands(of: image, box: box, axesFiltered: filteredAxes,
                                                       level: settings.start_level + k)
                let prefix = k == 1 ? "wavelet-" : "wavelet\(k)-"
                out += bands.keys.filter { $0 != approx }.sorted().map { (prefix + $0, bands[$0]!) }
                last = bands[approx]!
            }
            return out + [(settings.level == 1 ? "wavelet-\(approx)" : "wavelet\(settings.level)-\(approx)", last)]
        default:
            throw ImagingError.invalidSetting("image type '\(type)' is not supported")
        }
    }

    /// SimpleITK `Normalize` (mean 0, unbiased sd 1 over the whole image) times `scale`.
    static func normalized(_ image: ImageVolume, scale: Double) -> ImageVolume {
        let n = Double(image.count)
        let mean = image.voxels.reduce(0, +) / n
        let sd = (image.voxels.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)).squareRoot()
        var out = image
        out.integerRange = nil  // SimpleITK's Normalize returns a floating-point image
        for i in out.voxels.indices { out.voxels[i] = (image.voxels[i] - mean) / (sd > 0 ? sd : 1) * scale }
        return out
    }
}
