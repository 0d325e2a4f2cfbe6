import Foundation
import JobBridge
import JobBridgeTesting
import Testing

/// `PagedSequence.offsetPaged`: offsets follow what arrived, the total or a short page ends
/// the listing, an empty page always does.
@Suite struct OffsetPagingTests {
    /// A fake API over `items` that records the (offset, limit) pairs asked for.
    final class API: @unchecked Sendable {
        let items: [Int]
        let reportsTotal: Bool
        let sendsAtMost: Int?
        private let lock = NSLock()
        private var asked: [[Int]] = []

        init(_ count: Int, reportsTotal: Bool = true, sendsAtMost: Int? = nil) {
            items = Array(0..<count)
            self.reportsTotal = reportsTotal
            self.sendsAtMost = sendsAtMost
        }

        var requests: [[Int]] { lock.withLock { asked } }

        func page(_ offset: Int, _ limit: Int) -> OffsetPage<Int> {
            lock.withLock { asked.append([offset, limit]) }
            let slice = Array(items.dropFirst(offset).prefix(sendsAtMost ?? limit))
            return OffsetPage(slice, total: reportsTotal ? items.count : nil)
        }
    }

    @Test func pagesFollowTheLimitUntilTheTotal() async throws {
        let api = API(7)
        let all = try await PagedSequence.offsetPaged(pageSize: 3) { api.page($0, $1) }.collect()
        #expect(all == Array(0..<7))
        #expect(api.requests == [[0, 3], [3, 3], [6, 3]])
    }

    @Test func anExactMultipleOfThePageSizeNeedsNoEmptyPageWhenTheTotalIsKnown() async throws {
        let api = API(6)
        _ = try await PagedSequence.offsetPaged(pageSize: 3) { api.page($0, $1) }.collect()
        #expect(api.requests == [[0, 3], [3, 3]])
    }

    @Test func withoutATotalAShortPageIsTheLast() async throws {
        let api = API(6, reportsTotal: false)
        let all = try await PagedSequence.offsetPaged(pageSize: 4) { api.page($0, $1) }.collect()
        #expect(all == Array(0..<6))
        #expect(api.requests == [[0, 4], [4, 4]])
    }

    @Test func aProviderThatSendsFewerThanTheLimitIsFollowedByWhatArrived() async throws {
        let api = API(5, sendsAtMost: 2)
        let all = try await PagedSequence.offsetPaged(pageSize: 10) { api.page($0, $1) }.collect()
        #expect(all == Array(0..<5))
        #expect(api.requests.map { $0[0] } == [0, 2, 4])
    }

    @Test func aTotalThatPromisesMoreThanArrivesEndsAtTheEmptyPage() async throws {
        let all = try await PagedSequence<Int>.offsetPaged(pageSize: 2) { offset, _ in
            OffsetPage(offset == 0 ? [1, 2] : [], total: 1_000)
        }.collect()
        #expect(all == [1, 2])
    }

    @Test func tokensAreOffsetsAndABadTokenOrPageSizeIsRefused() async throws {
        let api = API(5)
        let listing = PagedSequence.offsetPaged(pageSize: 2) { api.page($0, $1) }
        let first = try await listing.page(nil)
        #expect(first.elements == [0, 1])
        #expect(first.nextToken == "2")
        #expect(try await listing.page("4").elements == [4])
        await #expect(throws: JobBridgeError.self) { _ = try await listing.page("-1") }
        await #expect(throws: JobBridgeError.self) { _ = try await listing.page("two") }
        let zero = PagedSequence<Int>.offsetPaged(pageSize: 0) { _, _ in OffsetPage([1]) }
        do {
            _ = try await zero.collect()
            Issue.record("expected invalidRequest")
        } catch let error as JobBridgeError {
            #expect(error.code == .invalidRequest)
            #expect(error.field == "pageSize")
        }
    }
}
