import XCTest
@testable import SentinelRender

/// A model keeps one colour and one dash in every figure, and every legend shows that same
/// pair: the ninth model (index 8) has a colour of its own and is dashed, so its legend keys
/// must be dashed too.
final class SeriesStyleTests: XCTestCase {
    private let indices = [0, 7, 8]

    private func expectedKey(_ index: Int) -> (Color, [Double]) {
        (Palette.color(forSeries: index), Palette.dash(forSeries: index))
    }

    func testNinthSeriesIsDashedInThePalette() {
        XCTAssertNotEqual(Palette.color(forSeries: 8), Palette.color(forSeries: 0))
        XCTAssertEqual(Palette.dash(forSeries: 0), [])
        XCTAssertEqual(Palette.dash(forSeries: 8), [6, 3])
        XCTAssertEqual(Palette.colorName(forSeries: 8), "wine dashed")
        XCTAssertEqual(Palette.colorName(forSeries: 20), "leaf green dotted")
    }

    /// Up to 24 series (a 20-model `evaluate` file) get 24 different colours, each far enough
    /// from every other (CIE76 ΔE > 10 in Lab) to be told apart on screen and print; the dash
    /// is a second cue, not the only one.
    func testTwentyFourSeriesHaveDistinctColours() {
        func lab(_ c: Color) -> (Double, Double, Double) {
            func linear(_ v: Double) -> Double { v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4) }
            let r = linear(c.red), g = linear(c.green), b = linear(c.blue)
            let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
            let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
            let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
            func f(_ t: Double) -> Double { t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116 }
            return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
        }
        let colors = (0..<24).map(Palette.color(forSeries:))
        XCTAssertEqual(Set(colors.map(\.hexString)).count, 24)
        XCTAssertEqual(Set((0..<24).map(Palette.colorName(forSeries:))).count, 24)
        for i in colors.indices {
            for j in colors.indices where j > i {
                let a = lab(colors[i]), b = lab(colors[j])
                let distance = ((a.0 - b.0) * (a.0 - b.0) + (a.1 - b.1) * (a.1 - b.1) + (a.2 - b.2) * (a.2 - b.2)).squareRoot()
                XCTAssertGreaterThan(distance, 10, "series \(i) \(colors[i].hexString) and \(j) \(colors[j].hexString)")
            }
        }
        XCTAssertEqual(Palette.color(forSeries: 24), Palette.color(forSeries: 0))
    }

    func testROCLegendKeysCarryColourAndDash() {
        let chart = ROCChart(title: "t", series: indices.map {
            ROCSeries(name: "m\($0)", colorIndex: $0, falsePositiveRate: [0, 0.5, 1], truePositiveRate: [0, 0.7, 1])
        })
        for (entry, index) in zip(chart.legendEntries, indices) {
            let (color, dash) = expectedKey(index)
            XCTAssertEqual(entry.key, .line(color, dash: dash), "ROC legend of series \(index)")
        }
    }

    func testCalibrationLegendKeysCarryColourAndDash() {
        let chart = CalibrationChart(title: "t", series: indices.map {
            CalibrationSeries(name: "m\($0)", colorIndex: $0,
                              bins: [CalibrationBin(meanPredicted: 0.3, observed: 0.3, lower: 0.2, upper: 0.4, count: 10)],
                              smoothedPredicted: [0.1, 0.9], smoothedObserved: [0.1, 0.9])
        })
        for (entry, index) in zip(chart.legendEntries, indices) {
            let (color, dash) = expectedKey(index)
            XCTAssertEqual(entry.key, .lineAndMarker(color, dash: dash), "calibration legend of series \(index)")
        }
    }

    func testDecisionCurveLegendKeysCarryColourAndDash() {
        let chart = DecisionCurveChart(title: "t", thresholds: [0.1, 0.2], models: indices.map {
            DecisionCurveSeries(name: "m\($0)", colorIndex: $0, netBenefit: [0.2, 0.1])
        }, treatAll: [0.2, 0.1])
        for (entry, index) in zip(chart.legendEntries, indices) {
            let (color, dash) = expectedKey(index)
            XCTAssertEqual(entry.key, .line(color, dash: dash), "decision-curve legend of series \(index)")
        }
    }

    /// The reference lines' keys differ from every model's, nine models included: treat-none
    /// is not drawn in black, the eighth model's colour.
    func testDecisionCurveReferenceKeysDifferFromEveryModel() {
        let all = Array(0..<9)
        let chart = DecisionCurveChart(title: "t", thresholds: [0.1, 0.2], models: all.map {
            DecisionCurveSeries(name: "m\($0)", colorIndex: $0, netBenefit: [0.2, 0.1])
        }, treatAll: [0.2, 0.1])
        let modelKeys = Set(chart.legendEntries.prefix(all.count).map(\.key))
        let references = chart.legendEntries.dropFirst(all.count)
        XCTAssertEqual(references.map(\.label), ["Treat all", "Treat none"])
        for entry in references {
            XCTAssertFalse(modelKeys.contains(entry.key), "\(entry.label) looks like a model")
            if case .line(let color, _) = entry.key {
                XCTAssertNotEqual(color, Palette.color(forSeries: 7), "\(entry.label) in the eighth model's colour")
            }
        }
        XCTAssertNotEqual(references.first?.key, references.last?.key)
    }

    /// The forest plot has no legend; its rows are labelled, and the ninth model's interval is
    /// dashed so its colour reads as in the other figures. Checked on the drawn pixels: the
    /// first and ninth rows' whiskers differ only in the dash, so their renders differ.
    func testForestIntervalOfNinthModelIsDashed() throws {
        func plot(_ index: Int) -> ForestPlot {
            ForestPlot(title: "", rows: [ForestRow(label: "m", estimate: 0.7, lower: 0.55, upper: 0.85, colorIndex: index)])
        }
        let first = try RasterImage(png: plot(0).render(format: .png, dpi: 144))
        let ninth = try RasterImage(png: plot(8).render(format: .png, dpi: 144))
        let same = try RasterImage(png: plot(0).render(format: .png, dpi: 144))
        XCTAssertEqual(first.difference(from: same)?.maximum, 0)
        XCTAssertGreaterThan(try XCTUnwrap(first.difference(from: ninth)).fractionDiffering, 0)
    }
}

