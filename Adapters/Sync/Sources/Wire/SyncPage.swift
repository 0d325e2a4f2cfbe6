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
    ///
    /// From ``RESTClient``'s tree decoder, a page of jobs or runs is built straight from the
    /// tree's nodes (no decoder per element); anything unusual (a list that is not an
    /// array) goes the general way, which reports it.
    public init(from decoder: any Decoder) throws {
        if let tree = JSONValue.tree(of: decoder), let readable = Element.self as? any SyncTreeReadable.Type,
            let page = try Self.page(tree, readable, decoder: decoder)
        {
            self = page
            return
        }
        if var list = try? decoder.unkeyedContainer() {
            var elements: [Element] = []
            elements.reserveCapacity(list.count ?? 0)
            while !list.isAtEnd { elements.append(try list.decode(Element.self)) }
            self.init(elements: elements)
            return
        }
        let container = try decoder.container(keyedBy: WireKey.self)
        guard let listKey = Self.listKeys.lazy.map({ WireKey($0) }).first(where: { container.contains($0) })
        else {
            throw DecodingError.keyNotFound(
                WireKey("value"),
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription:
                        "expected a list: a JSON array or an object with one of \(Self.listKeys.joined(separator: ", "))"
                ))
        }
        let elements = try container.decode([Element].self, forKey: listKey)
        var link: String?
        for key in Self.linkKeys.map({ WireKey($0) }) where container.contains(key) {
            if let text = try? container.decode(String.self, forKey: key),
                !text.trimmingWhitespace().isEmpty
            {
                link = text
                break
            }
        }
        self.init(elements: elements, nextLink: link)
    }

    /// The page read from a tree, or `nil` when its list is not an array.
    private static func page(
        _ tree: JSONValue, _ readable: any SyncTreeReadable.Type, decoder: any Decoder
    ) throws -> Self? {
        let list: [JSONValue]
        var listKey: String?
        var link: String?
        switch tree {
        case .array(let elements):
            list = elements
        case .object(let members):
            guard let key = listKeys.first(where: { members[$0] != nil }), case .array(let elements)? = members[key]
            else { return nil }
            list = elements
            listKey = key
            for key in linkKeys {
                if case .string(let text)? = members[key], !text.trimmingWhitespace().isEmpty {
                    link = text
                    break
                }
            }
        default:
            return nil
        }
        let zone = SyncDecoding.serverTimeZone(decoder)
        let base = decoder.codingPath + (listKey.map { [WireKey($0)] } ?? [])
        // One cast per page, not one per element (a cast copies the value it casts).
        guard let elements = try readable.list(of: list, codingPath: base, timeZone: zone) as? [Element] else {
            return nil
        }
        return Self(elements: elements, nextLink: link)
    }
}

/// A wire type that a page builds straight from its JSON node (see ``SyncPage/init(from:)``).
protocol SyncTreeReadable {
    /// What one element is, for messages (`a job`).
    static var what: String { get }

    init(wire: WireObject, timeZone: TimeZone) throws
}

extension SyncTreeReadable {
    /// Every node of a list read as this type (errors name the element: `value[3].id`),
    /// as an array of `Self` in an `Any`: called on an existential metatype, a `[Self]`
    /// result would box each element.
    static func list(of nodes: [JSONValue], codingPath base: [any CodingKey], timeZone: TimeZone) throws -> Any {
        var elements: [Self] = []
        elements.reserveCapacity(nodes.count)
        for (index, node) in nodes.enumerated() {
            let wire = try WireObject.element(node, what: what, listPath: base, index: index)
            elements.append(try Self(wire: wire, timeZone: timeZone))
        }
        return elements
    }
}

extension SyncJob: SyncTreeReadable {
    static var what: String { "a job" }
}

extension SyncRun: SyncTreeReadable {
    static var what: String { "a run" }
}
