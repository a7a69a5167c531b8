/// Maps a data interval linearly onto a device interval (which may be reversed, as for y).
public struct LinearScale: Hashable, Sendable {
    public var domain: (lo: Double, hi: Double) { (domainLo, domainHi) }
    let domainLo: Double
    let domainHi: Double
    let rangeLo: Double
    let rangeHi: Double

    public init(domain: (Double, Double), range: (Double, Double)) {
        domainLo = domain.0
        domainHi = domain.1
        rangeLo = range.0
        rangeHi = range.1
    }

    public func callAsFunction(_ value: Double) -> Double {
        let span = domainHi - domainLo
        guard span != 0 else { return (rangeLo + rangeHi) / 2 }
        return rangeLo + (value - domainLo) / span * (rangeHi - rangeLo)
    }

    public static func == (a: LinearScale, b: LinearScale) -> Bool {
        a.domainLo == b.domainLo && a.domainHi == b.domainHi && a.rangeLo == b.rangeLo && a.rangeHi == b.rangeHi
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(domainLo)
        hasher.combine(domainHi)
        hasher.combine(rangeLo)
        hasher.combine(rangeHi)
    }
}
