import ArgumentParser
import Foundation
import SentinelRender
import SentinelStudy

/// `sentinel bench-png FILE.png`: PNG encoding time and size per engine (hidden).
struct BenchPNGCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-png", abstract: "Time the PNG writer's engines on the pixels of a PNG file.",
        shouldDisplay: false)

    @Argument(help: "A PNG file (e.g. a figure of the demo report).")
    var file: String

    @Option(name: .long, help: "Encodes per engine.")
    var repeats: Int = 5

    @Option(name: .long, help: "fast, libpng or both.")
    var engine: String = "both"

    func run() throws {
        let engines: [Bool]
        switch engine {
        case "fast": engines = [true]
        case "libpng": engines = [false]
        case "both": engines = [false, true]
        default: throw ValidationError("--engine must be fast, libpng or both")
        }
        try CommandRunner.run {
            guard let data = FileManager.default.contents(atPath: file) else { throw DataError.fileNotFound(file: file) }
            let benchmark = try PNGEncodingBenchmark(png: data)
            for line in try benchmark.run(repeats: repeats, engines: engines) { print(line) }
        }
    }
}
