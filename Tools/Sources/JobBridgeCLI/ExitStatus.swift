/// What the `jobbridge` tool's exit code says: the contract scripts rely on.
///
/// | code | meaning |
/// |---|---|
/// | 0 | done: everything asked for was done |
/// | 1 | failed: nothing useful was done (a provider refused, a run failed) |
/// | 2 | usage: a bad command line or configuration file; nothing was sent |
/// | 3 | partly done: some of it was done (a provider failed beside others, a job was blocked) |
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Everything asked for was done.
    case done = 0
    /// The command failed.
    case failed = 1
    /// The command line or the configuration is wrong; nothing was sent to any provider.
    case usage = 2
    /// Part of the work was done: a provider failed while others answered, or a job was blocked.
    case partlyDone = 3
}

/// Ends a command with an exit status, after the command has printed what it had to say.
///
/// Thrown by commands; ``JobBridgeTool/run(_:context:)`` turns it into the exit code and
/// prints ``message`` (one line, to standard error) when there is one.
public struct ToolExit: Error, Sendable, CustomStringConvertible {
    /// The exit status.
    public var status: ExitStatus
    /// What to print on standard error, one line; `nil` when the command already said it.
    public var message: String?

    /// Creates an exit with a status and, optionally, a one-line message.
    public init(_ status: ExitStatus, _ message: String? = nil) {
        self.status = status
        self.message = message
    }

    /// The message, or the status's name.
    public var description: String { message ?? "exit \(status.rawValue)" }

    /// A usage error: a bad argument or option value, detected before anything was sent.
    public static func usage(_ message: String) -> ToolExit { ToolExit(.usage, message) }
}