extension SeriesStyleTests {
    /// The calibration statistics box keys each series by colour, and by its dash when dashed.
    func testCalibrationStatisticsKeysCarryTheDash() throws {
        let series = indices.map {
            CalibrationSeries(name: "m\($0)", colorIndex: $0,
                              bins: [CalibrationBin(meanPredicted: 0.3, observed: 0.3, lower: 0.2, upper: 0.4, count: 10)],
                              statistics: ["Brier 0.1"])
        }
        let box = try StatisticsBox(series: series, style: .standard)
        let keyed = box.lines.filter { $0.key != nil }
        XCTAssertEqual(keyed.map(\.text), ["m0", "m7", "m8"])
        XCTAssertEqual(keyed.compactMap(\.key?.dash), indices.map(Palette.dash(forSeries:)))
    }

    /// A model name wider than the box may be wraps inside it (it used to overflow the panel to
    /// the left, pushing the statistics lines off the figure); the key marks its first line.
    func testCalibrationStatisticsBoxWrapsLongNamesWithinItsWidth() throws {
        let long = "Post-fusion Clinical+Radiomics+DL support vector machine on out-of-fold probabilities, RBF kernel, C tuned"
        let series = [CalibrationSeries(name: long, colorIndex: 2,
                                        bins: [CalibrationBin(meanPredicted: 0.3, observed: 0.3, lower: 0.2, upper: 0.4, count: 10)],
                                        statistics: ["intercept −0.08, slope 1.02", "Brier 0.172, ICI 0.031"])]
        let box = try StatisticsBox(series: series, style: .standard, maxWidth: 150)
        XCTAssertLessThanOrEqual(box.size.width, 150)
        XCTAssertGreaterThan(box.lines.filter(\.bold).count, 2, "the name wraps")
        XCTAssertEqual(box.lines.filter { $0.key != nil }.count, 1)
        XCTAssertEqual(box.lines.filter(\.bold).map(\.text).joined(separator: " "), long)
        XCTAssertEqual(box.lines.filter { !$0.bold }.map(\.text), ["intercept −0.08, slope 1.02", "Brier 0.172, ICI 0.031"])
        // Drawn in a narrow panel, every piece of text stays inside the figure.
        var chart = SampleCharts.calibration
        chart.series[0].name = long
        let size = Size(width: 170, height: 330)
        var log: [(text: String, box: Rect)] = []
        _ = try Renderer.render(format: .png, size: size, dpi: 36) { canvas in
            canvas.textLog = []
            try chart.draw(in: canvas, region: canvas.bounds, style: .standard)
            log = canvas.textLog ?? []
        }
        XCTAssertTrue(log.contains { $0.text.hasPrefix("intercept") || $0.text.hasPrefix("Intercept") })
        for entry in log {
            XCTAssertTrue(entry.box.minX >= -0.5 && entry.box.maxX <= size.width + 0.5, "\"\(entry.text)\" leaves the figure: \(entry.box)")
        }
    }
}
