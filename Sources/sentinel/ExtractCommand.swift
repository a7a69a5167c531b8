import ArgumentParser
import Foundation
import SentinelImaging
import Yams

/// `sentinel extract`: PyRadiomics-compatible radiomics features from a manifest of ROIs
/// (`sentinel extract MANIFEST --out FEATURES.csv ...`, the default `run` subcommand), and
/// `sentinel extract merge` to join shard outputs.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Extract radiomics features for every ROI of a manifest, or merge shard outputs.",
        subcommands: [Run.self, Merge.self],
        defaultSubcommand: Run.self
    )
}

extension Extract {
    /// `sentinel extract [run] MANIFEST --out FEATURES.csv [--params P] [--jobs N] [--shard I/N]`.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Extract radiomics features for every ROI of a manifest (id,view,image,mask[,label]).",
            discussion: "Exit code 65 if any ROI failed; the failures are listed on stderr and in FEATURES.failures.csv."
        )

        @Argument(help: "Manifest CSV with columns id, view, image, mask and optional label.")
        var manifest: String

        @Option(help: "Output feature table (CSV).")
        var out: String

        @Option(help: "PyRadiomics parameter file (YAML or JSON).")
        var params: String?

        @Option(help: "Parallel ROIs (default: all cores).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(help: "Process shard I of N of the patients (e.g. 3/100), for job arrays.")
        var shard: String?

        func run() throws {
            let settings = try params.map { try Extract.loadSettings($0) } ?? RadiomicsSettings()
            let table = try RadiomicsManifest.load(URL(fileURLWithPath: manifest))
            let part = try shard.map { try Shard(parsing: $0) }
            let result = RadiomicsExtractor(settings: settings).extract(
                manifest: table, jobs: max(1, jobs), shard: part, progress: { Extract.progress($0, $1) })
            try result.csv().write(toFile: out, atomically: true, encoding: .utf8)
            guard result.failures.isEmpty else {
                let failures = (out.hasSuffix(".csv") ? String(out.dropLast(4)) : out) + ".failures.csv"
                try result.failuresCSV().write(toFile: failures, atomically: true, encoding: .utf8)
                for f in result.failures { FileHandle.standardError.write(Data("failed: \(f.id) \(f.view): \(f.reason)\n".utf8)) }
                throw ExitCode(65)
            }
        }
    }

    /// `sentinel extract merge PART... --out FEATURES.csv`: joins shard outputs in the order given.
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Join the feature tables of several shards.")

        @Argument(help: "Shard feature tables, in shard order.")
        var parts: [String]

        @Option(help: "Merged feature table (CSV).")
        var out: String

        func run() throws {
            let tables = try parts.map { try ExtractionResult.parse(String(contentsOfFile: $0, encoding: .utf8)) }
            try ExtractionResult.merge(tables).csv().write(toFile: out, atomically: true, encoding: .utf8)
        }
    }

    /// Reads a PyRadiomics parameter file (YAML, or JSON by extension).
    static func loadSettings(_ path: String) throws -> RadiomicsSettings {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let file = path.lowercased().hasSuffix(".json")
            ? try JSONDecoder().decode(RadiomicsParameterFile.self, from: Data(text.utf8))
            : try YAMLDecoder().decode(RadiomicsParameterFile.self, from: text)
        return try file.settings()
    }

    /// A one-line progress bar on stderr.
    static func progress(_ done: Int, _ total: Int) {
        let width = 30, filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total) ROIs\(done == total ? "\n" : "")".utf8))
    }
}
