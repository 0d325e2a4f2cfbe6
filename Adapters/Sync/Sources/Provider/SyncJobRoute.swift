import Foundation

/// What a provider has learnt about the undocumented `GET /jobs/{id}` route of its server:
/// unknown until an answer proves it, then remembered for the provider's life. Shared by
/// every copy of the provider (a class behind a lock), so concurrent reads learn it once.
final class SyncJobRoute: @unchecked Sendable {
    /// What is known of the route.
    enum State: Sendable, Equatable {
        /// Nothing yet: a `404` is confirmed through the workspace's listing.
        case unknown
        /// The server answered the route (a `2xx`): its `404` means the job does not exist.
        case present
        /// The server lacks the route (`405`, `501`, or a `404` for a job the listing has):
        /// jobs are read from the workspace's listing.
        case absent
    }

    private let lock = NSLock()
    // Guarded by `lock`.
    private var current = State.unknown

    /// What is known of the route now.
    var state: State { lock.withLock { current } }

    /// Records what an answer proved.
    func learn(_ state: State) { lock.withLock { current = state } }
}
