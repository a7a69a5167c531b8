/// A PyRadiomics parameter file (`imageType`, `featureClass`, `setting` sections), decodable
/// from YAML (e.g. Yams' `YAMLDecoder`) or JSON without any untyped dictionaries.
///
/// Keys are checked as PyRadiomics' schema checks them: a key it does not define (a typo such
/// as `binWidht`) is an error naming the key, its section and the nearest known key; keys it
/// defines that change no value Sentinel computes (`additionalInfo`, `preCrop`, ...) are
/// accepted, and those that would change values Sentinel does not implement (`removeOutliers`,
/// `gradientUseSpacing`, `resegmentShape`, the LBP options) are errors, never silently ignored.
/// `settings()` validates and applies PyRadiomics' defaults.
/// Image types run in PyRadiomics' canonical order (Original, Wavelet, LoG, Square, SquareRoot,
/// Logarithm, Exponential, Gradient); an image type's own options (sigma, wavelet,
/// start_level, binWidth, ...) apply as settings.
public struct RadiomicsParameterFile: Decodable, Sendable, Equatable {
    /// Per image type options; `{}` or null enables with defaults.
    public struct Options: Decodable, Sendable, Equatable {
        public var binWidth: Double?
        public var binCount: Int?
        public var label: Int?
        public var force2D: Bool?
        public var force2Ddimension: Int?
        public var resampledPixelSpacing: [Double]?
        public var interpolator: InterpolatorName?
        public var padDistance: Int?
        public var normalize: Bool?
        public var normalizeScale: Double?
        public var voxelArrayShift: Double?
        public var resegmentRange: [Double]?
        public var resegmentMode: String?
        public var distances: [Int]?
        public var weightingNorm: String?
        public var symmetricalGLCM: Bool?
        public var gldm_a: Double?
        public var sigma: [Double]?
        public var wavelet: String?
        public var start_level: Int?
        public var level: Int?
        public var minimumROIDimensions: Int?
        public var minimumROISize: Int?

        public init() {}

        enum CodingKeys: String, CodingKey, CaseIterable {
            case binWidth, binCount, label, force2D, force2Ddimension, resampledPixelSpacing
            case interpolator, padDistance, normalize, normalizeScale, voxelArrayShift, resegmentRange
            case resegmentMode, distances, weightingNorm, symmetricalGLCM, gldm_a, sigma
            case wavelet, start_level, level, minimumROIDimensions, minimumROISize
        }

        /// PyRadiomics setting keys that change no value Sentinel computes.
        static let acceptedWithoutEffect: Set<String> = ["additionalInfo", "correctMask", "geometryTolerance", "label_channel", "preCrop"]
        /// PyRadiomics setting keys that would change values in ways Sentinel does not implement.
        static let unsupported: Set<String> = ["removeOutliers", "gradientUseSpacing", "resegmentShape", "lbp2DRadius", "lbp2DSamples",
                                               "lbp2DMethod", "lbp3DLevels", "lbp3DIcosphereRadius", "lbp3DIcosphereSubdivision"]

        public init(from decoder: any Decoder) throws {
            try ParameterKeys.check(decoder, known: Set(CodingKeys.allCases.map(\.rawValue)).union(Self.acceptedWithoutEffect),
                                    unsupported: Self.unsupported)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            binWidth = try c.decodeIfPresent(Double.self, forKey: .binWidth)
            binCount = try c.decodeIfPresent(Int.self, forKey: .binCount)
            label = try c.decodeIfPresent(Int.self, forKey: .label)
            force2D = try c.decodeIfPresent(Bool.self, forKey: .force2D)
            force2Ddimension = try c.decodeIfPresent(Int.self, forKey: .force2Ddimension)
            resampledPixelSpacing = try c.decodeIfPresent([Double].self, forKey: .resampledPixelSpacing)
            interpolator = try c.decodeIfPresent(InterpolatorName.self, forKey: .interpolator)
            padDistance = try c.decodeIfPresent(Int.self, forKey: .padDistance)
            normalize = try c.decodeIfPresent(Bool.self, forKey: .normalize)
            normalizeScale = try c.decodeIfPresent(Double.self, forKey: .normalizeScale)
            voxelArrayShift = try c.decodeIfPresent(Double.self, forKey: .voxelArrayShift)
            resegmentRange = try c.decodeIfPresent([Double].self, forKey: .resegmentRange)
            resegmentMode = try c.decodeIfPresent(String.self, forKey: .resegmentMode)
            distances = try c.decodeIfPresent([Int].self, forKey: .distances)
            weightingNorm = try c.decodeIfPresent(String.self, forKey: .weightingNorm)
            symmetricalGLCM = try c.decodeIfPresent(Bool.self, forKey: .symmetricalGLCM)
            gldm_a = try c.decodeIfPresent(Double.self, forKey: .gldm_a)
            sigma = try c.decodeIfPresent([Double].self, forKey: .sigma)
            wavelet = try c.decodeIfPresent(String.self, forKey: .wavelet)
            start_level = try c.decodeIfPresent(Int.self, forKey: .start_level)
            level = try c.decodeIfPresent(Int.self, forKey: .level)
            minimumROIDimensions = try c.decodeIfPresent(Int.self, forKey: .minimumROIDimensions)
            minimumROISize = try c.decodeIfPresent(Int.self, forKey: .minimumROISize)
        }

