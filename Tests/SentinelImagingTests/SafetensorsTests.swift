import Foundation
import SentinelImaging
import SentinelTestSupport
import XCTest

final class SafetensorsTests: XCTestCase {
    private struct Expected: Decodable {
        let shape: [Int]
        let values: [Float]  // 9 significant digits: exact Float32
    }

    func testConvertsEveryFloatTypeReadingByDataOffsets() throws {
        let file = try Safetensors(contentsOf: Fixtures.url("deep/dtypes.safetensors"))
        let expected = try Fixtures.load([String: Expected].self, "deep/dtypes.json")
        XCTAssertEqual(Set(expected.keys), ["z_f32", "a_f16", "m_bf16", "q_f64", "scalar"])
        for (key, value) in expected {
            let tensor = try file.tensor(key, shape: value.shape)
            XCTAssertEqual(tensor.values, value.values, key)  // every conversion is exact
        }
        XCTAssertEqual(try file.tensor("scalar").shape, [])
    }

    func testKeepsMetadataAndRefusesIntegerTensorsAsFloats() throws {
        let file = try Safetensors(contentsOf: Fixtures.url("deep/dtypes.safetensors"))
        XCTAssertEqual(file.metadata, ["format": "pt"])
        XCTAssertFalse(file.keys.contains("__metadata__"))
        XCTAssertEqual(file.entries["num_batches_tracked"]?.dtype, "I64")
        XCTAssertThrowsError(try file.tensor("num_batches_tracked")) { error in
            XCTAssertEqual(error as? DeepError, .unsupportedTensorType(key: "num_batches_tracked", dtype: "I64"))
            XCTAssertTrue("\(error)".contains("num_batches_tracked"))
        }
    }

    func testEncodeRoundTrips() throws {
        let tensors = ["b": FloatTensor(shape: [2, 3], values: [1, -2, 3.5, .pi, 0, -0.0]),
                       "a": FloatTensor(shape: [], values: [7]),
                       "c \"quoted\"": FloatTensor(shape: [0], values: [])]
        let data = Safetensors.encode(tensors, metadata: ["note": "x\"y"])
        let file = try Safetensors(data: data)
        XCTAssertEqual(file.metadata, ["note": "x\"y"])
        for (key, tensor) in tensors { XCTAssertEqual(try file.tensor(key), tensor) }
        XCTAssertEqual((data.count - 8) % 4, 0)
    }

    func testMissingAndMisshapedTensorsNameKeyAndShapes() throws {
        let file = try Safetensors(data: Safetensors.encode(["w": FloatTensor(shape: [2, 2], repeating: 1)]))
        XCTAssertThrowsError(try file.tensor("v", shape: [3])) { error in
            XCTAssertEqual(error as? DeepError, .missingTensor(key: "v", expectedShape: [3]))
            XCTAssertTrue("\(error)".contains("'v'") && "\(error)".contains("[3]"))
        }
        XCTAssertThrowsError(try file.tensor("w", shape: [4])) { error in
            XCTAssertEqual(error as? DeepError, .tensorShapeMismatch(key: "w", expected: [4], found: [2, 2]))
            XCTAssertTrue("\(error)".contains("[2, 2]") && "\(error)".contains("[4]"))
        }
    }

    func testMalformedContainersAreErrorsNotCrashes() {
        func header(_ json: String, payload: Int) -> Data {
            var bytes = [UInt8]()
            let h = Array(json.utf8)
            for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: UInt64(h.count) >> (8 * UInt64(i)))) }
            return Data(bytes + h + [UInt8](repeating: 0, count: payload))
        }
        let bad: [Data] = [
            Data([1, 2, 3]),                                                     // shorter than the length
            Data([255, 0, 0, 0, 0, 0, 0, 0, 123]),                                // length beyond the file
            header("[1,2]", payload: 0),                                          // not an object
            header("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,16]}}", payload: 8),  // past the end
            header("{\"t\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", payload: 8),   // size mismatch
            header("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", payload: 8),   // reversed
            header("{\"t\":{\"shape\":[2]}}", payload: 8),                        // incomplete entry
        ]
        for (i, data) in bad.enumerated() {
            XCTAssertThrowsError(try Safetensors(data: data), "case \(i)") { error in
                guard case .malformedSafetensors = error as? DeepError else {
                    return XCTFail("case \(i): unexpected \(error)")
                }
            }
        }
        XCTAssertThrowsError(try Safetensors(contentsOf: URL(fileURLWithPath: "/nonexistent/w.safetensors"))) { error in
            guard case .unreadableFile = error as? DeepError else { return XCTFail("\(error)") }
        }
    }
}
