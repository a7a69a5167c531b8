/// A grayscale sample type a PNG decodes into: `UInt8` for 8-bit files, `UInt16` for 16-bit.
public protocol PNGSample: FixedWidthInteger, UnsignedInteger, Sendable {
    /// Bits per sample (8 or 16).
    static var bitDepth: Int { get }
}

extension UInt8: PNGSample {
    public static var bitDepth: Int { 8 }
}

extension UInt16: PNGSample {
    public static var bitDepth: Int { 16 }
}
