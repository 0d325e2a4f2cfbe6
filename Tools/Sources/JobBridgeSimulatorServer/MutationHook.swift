import Foundation
import JobBridge

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a ``SimulatorServer`` does after a mutating request (any method but `GET`, `HEAD`
/// and `OPTIONS`, token requests excepted) has acted on a simulator and the state file
/// was written, before the answer is sent: the moment a client killed with `kill -9`
/// leaves a write done but unacknowledged.
public struct MutationHook: Sendable {
    /// Called with the request's number (1 for the first mutating request since the
    /// server started) and the request.
    public let action: @Sendable (_ number: Int, _ request: HTTPRequest) async -> Void

    /// A hook that runs `action`.
    public init(_ action: @escaping @Sendable (_ number: Int, _ request: HTTPRequest) async -> Void) {
        self.action = action
    }

    /// Sends `signal` (`SIGKILL` by default) to the process `pid` right after the
    /// `count`-th mutating request acted, before its answer is sent. Later mutating
    /// requests are answered as usual.
    public static func signal(_ signal: Int32 = SIGKILL, to pid: Int32, afterMutatingRequest count: Int) -> MutationHook
    {
        MutationHook { number, _ in
            if number == count { _ = kill(pid, signal) }
        }
    }
}

/// Counts mutating requests and runs them one at a time, so that each sees the state the
/// previous one left and the state file is written in the order the requests acted.
actor MutationGate {
    private var busy = false
    /// Waiting requests in arrival order, from `head` on (a queue without quadratic removal).
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var head = 0
    private(set) var count = 0
    private var hook: MutationHook?

    func setHook(_ hook: MutationHook?) { self.hook = hook }

    /// Waits for the gate, then returns the request's number and the hook to run.
    func enter() async -> (number: Int, hook: MutationHook?) {
        if busy {
            await withCheckedContinuation { waiters.append($0) }
        } else {
            busy = true
        }
        count += 1
        return (count, hook)
    }

    /// Lets the next request in (the gate stays busy on its behalf).
    func leave() {
        guard head < waiters.count else {
            busy = false
            waiters.removeAll(keepingCapacity: true)
            head = 0
            return
        }
        let next = waiters[head]
        head += 1
        next.resume()
    }
}
