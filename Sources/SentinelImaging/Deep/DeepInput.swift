/// One image and its region of interest, the input of deep-feature extraction.
///
/// A plain 2-D intensity array in row-major order (`pixels[row · width + column]`) with a
/// same-sized label mask; the ROI is the pixels whose mask value equals `label` (other
/// values are background). Spacing, origin and direction are not used.
public struct DeepInput: Sendable, Equatable {
    public var pixels: [Float]
    public var width: Int
    public var height: Int
    public var mask: [Int32]
    public var label: Int32

    public init(pixels: [Float], width: Int, height: Int, mask: [Int32], label: Int32 = 1) {
        self.pixels = pixels
        self.width = width
        self.height = height
        self.mask = mask
        self.label = label
    }

    /// Convenience for double intensities and `Int` masks (converted to Float / Int32;
    /// mask values outside Int32 become background).
    public init(pixels: [Double], width: Int, height: Int, mask: [Int], label: Int = 1) {
        self.init(pixels: pixels.map(Float.init), width: width, height: height,
                  mask: mask.map { Int32(clamping: $0) == $0 ? Int32($0) : Int32.min },
                  label: Int32(clamping: label))
    }

    /// Checks that the arrays match `width × height`.
    func validate() throws {
        guard width > 0, height > 0 else {
            throw DeepError.invalidInput("image size \(width)x\(height) must be positive")
        }
        guard pixels.count == width * height else {
            throw DeepError.invalidInput("\(pixels.count) pixels do not fill a \(width)x\(height) image")
        }
        guard mask.count == width * height else {
            throw DeepError.invalidInput("\(mask.count) mask values do not fill a \(width)x\(height) image")
        }
    }
}
