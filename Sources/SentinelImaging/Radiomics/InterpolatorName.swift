/// The `interpolator` setting of a PyRadiomics parameter file, written either as SimpleITK's
/// name (`sitkBSpline`) or as its enumeration value (`3`), both of which PyRadiomics accepts.
///
/// Values follow SimpleITK's `InterpolatorEnum`: 1 `sitkNearestNeighbor`, 2 `sitkLinear`,
/// 3 `sitkBSpline`; other numbers map to SimpleITK's names too (so the extractor can refuse
/// them by name) or, when unknown, to `"interpolator <n>"`.
public struct InterpolatorName: Decodable, Sendable, Equatable {
    /// The SimpleITK name, e.g. `sitkLinear`.
    public var name: String

    public init(_ name: String) { self.name = name }

    private static let simpleITKNames = [
        1: "sitkNearestNeighbor", 2: "sitkLinear", 3: "sitkBSpline", 4: "sitkGaussian",
        5: "sitkLabelGaussian", 6: "sitkHammingWindowedSinc", 7: "sitkCosineWindowedSinc",
        8: "sitkWelchWindowedSinc", 9: "sitkLanczosWindowedSinc", 10: "sitkBlackmanWindowedSinc",
    ]

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            name = Self.simpleITKNames[number] ?? "interpolator \(number)"
        } else {
            name = try container.decode(String.self)
        }
    }
}
