import Foundation

/// Computes PyRadiomics features of one (already filtered) image over one ROI.
public enum RadiomicsFeatures {
    /// The intensity feature classes (not shape) in output order.
    public static let textureClasses = ["firstorder", "glcm", "gldm", "glrlm", "glszm", "ngtdm"]

    /// Features of the classes enabled in `settings` (except shape), keyed `<class>_<feature>`.
    /// - Parameters:
    ///   - roi: the ROI (cropped image values and mask).
    /// - Throws: `ImagingError.invalidSetting` when the ROI's values need too many bins (see `Discretization`).
    public static func intensityFeatures(_ roi: RegionOfInterest, settings: RadiomicsSettings) throws -> [String: Double] {
        let values = roi.maskedValues
        let discretization = try Discretization(values: values, binWidth: settings.binWidth, binCount: settings.binCount)
        let gray = discretization.discretize(roi)
        var out: [String: Double] = [:]
        func add(_ cls: String, _ features: [String: Double]) {
            guard let entry = settings.featureClasses[cls] else { return }
            for (name, v) in features where entry == nil || entry!.contains(name) { out["\(cls)_\(name)"] = v }
        }
        if settings.featureClasses["firstorder"] != nil {
            var bins: [Int32] = []; bins.reserveCapacity(values.count)
            for i in gray.indices where roi.inMask[i] { bins.append(gray[i]) }
            let volume = roi.spacing[0] * roi.spacing[1] * (roi.dimension == 3 ? roi.spacing[2] : 1)
            add("firstorder", FirstOrderFeatures.compute(values: values, bins: bins, voxelVolume: volume,
                                                         shift: settings.voxelArrayShift))
        }
        let needsTexture = ["glcm", "glrlm", "glszm", "gldm", "ngtdm"].contains { settings.featureClasses[$0] != nil }
        guard needsTexture else { return out }
        let t = TextureInput(roi: roi, gray: gray, distances: settings.distances, force2D: settings.force2D,
                             force2Ddimension: settings.force2Ddimension)
        if settings.featureClasses["glcm"] != nil {
            add("glcm", GLCMFeatures.compute(t, symmetric: settings.symmetricalGLCM, weightingNorm: settings.weightingNorm))
        }
        if settings.featureClasses["glrlm"] != nil { add("glrlm", GLRLMFeatures.compute(t, weightingNorm: settings.weightingNorm)) }
        if settings.featureClasses["glszm"] != nil { add("glszm", GLSZMFeatures.compute(t)) }
        if settings.featureClasses["gldm"] != nil { add("gldm", GLDMFeatures.compute(t, alpha: settings.gldm_a)) }
        if settings.featureClasses["ngtdm"] != nil { add("ngtdm", NGTDMFeatures.compute(t)) }
        return out
    }

    /// 3D shape features keyed `shape_<feature>` (see `Shape3DFeatures`), honouring the settings'
    /// feature list for `shape`; the deprecated Compactness1, Compactness2 and SphericalDisproportion
    /// only when the list names them (as PyRadiomics does).
    public static func shape3DFeatures(_ roi: RegionOfInterest, settings: RadiomicsSettings) -> [String: Double] {
        guard let entry = settings.featureClasses["shape"] else { return [:] }
        var out: [String: Double] = [:]
        for (k, v) in Shape3DFeatures.compute(roi)
        where entry?.contains(k) ?? !Shape3DFeatures.deprecated.contains(k) { out["shape_\(k)"] = v }
        return out
    }

    /// 2D shape features keyed `shape2D_<feature>` for a 2D ROI (or a single-slice ROI with force2D).
    public static func shape2DFeatures(_ roi: RegionOfInterest) throws -> [String: Double] {
        guard roi.nz == 1 else {
            throw ImagingError.invalidSetting("shape2D needs a 2D image or a single-slice ROI with force2D; use 'shape' for 3D")
        }
        var out: [String: Double] = [:]
        for (k, v) in Shape2DFeatures.compute(inMask: roi.inMask, nx: roi.nx, ny: roi.ny, sx: roi.spacing[0], sy: roi.spacing[1]) {
            out["shape2D_\(k)"] = v
        }
        return out
    }
}
