/// Runs work over a plan's jobs with at most `limit` in flight: a sliding window over a
/// task group, so memory holds `limit` planned jobs, not the plan. Jobs `include` rejects
/// are passed over.
///
/// The first error (a bad plan line, or one thrown by `body`, a cancellation included)
/// cancels the rest and is rethrown.
func forEach(
    _ plan: PlanInput, concurrency limit: Int, where include: (PlannedJob) -> Bool = { _ in true },
    _ body: @escaping @Sendable (PlannedJob) async throws -> Void
) async throws {
    let jobs = try plan.makeIterator()
    try await withThrowingTaskGroup(of: Void.self) { group in
        var inFlight = 0
        while let job = try jobs.next() {
            guard include(job) else { continue }
            if inFlight >= max(limit, 1) {
                try await group.next()
                inFlight -= 1
            }
            try Task.checkCancellation()
            group.addTask { try await body(job) }
            inFlight += 1
        }
        try await group.waitForAll()
    }
}