        func apply(to s: inout RadiomicsSettings) {
            if let v = binWidth { s.binWidth = v }
            if let v = binCount { s.binCount = v }
            if let v = label { s.label = v }
            if let v = force2D { s.force2D = v }
            if let v = force2Ddimension { s.force2Ddimension = v }
            if let v = resampledPixelSpacing { s.resampledPixelSpacing = v }
            if let v = interpolator { s.interpolator = v.name }
            if let v = padDistance { s.padDistance = v }
            if let v = normalize { s.normalize = v }
            if let v = normalizeScale { s.normalizeScale = v }
            if let v = voxelArrayShift { s.voxelArrayShift = v }
            if let v = resegmentRange { s.resegmentRange = v }
            if let v = resegmentMode { s.resegmentMode = v }
            if let v = distances { s.distances = v }
            if let v = weightingNorm { s.weightingNorm = v }
            if let v = symmetricalGLCM { s.symmetricalGLCM = v }
            if let v = gldm_a { s.gldm_a = v }
            if let v = sigma { s.sigma = v }
            if let v = wavelet { s.wavelet = v }
            if let v = start_level { s.start_level = v }
            if let v = level { s.level = v }
            if let v = minimumROIDimensions { s.minimumROIDimensions = v }
            if let v = minimumROISize { s.minimumROISize = v }
        }
    }

    public var imageType: [String: Options?]?
    public var featureClass: [String: [String]?]?
    public var setting: Options?

    public init(imageType: [String: Options?]? = nil, featureClass: [String: [String]?]? = nil, setting: Options? = nil) {
        self.imageType = imageType; self.featureClass = featureClass; self.setting = setting
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case imageType, featureClass, setting
    }

    public init(from decoder: any Decoder) throws {
        // `voxelSetting` configures PyRadiomics' voxel-based extraction, which Sentinel does not do.
        try ParameterKeys.check(decoder, known: Set(CodingKeys.allCases.map(\.rawValue)).union(["voxelSetting"]), unsupported: [])
        let c = try decoder.container(keyedBy: CodingKeys.self)
        imageType = try c.decodeIfPresent([String: Options?].self, forKey: .imageType)
        featureClass = try c.decodeIfPresent([String: [String]?].self, forKey: .featureClass)
        setting = try c.decodeIfPresent(Options.self, forKey: .setting)
    }

    /// The canonical image type order.
    public static let imageTypeOrder = ["Original", "Wavelet", "LoG", "Square", "SquareRoot", "Logarithm", "Exponential", "Gradient"]
    /// Known feature classes.
    public static let featureClasses = ["firstorder", "glcm", "gldm", "glrlm", "glszm", "ngtdm", "shape", "shape2D"]

    /// The settings this file describes (PyRadiomics defaults for everything absent).
    /// - Throws: `ImagingError.invalidSetting` naming an unknown image type or feature class.
    public func settings() throws -> RadiomicsSettings {
        var s = RadiomicsSettings()
        setting?.apply(to: &s)
        if let types = imageType {
            for name in types.keys where !Self.imageTypeOrder.contains(name) {
                throw ImagingError.invalidSetting("unknown image type '\(name)' (known: \(Self.imageTypeOrder.joined(separator: ", ")))")
            }
            s.imageTypes = Self.imageTypeOrder.filter { types.keys.contains($0) }
            for name in s.imageTypes { if let options = types[name] ?? nil { options.apply(to: &s) } }
        }
        if let classes = featureClass {
            var enabled: [String: [String]?] = [:]
            for (name, list) in classes {
                guard Self.featureClasses.contains(name) else {
                    throw ImagingError.invalidSetting("unknown feature class '\(name)' (known: \(Self.featureClasses.joined(separator: ", ")))")
                }
                enabled[name] = (list?.isEmpty ?? true) ? .some(nil) : .some(list)
            }
            s.featureClasses = enabled
        }
        return s
    }
}
