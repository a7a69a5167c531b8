import ArgumentParser
import Foundation
import SentinelReport
import SentinelStudy

/// Runs a subcommand's job and maps every failure to a one-line message on stderr and a
/// `sysexits.h` status: 64 usage, 65 data, 66 missing input, 73 cannot create output,
/// 78 configuration (including report templates that cannot be found), 70 for an internal error.
enum CommandRunner {
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitStatusError {
            fail(error.description, code: error.exitCode)
        } catch let error as OutputError {
            fail(error.description, code: 73)
        } catch let error as ReportError {
            switch error {
            case .cannotWrite: fail(error.description, code: 73)
            case .templatesNotFound: fail(error.description, code: ExitStatus.configError)  // an installation problem
            default: fail(error.description, code: 70)
            }
        } catch let error as EvaluationError {
            fail(error.description, code: 65)
        } catch let error as CleanExit {
            throw error
        } catch let error as ExitCode {
            throw error
        } catch {
            fail("\(error)", code: 70)
        }
    }

    private static func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data("sentinel: error: \(message)\n".utf8))
        exit(code)
    }
}
