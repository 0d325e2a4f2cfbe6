/// One page of a limit/offset listing: its elements and, when the provider reports it, the
/// total number of elements in the whole listing (Airflow's `total_entries`, OData's
/// `@odata.count`).
public struct OffsetPage<Element: Sendable>: Sendable {
    /// The page's elements, in the provider's order.
    public var elements: [Element]
    /// How many elements the whole listing holds, when the provider says; `nil` when it
    /// does not (then a page shorter than the limit is the last).
    public var total: Int?

    /// Creates a page.
    public init(_ elements: [Element], total: Int? = nil) {
        self.elements = elements
        self.total = total
    }
}

extension PagedSequence {
    /// A listing of a limit/offset API (`?limit=100&offset=200`), fetched a page at a time.
    ///
    /// `fetch` is called with the offset of the page (`0` first) and `pageSize` as the limit,
    /// and returns the page's elements with the listing's total when the provider gives
    /// one. The next page starts where the elements received end; the listing ends when the
    /// total is reached, or, without a total, at a page shorter than `pageSize`, and always
    /// at an empty page (a total that promises more than the provider sends never makes a
    /// listing that does not end). A provider that ignores the limit and sends more is
    /// followed correctly: the next offset counts what arrived.
    ///
    /// ```swift
    /// PagedSequence.offsetPaged(pageSize: 100) { offset, limit in
    ///     let page = try await client.dags(limit: limit, offset: offset)
    ///     return OffsetPage(page.dags, total: page.totalEntries)
    /// }
    /// ```
    /// The page tokens (``Page/nextToken``) are the offsets as decimal text.
    ///
    /// - Throws: (when iterated) ``JobBridgeError/Code/invalidRequest`` for a `pageSize`
    ///   below 1, or a token (passed to ``page(_:)``) that is not an offset.
    public static func offsetPaged(
        pageSize: Int,
        fetch: @escaping @Sendable (_ offset: Int, _ limit: Int) async throws -> OffsetPage<Element>
    ) -> PagedSequence {
        guard pageSize >= 1 else {
            return .failing(
                JobBridgeError(
                    .invalidRequest, "a page size must be 1 or more, not \(pageSize)", field: "pageSize",
                    outcome: .notSent))
        }
        return PagedSequence { token in
            let offset: Int
            if let token {
                guard let value = Int(token), value >= 0 else {
                    throw JobBridgeError(
                        .invalidRequest, "the page token \(ErrorText.quoted(token)) is not an offset",
                        field: "pageToken", outcome: .notSent)
                }
                offset = value
            } else {
                offset = 0
            }
            let page = try await fetch(offset, pageSize)
            return Page(page.elements, nextToken: nextOffset(after: page, at: offset, pageSize: pageSize))
        }
    }

    /// The offset of the page after `page` (read at `offset`) as a token, or `nil` when
    /// `page` is the last.
    static func nextOffset(after page: OffsetPage<Element>, at offset: Int, pageSize: Int) -> String? {
        guard !page.elements.isEmpty else { return nil }
        let (next, overflow) = offset.addingReportingOverflow(page.elements.count)
        guard !overflow else { return nil }
        if let total = page.total { return next < total ? String(next) : nil }
        return page.elements.count >= pageSize ? String(next) : nil
    }
}
