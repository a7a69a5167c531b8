import Foundation
import SentinelNumerics

/// Writes a set of output files atomically: everything goes into a hidden temporary folder
/// beside the destination, which is renamed into place only when complete. A failure
/// leaves no half-written outputs; an existing destination is replaced only with `force`.
///
/// The destination must not be (or contain) any input file or folder: `init` refuses that,
/// so an input is never overwritten. Nor does `force` replace a folder that is not Sentinel's:
/// only an empty folder or one holding a Sentinel output (`sentinelMarkers`) is replaced, so
/// `--out ~/Documents --force` cannot delete a user's files. An interrupted process (Ctrl-C)
/// removes its staging folder too (`StagingCleanup`).
public final class OutputFolder {
    /// The files one of Sentinel's output folders always holds (run, evaluate and demo write
    /// `results.json`, validate `packet.json`, audit `audit.json`, site `summary.json`).
    public static let sentinelMarkers = ["results.json", "packet.json", "audit.json", "summary.json"]

    public let destination: URL
    public let staging: URL
    private let force: Bool
    private var committed = false

    /// Prepares a staging folder for `destination`.
    /// - Throws: `OutputError.exists` when `destination` exists and `force` is false;
    ///   `OutputError.notSentinelOutput` when it holds files but no Sentinel output;
    ///   `OutputError.cannotCreate` when the parent folder is not writable.
    public init(destination: URL, force: Bool, inputs: [URL] = []) throws {
        let fm = FileManager.default
        self.destination = destination.standardizedFileURL
        self.force = force
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: self.destination.path, isDirectory: &isDir) {
            guard force else { throw OutputError.exists(path: self.destination.path) }
            guard isDir.boolValue else { throw OutputError.notAFolder(path: self.destination.path) }
        }
        // An input folder (`sentinel site` reads folders) equal to the destination counts too;
        // symlinks are resolved so another spelling of the same path is caught.
        func resolved(_ url: URL) -> String { url.standardizedFileURL.resolvingSymlinksInPath().path }
        let destPath = resolved(self.destination)
        for input in inputs {
            let inputPath = resolved(input)
            if inputPath == destPath || inputPath.hasPrefix(destPath + "/") {
                throw OutputError.wouldOverwriteInput(path: input.path, folder: self.destination.path)
            }
        }
        if isDir.boolValue && !Self.isReplaceable(self.destination) {
            throw OutputError.notSentinelOutput(path: self.destination.path)
        }
        let parent = self.destination.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError.cannotCreate(path: parent.path, reason: error.localizedDescription)
        }
        let name = ".\(self.destination.lastPathComponent).partial-\(getpid())"
        self.staging = parent.appendingPathComponent(name)
        try? fm.removeItem(at: staging)
        // Registered before it exists, so no interruption finds it unregistered.
        StagingCleanup.shared.register(staging)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            // The user's --out, not the hidden staging name they never typed.
            StagingCleanup.shared.withdraw(staging)
            throw OutputError.cannotCreate(path: self.destination.path, reason: error.localizedDescription)
        }
    }

    /// Whether `folder` is empty (hidden files aside) or holds one of `sentinelMarkers`.
    static func isReplaceable(_ folder: URL) -> Bool {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return false }
        return names.allSatisfy { $0.hasPrefix(".") } || names.contains { sentinelMarkers.contains($0) }
    }

    deinit {
        StagingCleanup.shared.withdraw(staging)
        if !committed { try? FileManager.default.removeItem(at: staging) }
    }

    /// URL of `relativePath` inside the staging folder, creating intermediate folders.
    public func url(_ relativePath: String) throws -> URL {
        let url = staging.appendingPathComponent(relativePath)
        let dir = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw OutputError.cannotCreate(path: dir.path, reason: error.localizedDescription)
        }
        return url
    }

    /// Writes `data` to `relativePath` in the staging folder.
    public func write(_ data: Data, to relativePath: String) throws {
        let target = try url(relativePath)
        do {
            try FileOutput.write(data, to: target)
        } catch {
            throw OutputError.cannotCreate(path: target.path, reason: error.localizedDescription)
        }
    }

    /// Writes UTF-8 `text` to `relativePath` in the staging folder (from the string's own
    /// storage: a multi-megabyte report is not copied first).
    public func write(_ text: String, to relativePath: String) throws {
        var text = text
        try text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return try write(Data(), to: relativePath) }
            try write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none),
                      to: relativePath)
        }
    }

    /// Moves the completed staging folder into place (replacing the old one under `force`).
    public func commit() throws {
        // From here the staging folder is the output: an interruption must not remove it.
        StagingCleanup.shared.withdraw(staging)
        let fm = FileManager.default
        do {
            if fm.fileExists(atPath: destination.path) {
                let trash = destination.deletingLastPathComponent()
                    .appendingPathComponent(".\(destination.lastPathComponent).old-\(getpid())")
                try? fm.removeItem(at: trash)
                try fm.moveItem(at: destination, to: trash)
                try fm.moveItem(at: staging, to: destination)
                try? fm.removeItem(at: trash)
            } else {
                try fm.moveItem(at: staging, to: destination)
            }
            committed = true
        } catch {
            throw OutputError.cannotCreate(path: destination.path, reason: error.localizedDescription)
        }
    }
}

/// Problems with an output location (sysexits 73, CANTCREAT).
public enum OutputError: Error, CustomStringConvertible, Sendable {
    case exists(path: String)
    case notAFolder(path: String)
    case wouldOverwriteInput(path: String, folder: String)
    case notSentinelOutput(path: String)
    case cannotCreate(path: String, reason: String)

    public var description: String {
        switch self {
        case .exists(let path):
            return "output folder \(path) already exists; pass --force to replace it, or choose another --out."
        case .notAFolder(let path):
            return "\(path) exists and is not a folder; choose another --out."
        case .wouldOverwriteInput(let path, let folder):
            return "input \(path) lies inside the output folder \(folder), which would be replaced; choose another --out."
        case .notSentinelOutput(let path):
            return "output folder \(path) holds files but no Sentinel output (\(OutputFolder.sentinelMarkers.joined(separator: ", "))); --force replaces only Sentinel's own output folders: choose another --out."
        case .cannotCreate(let path, let reason):
            // Foundation's reasons end with a full stop of their own ("The file doesn’t exist.").
            let sentence = reason.hasSuffix(".") ? String(reason.dropLast()) : reason
            return "cannot create \(path): \(sentence). Check the path and its permissions."
        }
    }
}
