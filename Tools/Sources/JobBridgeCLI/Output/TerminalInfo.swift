import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The terminal standard output is on: its width, for tables and progress lines.
public struct TerminalInfo: Sendable, Hashable {
    /// The terminal's width in columns; 0 when it does not say.
    public var columns: Int

    /// A terminal `columns` wide.
    public init(columns: Int) { self.columns = columns }

    /// The terminal standard output (or another descriptor) is on, or `nil` when it is a
    /// pipe or a file (or `JOBBRIDGE_FORCE_TTY=<columns>` pretends otherwise, for tests of
    /// terminal output).
    public static func detect(environment: [String: String], descriptor: Int32 = STDOUT_FILENO) -> TerminalInfo? {
        if let forced = environment["JOBBRIDGE_FORCE_TTY"], let columns = Int(forced) {
            return TerminalInfo(columns: columns)
        }
        guard isatty(descriptor) == 1 else { return nil }
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return TerminalInfo(columns: Int(size.ws_col))
        }
        return TerminalInfo(columns: 0)
    }
}
