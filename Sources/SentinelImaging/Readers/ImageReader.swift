import Foundation

/// Reads images and label masks from disk, dispatching on the file name's extension.
///
/// Supported: NRRD (`.nrrd`, `.seg.nrrd`, detached `.nhdr` with one data file; raw or gzip; 2D or 3D),
/// NIfTI-1 (`.nii`, `.nii.gz`), 8/16-bit grayscale PNG (`.png`), and uncompressed DICOM
/// (`.dcm`, `.dicom`, or no extension: implicit/explicit VR little endian).
/// Geometry follows ITK conventions (LPS space), so values match what SimpleITK (and hence
/// PyRadiomics) reads from the same file.
public enum ImageReader {
    /// Reads the image at `url`.
    public static func read(_ url: URL) throws -> ImageVolume {
        let name = url.lastPathComponent.lowercased()
        let path = url.path
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ImagingError.unreadable(path: path, reason: "no such readable file")
        }
        if name.hasSuffix(".nrrd") || name.hasSuffix(".nhdr") { return try NRRDReader.read(url) }
        if name.hasSuffix(".nii") || name.hasSuffix(".nii.gz") { return try NIfTIReader.read(url) }
        if name.hasSuffix(".png") { return try PNGReader.read(url) }
        if name.hasSuffix(".dcm") || name.hasSuffix(".dicom") || !name.contains(".") {
            return try DICOMReader.read(url)
        }
        throw ImagingError.unsupportedFormat(path: path)
    }

    /// Loads the whole file, wrapping I/O errors.
    static func load(_ url: URL) throws -> Data {
        do { return try Data(contentsOf: url) } catch {
            throw ImagingError.unreadable(path: url.path, reason: error.localizedDescription)
        }
    }
}
