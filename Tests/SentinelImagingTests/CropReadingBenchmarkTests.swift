import Foundation
import SentinelImaging
import SentinelTestSupport
import XCTest

/// `CropReadingBenchmark` (the `make bench` timing of reading ROI crops alone): it reads every
/// ROI of the manifest and reports the first failing ROI's error instead of a rate.
final class CropReadingBenchmarkTests: XCTestCase {
    private var folder: URL { Fixtures.url("png/roi16.png").deletingLastPathComponent() }

    func testReadsEveryROIAndReportsAPositiveRate() throws {
        let rows = [RadiomicsManifest.Row(id: "P0", view: "CC", image: "roi16.png", mask: "roi_mask.png", label: 1),
                    RadiomicsManifest.Row(id: "P0", view: "MLO", image: "roi16_interlaced.png", mask: "roi_mask.png", label: 2)]
        let rate = try CropReadingBenchmark(manifest: RadiomicsManifest(folder: folder, rows: rows), jobs: 2, repetitions: 1).run()
        XCTAssertTrue(rate.isFinite && rate > 0, "\(rate)")
    }

    func testTheFirstFailingROIsErrorIsThrown() {
        let rows = [RadiomicsManifest.Row(id: "P0", view: "CC", image: "roi16.png", mask: "roi_mask.png", label: 1),
                    RadiomicsManifest.Row(id: "P1", view: "CC", image: "roi16.png", mask: "roi_mask.png", label: 3),
                    RadiomicsManifest.Row(id: "P2", view: "CC", image: "roi16.png", mask: "roi_mask.png", label: 4)]
        for jobs in [1, 3] {
            XCTAssertThrowsError(try CropReadingBenchmark(manifest: RadiomicsManifest(folder: folder, rows: rows), jobs: jobs,
                                                          repetitions: 1).run()) {
                XCTAssertEqual($0 as? ImagingError, .labelAbsent(label: 3, present: [1, 2]), "jobs \(jobs)")
            }
        }
    }
}
