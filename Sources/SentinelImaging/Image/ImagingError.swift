/// Errors of SentinelImaging: each message names what is wrong and how to fix it.
public enum ImagingError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file could not be read at all.
    case unreadable(path: String, reason: String)
    /// The file extension is not one of the supported formats.
    case unsupportedFormat(path: String)
    /// The file is of a known format but uses a feature we do not support.
    case unsupportedEncoding(path: String, detail: String)
    /// The file's header or data is inconsistent.
    case malformed(path: String, detail: String)
    /// Sizes/spacing/origin are inconsistent.
    case invalidGeometry(String)
    /// Image and mask do not share the same grid.
    case geometryMismatch(String)
    /// The mask holds no voxel of the requested label.
    case labelAbsent(label: Int, present: [Int])
    /// The ROI is too small for the requested features.
    case roiTooSmall(String)
    /// A setting is out of range or unknown.
    case invalidSetting(String)
    /// The manifest is unreadable or malformed.
    case manifest(String)
    /// A manifest path leaves the manifest's folder.
    case pathOutsideManifest(String)
    /// A shard specification is not I/N with 1 ≤ I ≤ N.
    case invalidShard(String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "cannot read image '\(path)': \(reason); check that the file exists and is readable"
        case let .unsupportedFormat(path):
            return "unsupported image format '\(path)': use .nrrd, .seg.nrrd, .nhdr-free NRRD, .nii, .nii.gz, .png or .dcm"
        case let .unsupportedEncoding(path, detail):
            return "unsupported encoding in '\(path)': \(detail)"
        case let .malformed(path, detail):
            return "malformed image '\(path)': \(detail)"
        case let .invalidGeometry(detail):
            return "invalid image geometry: \(detail)"
        case let .geometryMismatch(detail):
            return "image and mask geometry differ: \(detail); resample the mask onto the image grid"
        case let .labelAbsent(label, present) where present.isEmpty:
            // No label to point the manifest at: the mask itself is wrong (an empty export).
            return "label \(label) is absent: the mask is empty (every voxel 0); check that the mask file holds the segmentation"
        case let .labelAbsent(label, present):
            return "label \(label) is absent from the mask (labels present: \(present.isEmpty ? "none" : present.map(String.init).joined(separator: ", "))); set the manifest's label column"
        case let .roiTooSmall(detail):
            return "ROI too small: \(detail)"
        case let .invalidSetting(detail):
            return "invalid radiomics setting: \(detail)"
        case let .manifest(detail):
            return "manifest: \(detail)"
        case let .pathOutsideManifest(path):
            return "path '\(path)' leaves the manifest's folder; keep images and masks inside the folder holding the manifest"
        case let .invalidShard(text):
            return "invalid shard '\(text)': use I/N with 1 ≤ I ≤ N, e.g. 3/100"
        }
    }
}
