import Foundation
import JobBridge
import Testing

@Suite struct PagedSequenceTests {
    @Test func followsPagesUntilThereIsNoNextToken() async throws {
        let pages: [String?: Page<Int>] = [
            nil: Page([1, 2], nextToken: "a"),
            "a": Page([], nextToken: "b"),
            "b": Page([3]),
        ]
        let sequence = PagedSequence<Int> { token in
            guard let page = pages[token] else { throw JobBridgeError(.notFound, "no page \(token ?? "nil")") }
            return page
        }
        #expect(try await sequence.collect() == [1, 2, 3])
    }

    @Test func aRepeatedTokenStopsTheListing() async throws {
        let sequence = PagedSequence<Int> { _ in Page([1], nextToken: "same") }
        let error = await #expect(throws: JobBridgeError.self) { try await sequence.collect() }
        #expect(error?.code == .badResponse)
        #expect(error?.message.contains("same") == true)
    }

    @Test func endlessEmptyPagesStopTheListing() async throws {
        let sequence = PagedSequence<Int> { token in Page([], nextToken: String((Int(token ?? "0") ?? 0) + 1)) }
        let error = await #expect(throws: JobBridgeError.self) { try await sequence.collect() }
        #expect(error?.code == .badResponse)
        #expect(error?.message.contains("\(PagedSequence<Int>.maximumEmptyPagesInARow) empty pages") == true)
    }

    @Test func aFewEmptyPagesAreFollowed() async throws {
        let sequence = PagedSequence<Int> { token in
            let number = Int(token ?? "0") ?? 0
            return number < 5 ? Page([], nextToken: String(number + 1)) : Page([7])
        }
        #expect(try await sequence.collect() == [7])
    }

    @Test func anErrorEndsTheIteration() async throws {
        let sequence = PagedSequence<Int>.failing(JobBridgeError(.unauthorized, "no"))
        var iterator = sequence.makeAsyncIterator()
        await #expect(throws: JobBridgeError.self) { try await iterator.next() }
        #expect(try await iterator.next() == nil)
    }

    /// Iterating element by element gives what `collect()` gives (which takes pages whole),
    /// across empty pages; a guard that trips after some pages ends both the same way: the
    /// earlier pages' elements, then the error, then the end.
    @Test func iteratingGivesWhatCollectGives() async throws {
        let pages: [String?: Page<Int>] = [
            nil: Page([1, 2], nextToken: "a"), "a": Page([], nextToken: "b"), "b": Page([3, 4, 5], nextToken: "c"),
            "c": Page([6], nextToken: "a"),
        ]
        let sequence = PagedSequence<Int> { token in
            guard let page = pages[token] else { throw JobBridgeError(.notFound, "no page \(token ?? "nil")") }
            return page
        }
        var iterator = sequence.makeAsyncIterator()
        var seen: [Int] = []
        let error = await #expect(throws: JobBridgeError.self) {
            while let element = try await iterator.next() { seen.append(element) }
        }
        #expect(seen == [1, 2, 3, 4, 5])
        #expect(error?.message.contains("'a' twice") == true)
        #expect(try await iterator.next() == nil)
        await #expect(throws: JobBridgeError.self) { try await sequence.collect() }
    }

    @Test func aSinglePageListing() async throws {
        #expect(try await PagedSequence<String>.single { ["x", "y"] }.collect() == ["x", "y"])
    }
}
