import Foundation

extension Duration {
    /// The duration in seconds as a floating-point number (a `TimeInterval`), fractions
    /// included: `.milliseconds(1500).inSeconds` is `1.5`.
    ///
    /// For handing a `Duration` to APIs that take seconds (`Date.addingTimeInterval`,
    /// `URLRequest.timeoutInterval`, a provider's `"timeout": 30.5` field). Precision is
    /// that of a `Double`: exact to the microsecond for durations up to a few hundred years.
    public var inSeconds: TimeInterval {
        let parts = components
        return TimeInterval(parts.seconds) + TimeInterval(parts.attoseconds) * 1e-18
    }
}
