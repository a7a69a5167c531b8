/// PyRadiomics extraction settings (the `setting:`, `imageType:` and `featureClass:` sections of
/// a parameter file), with PyRadiomics' defaults. Plain data: decoding from YAML lives with the
/// caller that has a YAML parser (`RadiomicsSettings` is `Codable` with PyRadiomics' key names).
public struct RadiomicsSettings: Sendable, Codable, Equatable {
    /// Fixed bin width (default 25), used when `binCount` is nil.
    public var binWidth: Double = 25
    /// Fixed bin count; overrides `binWidth` when set.
    public var binCount: Int? = nil
    /// Mask label of the ROI (default 1); a manifest row's `label` overrides it.
    public var label: Int = 1
    /// Texture in-plane only (PyRadiomics force2D), excluding axis `force2Ddimension` (0 = z).
    public var force2D: Bool = false
    public var force2Ddimension: Int = 0
    /// Neighbour distances (Chebyshev) for GLCM, GLDM and NGTDM (default [1]).
    public var distances: [Int] = [1]
    /// Symmetric GLCM (default true).
    public var symmetricalGLCM: Bool = true
    /// Merge angles with weights: "manhattan", "euclidean", "infinity", "no_weighting"; nil averages.
    public var weightingNorm: String? = nil
    /// GLDM dependence threshold α (default 0).
    public var gldm_a: Double = 0
    /// Added to values for Energy, TotalEnergy and RootMeanSquared (default 0).
    public var voxelArrayShift: Double = 0
    /// Z-score normalise the whole image before extraction, then multiply by `normalizeScale`.
    public var normalize: Bool = false
    public var normalizeScale: Double = 1
    /// Keep only ROI voxels in [lo, hi] (either bound may be ±infinity).
    public var resegmentRange: [Double]? = nil
    /// How `resegmentRange` is read: "absolute" (default), "relative" (× ROI max), "sigma" (mean ± k·sd).
    public var resegmentMode: String = "absolute"
    /// LoG sigmas in mm.
    public var sigma: [Double] = []
    /// Wavelet family (only "coif1" is supported), start level (default 0 = level 1) and number of
    /// levels from there (default 1; level 2 adds `wavelet2-<band>` images, and so on).
    public var wavelet: String = "coif1"
    public var start_level: Int = 0
    public var level: Int = 1
    /// Minimum ROI size in voxels (nil: no check) and dimensions (default 2, i.e. 2D at least... PyRadiomics' minimumROIDimensions).
    public var minimumROISize: Int? = nil
    public var minimumROIDimensions: Int = 2
    /// Resample image and mask to this spacing (mm per axis, 0 keeps an axis) before extraction,
    /// over the ROI's bounding box grown by `padDistance` voxels of the new grid (see `ImageResampler`).
    public var resampledPixelSpacing: [Double]? = nil
    /// Image interpolator for resampling: "sitkNearestNeighbor", "sitkLinear" or "sitkBSpline"
    /// (cubic B-spline, PyRadiomics' default). The mask always uses nearest neighbour.
    public var interpolator: String = "sitkBSpline"
    /// Margin (voxels of the resampled grid) kept around the ROI when resampling (default 5).
    public var padDistance: Int = 5
    /// Enabled image types, in output order: "Original", "Wavelet", "LoG", "Square",
    /// "SquareRoot", "Logarithm", "Exponential", "Gradient".
    public var imageTypes: [String] = ["Original"]
    /// Enabled feature classes with optional feature lists (nil list = all non-deprecated).
    /// Default: all classes (shape2D for 2D ROIs, shape for 3D).
    public var featureClasses: [String: [String]?] = RadiomicsSettings.allClasses

    public static let allClasses: [String: [String]?] = [
        "firstorder": nil, "glcm": nil, "glrlm": nil, "glszm": nil, "gldm": nil, "ngtdm": nil, "shape": nil, "shape2D": nil,
    ]

    public init() {}
}
