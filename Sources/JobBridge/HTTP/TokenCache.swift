import Foundation

/// Caches one access token, renews it before it expires, and makes sure that only one
/// renewal is in flight however many requests wait for it.
actor TokenCache {
    private let fetch: @Sendable () async throws -> AccessToken
    private let now: @Sendable () -> Date
    private let leeway: TimeInterval
    private var current: AccessToken?
    private var inFlight: Task<AccessToken, any Error>?
    /// How many callers are waiting for the renewal in flight (for tests).
    private(set) var waiting = 0
    /// How many times the token was fetched (for tests).
    private(set) var fetches = 0

    init(
        leeway: TimeInterval, now: @escaping @Sendable () -> Date,
        fetch: @escaping @Sendable () async throws -> AccessToken
    ) {
        self.leeway = leeway
        self.now = now
        self.fetch = fetch
    }

    /// A valid token: the cached one if it does not expire within the leeway, else a new one.
    func token() async throws -> AccessToken {
        if let current, isFresh(current) { return current }
        return try await renew()
    }

    /// Drops the cached token if it is still `used`, then returns a valid token.
    /// Returns `false` if the renewal produced the very token that was refused.
    func renewAfterRefusal(of used: String?) async throws -> Bool {
        if let current, let used, current.token.revealed != used {
            return true  // Someone renewed it since; just retry with the new one.
        }
        current = nil
        let renewed = try await renew()
        return renewed.token.revealed != used
    }

    private func isFresh(_ token: AccessToken) -> Bool {
        guard let expiresAt = token.expiresAt else { return true }
        return expiresAt.timeIntervalSince(now()) > leeway
    }

    private func renew() async throws -> AccessToken {
        waiting += 1
        defer { waiting -= 1 }
        if let inFlight {
            // Waiters get the same typed error as the caller that started the renewal.
            do { return try await inFlight.value } catch { throw Self.typed(error) }
        }
        fetches += 1
        let fetch = self.fetch
        let task = Task { try await fetch() }
        inFlight = task
        do {
            let token = try await task.value
            current = token
            inFlight = nil
            return token
        } catch {
            inFlight = nil
            throw Self.typed(error)
        }
    }

    /// The error as a ``JobBridgeError`` (cancellation stays as it is).
    private static func typed(_ error: any Error) -> any Error {
        if error is JobBridgeError || error is CancellationError { return error }
        return JobBridgeError(.unauthorized, "could not obtain an access token: \(error)")
    }
}
