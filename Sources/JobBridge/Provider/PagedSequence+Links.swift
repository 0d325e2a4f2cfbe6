import Foundation

/// One page of a next-link listing: its elements and the link to the following page as the
/// provider sent it (OData's `@odata.nextLink`, a HAL `_links.next.href`, a `next` field).
public struct LinkedPage<Element: Sendable>: Sendable {
    /// The page's elements, in the provider's order.
    public var elements: [Element]
    /// The link to the next page, as sent (absolute, from the host's root, or relative to
    /// the client's base URL); `nil` or empty on the last page.
    public var nextLink: String?

    /// Creates a page.
    public init(_ elements: [Element], nextLink: String? = nil) {
        self.elements = elements
        self.nextLink = nextLink
    }
}

extension PagedSequence {
    /// A listing of an API that names the next page with a link, fetched a page at a time.
    ///
    /// `fetch` is called with `nil` for the first page (send the listing's own request), then
    /// with the URL of each next link: resolved and checked by ``RESTClient/url(forLink:field:)``
    /// (same origin, under the base path, no `..`), so that credentials are never sent
    /// elsewhere. A link that fails the check ends the listing with
    /// ``JobBridgeError/Code/badResponse`` naming `field`. The sequence's own guards apply: a
    /// link sent twice, or pages without end, stop the listing.
    ///
    /// ```swift
    /// PagedSequence.linkPaged(client: rest, field: "@odata.nextLink") { url in
    ///     let page = try await url.map { try await rest.get(ODataPage<Item>.self, url: $0) }
    ///         ?? rest.get(ODataPage<Item>.self, ["items"])
    ///     return LinkedPage(page.value, nextLink: page.nextLink)
    /// }
    /// ```
    /// The page tokens (``Page/nextToken``) are the links as sent.
    public static func linkPaged(
        client: RESTClient, field: String = "nextLink",
        fetch: @escaping @Sendable (_ next: URL?) async throws -> LinkedPage<Element>
    ) -> PagedSequence {
        PagedSequence { token in
            let url = try token.map { try client.url(forLink: $0, field: field) }
            let page = try await fetch(url)
            let link = page.nextLink?.trimmingWhitespace()
            return Page(page.elements, nextToken: link?.isEmpty == false ? link : nil)
        }
    }
}
