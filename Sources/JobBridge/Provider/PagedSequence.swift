/// One page of a listing: its elements and the token of the next page, if there is one.
public struct Page<Element: Sendable>: Sendable {
    /// The page's elements, in the provider's order.
    public var elements: [Element]
    /// The opaque token (a next link, an offset) of the following page; `nil` on the last.
    public var nextToken: String?

    /// Creates a page.
    public init(_ elements: [Element], nextToken: String? = nil) {
        self.elements = elements
        self.nextToken = nextToken
    }
}

/// A listing that fetches its pages as it is iterated, one request per page.
///
/// ```swift
/// for try await job in provider.jobs() { print(job.name) }
/// let all = try await provider.jobs().collect()
/// ```
/// A provider that sends the same next token twice, or empty pages with new tokens
/// without end, or new tokens without end, would make a listing that never ends; the
/// sequence stops that with ``JobBridgeError/Code/badResponse`` instead: after
/// ``maximumEmptyPagesInARow`` empty pages in a row (a few empty pages are legitimate, a
/// hundred are not), and when page ``maximumPages`` still names a next page.
///
/// The sequence checks for cancellation before it fetches each page, so cancelling the
/// task that iterates it ends the listing with `CancellationError` between two pages,
/// whatever the transport does with cancellation.
public struct PagedSequence<Element: Sendable>: AsyncSequence, Sendable {
    /// Fetches the page with the given token (`nil` for the first page).
    public typealias FetchPage = @Sendable (_ token: String?) async throws -> Page<Element>

    let fetchPage: FetchPage

    /// How many empty pages that still name a next page are followed in a row before the
    /// listing is stopped as runaway.
    public static var maximumEmptyPagesInARow: Int { 100 }

    /// How many pages one listing reads at most: 10,000. A provider whose page
    /// ``maximumPages`` still names a next page is taken to be looping (at 50 jobs a page
    /// that is half a million jobs), and the listing is stopped as runaway.
    public static var maximumPages: Int { 10_000 }

    /// Creates a listing from a function that fetches one page.
    public init(fetchPage: @escaping FetchPage) {
        self.fetchPage = fetchPage
    }

    /// A listing of one page, fetched when iteration starts.
    public static func single(_ fetch: @escaping @Sendable () async throws -> [Element]) -> PagedSequence {
        PagedSequence { _ in Page(try await fetch()) }
    }

    /// A listing that throws the error when iteration starts.
    public static func failing(_ error: any Error) -> PagedSequence {
        PagedSequence { _ in throw error }
    }

    /// Reads every page and returns all elements in order.
    ///
    /// Takes each page's elements whole (the first page's array is returned as it is when
    /// it is the only one), with the same guards as iterating, rather than handing the
    /// elements over one at a time.
    public func collect() async throws -> [Element] {
        var iterator = makeAsyncIterator()
        guard var result = try await iterator.nextPage() else { return [] }
        while let elements = try await iterator.nextPage() { result.append(contentsOf: elements) }
        return result
    }

    /// Starts an iteration.
    public func makeAsyncIterator() -> Iterator { Iterator(fetchPage: fetchPage) }

    /// Iterates a ``PagedSequence``, fetching a page when the previous one is used up.
    public struct Iterator: AsyncIteratorProtocol {
        private let fetchPage: FetchPage
        private var buffer: [Element] = []
        private var position = 0
        private var nextToken: String?
        private var seenTokens: Set<String> = []
        private var started = false
        private var finished = false
        private var emptyPagesInARow = 0
        private var pagesRead = 0

        init(fetchPage: @escaping FetchPage) { self.fetchPage = fetchPage }

        /// The next element, fetching pages as needed; `nil` after the last page.
        public mutating func next() async throws -> Element? {
            while position == buffer.count {
                guard let elements = try await nextPage() else { return nil }
                buffer = elements
                position = 0
            }
            defer { position += 1 }
            return buffer[position]
        }

        /// The elements of the next page, with the listing's guards; `nil` after the last
        /// page. Used by ``PagedSequence/collect()`` directly, and by ``next()`` when its
        /// buffer is used up.
        mutating func nextPage() async throws -> [Element]? {
            while true {
                guard !finished else { return nil }
                if started, nextToken == nil {
                    finished = true
                    return nil
                }
                let token = nextToken
                started = true
                let page: Page<Element>
                do {
                    try Task.checkCancellation()
                    page = try await fetchPage(token)
                } catch {
                    finished = true
                    throw error
                }
                pagesRead += 1
                if page.nextToken != nil, pagesRead >= PagedSequence.maximumPages {
                    finished = true
                    throw JobBridgeError(
                        .badResponse,
                        "the provider's page \(pagesRead) still names a next page; listing stopped at the cap of "
                            + "\(PagedSequence.maximumPages) pages (PagedSequence.maximumPages)")
                }
                emptyPagesInARow = page.elements.isEmpty ? emptyPagesInARow + 1 : 0
                if page.nextToken != nil, emptyPagesInARow >= PagedSequence.maximumEmptyPagesInARow {
                    finished = true
                    throw JobBridgeError(
                        .badResponse,
                        "the provider sent \(emptyPagesInARow) empty pages in a row, each naming another; listing stopped"
                    )
                }
                if let next = page.nextToken {
                    guard seenTokens.insert(next).inserted else {
                        finished = true
                        throw JobBridgeError(
                            .badResponse, "the provider sent the next-page token '\(next)' twice; listing stopped")
                    }
                }
                nextToken = page.nextToken
                if !page.elements.isEmpty { return page.elements }
            }
        }
    }
}
