import Foundation
import JobBridge
import Testing

/// Counts the pages a listing fetched; fails the fetch past a limit, so that a listing
/// that does not stop on its own ends the test instead of running for ever.
private final class PageCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    let limit: Int

    init(limit: Int) { self.limit = limit }

    var fetched: Int { lock.withLock { count } }

    func fetch() throws -> Int {
        let number = lock.withLock {
            count += 1
            return count
        }
        if number > limit { throw JobBridgeError(.transport, "fetched page \(number), past the test's limit") }
        return number
    }
}

@Suite struct PagingLimitsTests {
    @Test func anEndlessChainOfNextLinksStopsAtTheCap() async throws {
        let cap = PagedSequence<Int>.maximumPages
        #expect(cap == 10_000)
        let counter = PageCounter(limit: cap + 10)
        // Every page holds an element and names a new next page: no repeat, no empty page.
        let sequence = PagedSequence<Int> { _ in
            let number = try counter.fetch()
            return Page([number], nextToken: "page-\(number + 1)")
        }
        var iterator = sequence.makeAsyncIterator()
        var elements = 0
        let error = await #expect(throws: JobBridgeError.self) {
            while try await iterator.next() != nil { elements += 1 }
        }
        #expect(error?.code == .badResponse)
        #expect(error?.message.contains("10000 pages") == true)
        #expect(counter.fetched == cap)
        #expect(elements == cap - 1)
        #expect(try await iterator.next() == nil)  // and it stays ended
    }

    @Test func aListingOfExactlyTheCapEnds() async throws {
        let cap = PagedSequence<Int>.maximumPages
        let counter = PageCounter(limit: cap)
        let sequence = PagedSequence<Int> { _ in
            let number = try counter.fetch()
            return Page([number], nextToken: number < cap ? "page-\(number + 1)" : nil)
        }
        #expect(try await sequence.collect().count == cap)
    }

    @Test func cancellationIsCheckedBetweenPages() async throws {
        let counter = PageCounter(limit: 5)
        // A transport that ignores cancellation: the fetch itself never checks it. The
        // first fetch cancels the task that iterates (as a caller's cancel would, mid-page).
        let sequence = PagedSequence<Int> { _ in
            let number = try counter.fetch()
            if number == 1 { withUnsafeCurrentTask { $0?.cancel() } }
            return Page([number], nextToken: "page-\(number + 1)")
        }
        let listing = Task { try await sequence.collect() }
        let result = await listing.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(counter.fetched == 1)
    }
}
