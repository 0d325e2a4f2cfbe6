import Foundation
import Hummingbird
import JobBridge
import Logging
import NIOCore

/// A Hummingbird application running in a task of its own, with its port.
final class RunningServer: Sendable {
    let port: Int
    private let task: Task<Void, Never>

    private init(port: Int, task: Task<Void, Never>) {
        self.port = port
        self.task = task
    }

    /// Starts the application and returns once it listens.
    static func start(responder: SimulatorResponder, host: String, port: Int, logger: Logger) async throws
        -> RunningServer
    {
        let started = StartSignal()
        let application = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in started.succeed(channel.localAddress?.port ?? port) }, logger: logger)
        let task = Task {
            do {
                try await application.runService(gracefulShutdownSignals: [])
                started.fail(JobBridgeError(.configuration, "the simulator server stopped before it listened"))
            } catch {
                started.fail(
                    JobBridgeError(
                        .configuration, "the simulator server could not listen on \(host):\(port)", field: "port",
                        cause: JobBridgeError.Cause(error)))
            }
        }
        do {
            let port = try await started.wait()
            return RunningServer(port: port, task: task)
        } catch {
            task.cancel()
            await task.value
            throw error
        }
    }

    func stop() async {
        task.cancel()
        await task.value
    }

    func waitUntilStopped() async {
        await task.value
    }
}

/// Resumes the starter once, with the port or the failure.
private final class StartSignal: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var result: Result<Int, any Error>?
    private var waiter: CheckedContinuation<Int, any Error>?

    func succeed(_ port: Int) { finish(.success(port)) }
    func fail(_ error: any Error) { finish(.failure(error)) }

    private func finish(_ outcome: Result<Int, any Error>) {
        let waiter = lock.withLock { () -> CheckedContinuation<Int, any Error>? in
            guard result == nil else { return nil }
            result = outcome
            defer { self.waiter = nil }
            return self.waiter
        }
        waiter?.resume(with: outcome)
    }

    func wait() async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            let ready = lock.withLock { () -> Result<Int, any Error>? in
                if let result { return result }
                waiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }
}
