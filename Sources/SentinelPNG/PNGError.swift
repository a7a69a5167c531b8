/// A PNG that libpng could not decode or encode; `reason` is libpng's own message.
public struct PNGError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) { self.reason = reason }

    public var description: String { "libpng: \(reason)" }
}
