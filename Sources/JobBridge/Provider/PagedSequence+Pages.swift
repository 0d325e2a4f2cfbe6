extension PagedSequence {
    /// Fetches one page by its token (`nil` for the first page; then each page's
    /// ``Page/nextToken``), for a caller that pages by hand: a screen that shows one page
    /// at a time, or the contract suite checking that a provider's pages keep the size it
    /// was given. Iterating the sequence does the same for every page, with its guards
    /// against runaway listings.
    public func page(_ token: String?) async throws -> Page<Element> {
        try await fetchPage(token)
    }
}
