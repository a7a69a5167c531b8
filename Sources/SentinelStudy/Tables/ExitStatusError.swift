/// An error that knows the process exit status it should end `sentinel` with.
///
/// Codes follow BSD `sysexits.h`, so scripts can tell the failure classes apart:
/// - 65 `EX_DATAERR`: the input data are wrong (ragged row, label not 0/1, duplicate id...);
/// - 66 `EX_NOINPUT`: an input file is missing or unreadable;
/// - 78 `EX_CONFIG`: the study file is wrong (unknown key, unknown column, glob matching nothing...).
public protocol ExitStatusError: Error, CustomStringConvertible {
    /// The `sysexits.h` status for this failure.
    var exitCode: Int32 { get }
}

/// `sysexits.h` status values used by Sentinel.
public enum ExitStatus {
    /// `EX_DATAERR`: the input data were incorrect in some way.
    public static let dataError: Int32 = 65
    /// `EX_NOINPUT`: an input file did not exist or was not readable.
    public static let noInput: Int32 = 66
    /// `EX_CONFIG`: something was found in an unconfigured or misconfigured state.
    public static let configError: Int32 = 78
}
