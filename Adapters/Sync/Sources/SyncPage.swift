import Foundation
import JobBridge

/// One page of a Sync listing.
///
/// v2's list format and paging are not documented. Accepted: a bare JSON array, or an
/// object whose list is in `value` (OData, as v1 answered), `items`, `data`, `results`
/// or a member named after the resource; the next page's link, when there is one, in
/// `@odata.nextLink`, `nextLink`, `next_link` or `next`.
public struct SyncPage<Element: Decodable & Sendable>: Sendable, Decodable {
    /// The elements of the page, in the server's order.
    public var elements: [Element]
    /// The link to the next page, absolute or relative to the API's base URL; `nil` on the
    /// last page.
    public var nextLink: String?

    /// Creates a page.
    public init(elements: [Element], nextLink: String? = nil) {
        self.elements = elements
        self.nextLink = nextLink
    }

    static var listKeys: [String] {
        ["value", "items", "data", "results", "jobs", "tasks", "history", "workspaces", "connections"]
    }
    static var linkKeys: [String] { ["@odata.nextLink", "odata.nextLink", "nextLink", "next_link", "next"] }

    /// Decodes a page in any of the accepted forms.
    public init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var elements: [Element] = []
            elements.reserveCapacity(list.count ?? 0)
            while !list.isAtEnd { elements.append(try list.decode(Element.self)) }
            self.init(elements: elements)
            return
        }
        let container = try decoder.container(keyedBy: SyncCodingKey.self)
        guard let listKey = Self.listKeys.lazy.map({ SyncCodingKey($0) }).first(where: { container.contains($0) })
        else {
            throw DecodingError.keyNotFound(
                SyncCodingKey("value"),
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription:
                        "expected a list: a JSON array or an object with one of \(Self.listKeys.joined(separator: ", "))"
                ))
        }
        let elements = try container.decode([Element].self, forKey: listKey)
        var link: String?
        for key in Self.linkKeys.map({ SyncCodingKey($0) }) where container.contains(key) {
            if let text = try? container.decode(String.self, forKey: key),
                !text.trimmingWhitespace().isEmpty
            {
                link = text
                break
            }
        }
        self.init(elements: elements, nextLink: link)
    }
}
