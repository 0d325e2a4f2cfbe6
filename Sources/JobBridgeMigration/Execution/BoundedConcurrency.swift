/// Runs work over a sequence with at most `limit` items in flight: a sliding window over a
/// task group, so memory holds `limit` items, not the whole sequence.
///
/// The first error thrown by `body` (a cancellation included) cancels the rest and is
/// rethrown. Per-item failures the caller wants to keep must be caught inside `body`.
func forEach<S: Sequence & Sendable>(
    _ items: S, concurrency limit: Int, _ body: @escaping @Sendable (S.Element) async throws -> Void
) async throws where S.Element: Sendable {
    try await withThrowingTaskGroup(of: Void.self) { group in
        var inFlight = 0
        for item in items {
            if inFlight >= max(limit, 1) {
                try await group.next()
                inFlight -= 1
            }
            try Task.checkCancellation()
            group.addTask { try await body(item) }
            inFlight += 1
        }
        try await group.waitForAll()
    }
}
